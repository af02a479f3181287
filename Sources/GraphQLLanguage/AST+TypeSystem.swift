/// SchemaDefinition :: Description? schema Directives[Const]? { RootOperationTypeDefinition+ }
/// (also SchemaExtension, which has no description and may omit the braces)
public struct SchemaDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var directives: NodeList<Directive>
    public var operationTypes: [RootOperationTypeDefinition]
    public var range: SourceRange
}

/// RootOperationTypeDefinition :: OperationType : NamedType
public struct RootOperationTypeDefinition: Sendable, Hashable {
    public var operation: OperationType
    public var type: Name
    public var range: SourceRange
}

/// TypeDefinition :: ScalarTypeDefinition | ObjectTypeDefinition | InterfaceTypeDefinition
/// | UnionTypeDefinition | EnumTypeDefinition | InputObjectTypeDefinition.
/// Type extensions use the same shapes, without a description.
public enum TypeDefinition: Sendable, Hashable {
    case scalar(ScalarTypeDefinition)
    case object(ObjectTypeDefinition)
    case interface(ObjectTypeDefinition)
    case union(UnionTypeDefinition)
    case enumType(EnumTypeDefinition)
    case inputObject(InputObjectTypeDefinition)

    public var name: Name {
        switch self {
        case .scalar(let node): node.name
        case .object(let node), .interface(let node): node.name
        case .union(let node): node.name
        case .enumType(let node): node.name
        case .inputObject(let node): node.name
        }
    }

    public var range: SourceRange {
        switch self {
        case .scalar(let node): node.range
        case .object(let node), .interface(let node): node.range
        case .union(let node): node.range
        case .enumType(let node): node.range
        case .inputObject(let node): node.range
        }
    }

    public var directives: NodeList<Directive> {
        switch self {
        case .scalar(let node): node.directives
        case .object(let node), .interface(let node): node.directives
        case .union(let node): node.directives
        case .enumType(let node): node.directives
        case .inputObject(let node): node.directives
        }
    }

    public var description: StringValue? {
        switch self {
        case .scalar(let node): node.description
        case .object(let node), .interface(let node): node.description
        case .union(let node): node.description
        case .enumType(let node): node.description
        case .inputObject(let node): node.description
        }
    }
}

/// ScalarTypeDefinition :: Description? scalar Name Directives[Const]?
public struct ScalarTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: NodeList<Directive>
    public var range: SourceRange
}

/// ObjectTypeDefinition :: Description? type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
/// InterfaceTypeDefinition has the same shape with `interface`.
public struct ObjectTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var interfaces: [Name]
    public var directives: NodeList<Directive>
    public var fields: [FieldDefinition]
    public var range: SourceRange
}

/// FieldDefinition :: Description? Name ArgumentsDefinition? : Type Directives[Const]?
public struct FieldDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var type: TypeReference
    public var directives: NodeList<Directive>
    public var range: SourceRange
}

/// InputValueDefinition :: Description? Name : Type DefaultValue? Directives[Const]?
public struct InputValueDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: NodeList<Directive>
    public var range: SourceRange
}

/// UnionTypeDefinition :: Description? union Name Directives[Const]? UnionMemberTypes?
public struct UnionTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: NodeList<Directive>
    public var types: [Name]
    public var range: SourceRange
}

/// EnumTypeDefinition :: Description? enum Name Directives[Const]? EnumValuesDefinition?
public struct EnumTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: NodeList<Directive>
    public var values: [EnumValueDefinition]
    public var range: SourceRange
}

/// EnumValueDefinition :: Description? EnumValue Directives[Const]?
public struct EnumValueDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: NodeList<Directive>
    public var range: SourceRange
}

/// InputObjectTypeDefinition :: Description? input Name Directives[Const]? InputFieldsDefinition?
public struct InputObjectTypeDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var directives: NodeList<Directive>
    public var fields: [InputValueDefinition]
    public var range: SourceRange
}

/// DirectiveDefinition :: Description? directive @ Name ArgumentsDefinition? repeatable? on DirectiveLocations
public struct DirectiveDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var isRepeatable: Bool
    public var locations: [Name]
    public var range: SourceRange
}

/// DirectiveLocation (spec 3.13): where a directive may be used.
public enum DirectiveLocation: String, Sendable, Hashable, CaseIterable {
    // ExecutableDirectiveLocation
    case QUERY, MUTATION, SUBSCRIPTION, FIELD, FRAGMENT_DEFINITION, FRAGMENT_SPREAD, INLINE_FRAGMENT,
         VARIABLE_DEFINITION
    // TypeSystemDirectiveLocation
    case SCHEMA, SCALAR, OBJECT, FIELD_DEFINITION, ARGUMENT_DEFINITION, INTERFACE, UNION, ENUM, ENUM_VALUE,
         INPUT_OBJECT, INPUT_FIELD_DEFINITION
}
