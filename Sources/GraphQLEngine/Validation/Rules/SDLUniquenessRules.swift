import GraphQLLanguage

/// Spec 3.3: at most one schema definition, and none when extending a schema that has one.
public let loneSchemaDefinitionRule = ValidationRule(name: "LoneSchemaDefinitionRule") { LoneSchemaDefinition($0) }

private final class LoneSchemaDefinition: ValidationVisitor {
    let context: ValidationContext
    var count = 0
    init(_ context: ValidationContext) { self.context = context }

    func enterSchemaDefinition(_ definition: SchemaDefinition, isExtension: Bool) {
        guard !isExtension else { return }
        if let schema = context.schema, schema.queryType != nil || schema.mutationType != nil || schema.subscriptionType != nil {
            context.report("Cannot define a new schema within a schema extension.", [definition.range])
            return
        }
        if count > 0 { context.report("Must provide only one schema definition.", [definition.range]) }
        count += 1
    }
}

/// Spec 3.3.1: each root operation type is defined once.
public let uniqueOperationTypesRule = ValidationRule(name: "UniqueOperationTypesRule") { UniqueOperationTypes($0) }

private final class UniqueOperationTypes: ValidationVisitor {
    let context: ValidationContext
    var defined: [OperationType: RootOperationTypeDefinition] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterSchemaDefinition(_ definition: SchemaDefinition, isExtension: Bool) {
        for operationType in definition.operationTypes {
            let operation = operationType.operation
            if context.schema?.rootTypeName(operation.rawValue) != nil {
                context.report("Type for \(operation.rawValue) already defined in the schema. It cannot be redefined.",
                               [operationType.range])
            } else if let first = defined[operation] {
                context.report("There can be only one \(operation.rawValue) type in schema.", [first.range, operationType.range])
            } else {
                defined[operation] = operationType
            }
        }
    }
}

/// Spec 3.4: type names are unique.
public let uniqueTypeNamesRule = ValidationRule(name: "UniqueTypeNamesRule") { UniqueTypeNames($0) }

private final class UniqueTypeNames: ValidationVisitor {
    let context: ValidationContext
    var known: [String: Name] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterTypeDefinition(_ definition: TypeDefinition, isExtension: Bool) {
        guard !isExtension else { return }
        let name = definition.name
        if context.schema?.type(name.value) != nil {
            context.report("Type \"\(name.value)\" already exists in the schema. It cannot also be defined in this type definition.",
                           [name.range])
        } else if let first = known[name.value] {
            context.report("There can be only one type named \"\(name.value)\".", [first.range, name.range])
        } else {
            known[name.value] = name
        }
    }
}

/// Spec 3.13: directive names are unique.
public let uniqueDirectiveNamesRule = ValidationRule(name: "UniqueDirectiveNamesRule") { UniqueDirectiveNames($0) }

private final class UniqueDirectiveNames: ValidationVisitor {
    let context: ValidationContext
    var known: [String: Name] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterDirectiveDefinition(_ definition: GraphQLLanguage.DirectiveDefinition) {
        let name = definition.name
        if context.schema?.directive(name.value) != nil {
            context.report("Directive \"@\(name.value)\" already exists in the schema. It cannot be redefined.", [name.range])
        } else if let first = known[name.value] {
            context.report("There can be only one directive named \"@\(name.value)\".", [first.range, name.range])
        } else {
            known[name.value] = name
        }
    }
}

/// Spec 3.9: enum values are unique within their enum, extensions included.
public let uniqueEnumValueNamesRule = ValidationRule(name: "UniqueEnumValueNamesRule") { UniqueEnumValueNames($0) }

private final class UniqueEnumValueNames: ValidationVisitor {
    let context: ValidationContext
    var known: [String: [String: Name]] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterTypeDefinition(_ definition: TypeDefinition, isExtension: Bool) {
        guard case .enumType(let enumType) = definition else { return }
        let typeName = enumType.name.value
        let existing = context.schema?.type(typeName)
        for value in enumType.values {
            let name = value.name
            if existing?.kind == .ENUM, existing?.enumValue(name.value) != nil {
                context.report("Enum value \"\(typeName).\(name.value)\" already exists in the schema. It cannot also be defined in this type extension.",
                               [name.range])
            } else if let first = known[typeName]?[name.value] {
                context.report("Enum value \"\(typeName).\(name.value)\" can only be defined once.", [first.range, name.range])
            } else {
                known[typeName, default: [:]][name.value] = name
            }
        }
    }
}

/// Spec 3.6, 3.7, 3.10: field names are unique within their type, extensions included.
public let uniqueFieldDefinitionNamesRule = ValidationRule(name: "UniqueFieldDefinitionNamesRule") { UniqueFieldDefinitionNames($0) }

private final class UniqueFieldDefinitionNames: ValidationVisitor {
    let context: ValidationContext
    var known: [String: [String: Name]] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterTypeDefinition(_ definition: TypeDefinition, isExtension: Bool) {
        let names: [Name]
        switch definition {
        case .object(let node), .interface(let node): names = node.fields.map(\.name)
        case .inputObject(let node): names = node.fields.map(\.name)
        default: return
        }
        let typeName = definition.name.value
        let existing = context.schema?.type(typeName)
        for name in names {
            let inSchema = existing.map { $0.field(name.value) != nil || $0.inputField(name.value) != nil } ?? false
            if inSchema {
                context.report("Field \"\(typeName).\(name.value)\" already exists in the schema. It cannot also be defined in this type extension.",
                               [name.range])
            } else if let first = known[typeName]?[name.value] {
                context.report("Field \"\(typeName).\(name.value)\" can only be defined once.", [first.range, name.range])
            } else {
                known[typeName, default: [:]][name.value] = name
            }
        }
    }
}

/// Spec 3.6.1, 3.13: argument names are unique within a field or directive definition.
public let uniqueArgumentDefinitionNamesRule = ValidationRule(name: "UniqueArgumentDefinitionNamesRule") { UniqueArgumentDefinitionNames($0) }

private final class UniqueArgumentDefinitionNames: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterDirectiveDefinition(_ definition: GraphQLLanguage.DirectiveDefinition) {
        check("@\(definition.name.value)", definition.arguments)
    }

    func enterTypeDefinition(_ definition: TypeDefinition, isExtension: Bool) {
        guard case .object(let node) = definition else {
            if case .interface(let node) = definition { checkFields(node) }
            return
        }
        checkFields(node)
    }

    private func checkFields(_ node: ObjectTypeDefinition) {
        for field in node.fields { check("\(node.name.value).\(field.name.value)", field.arguments) }
    }

    private func check(_ parent: String, _ arguments: [GraphQLLanguage.InputValueDefinition]) {
        for (name, ranges) in repeatedNames(arguments.map { ($0.name.value, $0.name.range) }) {
            context.report("Argument \"\(parent)(\(name):)\" can only be defined once.", ranges)
        }
    }
}

/// Spec 3.4.3: a type extension extends a defined type of the same kind.
public let possibleTypeExtensionsRule = ValidationRule(name: "PossibleTypeExtensionsRule") { PossibleTypeExtensions($0) }

private final class PossibleTypeExtensions: ValidationVisitor {
    let context: ValidationContext
    var defined: [String: TypeDefinition] = [:]

    init(_ context: ValidationContext) {
        self.context = context
        for case .type(let type) in context.document.definitions { defined[type.name.value] = type }
    }

    func enterTypeDefinition(_ definition: TypeDefinition, isExtension: Bool) {
        guard isExtension else { return }
        let name = definition.name.value
        let expected: String?
        if let own = defined[name] {
            expected = own.keyword
        } else if let existing = context.schema?.type(name) {
            expected = switch existing.kind {
            case .SCALAR: "scalar"
            case .OBJECT: "type"
            case .INTERFACE: "interface"
            case .UNION: "union"
            case .ENUM: "enum"
            case .INPUT_OBJECT: "input"
            }
        } else {
            expected = nil
        }
        if let expected {
            guard expected != definition.keyword else { return }
            let kind = switch definition {
            case .scalar: "scalar"
            case .object: "object"
            case .interface: "interface"
            case .union: "union"
            case .enumType: "enum"
            case .inputObject: "input object"
            }
            let ranges = defined[name].map { [$0.range, definition.range] } ?? [definition.range]
            context.report("Cannot extend non-\(kind) type \"\(name)\".", ranges)
        } else {
            let all = Array(defined.keys) + (context.schema?.typeNames ?? [])
            context.report("Cannot extend type \"\(name)\" because it is not defined." + Suggestions.didYouMean(Suggestions.list(name, all)),
                           [definition.name.range])
        }
    }
}
