import GraphQLLanguage

/// Spec "Operation Type Existence" (September 2025): an operation's type must have a root type in
/// the schema; a schema without a mutation type supports no mutations. graphql-js 17's
/// `KnownOperationTypesRule`, in its words.
public let knownOperationTypesRule = ValidationRule(name: "KnownOperationTypesRule") { KnownOperationTypes($0) }

private final class KnownOperationTypes: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterOperation(_ operation: OperationDefinition) {
        guard let schema = context.schema else { return }
        let root = switch operation.operation {
        case .query: schema.queryType
        case .mutation: schema.mutationType
        case .subscription: schema.subscriptionType
        }
        if root == nil {
            context.report("The \(operation.operation.rawValue) operation is not supported by the schema.", [operation.range])
        }
    }
}
