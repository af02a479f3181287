import GraphQLLanguage

/// Optional rule: refuses operations nested deeper than `limit` fields. Introspection's own
/// nesting under `__schema` and `__type` does not count (MaxIntrospectionDepthRule bounds it), so
/// every client's standard introspection query passes. Fragments count where they are spread.
public func maxDepthRule(_ limit: Int) -> ValidationRule {
    ValidationRule(name: "MaxDepthRule") { MaxDepth($0, limit: limit) }
}

private final class MaxDepth: ValidationVisitor {
    let context: ValidationContext
    let limit: Int
    init(_ context: ValidationContext, limit: Int) {
        self.context = context
        self.limit = limit
    }

    func enterOperation(_ operation: OperationDefinition) {
        var visited = Set<String>()
        let depth = self.depth(operation.selectionSet, &visited)
        if depth > limit {
            context.report("Query depth \(depth) exceeds the maximum allowed depth of \(limit).", [operation.range],
                           code: "MAX_DEPTH_EXCEEDED")
        }
    }

    private func depth(_ selectionSet: SelectionSet, _ visited: inout Set<String>) -> Int {
        var deepest = 0
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                if field.name.value == "__schema" || field.name.value == "__type" { deepest = max(deepest, 1); continue }
                deepest = max(deepest, 1 + (field.selectionSet.map { depth($0, &visited) } ?? 0))
            case .inlineFragment(let inline):
                deepest = max(deepest, depth(inline.selectionSet, &visited))
            case .fragmentSpread(let spread):
                guard !visited.contains(spread.name.value), let fragment = context.fragments[spread.name.value] else { continue }
                visited.insert(spread.name.value)
                deepest = max(deepest, depth(fragment.selectionSet, &visited))
                visited.remove(spread.name.value)
            }
        }
        return deepest
    }
}

/// Optional rule: refuses operations whose estimated cost passes `limit`. Each field costs 1,
/// multiplied by the sizes of the lists around it: a list field's size is its `first` or `last`
/// argument when given as a literal, else `defaultListSize`. Fragments count each time
/// they are spread.
public func maxCostRule(_ limit: Int, defaultListSize: Int = 10) -> ValidationRule {
    ValidationRule(name: "MaxCostRule") { MaxCost($0, limit: limit, defaultListSize: defaultListSize) }
}

private final class MaxCost: ValidationVisitor {
    let context: ValidationContext
    let limit: Int
    let defaultListSize: Int
    init(_ context: ValidationContext, limit: Int, defaultListSize: Int) {
        self.context = context
        self.limit = limit
        self.defaultListSize = defaultListSize
    }

    func enterOperation(_ operation: OperationDefinition) {
        guard let schema = context.schema, let root = schema.rootTypeName(operation.operation.rawValue) else { return }
        var visited = Set<String>()
        let cost = self.cost(operation.selectionSet, root, schema, &visited)
        if cost > limit {
            context.report("Query cost \(cost) exceeds the maximum allowed cost of \(limit).", [operation.range],
                           code: "MAX_COST_EXCEEDED")
        }
    }

    private func cost(_ selectionSet: SelectionSet, _ parent: String, _ schema: Schema, _ visited: inout Set<String>) -> Int {
        var total = 0
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard !field.name.value.hasPrefix("__"), let definition = schema.fieldDefinition(parent, field.name.value) else {
                    total += 1
                    continue
                }
                var multiplier = 1
                if definition.type.listItem != nil || definition.type.nullable.listItem != nil {
                    multiplier = listSize(field) ?? defaultListSize
                }
                let inner = field.selectionSet.map { cost($0, definition.type.namedType, schema, &visited) } ?? 0
                total = total.addingClamped(1 + multiplier.multipliedClamped(inner))
            case .inlineFragment(let inline):
                total = total.addingClamped(cost(inline.selectionSet, inline.typeCondition?.value ?? parent, schema, &visited))
            case .fragmentSpread(let spread):
                guard !visited.contains(spread.name.value), let fragment = context.fragments[spread.name.value] else { continue }
                visited.insert(spread.name.value)
                total = total.addingClamped(cost(fragment.selectionSet, fragment.typeCondition.value, schema, &visited))
                visited.remove(spread.name.value)
            }
        }
        return total
    }

    private func listSize(_ field: Field) -> Int? {
        for argument in field.arguments where argument.name.value == "first" || argument.name.value == "last" {
            if case .int(let text, _) = argument.value { return Int(text) }
        }
        return nil
    }
}

extension Int {
    func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    func multipliedClamped(_ other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }
}
