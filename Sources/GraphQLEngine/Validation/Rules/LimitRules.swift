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
    /// Each fragment's depth, found once.
    private var fragmentDepths: FragmentMeasures<Anywhere, Int>
    init(_ context: ValidationContext, limit: Int) {
        self.context = context
        self.limit = limit
        fragmentDepths = FragmentMeasures(context.fragments)
    }

    func enterOperation(_ operation: OperationDefinition) {
        let depth = Self.depth(operation.selectionSet, &fragmentDepths)
        if depth > limit {
            context.report("Query depth \(depth) exceeds the maximum allowed depth of \(limit).", [operation.range],
                           code: "MAX_DEPTH_EXCEEDED")
        }
    }

    private static func depth(_ selectionSet: SelectionSet, _ fragments: inout FragmentMeasures<Anywhere, Int>) -> Int {
        var deepest = 0
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                if field.name.value == "__schema" || field.name.value == "__type" { deepest = max(deepest, 1); continue }
                deepest = max(deepest, 1 + (field.selectionSet.map { depth($0, &fragments) } ?? 0))
            case .inlineFragment(let inline):
                deepest = max(deepest, depth(inline.selectionSet, &fragments))
            case .fragmentSpread(let spread):
                let spreadDepth = fragments.measure(spread.name.value, in: Anywhere()) { fragments, fragment in
                    depth(fragment.selectionSet, &fragments)
                }
                deepest = max(deepest, spreadDepth ?? 0)
            }
        }
        return deepest
    }
}

/// Optional rule: refuses operations whose estimated cost passes `limit` (see `QueryCost`). A
/// size given by a variable counts as `defaultListSize` here, before the variables are known;
/// `GraphQLService` checks such an operation again with the request's values
/// (`ServiceOptions.maxCost`).
public func maxCostRule(_ limit: Int, defaultListSize: Int = 10) -> ValidationRule {
    ValidationRule(name: "MaxCostRule") { context in
        MaxCost(context, limit: limit) { operation in
            guard let schema = context.schema else { return nil }
            var estimate = QueryCost(schema: schema, fragments: context.fragments, defaultListSize: defaultListSize)
            return estimate.cost(of: operation)
        }
    }
}

/// `maxCostRule` with costs already estimated, by operation (`GraphQLService` estimates them
/// once for both the rule and where each operation runs).
func maxCostRule(_ limit: Int, estimated: [Int: (cost: Int, varies: Bool)]) -> ValidationRule {
    ValidationRule(name: "MaxCostRule") { MaxCost($0, limit: limit) { estimated[$0.range.start]?.cost } }
}

private final class MaxCost: ValidationVisitor {
    let context: ValidationContext
    let limit: Int
    let cost: (OperationDefinition) -> Int?
    init(_ context: ValidationContext, limit: Int, cost: @escaping (OperationDefinition) -> Int?) {
        self.context = context
        self.limit = limit
        self.cost = cost
    }

    func enterOperation(_ operation: OperationDefinition) {
        guard let cost = cost(operation), cost > limit else { return }
        context.report(QueryCost.refusal(cost, limit), [operation.range], code: "MAX_COST_EXCEEDED")
    }
}

/// An operation's estimated cost: each field costs 1 (or its weight in `fieldCosts`, by type and
/// field), multiplied by the sizes of the lists around
/// it. A list field's size is its `first` or `last` argument — a literal, or a variable's value
/// when `variables` has it — else the size given to the connection it is in (`articles(first:
/// 100) { nodes }` is 100 nodes), else `defaultListSize`; a negative size counts as none.
/// Introspection counts by what it can return (`__schema` the schema's size, `__type` the
/// largest type's). Fragments count each time they are spread (each measured once). Sums and
/// products are clamped at `Int.max`.
struct QueryCost {
    let schema: Schema
    let fragments: [String: FragmentDefinition]
    let defaultListSize: Int
    let fieldCosts: [String: [String: Int]]
    var variables: [String: ConstValue]?
    /// Whether a size came from a variable (so the cost depends on the request's values).
    private(set) var usesVariables = false

    init(schema: Schema, fragments: [String: FragmentDefinition], defaultListSize: Int,
         fieldCosts: [String: [String: Int]] = [:], variables: [String: ConstValue]? = nil) {
        self.schema = schema
        self.fragments = fragments
        self.defaultListSize = defaultListSize
        self.fieldCosts = fieldCosts
        self.variables = variables
    }

    static func refusal(_ cost: Int, _ limit: Int) -> String {
        "Query cost \(cost) exceeds the maximum allowed cost of \(limit)."
    }

    mutating func cost(of operation: OperationDefinition) -> Int? {
        guard let root = schema.rootTypeName(operation.operation.rawValue) else { return nil }
        // Each fragment's cost, found once for each connection size it is spread under.
        var fragmentCosts = FragmentMeasures<Int?, Int>(fragments)
        return cost(operation.selectionSet, root, nil, &fragmentCosts)
    }

    /// `connectionSize`: the size a connection field (not a list itself) was asked for, which its
    /// own lists (`nodes`, `edges`) have.
    private mutating func cost(_ selectionSet: SelectionSet, _ parent: String, _ connectionSize: Int?,
                               _ fragmentCosts: inout FragmentMeasures<Int?, Int>) -> Int {
        var total = 0
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                guard !field.name.value.hasPrefix("__"), let definition = schema.fieldDefinition(parent, field.name.value) else {
                    // Introspection is not counted field by field (the standard introspection
                    // query would cost tens of thousands): `__schema` costs what the whole schema
                    // can return and `__type` what the largest type can, so that its answers
                    // cannot be multiplied by aliases (400 `__schema` aliases in 78 KB took half a
                    // second to answer in 10.6 MB, the server peaking at 167 MB).
                    let introspection = switch field.name.value {
                    case "__schema": schema.introspectionSize
                    case "__type": schema.largestTypeSize
                    default: 0
                    }
                    total = total.addingClamped(1 + introspection)
                    continue
                }
                var multiplier = 1
                let size = listSize(field)
                let isList = definition.type.listItem != nil || definition.type.nullable.listItem != nil
                if isList { multiplier = size ?? connectionSize ?? defaultListSize }
                let inner = field.selectionSet.map { cost($0, definition.type.namedType, isList ? nil : size, &fragmentCosts) } ?? 0
                // Clamped at every step: a `first` of 2³¹ - 1 at three levels overflowed, and the
                // trap took the server down.
                let weight = fieldCosts[parent]?[field.name.value] ?? 1
                total = total.addingClamped(weight.addingClamped(multiplier.multipliedClamped(inner)))
            case .inlineFragment(let inline):
                total = total.addingClamped(cost(inline.selectionSet, inline.typeCondition?.value ?? parent, connectionSize,
                                                 &fragmentCosts))
            case .fragmentSpread(let spread):
                let spreadCost = fragmentCosts.measure(spread.name.value, in: connectionSize) { fragmentCosts, fragment in
                    cost(fragment.selectionSet, fragment.typeCondition.value, connectionSize, &fragmentCosts)
                }
                total = total.addingClamped(spreadCost ?? 0)
            }
        }
        return total
    }

    /// A literal or variable `first` or `last`.
    private mutating func listSize(_ field: Field) -> Int? {
        for argument in field.arguments where argument.name.value == "first" || argument.name.value == "last" {
            switch argument.value {
            case .int(let text, _):
                if let size = Int(text) { return max(size, 0) }
            case .variable(let name):
                usesVariables = true
                if case .int(let size)? = variables?[name.value] { return max(size, 0) }
            default: break
            }
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
