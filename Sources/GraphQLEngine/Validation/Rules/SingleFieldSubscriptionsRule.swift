import GraphQLLanguage

/// Spec 5.2.3.1 Single Root Field: a subscription selects exactly one root field, not an
/// introspection field.
public let singleFieldSubscriptionsRule = ValidationRule(name: "SingleFieldSubscriptionsRule") { SingleFieldSubscriptions($0) }

private final class SingleFieldSubscriptions: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterOperation(_ operation: OperationDefinition) {
        guard operation.operation == .subscription, let schema = context.schema,
              let root = schema.subscriptionType else { return }
        let collector = FieldCollector(schema: schema, fragments: context.fragments, variables: [:])
        let fields = collector.collect(root, operation.selectionSet)
        let subject = operation.name.map { "Subscription \"\($0.value)\"" } ?? "Anonymous Subscription"
        if fields.count > 1 {
            context.report("\(subject) must select only one top level field.",
                           fields.dropFirst().flatMap { $0.fields.map(\.range) })
        }
        for (_, nodes) in fields where nodes[0].name.value.hasPrefix("__") {
            context.report("\(subject) must not select an introspection top level field.", nodes.map(\.range))
        }
    }
}
