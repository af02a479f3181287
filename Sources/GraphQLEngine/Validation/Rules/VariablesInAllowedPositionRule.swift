import GraphQLLanguage

/// Spec 5.8.5 All Variable Usages Are Allowed: a variable's type fits every place it is used.
public let variablesInAllowedPositionRule = ValidationRule(name: "VariablesInAllowedPositionRule") { VariablesInAllowedPosition($0) }

private final class VariablesInAllowedPosition: ValidationVisitor {
    let context: ValidationContext
    var definitions: [String: VariableDefinition] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterOperation(_ operation: OperationDefinition) { definitions = [:] }
    func enterVariableDefinition(_ definition: VariableDefinition) { definitions[definition.variable.value] = definition }

    func leaveOperation(_ operation: OperationDefinition) {
        guard let schema = context.schema else { return }
        for usage in context.recursiveVariableUsages(operation) {
            let name = usage.name.value
            guard let definition = definitions[name], let locationType = usage.type else { continue }
            let variableType = TypeBuilder.typeRef(definition.type)
            guard schema.type(variableType.namedType) != nil,
                  !allowed(schema, variableType, definition.defaultValue, locationType, usage.locationHasDefault) else { continue }
            context.report("Variable \"$\(name)\" of type \"\(variableType)\" used in position expecting type \"\(locationType)\".",
                           [definition.range, usage.name.range])
        }
    }

    /// A nullable variable may stand where a non-null value is expected only when it or the location
    /// has a non-null default.
    private func allowed(_ schema: Schema, _ variableType: TypeRef, _ variableDefault: Value?, _ locationType: TypeRef,
                         _ locationHasDefault: Bool) -> Bool {
        if case .nonNull(let inner) = locationType, !variableType.isNonNull {
            var hasNonNullDefault = false
            if let variableDefault, !isNull(variableDefault) { hasNonNullDefault = true }
            guard hasNonNullDefault || locationHasDefault else { return false }
            return schema.isTypeSubType(variableType, of: inner)
        }
        return schema.isTypeSubType(variableType, of: locationType)
    }

    private func isNull(_ value: Value) -> Bool {
        if case .null = value { return true }
        return false
    }
}
