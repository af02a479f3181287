import GraphQLLanguage

/// CollectFields (spec 6.3.2): the fields a selection set selects on an object type, grouped by
/// response key in order, following fragments and honouring `@skip` and `@include`.
struct FieldCollector {
    let schema: Schema
    let fragments: [String: FragmentDefinition]
    let variables: [String: ConstValue]

    func collect(_ objectType: String, _ selectionSet: SelectionSet) -> [(key: String, fields: [Field])] {
        collect(objectType, [selectionSet])
    }

    func collect(_ objectType: String, _ selectionSets: [SelectionSet]) -> [(key: String, fields: [Field])] {
        var grouped: [(key: String, fields: [Field])] = []
        var index: [String: Int] = [:]
        var visited = Set<String>()
        for selectionSet in selectionSets {
            collect(objectType, selectionSet, into: &grouped, index: &index, visited: &visited)
        }
        return grouped
    }

    private func collect(_ objectType: String, _ selectionSet: SelectionSet, into grouped: inout [(key: String, fields: [Field])],
                         index: inout [String: Int], visited: inout Set<String>) {
        for selection in selectionSet.selections {
            guard isIncluded(selection.directives) else { continue }
            switch selection {
            case .field(let field):
                let key = field.responseKey
                if let position = index[key] {
                    grouped[position].fields.append(field)
                } else {
                    index[key] = grouped.count
                    grouped.append((key, [field]))
                }
            case .inlineFragment(let inline):
                guard conditionMatches(inline.typeCondition?.value, objectType) else { continue }
                collect(objectType, inline.selectionSet, into: &grouped, index: &index, visited: &visited)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visited.contains(name) else { continue }
                visited.insert(name)
                guard let fragment = fragments[name], conditionMatches(fragment.typeCondition.value, objectType) else { continue }
                collect(objectType, fragment.selectionSet, into: &grouped, index: &index, visited: &visited)
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
