import GraphQLLanguage

/// Spec 5.2.2.1 Lone Anonymous Operation: an anonymous operation must be alone.
public let loneAnonymousOperationRule = ValidationRule(name: "LoneAnonymousOperationRule") { LoneAnonymousOperation($0) }

private final class LoneAnonymousOperation: ValidationVisitor {
    let context: ValidationContext
    var operationCount = 0
    init(_ context: ValidationContext) { self.context = context }

    func enterDocument(_ document: Document) {
        operationCount = document.definitions.filter { if case .operation = $0 { true } else { false } }.count
    }

    func enterOperation(_ operation: OperationDefinition) {
        if operation.name == nil, operationCount > 1 {
            context.report("This anonymous operation must be the only defined operation.", [operation.range])
        }
    }
}
