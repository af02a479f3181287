import GraphQLLanguage

/// Spec 5.8.1 Variable Uniqueness.
public let uniqueVariableNamesRule = ValidationRule(name: "UniqueVariableNamesRule") { UniqueVariableNames($0) }

private final class UniqueVariableNames: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterOperation(_ operation: OperationDefinition) {
        // Located at the name without its `$`, as graphql-js locates it.
        let names = operation.variableDefinitions.map { definition in
            (definition.variable.value, SourceRange(start: definition.variable.range.start + 1, end: definition.variable.range.end))
        }
        for (name, ranges) in repeatedNames(names) {
            context.report("There can be only one variable named \"$\(name)\".", ranges)
        }
    }
}

/// Spec 5.8.3 All Variable Uses Defined.
public let noUndefinedVariablesRule = ValidationRule(name: "NoUndefinedVariablesRule") { NoUndefinedVariables($0) }

private final class NoUndefinedVariables: ValidationVisitor {
    let context: ValidationContext
    var defined = Set<String>()
    init(_ context: ValidationContext) { self.context = context }

    func enterOperation(_ operation: OperationDefinition) { defined = [] }
    func enterVariableDefinition(_ definition: VariableDefinition) { defined.insert(definition.variable.value) }

    func leaveOperation(_ operation: OperationDefinition) {
        for usage in context.recursiveVariableUsages(operation) where !defined.contains(usage.name.value) {
            let name = usage.name.value
            let message = operation.name.map { "Variable \"$\(name)\" is not defined by operation \"\($0.value)\"." }
                ?? "Variable \"$\(name)\" is not defined."
            context.report(message, [usage.name.range, operation.range])
        }
    }
}

/// Spec 5.8.4 All Variables Used.
public let noUnusedVariablesRule = ValidationRule(name: "NoUnusedVariablesRule") { NoUnusedVariables($0) }

private final class NoUnusedVariables: ValidationVisitor {
    let context: ValidationContext
    var definitions: [VariableDefinition] = []
    init(_ context: ValidationContext) { self.context = context }

    func enterOperation(_ operation: OperationDefinition) { definitions = [] }
    func enterVariableDefinition(_ definition: VariableDefinition) { definitions.append(definition) }

    func leaveOperation(_ operation: OperationDefinition) {
        let used = Set(context.recursiveVariableUsages(operation).map(\.name.value))
        for definition in definitions where !used.contains(definition.variable.value) {
            let name = definition.variable.value
            let message = operation.name.map { "Variable \"$\(name)\" is never used in operation \"\($0.value)\"." }
                ?? "Variable \"$\(name)\" is never used."
            context.report(message, [definition.range])
        }
    }
}
