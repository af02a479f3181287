import GraphQLLanguage

/// Spec 5.8.2 Variables Are Input Types.
public let variablesAreInputTypesRule = ValidationRule(name: "VariablesAreInputTypesRule") { VariablesAreInputTypes($0) }

private final class VariablesAreInputTypes: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterVariableDefinition(_ definition: VariableDefinition) {
        guard let type = context.schema?.type(definition.type.namedType.value), !type.isInput else { return }
        context.report("Variable \"$\(definition.variable.value)\" cannot be non-input type \"\(Printer.print(definition.type))\".",
                       [definition.type.range])
    }
}
