import GraphQLLanguage

/// Spec 5.1.1 Executable Definitions: a request holds only operations and fragments.
public let executableDefinitionsRule = ValidationRule(name: "ExecutableDefinitionsRule") { ExecutableDefinitions($0) }

private final class ExecutableDefinitions: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterDocument(_ document: Document) {
        for definition in document.definitions where !definition.isExecutable {
            let name: String = switch definition {
            case .schema, .schemaExtension: "schema"
            case .type(let type), .typeExtension(let type): "\"\(type.name.value)\""
            case .directive(let directive): "\"\(directive.name.value)\""
            case .operation, .fragment: ""
            }
            context.report("The \(name) definition is not executable.", [definition.range])
        }
    }
}
