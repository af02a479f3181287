import GraphQLLanguage

/// Spec 5.3.2 Field Selection Merging: fields with the same response key in one selection set
/// must be mergeable. A close port of graphql-js's algorithm, including its caches, so conflicts
/// are found, ordered and worded the same way.
public let overlappingFieldsCanBeMergedRule = ValidationRule(name: "OverlappingFieldsCanBeMergedRule") { OverlappingFieldsCanBeMerged($0) }

private final class OverlappingFieldsCanBeMerged: ValidationVisitor {
    let context: ValidationContext
    var finder: ConflictFinder
    init(_ context: ValidationContext) {
        self.context = context
        finder = ConflictFinder(context: context)
    }

    func enterSelectionSet(_ selectionSet: SelectionSet) {
        guard finder.comparisons < ConflictFinder.maxComparisons, finder.fragmentPairs < ConflictFinder.maxFragmentPairs else { return }
        // Errors past the limit are dropped: no need to find them (a selection set of 3,000 fields,
        // half of them conflicting with the other half, ran for minutes finding 2.25 million).
        finder.budget = context.maxErrors.addingClamped(1) - context.errors.count
        for conflict in finder.conflictsWithin(context.parentType, selectionSet) {
            context.report("Fields \"\(conflict.reason.responseName)\" conflict because \(conflict.reason.message). Use different aliases on the fields to fetch both if this was intentional.",
                           (conflict.fields1 + conflict.fields2).map(\.range))
        }
        if finder.comparisons >= ConflictFinder.maxComparisons {
            context.report("The document has too many fields under one name to check that they can be merged (more than \(ConflictFinder.maxComparisons) pairs).",
                           [selectionSet.range], code: "MAX_COMPLEXITY_EXCEEDED")
        } else if finder.fragmentPairs >= ConflictFinder.maxFragmentPairs {
            context.report("The document spreads too many fragments side by side to check that their fields can be merged (more than \(ConflictFinder.maxFragmentPairs) pairs of fragments).",
                           [selectionSet.range], code: "MAX_COMPLEXITY_EXCEEDED")
        }
    }
}

/// Why two fields conflict: a sentence, or the conflicts of their subfields.
indirect enum ConflictReason {
    case message(String)
    case subfields([(String, ConflictReason)])

    var text: String {
        switch self {
        case .message(let message): message
        case .subfields(let reasons):
            reasons.map { "subfields \"\($0.0)\" conflict because \($0.1.text)" }.joined(separator: " and ")
        }
    }
}

struct Conflict {
    var reason: (responseName: String, message: String)
    var nested: ConflictReason
    var fields1: [Field]
    var fields2: [Field]
}

/// A field as collected for comparison: its parent type, node and definition.
private struct FieldAndDefinition {
    var parentType: String?
    var node: Field
    var definition: FieldDefinition?
}

/// Fields by response key, remembering which selection set they came from (graphql-js compares
/// these maps by identity to skip a fragment compared with itself).
private struct FieldMap: Sequence {
    var origin: SourceRange.Key
    /// By response key: a selection set of thousands of aliases was quadratic when each was
    /// looked for in a list.
    private var groups = OrderedGroups<FieldAndDefinition>()

    init(origin: SourceRange.Key) { self.origin = origin }

    func makeIterator() -> IndexingIterator<[(key: String, values: [FieldAndDefinition])]> { groups.groups.makeIterator() }
    func fields(_ key: String) -> [FieldAndDefinition]? { groups.values(for: key) }
    mutating func add(_ key: String, _ field: FieldAndDefinition) { groups.append(field, to: key) }
}

struct ConflictFinder {
    let context: ValidationContext
    private var cache: [SourceRange.Key: (FieldMap, [String])] = [:]
    /// How many conflicts are worth finding for the selection set at hand.
    var budget = Int.max
    /// Pairs of fields compared so far in the document. Distinct fields under one response key are
    /// compared pairwise, as graphql-js does: 2,200 variants of one field (`a: articles { xN:
    /// totalCount }`, within the token limit) took 2.5 s. Past `maxComparisons` (about a tenth of
    /// a second) the document is refused instead.
    private(set) var comparisons = 0
    static let maxComparisons = 200_000
    /// A number for each distinct field on a parent type (see `kinds`), and each field node's
    /// number once found (a fragment's fields are compared again and again).
    private var kindNumbers: [String: Int] = [:]
    private var nodeKinds: [NodeKindKey: Int] = [:]
    /// A number for each distinct selection set, as written (see `shape`), and each set's number.
    private var shapeNumbers: [String: Int] = [:]
    private var setShapes: [SourceRange.Key: Int] = [:]

    private struct NodeKindKey: Hashable {
        var node: SourceRange.Key
        var parentType: String?
    }
    /// Fragment pairs already compared (by `fragmentNumbers`), and whether that comparison was
    /// mutually exclusive.
    private var comparedPairs: [UInt64: Bool] = [:]
    private var fragmentNumbers: [String: UInt64] = [:]
    /// Pairs of fragments compared so far in the document. Every fragment spread in a selection set
    /// is compared with every other, as graphql-js does, even when their fields are alike and no
    /// pair of fields needs comparing: 1,500 fragments of `__typename` spread side by side (30 KB,
    /// within the token limit) took 2.3–2.7 s, holding the event loop. Past `maxFragmentPairs`
    /// the document is refused instead.
    private(set) var fragmentPairs = 0
    static let maxFragmentPairs = 200_000

    init(context: ValidationContext) { self.context = context }

    private var schema: Schema? { context.schema }

    mutating func conflictsWithin(_ parentType: String?, _ selectionSet: SelectionSet) -> [Conflict] {
        var conflicts: [Conflict] = []
        let (fieldMap, fragmentNames) = fieldsAndFragmentNames(parentType, selectionSet)
        collectWithin(&conflicts, fieldMap)
        for (index, name) in fragmentNames.enumerated() {
            collectBetweenFieldsAndFragment(&conflicts, false, fieldMap, name)
            for other in fragmentNames[(index + 1)...] {
                collectBetweenFragments(&conflicts, false, name, other)
            }
        }
        return conflicts
    }

    // MARK: Pair memo (graphql-js PairSet)

    /// The pair, in either order, as one number (of the two names' numbers in order of first use).
    private mutating func pairKey(_ a: String, _ b: String) -> UInt64 {
        func number(_ name: String) -> UInt64 {
            if let known = fragmentNumbers[name] { return known }
            let next = UInt64(fragmentNumbers.count)
            fragmentNumbers[name] = next
            return next
        }
        let (x, y) = (number(a), number(b))
        return min(x, y) << 32 | max(x, y)
    }

    private mutating func hasPair(_ a: String, _ b: String, _ mutuallyExclusive: Bool) -> Bool {
        guard let stored = comparedPairs[pairKey(a, b)] else { return false }
        return mutuallyExclusive ? true : stored == mutuallyExclusive
    }

    private mutating func addPair(_ a: String, _ b: String, _ mutuallyExclusive: Bool) {
        fragmentPairs += 1
        comparedPairs[pairKey(a, b)] = mutuallyExclusive
    }

    // MARK: Collection

    private mutating func collectBetweenFieldsAndFragment(_ conflicts: inout [Conflict], _ exclusive: Bool, _ fieldMap: FieldMap,
                                                          _ fragmentName: String) {
        guard let fragment = context.fragments[fragmentName] else { return }
        let (fieldMap2, referenced) = referencedFieldsAndFragmentNames(fragment)
        if fieldMap.origin == fieldMap2.origin { return }
        collectBetween(&conflicts, exclusive, fieldMap, fieldMap2)
        for name in referenced {
            if fragmentPairs >= Self.maxFragmentPairs { return }
            if hasPair(name, fragmentName, exclusive) { continue }
            addPair(name, fragmentName, exclusive)
            collectBetweenFieldsAndFragment(&conflicts, exclusive, fieldMap, name)
        }
    }

    private mutating func collectBetweenFragments(_ conflicts: inout [Conflict], _ exclusive: Bool, _ name1: String, _ name2: String) {
        if name1 == name2 || fragmentPairs >= Self.maxFragmentPairs || hasPair(name1, name2, exclusive) { return }
        addPair(name1, name2, exclusive)
        guard let fragment1 = context.fragments[name1], let fragment2 = context.fragments[name2] else { return }
        let (fieldMap1, referenced1) = referencedFieldsAndFragmentNames(fragment1)
        let (fieldMap2, referenced2) = referencedFieldsAndFragmentNames(fragment2)
        collectBetween(&conflicts, exclusive, fieldMap1, fieldMap2)
        for name in referenced2 { collectBetweenFragments(&conflicts, exclusive, name1, name) }
        for name in referenced1 { collectBetweenFragments(&conflicts, exclusive, name, name2) }
    }

    private mutating func conflictsBetweenSubSelections(_ exclusive: Bool, _ type1: String?, _ set1: SelectionSet,
                                                        _ type2: String?, _ set2: SelectionSet) -> [Conflict] {
        var conflicts: [Conflict] = []
        let (fieldMap1, names1) = fieldsAndFragmentNames(type1, set1)
        let (fieldMap2, names2) = fieldsAndFragmentNames(type2, set2)
        collectBetween(&conflicts, exclusive, fieldMap1, fieldMap2)
        for name in names2 { collectBetweenFieldsAndFragment(&conflicts, exclusive, fieldMap1, name) }
        for name in names1 { collectBetweenFieldsAndFragment(&conflicts, exclusive, fieldMap2, name) }
        for name1 in names1 {
            for name2 in names2 { collectBetweenFragments(&conflicts, exclusive, name1, name2) }
        }
        return conflicts
    }

    /// Fields written alike on the same parent type: the same alias, name, arguments, directives
    /// and subselections, so two of one kind never conflict and are not compared (6,600 copies of
    /// one field took 3 s to compare pairwise).
    private mutating func kinds(_ fields: [FieldAndDefinition]) -> [Int] {
        fields.map { field in
            let key = NodeKindKey(node: field.node.range.key, parentType: field.parentType)
            if let known = nodeKinds[key] { return known }
            let written = (field.parentType ?? "") + "\u{0}" + shape(field.node)
            let kind = kindNumbers[written] ?? kindNumbers.count
            kindNumbers[written] = kind
            nodeKinds[key] = kind
            return kind
        }
    }

    /// A field as written, with its subselection as the number of its shape: built from the
    /// numbers of the sets below, each set once, so the text stays short however deep the field
    /// goes. (Printing each field whole, at every level of two 250-deep fields that differed only
    /// at the bottom, was 29 s of validation for a 6 KB document.)
    private mutating func shape(_ field: Field) -> String {
        var text = (field.alias?.value ?? "") + ":" + field.name.value + Self.written(field.arguments) + Self.written(field.directives)
        if let selectionSet = field.selectionSet { text += "{\(shape(selectionSet))}" }
        return text
    }

    private mutating func shape(_ selectionSet: SelectionSet) -> Int {
        if let known = setShapes[selectionSet.range.key] { return known }
        var parts: [String] = []
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field): parts.append(shape(field))
            case .fragmentSpread(let spread): parts.append("..." + spread.name.value + Self.written(spread.directives))
            case .inlineFragment(let inline):
                parts.append("...on " + (inline.typeCondition?.value ?? "") + Self.written(inline.directives) + "{\(shape(inline.selectionSet))}")
            }
        }
        let written = parts.joined(separator: "\u{1}")
        let number = shapeNumbers[written] ?? shapeNumbers.count
        shapeNumbers[written] = number
        setShapes[selectionSet.range.key] = number
        return number
    }

    private static func written(_ arguments: NodeList<Argument>) -> String {
        arguments.isEmpty ? "" : "(" + arguments.map { $0.name.value + ":" + Printer.print($0.value) }.joined(separator: ",") + ")"
    }

    private static func written(_ directives: NodeList<Directive>) -> String {
        directives.map { "@" + $0.name.value + written($0.arguments) }.joined()
    }

    private mutating func collectWithin(_ conflicts: inout [Conflict], _ fieldMap: FieldMap) {
        for (key, fields) in fieldMap where fields.count > 1 {
            let kind = kinds(fields)
            for i in 0..<fields.count {
                for j in (i + 1)..<fields.count where kind[i] != kind[j] {
                    guard conflicts.count < budget, comparisons < Self.maxComparisons else { return }
                    if let conflict = findConflict(false, key, fields[i], fields[j]) { conflicts.append(conflict) }
                }
            }
        }
    }

    private mutating func collectBetween(_ conflicts: inout [Conflict], _ exclusive: Bool, _ map1: FieldMap, _ map2: FieldMap) {
        for (key, fields1) in map1 {
            guard let fields2 = map2.fields(key) else { continue }
            let (kind1, kind2) = (kinds(fields1), kinds(fields2))
            for (i, field1) in fields1.enumerated() {
                for (j, field2) in fields2.enumerated() where kind1[i] != kind2[j] {
                    guard conflicts.count < budget, comparisons < Self.maxComparisons else { return }
                    if let conflict = findConflict(exclusive, key, field1, field2) { conflicts.append(conflict) }
                }
            }
        }
    }

    private mutating func findConflict(_ parentsExclusive: Bool, _ key: String, _ field1: FieldAndDefinition,
                                       _ field2: FieldAndDefinition) -> Conflict? {
        comparisons += 1
        let exclusive = parentsExclusive
            || (field1.parentType != field2.parentType && isObjectType(field1.parentType) && isObjectType(field2.parentType))
        let node1 = field1.node, node2 = field2.node
        if !exclusive {
            if node1.name.value != node2.name.value {
                return Conflict(reason: (key, "\"\(node1.name.value)\" and \"\(node2.name.value)\" are different fields"),
                                nested: .message(""), fields1: [node1], fields2: [node2])
            }
            if !sameArguments(node1.arguments, node2.arguments) {
                return Conflict(reason: (key, "they have differing arguments"), nested: .message(""), fields1: [node1], fields2: [node2])
            }
        }
        let type1 = field1.definition?.type, type2 = field2.definition?.type
        if let type1, let type2, typesConflict(type1, type2) {
            return Conflict(reason: (key, "they return conflicting types \"\(type1)\" and \"\(type2)\""), nested: .message(""),
                            fields1: [node1], fields2: [node2])
        }
        if let set1 = node1.selectionSet, let set2 = node2.selectionSet {
            let subConflicts = conflictsBetweenSubSelections(exclusive, type1?.namedType, set1, type2?.namedType, set2)
            guard !subConflicts.isEmpty else { return nil }
            let reason = ConflictReason.subfields(subConflicts.map { ($0.reason.responseName, $0.nestedReason) })
            return Conflict(reason: (key, reason.text), nested: reason,
                            fields1: [node1] + subConflicts.flatMap(\.fields1), fields2: [node2] + subConflicts.flatMap(\.fields2))
        }
        return nil
    }

    private func isObjectType(_ name: String?) -> Bool {
        name.flatMap { schema?.type($0)?.kind == .OBJECT } ?? false
    }

    private func typesConflict(_ type1: TypeRef, _ type2: TypeRef) -> Bool {
        switch (type1, type2) {
        case (.list(let a), .list(let b)): return typesConflict(a, b)
        case (.list, _), (_, .list): return true
        case (.nonNull(let a), .nonNull(let b)): return typesConflict(a, b)
        case (.nonNull, _), (_, .nonNull): return true
        case (.named(let a), .named(let b)):
            let isLeaf = { (name: String) in schema?.type(name)?.isLeaf ?? false }
            return (isLeaf(a) || isLeaf(b)) && a != b
        }
    }

    /// Same arguments, compared as printed values with object fields sorted.
    private func sameArguments(_ args1: NodeList<Argument>, _ args2: NodeList<Argument>) -> Bool {
        if args1.isEmpty { return args2.isEmpty }
        guard args1.count == args2.count else { return false }
        return args1.allSatisfy { argument in
            guard let other = args2.first(where: { $0.name.value == argument.name.value }) else { return false }
            return Printer.print(Self.sorted(argument.value)) == Printer.print(Self.sorted(other.value))
        }
    }

    private static func sorted(_ value: Value) -> Value {
        switch value {
        case .list(let values, let range): .list(values.map(sorted), range)
        case .object(let fields, let range):
            .object(fields.map { ObjectField(name: $0.name, value: sorted($0.value), range: $0.range) }
                .sorted { Suggestions.naturalLess($0.name.value, $1.name.value) }, range)
        default: value
        }
    }

    // MARK: Field maps

    private mutating func fieldsAndFragmentNames(_ parentType: String?, _ selectionSet: SelectionSet) -> (FieldMap, [String]) {
        if let cached = cache[selectionSet.range.key] { return cached }
        var fieldMap = FieldMap(origin: selectionSet.range.key)
        var fragmentNames: [String] = []
        var seen: Set<String> = []
        collectFields(parentType, selectionSet, &fieldMap, &fragmentNames, &seen)
        cache[selectionSet.range.key] = (fieldMap, fragmentNames)
        return (fieldMap, fragmentNames)
    }

    private mutating func referencedFieldsAndFragmentNames(_ fragment: FragmentDefinition) -> (FieldMap, [String]) {
        if let cached = cache[fragment.selectionSet.range.key] { return cached }
        let type = schema?.type(fragment.typeCondition.value) != nil ? fragment.typeCondition.value : nil
        return fieldsAndFragmentNames(type, fragment.selectionSet)
    }

    /// `fragmentNames`: each spread's name once, in order (`seen` holds them for the look-up: 1,500
    /// spreads looked for in a list took a few million string comparisons).
    private func collectFields(_ parentType: String?, _ selectionSet: SelectionSet, _ fieldMap: inout FieldMap,
                               _ fragmentNames: inout [String], _ seen: inout Set<String>) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let parent = parentType.flatMap { schema?.type($0) }
                let definition = parent.flatMap { $0.kind == .OBJECT || $0.kind == .INTERFACE ? $0.field(field.name.value) : nil }
                let entry = FieldAndDefinition(parentType: parentType, node: field, definition: definition)
                fieldMap.add(field.responseKey, entry)
            case .fragmentSpread(let spread):
                if seen.insert(spread.name.value).inserted { fragmentNames.append(spread.name.value) }
            case .inlineFragment(let inline):
                let type = inline.typeCondition.map { schema?.type($0.value) != nil ? $0.value : nil } ?? parentType
                collectFields(type, inline.selectionSet, &fieldMap, &fragmentNames, &seen)
            }
        }
    }
}

extension Conflict {
    var nestedReason: ConflictReason {
        if case .subfields = nested { return nested }
        return .message(reason.message)
    }
}
