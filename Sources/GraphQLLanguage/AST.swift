/// A name as written, e.g. a field, type or variable name (without `$`).
public struct Name: Sendable, Hashable {
    public var value: String
    public var range: SourceRange
    public init(_ value: String, range: SourceRange = SourceRange(start: 0, end: 0)) {
        self.value = value
        self.range = range
    }
}

/// Document :: Definition+
public struct Document: Sendable, Hashable {
    public var definitions: [Definition]
    public var range: SourceRange
    public init(definitions: [Definition], range: SourceRange) {
        self.definitions = definitions
        self.range = range
    }
}

/// Definition :: ExecutableDefinition | TypeSystemDefinitionOrExtension
public enum Definition: Sendable, Hashable {
    case operation(OperationDefinition)
    case fragment(FragmentDefinition)
    case schema(SchemaDefinition)
    case schemaExtension(SchemaDefinition)
    case type(TypeDefinition)
    case typeExtension(TypeDefinition)
    case directive(DirectiveDefinition)

    public var range: SourceRange {
        switch self {
        case .operation(let node): node.range
        case .fragment(let node): node.range
        case .schema(let node), .schemaExtension(let node): node.range
        case .type(let node), .typeExtension(let node): node.range
        case .directive(let node): node.range
        }
    }

    /// True for operations and fragments, the definitions a request may contain.
    public var isExecutable: Bool {
        switch self {
        case .operation, .fragment: true
        default: false
        }
    }
}

/// OperationType :: one of `query` `mutation` `subscription`
public enum OperationType: String, Sendable, Hashable, CaseIterable {
    case query, mutation, subscription
}

/// OperationDefinition :: Description? OperationType Name? VariablesDefinition? Directives? SelectionSet
/// | SelectionSet
public struct OperationDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var operation: OperationType
    public var name: Name?
    public var variableDefinitions: [VariableDefinition]
    public var directives: NodeList<Directive>
    public var selectionSet: SelectionSet
    public var range: SourceRange
}

/// VariableDefinition :: Description? Variable : Type DefaultValue? Directives[Const]?
public struct VariableDefinition: Sendable, Hashable {
    public var description: StringValue?
    /// The variable's name, without `$`.
    public var variable: Name
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: NodeList<Directive>
    public var range: SourceRange
}

/// SelectionSet :: { Selection+ }
public struct SelectionSet: Sendable, Hashable {
    public var selections: NodeList<Selection>
    public var range: SourceRange
}

/// Selection :: Field | FragmentSpread | InlineFragment
public enum Selection: Sendable, Hashable {
    case field(Field)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)

    public var range: SourceRange {
        switch self {
        case .field(let node): node.range
        case .fragmentSpread(let node): node.range
        case .inlineFragment(let node): node.range
        }
    }

    public var directives: NodeList<Directive> {
        switch self {
        case .field(let node): node.directives
        case .fragmentSpread(let node): node.directives
        case .inlineFragment(let node): node.directives
        }
    }
}

/// Field :: Alias? Name Arguments? Directives? SelectionSet?
public struct Field: Sendable, Hashable {
    public var alias: Name?
    public var name: Name
    public var arguments: NodeList<Argument>
    public var directives: NodeList<Directive>
    public var selectionSet: SelectionSet?
    public var range: SourceRange

    /// The key this field's value has in the response: its alias, else its name.
    public var responseKey: String { alias?.value ?? name.value }
}

/// Argument :: Name : Value
public struct Argument: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var range: SourceRange
}

/// FragmentSpread :: ... FragmentName Directives?
public struct FragmentSpread: Sendable, Hashable {
    public var name: Name
    public var directives: NodeList<Directive>
    public var range: SourceRange
}

/// InlineFragment :: ... TypeCondition? Directives? SelectionSet
public struct InlineFragment: Sendable, Hashable {
    public var typeCondition: Name?
    public var directives: NodeList<Directive>
    public var selectionSet: SelectionSet
    public var range: SourceRange
}

/// FragmentDefinition :: Description? fragment FragmentName TypeCondition Directives? SelectionSet
public struct FragmentDefinition: Sendable, Hashable {
    public var description: StringValue?
    public var name: Name
    public var typeCondition: Name
    public var directives: NodeList<Directive>
    public var selectionSet: SelectionSet
    public var range: SourceRange
}

/// Directive :: @ Name Arguments?
public struct Directive: Sendable, Hashable {
    public var name: Name
    public var arguments: NodeList<Argument>
    public var range: SourceRange
}

/// Type :: NamedType | ListType | NonNullType
///
/// Only the wrapping cases are boxed: the common named type costs no heap allocation.
public enum TypeReference: Sendable, Hashable {
    case named(Name)
    indirect case list(TypeReference, SourceRange)
    indirect case nonNull(TypeReference, SourceRange)

    public var range: SourceRange {
        switch self {
        case .named(let name): name.range
        case .list(_, let range), .nonNull(_, let range): range
        }
    }

    /// The named type at the core of any list and non-null wrappers.
    public var namedType: Name {
        switch self {
        case .named(let name): name
        case .list(let inner, _), .nonNull(let inner, _): inner.namedType
        }
    }
}
