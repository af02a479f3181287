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
    /// Each fragment's depth, found once: a fragment spread twice by each of a chain of fragments
    /// would otherwise be walked 2ⁿ times (a 977-byte query held a server for 21 s).
    private var fragmentDepths: [String: Int] = [:]
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
                let name = spread.name.value
                guard !visited.contains(name), let fragment = context.fragments[name] else { continue }
                if fragmentDepths[name] == nil {
                    visited.insert(name)
                    fragmentDepths[name] = depth(fragment.selectionSet, &visited)
                    visited.remove(name)
                }
                deepest = max(deepest, fragmentDepths[name] ?? 0)
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
    /// Each fragment's cost, found once (as `MaxDepth` keeps depths): a fragment's cost does not
    /// depend on where it is spread.
    private var fragmentCosts: [String: Int] = [:]
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
                // Clamped at every step: a `first` of 2³¹ - 1 at three levels overflowed, and the
                // trap took the server down.
                total = total.addingClamped(1.addingClamped(multiplier.multipliedClamped(inner)))
            case .inlineFragment(let inline):
                total = total.addingClamped(cost(inline.selectionSet, inline.typeCondition?.value ?? parent, schema, &visited))
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visited.contains(name), let fragment = context.fragments[name] else { continue }
                if fragmentCosts[name] == nil {
                    visited.insert(name)
                    fragmentCosts[name] = cost(fragment.selectionSet, fragment.typeCondition.value, schema, &visited)
                    visited.remove(name)
                }
                total = total.addingClamped(fragmentCosts[name] ?? 0)
            }
        }
        return total
    }

    /// A literal `first` or `last`; a negative one (refused when the field runs) counts as none.
    private func listSize(_ field: Field) -> Int? {
        for argument in field.arguments where argument.name.value == "first" || argument.name.value == "last" {
            if case .int(let text, _) = argument.value, let size = Int(text) { return max(size, 0) }
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
