import GraphQLLanguage
import Synchronization

/// CollectFields (spec 6.3.2): the fields a selection set selects on an object type, grouped by
/// response key in order, following fragments and honouring `@skip` and `@include`. One per
/// execution, behind one reference: every level and every `ResolveInfo` of the execution shares
/// it (as a struct, each copy retained the schema's and the document's storage anew).
final class FieldCollector: Sendable {
    let schema: Schema
    let fragments: [String: FragmentDefinition]
    let variables: [String: ConstValue]
    /// Earlier collections of the same document, when it keeps them.
    let kept: ExecutionMemo?

    init(schema: Schema, fragments: [String: FragmentDefinition], variables: [String: ConstValue], kept: ExecutionMemo? = nil) {
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.kept = kept
    }

    func collect(_ objectType: String, _ selectionSet: SelectionSet) -> [(key: String, fields: [Field])] {
        collect(objectType, [selectionSet])
    }

    func collect(_ objectType: String, _ selectionSets: [SelectionSet]) -> [(key: String, fields: [Field])] {
        guard let kept else { return collectAnew(objectType, selectionSets) }
        return kept.collection(objectType, selectionSets) { collectAnew(objectType, selectionSets) }
    }

    /// The names of the fields `collect` finds.
    func names(_ objectType: String, _ selectionSets: [SelectionSet]) -> Set<String> {
        func collectNames() -> Set<String> { Set(collect(objectType, selectionSets).flatMap { $0.fields.map(\.name.value) }) }
        guard let kept else { return collectNames() }
        return kept.names(objectType, selectionSets, collectNames)
    }

    private func collectAnew(_ objectType: String, _ selectionSets: [SelectionSet]) -> [(key: String, fields: [Field])] {
        var grouped = OrderedGroups<Field>()
        var visited = Set<String>()
        for selectionSet in selectionSets {
            collect(objectType, selectionSet, into: &grouped, visited: &visited)
        }
        return grouped.groups.map { ($0.key, $0.values) }
    }

    private func collect(_ objectType: String, _ selectionSet: SelectionSet, into grouped: inout OrderedGroups<Field>,
                         visited: inout Set<String>) {
        for selection in selectionSet.selections {
            guard isIncluded(selection.directives) else { continue }
            switch selection {
            case .field(let field):
                grouped.append(field, to: field.responseKey)
            case .inlineFragment(let inline):
                guard conditionMatches(inline.typeCondition?.value, objectType) else { continue }
                collect(objectType, inline.selectionSet, into: &grouped, visited: &visited)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visited.contains(name) else { continue }
                visited.insert(name)
                guard let fragment = fragments[name], conditionMatches(fragment.typeCondition.value, objectType) else { continue }
                collect(objectType, fragment.selectionSet, into: &grouped, visited: &visited)
            }
        }
    }

    private func conditionMatches(_ condition: String?, _ objectType: String) -> Bool {
        guard let condition else { return true }
        if condition == objectType { return true }
        guard let type = schema.type(condition), type.isAbstract else { return false }
        return schema.isSubType(condition, objectType)
    }

    /// `@skip(if: true)` leaves a selection out, `@include(if: false)` too.
    func isIncluded(_ directives: NodeList<Directive>) -> Bool {
        for directive in directives where directive.name.value == "skip" || directive.name.value == "include" {
            guard let argument = directive.arguments.first(where: { $0.name.value == "if" }) else { continue }
            let value: Bool? = switch argument.value {
            case .boolean(let flag, _): flag
            case .variable(let name): if case .bool(let flag)? = variables[name.value] { flag } else { nil }
            default: nil
            }
            if directive.name.value == "skip", value == true { return false }
            if directive.name.value == "include", value == false { return false }
        }
        return true
    }
}

/// What executions of one prepared document work out that its later executions can reuse: a
/// cached document runs again and again, and collecting the same selection sets on the same types
/// gave the same fields each time (a tenth of an article page's execution went there), the same
/// names of selected fields, the same field plans. All of it depends on the variables only through
/// a `@skip` or `@include` whose `if` is a variable; a document with one keeps nothing.
final class ExecutionMemo: Sendable {
    /// An object type and the selection sets collected on it, each named by where it starts in the
    /// document (one set almost always, so `others` stays an empty array: no allocation).
    private struct Key: Hashable {
        var type: String
        var first: Int
        var others: [Int]
    }

    private let collections = Mutex<[Key: [(key: String, fields: [Field])]]>([:])
    private let nameSets = Mutex<[Key: Set<String>]>([:])
    private let fieldPlans = Mutex<[Key: [FieldPlan]]>([:])
    private let keeps: Bool

    init(_ document: Document) {
        var selectionSets: [SelectionSet] = []
        for definition in document.definitions {
            switch definition {
            case .operation(let operation): selectionSets.append(operation.selectionSet)
            case .fragment(let fragment): selectionSets.append(fragment.selectionSet)
            default: break
            }
        }
        var variable = false
        while let set = selectionSets.popLast(), !variable {
            for selection in set.selections {
                let directives: NodeList<Directive>
                switch selection {
                case .field(let field):
                    directives = field.directives
                    if let inner = field.selectionSet { selectionSets.append(inner) }
                case .inlineFragment(let inline):
                    directives = inline.directives
                    selectionSets.append(inline.selectionSet)
                case .fragmentSpread(let spread):
                    directives = spread.directives
                }
                variable = variable || directives.contains { directive in
                    ["skip", "include"].contains(directive.name.value)
                        && directive.arguments.contains { ValueConversion.mentionsVariable($0.value) }
                }
            }
        }
        keeps = !variable
    }

    func collection(_ type: String, _ selectionSets: [SelectionSet],
                    _ collect: () -> [(key: String, fields: [Field])]) -> [(key: String, fields: [Field])] {
        kept(in: collections, type, selectionSets, collect)
    }

    /// The names of the fields a collection holds (`ResolveInfo.selectedFields`).
    func names(_ type: String, _ selectionSets: [SelectionSet], _ collect: () -> Set<String>) -> Set<String> {
        kept(in: nameSets, type, selectionSets, collect)
    }

    /// The field plans of the executor (`Execution.plans`).
    func plans(_ type: String, _ selectionSets: [SelectionSet], _ make: () -> [FieldPlan]) -> [FieldPlan] {
        kept(in: fieldPlans, type, selectionSets, make)
    }

    private func kept<Value: Sendable>(in table: borrowing Mutex<[Key: Value]>, _ type: String, _ selectionSets: [SelectionSet],
                             _ make: () -> Value) -> Value {
        guard keeps, let first = selectionSets.first else { return make() }
        let key = Key(type: type, first: first.range.start,
                      others: selectionSets.count == 1 ? [] : selectionSets.dropFirst().map(\.range.start))
        if let kept = table.withLock({ $0[key] }) { return kept }
        let made = make()
        table.withLock { $0[key] = made }
        return made
    }
}
