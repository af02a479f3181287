import GraphQLLanguage

/// Spec 5.6.1 Values of Correct Type: every literal can be coerced to the type expected where it
/// stands; input objects get their required fields; `@oneOf` objects exactly one non-null field.
public let valuesOfCorrectTypeRule = ValidationRule(name: "ValuesOfCorrectTypeRule") { ValuesOfCorrectType($0) }

private final class ValuesOfCorrectType: ValidationVisitor {
    let context: ValidationContext
    var variableDefinitions: [String: VariableDefinition] = [:]
    /// A value whose insides are not checked further (graphql-js returns `false` from the visitor).
    var skipping: SourceRange.Key?
    init(_ context: ValidationContext) { self.context = context }

    func enterOperation(_ operation: OperationDefinition) { variableDefinitions = [:] }
    func enterVariableDefinition(_ definition: VariableDefinition) { variableDefinitions[definition.variable.value] = definition }

    func leaveValue(_ value: Value) {
        if skipping == value.range.key { skipping = nil }
    }

    func enterObjectField(_ field: ObjectField) {
        guard skipping == nil, context.inputType == nil, let parent = context.parentInputType,
              let parentType = context.schema?.type(parent.namedType), parentType.kind == .INPUT_OBJECT else { return }
        let suggestions = Suggestions.list(field.name.value, parentType.inputFields.map(\.name))
        context.report("Field \"\(field.name.value)\" is not defined by type \"\(parentType.name)\"." + Suggestions.didYouMean(suggestions),
                       [field.range])
    }

    func enterValue(_ value: Value) {
        guard skipping == nil else { return }
        switch value {
        case .list:
            guard let type = context.inputType, type.listItem == nil else { return }
            check(value, locationType: type.nullable)
            skipping = value.range.key
        case .object(let fields, _):
            guard let type = context.inputType.flatMap({ context.schema?.type($0.namedType) }), type.kind == .INPUT_OBJECT else {
                check(value, locationType: context.inputType)
                skipping = value.range.key
                return
            }
            let provided = Set(fields.map(\.name.value))
            for field in type.inputFields where !provided.contains(field.name) && field.type.isNonNull && field.defaultValue == nil {
                context.report("Field \"\(type.name).\(field.name)\" of required type \"\(field.type)\" was not provided.", [value.range])
            }
            if type.isOneOf { checkOneOf(value, type, fields) }
        case .null(let range):
            if let type = context.inputType, type.isNonNull {
                context.report("Expected value of type \"\(type)\", found null.", [range])
            }
        case .variable:
            break
        case .int, .float, .string, .boolean, .enumValue:
            check(value, locationType: context.inputType)
        }
    }

    /// graphql-js `isValidValueNode`: a leaf type must accept the literal; anything else is wrong here.
    private func check(_ value: Value, locationType: TypeRef?) {
        guard let locationType, let type = context.schema?.type(locationType.namedType) else { return }
        guard type.isLeaf else {
            context.report("Expected value of type \"\(locationType)\", found \(Printer.print(value)).", [value.range])
            return
        }
        if let message = LiteralCoercion.leafError(value, type) {
            context.report(message, [value.range])
        }
    }

    private func checkOneOf(_ value: Value, _ type: SchemaType, _ fields: [ObjectField]) {
        guard fields.count == 1, let field = fields.first else {
            context.report("OneOf Input Object \"\(type.name)\" must specify exactly one key.", [value.range])
            return
        }
        switch field.value {
        case .null:
            context.report("Field \"\(type.name).\(field.name.value)\" must be non-null.", [value.range])
        case .variable(let name):
            if let definition = variableDefinitions[name.value], !definition.type.isNonNullReference {
                context.report("Variable \"\(name.value)\" must be non-nullable to be used for OneOf Input Object \"\(type.name)\".",
                               [value.range])
            }
        default:
            break
        }
    }
}

extension TypeReference {
    var isNonNullReference: Bool {
        if case .nonNull = self { return true }
        return false
    }
}
