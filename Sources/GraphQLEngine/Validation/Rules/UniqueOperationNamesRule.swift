import GraphQLLanguage

/// Spec 5.2.1.1 Operation Name Uniqueness.
public let uniqueOperationNamesRule = ValidationRule(name: "UniqueOperationNamesRule") { UniqueOperationNames($0) }

private final class UniqueOperationNames: ValidationVisitor {
    let context: ValidationContext
    var known: [String: Name] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterOperation(_ operation: OperationDefinition) {
        guard let name = operation.name else { return }
        if let first = known[name.value] {
            context.report("There can be only one operation named \"\(name.value)\".", [first.range, name.range])
        } else {
            known[name.value] = name
        }
    }
}
