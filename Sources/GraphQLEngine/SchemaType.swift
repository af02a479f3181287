/// The kinds of named type (spec 3.4).
public enum TypeKind: String, Sendable, Hashable {
    case SCALAR, OBJECT, INTERFACE, UNION, ENUM, INPUT_OBJECT

    /// Scalars, enums and input objects: the kinds a variable or an argument can be.
    public var isInput: Bool { self == .SCALAR || self == .ENUM || self == .INPUT_OBJECT }
}

/// A named type of a schema. One shape for every kind: members that a kind does not have stay
/// empty (an enum has no fields), which keeps validation and introspection free of casts.
public struct SchemaType: Sendable {
    public var name: String
    public var kind: TypeKind
    public var description: String?
    /// Object and interface fields, in definition order.
    public var fields: [FieldDefinition] = []
    /// Interfaces an object or interface implements.
    public var interfaces: [String] = []
    /// Union members.
    public var unionMembers: [String] = []
    public var enumValues: [EnumValueDefinition] = []
    public var inputFields: [InputValueDefinition] = []
    /// `@specifiedBy(url:)` of a custom scalar.
    public var specifiedByURL: String?
    /// `@oneOf` input objects take exactly one field.
    public var isOneOf = false
    /// Directives applied in the SDL, kept so printing and extensions see them.
    public var appliedDirectives: [AppliedDirective] = []
    /// A custom scalar's coercion rules; nil passes values through.
    public var coercion: ScalarCoercion?

    public init(name: String, kind: TypeKind, description: String? = nil) {
        self.name = name
        self.kind = kind
        self.description = description
    }

    public func field(_ name: String) -> FieldDefinition? { fields.first { $0.name == name } }
    public func inputField(_ name: String) -> InputValueDefinition? { inputFields.first { $0.name == name } }
    public func enumValue(_ name: String) -> EnumValueDefinition? { enumValues.first { $0.name == name } }

    /// Objects, interfaces and unions: types a selection set can select from.
    public var isComposite: Bool { kind == .OBJECT || kind == .INTERFACE || kind == .UNION }
    public var isAbstract: Bool { kind == .INTERFACE || kind == .UNION }
    public var isLeaf: Bool { kind == .SCALAR || kind == .ENUM }
    public var isInput: Bool { kind.isInput }
    public var isOutput: Bool { kind != .INPUT_OBJECT }
}

/// A field of an object or interface.
public struct FieldDefinition: Sendable {
    public var name: String
    public var description: String?
    public var type: TypeRef
    public var arguments: [InputValueDefinition]
    public var deprecationReason: String?
    public var appliedDirectives: [AppliedDirective] = []

    public init(name: String, type: TypeRef, description: String? = nil, arguments: [InputValueDefinition] = [],
                deprecationReason: String? = nil) {
        self.name = name
        self.type = type
        self.description = description
        self.arguments = arguments
        self.deprecationReason = deprecationReason
    }

    public func argument(_ name: String) -> InputValueDefinition? { arguments.first { $0.name == name } }
}

/// An argument or input field.
public struct InputValueDefinition: Sendable {
    public var name: String
    public var description: String?
    public var type: TypeRef
    /// The default, as a constant literal (printed by introspection, coerced at execution).
    public var defaultValue: ConstValue?
    public var deprecationReason: String?
    public var appliedDirectives: [AppliedDirective] = []

    public init(name: String, type: TypeRef, description: String? = nil, defaultValue: ConstValue? = nil,
                deprecationReason: String? = nil) {
        self.name = name
        self.type = type
        self.description = description
        self.defaultValue = defaultValue
        self.deprecationReason = deprecationReason
    }
}

public struct EnumValueDefinition: Sendable {
    public var name: String
    public var description: String?
    public var deprecationReason: String?
    public var appliedDirectives: [AppliedDirective] = []

    public init(name: String, description: String? = nil, deprecationReason: String? = nil) {
        self.name = name
        self.description = description
        self.deprecationReason = deprecationReason
    }
}

/// A directive the schema defines (`@include`, `@deprecated`, or its own).
public struct DirectiveDefinition: Sendable {
    public var name: String
    public var description: String?
    public var locations: [String]
    public var arguments: [InputValueDefinition]
    public var isRepeatable: Bool

    public init(name: String, description: String? = nil, locations: [String], arguments: [InputValueDefinition] = [],
                isRepeatable: Bool = false) {
        self.name = name
        self.description = description
        self.locations = locations
        self.arguments = arguments
        self.isRepeatable = isRepeatable
    }

    public func argument(_ name: String) -> InputValueDefinition? { arguments.first { $0.name == name } }
}

/// A directive applied in SDL, with its constant arguments.
public struct AppliedDirective: Sendable {
    public var name: String
    public var arguments: [(name: String, value: ConstValue)]

    public init(name: String, arguments: [(name: String, value: ConstValue)]) {
        self.name = name
        self.arguments = arguments
    }
}
