import GraphQLLanguage

/// Turns type-system definitions (and extensions in the same document) into schema types.
enum TypeBuilder {
    struct Result {
        var types: [SchemaType]
        var directives: [DirectiveDefinition]
        var query: String?
        var mutation: String?
        var subscription: String?
        var description: String?
        var hasSchemaDefinition: Bool
    }

    static func build(_ document: Document, extending base: Schema?) throws(SchemaError) -> Result {
        var types: [String: SchemaType] = [:]
        var order: [String] = []
        var directives: [DirectiveDefinition] = []
        var roots: [String: String] = [:]
        var description: String?
        var hasSchemaDefinition = false
        for definition in document.definitions {
            switch definition {
            case .type(let node):
                let type = makeType(node)
                if types[type.name] == nil { order.append(type.name) }
                types[type.name] = type
            case .directive(let node):
                directives.append(DirectiveDefinition(
                    name: node.name.value, description: node.description?.value, locations: node.locations.map(\.value),
                    arguments: node.arguments.map(inputValue), isRepeatable: node.isRepeatable))
            case .schema(let node):
                hasSchemaDefinition = true
                description = node.description?.value
                for operationType in node.operationTypes { roots[operationType.operation.rawValue] = operationType.type.value }
            case .schemaExtension(let node):
                for operationType in node.operationTypes { roots[operationType.operation.rawValue] = operationType.type.value }
            case .typeExtension, .operation, .fragment:
                break
            }
        }
        for definition in document.definitions {
            guard case .typeExtension(let node) = definition else { continue }
            let name = node.name.value
            guard var type = types[name] ?? base?.type(name) else {
                throw SchemaError(["Cannot extend type \"\(name)\" because it is not defined."])
            }
            extend(&type, with: node)
            if types[name] == nil { order.append(name) }
            types[name] = type
        }
        if !hasSchemaDefinition {
            for operation in ["query", "mutation", "subscription"] {
                let name = operation.prefix(1).uppercased() + operation.dropFirst()
                if types[name] != nil || base?.type(name) != nil { roots[operation] = roots[operation] ?? name }
            }
        }
        return Result(types: order.compactMap { types[$0] }, directives: directives, query: roots["query"],
                      mutation: roots["mutation"], subscription: roots["subscription"], description: description,
                      hasSchemaDefinition: hasSchemaDefinition)
    }

    static func typeRef(_ node: TypeReference) -> TypeRef {
        switch node {
        case .named(let name): .named(name.value)
        case .list(let inner, _): .list(typeRef(inner))
        case .nonNull(let inner, _): .nonNull(typeRef(inner))
        }
    }

    static func applied(_ directives: NodeList<Directive>) -> [AppliedDirective] {
        directives.map { directive in
            AppliedDirective(name: directive.name.value,
                             arguments: directive.arguments.map { ($0.name.value, ValueConversion.constant($0.value)) })
        }
    }

    /// `@deprecated(reason:)`: the reason, "No longer supported" when not given, nil when absent.
    static func deprecation(_ directives: NodeList<Directive>) -> String? {
        guard let directive = directives.first(where: { $0.name.value == "deprecated" }) else { return nil }
        if let reason = directive.arguments.first(where: { $0.name.value == "reason" }),
           case .string(let string) = reason.value {
            return string.value
        }
        return "No longer supported"
    }

    static func inputValue(_ node: GraphQLLanguage.InputValueDefinition) -> InputValueDefinition {
        var value = InputValueDefinition(
            name: node.name.value, type: typeRef(node.type), description: node.description?.value,
            defaultValue: node.defaultValue.map(ValueConversion.constant), deprecationReason: deprecation(node.directives))
        value.appliedDirectives = applied(node.directives)
        return value
    }

    static func field(_ node: GraphQLLanguage.FieldDefinition) -> FieldDefinition {
        var field = FieldDefinition(name: node.name.value, type: typeRef(node.type), description: node.description?.value,
                                    arguments: node.arguments.map(inputValue), deprecationReason: deprecation(node.directives))
        field.appliedDirectives = applied(node.directives)
        return field
    }

    static func enumValue(_ node: GraphQLLanguage.EnumValueDefinition) -> EnumValueDefinition {
        var value = EnumValueDefinition(name: node.name.value, description: node.description?.value,
                                        deprecationReason: deprecation(node.directives))
        value.appliedDirectives = applied(node.directives)
        return value
    }

    static func makeType(_ node: TypeDefinition) -> SchemaType {
        let kind: TypeKind = switch node {
        case .scalar: .SCALAR
        case .object: .OBJECT
        case .interface: .INTERFACE
        case .union: .UNION
        case .enumType: .ENUM
        case .inputObject: .INPUT_OBJECT
        }
        var type = SchemaType(name: node.name.value, kind: kind, description: node.description?.value)
        extend(&type, with: node)
        return type
    }

    /// Adds what a definition or extension declares to a type.
    static func extend(_ type: inout SchemaType, with node: TypeDefinition) {
        let directives = node.directives
        type.appliedDirectives += applied(directives)
        if let specifiedBy = directives.first(where: { $0.name.value == "specifiedBy" }),
           let url = specifiedBy.arguments.first(where: { $0.name.value == "url" }), case .string(let string) = url.value {
            type.specifiedByURL = string.value
        }
        if directives.contains(where: { $0.name.value == "oneOf" }) { type.isOneOf = true }
        switch node {
        case .scalar: break
        case .object(let object), .interface(let object):
            type.interfaces += object.interfaces.map(\.value)
            type.fields += object.fields.map(field)
        case .union(let union): type.unionMembers += union.types.map(\.value)
        case .enumType(let enumType): type.enumValues += enumType.values.map(enumValue)
        case .inputObject(let input): type.inputFields += input.fields.map(inputValue)
        }
    }
}

/// Errors that make a schema unusable, worded as graphql-js words them.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public var messages: [String]
    public init(_ messages: [String]) { self.messages = messages }
    public var description: String { messages.joined(separator: "\n") }
}
