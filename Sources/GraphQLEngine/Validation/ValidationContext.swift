public import GraphQLLanguage

/// A variable used somewhere in an operation, with the type and default expected where it stands.
public struct VariableUsage {
    public var name: Name
    public var type: TypeRef?
    /// Whether the location (argument or input field) has a default value.
    public var locationHasDefault: Bool
}

/// What rules share during one validation: the schema, the document, reported errors and the
/// type information at the node being visited (graphql-js `ValidationContext` with `TypeInfo`).
public final class ValidationContext {
    public let schema: Schema?
    public let document: Document
    public let source: Source
    public private(set) var errors: [GraphQLError] = []
    let maxErrors: Int

    // Type information, kept current by the walker.
    var typeStack: [TypeRef?] = []
    var parentTypeStack: [String?] = []
    var inputTypeStack: [TypeRef?] = []
    var fieldDefinitionStack: [FieldDefinition?] = []
    var defaultValueStack: [Bool] = []
    /// The directive being visited, if the schema knows it.
    public internal(set) var directive: DirectiveDefinition?
    /// The argument being visited, if known.
    public internal(set) var argument: InputValueDefinition?

    public let fragments: [String: FragmentDefinition]

    /// The schema's directives, or the specified ones when validating SDL on its own.
    public var knownDirectives: [DirectiveDefinition] { schema?.directives ?? BuiltIns.specifiedDirectives }
    private var spreadsCache: [SourceRange.Key: [FragmentSpread]] = [:]
    private var usagesCache: [String: [VariableUsage]] = [:]
    /// Each fragment's own variable usages, by name: the same for every operation that reaches it.
    private var fragmentUsages: [String: [VariableUsage]] = [:]

    init(schema: Schema?, document: Document, source: Source, maxErrors: Int,
         fragments: [String: FragmentDefinition]? = nil) {
        self.schema = schema
        self.document = document
        self.source = source
        self.maxErrors = maxErrors
        self.fragments = fragments ?? document.fragmentsByName
    }

    /// Records an error at the given nodes' positions; none past the one beyond `maxErrors`, which
    /// stops the walk (graphql-js aborts there too, and says so in one more error).
    public func report(_ message: String, _ ranges: [SourceRange], code: String? = nil) {
        guard !isAborted else { return }
        errors.append(GraphQLError(message, ranges: ranges, in: source, code: code))
    }

    /// Whether the walk goes no further: more errors were found than are reported (it used to
    /// visit the whole document: 15,000 unknown fields made 15,000 errors to keep 100), or the
    /// task validating was cancelled (its request's time ran out; the result is not kept).
    var isAborted: Bool { errors.count > maxErrors || Task.isCancelled }

    // MARK: Type information

    /// The output type of the current field or selection, when known.
    public var type: TypeRef? { typeStack.last ?? nil }
    /// The composite type whose selection set is being visited.
    public var parentType: String? { parentTypeStack.last ?? nil }
    /// The expected type of the current value.
    public var inputType: TypeRef? { inputTypeStack.last ?? nil }
    /// The expected type of the value enclosing the current one.
    public var parentInputType: TypeRef? { inputTypeStack.count >= 2 ? inputTypeStack[inputTypeStack.count - 2] : nil }
    public var fieldDefinition: FieldDefinition? { fieldDefinitionStack.last ?? nil }

    // MARK: Fragments and variables

    /// Fragment spreads directly inside a selection set (not inside spread fragments).
    public func fragmentSpreads(_ selectionSet: SelectionSet) -> [FragmentSpread] {
        if let cached = spreadsCache[selectionSet.range.key] { return cached }
        var spreads: [FragmentSpread] = []
        var pending = [selectionSet]
        while let set = pending.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .inlineFragment(let inline): pending.append(inline.selectionSet)
                case .field(let field): if let inner = field.selectionSet { pending.append(inner) }
                }
            }
        }
        spreadsCache[selectionSet.range.key] = spreads
        return spreads
    }

    /// Fragments reachable from an operation through spreads, each once, in discovery order.
    public func recursivelyReferencedFragments(_ operation: OperationDefinition) -> [FragmentDefinition] {
        var result: [FragmentDefinition] = []
        var seen = Set<String>()
        var pending = [operation.selectionSet]
        while let set = pending.popLast() {
            for spread in fragmentSpreads(set) where seen.insert(spread.name.value).inserted {
                if let fragment = fragments[spread.name.value] {
                    result.append(fragment)
                    pending.append(fragment.selectionSet)
                }
            }
        }
        return result
    }

    /// Every variable used in an operation and the fragments it reaches, with the expected types.
    public func recursiveVariableUsages(_ operation: OperationDefinition) -> [VariableUsage] {
        let key = "\(operation.range.start)"
        if let cached = usagesCache[key] { return cached }
        var usages = variableUsages(.operation(operation))
        for fragment in recursivelyReferencedFragments(operation) {
            if let known = fragmentUsages[fragment.name.value] {
                usages += known
            } else {
                let found = variableUsages(.fragment(fragment))
                fragmentUsages[fragment.name.value] = found
                usages += found
            }
        }
        usagesCache[key] = usages
        return usages
    }

    /// Variables used inside one operation or fragment (not in variable definitions). The walk's
    /// context shares this one's fragments: finding them again for each of 1,500 fragments was
    /// 2.25 million steps of one validation.
    public func variableUsages(_ definition: Definition) -> [VariableUsage] {
        let context = ValidationContext(schema: schema, document: document, source: source, maxErrors: .max, fragments: fragments)
        let collector = UsageCollector(context: context)
        var walker = Walker(context: context, visitors: [collector])
        walker.skipsVariableDefinitions = true
        walker.walk(definition)
        return collector.usages
    }
}

/// Collects variable usages with the input type expected where each stands.
private final class UsageCollector: ValidationVisitor {
    let context: ValidationContext
    var usages: [VariableUsage] = []

    init(context: ValidationContext) { self.context = context }

    func enterVariable(_ name: Name) {
        usages.append(VariableUsage(name: name, type: context.inputType,
                                    locationHasDefault: context.defaultValueStack.last ?? false))
    }
}

/// Names that occur more than once, each with every place it occurs, in first-occurrence order
/// (graphql-js `groupBy` followed by a count check).
func repeatedNames(_ occurrences: [(name: String, range: SourceRange)]) -> [(name: String, ranges: [SourceRange])] {
    var groups: [(name: String, ranges: [SourceRange])] = []
    var index: [String: Int] = [:]
    for occurrence in occurrences {
        if let position = index[occurrence.name] {
            groups[position].ranges.append(occurrence.range)
        } else {
            index[occurrence.name] = groups.count
            groups.append((occurrence.name, [occurrence.range]))
        }
    }
    return groups.filter { $0.ranges.count > 1 }
}

extension SourceRange {
    /// A hashable identity for caches: positions, unlike `==` on ranges, which ignores them.
    struct Key: Hashable { var start: Int; var end: Int }
    var key: Key { Key(start: start, end: end) }
}

extension Document {
    /// The document's fragments by name (the first of a name, should there be two: validation
    /// reports that).
    var fragmentsByName: [String: FragmentDefinition] {
        var fragments: [String: FragmentDefinition] = [:]
        for case .fragment(let fragment) in definitions where fragments[fragment.name.value] == nil {
            fragments[fragment.name.value] = fragment
        }
        return fragments
    }
}
