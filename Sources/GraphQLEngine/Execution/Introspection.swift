import GraphQLLanguage

/// Introspection (spec 4): the `__schema` and `__type` root fields and the fields of the
/// introspection types, answered from the schema itself.
enum Introspection {
    typealias Resolver = (Any, Arguments) throws -> Any?

    /// A type as introspection sees it: a named type or a list / non-null wrapper.
    struct TypeHandle {
        var ref: TypeRef
    }

    static func resolver(_ schema: Schema, _ objectType: String, _ field: String) -> Resolver? {
        if objectType == schema.queryType {
            if field == "__schema" { return { _, _ in schema } }
            if field == "__type" {
                return { _, arguments in
                    guard let name = arguments.string("name"), schema.type(name) != nil else { return nil }
                    return TypeHandle(ref: .named(name))
                }
            }
        }
        switch objectType {
        case "__Schema": return schemaField(schema, field)
        case "__Type": return typeField(schema, field)
        case "__Field": return fieldField(field)
        case "__InputValue": return inputValueField(schema, field)
        case "__EnumValue": return enumValueField(field)
        case "__Directive": return directiveField(field)
        default: return nil
        }
    }

    private static func includeDeprecated(_ arguments: Arguments) -> Bool {
        if case .bool(true)? = arguments["includeDeprecated"] { return true }
        return false
    }

    private static func schemaField(_ schema: Schema, _ field: String) -> Resolver? {
        switch field {
        case "description": { _, _ in schema.description }
        case "types": { _, _ in schema.typeNames.map { TypeHandle(ref: .named($0)) } }
        case "queryType": { _, _ in schema.queryType.map { TypeHandle(ref: .named($0)) } }
        case "mutationType": { _, _ in schema.mutationType.map { TypeHandle(ref: .named($0)) } }
        case "subscriptionType": { _, _ in schema.subscriptionType.map { TypeHandle(ref: .named($0)) } }
        case "directives": { _, _ in schema.directives }
        default: nil
        }
    }

    private static func typeField(_ schema: Schema, _ field: String) -> Resolver? {
        func named(_ source: Any) -> SchemaType? {
            guard let handle = source as? TypeHandle, case .named(let name) = handle.ref else { return nil }
            return schema.type(name)
        }
        switch field {
        case "kind":
            return { source, _ in
                guard let handle = source as? TypeHandle else { return nil }
                switch handle.ref {
                case .list: return "LIST"
                case .nonNull: return "NON_NULL"
                case .named: return named(source)?.kind.rawValue
                }
            }
        case "name": return { source, _ in named(source)?.name }
        case "description": return { source, _ in named(source)?.description }
        case "specifiedByURL": return { source, _ in named(source)?.specifiedByURL }
        case "fields":
            return { source, arguments in
                guard let type = named(source), type.kind == .OBJECT || type.kind == .INTERFACE else { return nil }
                return type.fields.filter { includeDeprecated(arguments) || $0.deprecationReason == nil }
            }
        case "interfaces":
            return { source, _ in
                guard let type = named(source), type.kind == .OBJECT || type.kind == .INTERFACE else { return nil }
                return type.interfaces.map { TypeHandle(ref: .named($0)) }
            }
        case "possibleTypes":
            return { source, _ in
                guard let type = named(source), type.isAbstract else { return nil }
                return schema.possibleTypes(type.name).map { TypeHandle(ref: .named($0)) }
            }
        case "enumValues":
            return { source, arguments in
                guard let type = named(source), type.kind == .ENUM else { return nil }
                return type.enumValues.filter { includeDeprecated(arguments) || $0.deprecationReason == nil }
            }
        case "inputFields":
            return { source, arguments in
                guard let type = named(source), type.kind == .INPUT_OBJECT else { return nil }
                return type.inputFields.filter { includeDeprecated(arguments) || $0.deprecationReason == nil }
            }
        case "ofType":
            return { source, _ in
                guard let handle = source as? TypeHandle else { return nil }
                switch handle.ref {
                case .list(let inner), .nonNull(let inner): return TypeHandle(ref: inner)
                case .named: return nil
                }
            }
        case "isOneOf":
            return { source, _ in
                guard let type = named(source), type.kind == .INPUT_OBJECT else { return nil }
                return type.isOneOf
            }
        default:
            return nil
        }
    }

    private static func fieldField(_ field: String) -> Resolver? {
        switch field {
        case "name": { source, _ in (source as? FieldDefinition)?.name }
        case "description": { source, _ in (source as? FieldDefinition)?.description }
        case "args":
            { source, arguments in
                (source as? FieldDefinition)?.arguments.filter { includeDeprecated(arguments) || $0.deprecationReason == nil }
            }
        case "type": { source, _ in (source as? FieldDefinition).map { TypeHandle(ref: $0.type) } }
        case "isDeprecated": { source, _ in (source as? FieldDefinition)?.deprecationReason != nil }
        case "deprecationReason": { source, _ in (source as? FieldDefinition)?.deprecationReason }
        default: nil
        }
    }

    private static func inputValueField(_ schema: Schema, _ field: String) -> Resolver? {
        switch field {
        case "name": { source, _ in (source as? InputValueDefinition)?.name }
        case "description": { source, _ in (source as? InputValueDefinition)?.description }
        case "type": { source, _ in (source as? InputValueDefinition).map { TypeHandle(ref: $0.type) } }
        case "defaultValue":
            { source, _ in
                (source as? InputValueDefinition)?.defaultValue.map { Printer.print(ValueConversion.literal($0)) }
            }
        case "isDeprecated": { source, _ in (source as? InputValueDefinition)?.deprecationReason != nil }
        case "deprecationReason": { source, _ in (source as? InputValueDefinition)?.deprecationReason }
        default: nil
        }
    }

    private static func enumValueField(_ field: String) -> Resolver? {
        switch field {
        case "name": { source, _ in (source as? EnumValueDefinition)?.name }
        case "description": { source, _ in (source as? EnumValueDefinition)?.description }
        case "isDeprecated": { source, _ in (source as? EnumValueDefinition)?.deprecationReason != nil }
        case "deprecationReason": { source, _ in (source as? EnumValueDefinition)?.deprecationReason }
        default: nil
        }
    }

    private static func directiveField(_ field: String) -> Resolver? {
        switch field {
        case "name": { source, _ in (source as? DirectiveDefinition)?.name }
        case "description": { source, _ in (source as? DirectiveDefinition)?.description }
        case "isRepeatable": { source, _ in (source as? DirectiveDefinition)?.isRepeatable }
        case "locations": { source, _ in (source as? DirectiveDefinition)?.locations }
        case "args":
            { source, arguments in
                (source as? DirectiveDefinition)?.arguments.filter { includeDeprecated(arguments) || $0.deprecationReason == nil }
            }
        default: nil
        }
    }
}
