public import GraphQLLanguage

/// Callbacks a validation rule receives while the document is walked, in graphql-js visiting order.
/// Each rule implements only what it needs; the walker keeps the type information current
/// (`context.parentType`, `context.inputType` …) for every callback.
public protocol ValidationVisitor: AnyObject {
    func enterDocument(_ document: Document)
    func leaveDocument(_ document: Document)
    func enterOperation(_ operation: OperationDefinition)
    func leaveOperation(_ operation: OperationDefinition)
    func enterFragmentDefinition(_ fragment: FragmentDefinition)
    func leaveFragmentDefinition(_ fragment: FragmentDefinition)
    func enterVariableDefinition(_ definition: VariableDefinition)
    func leaveVariableDefinition(_ definition: VariableDefinition)
    func enterSelectionSet(_ selectionSet: SelectionSet)
    func leaveSelectionSet(_ selectionSet: SelectionSet)
    func enterField(_ field: Field)
    func leaveField(_ field: Field)
    func enterFragmentSpread(_ spread: FragmentSpread)
    func enterInlineFragment(_ fragment: InlineFragment)
    func leaveInlineFragment(_ fragment: InlineFragment)
    func enterArgument(_ argument: Argument)
    func leaveArgument(_ argument: Argument)
    /// A directive, with the location it is used at (`FIELD`, `QUERY`, `OBJECT` …).
    func enterDirective(_ directive: Directive, location: DirectiveLocation)
    func leaveDirective(_ directive: Directive)
    /// Every value, nested ones included; the walker's input type is the value's expected type.
    func enterValue(_ value: Value)
    func leaveValue(_ value: Value)
    func enterObjectField(_ field: ObjectField)
    /// A variable used inside a value (`$id`), not its definition.
    func enterVariable(_ name: Name)
    /// A named type reference: a type condition, a variable's type, a field's type in SDL.
    func enterNamedType(_ name: Name)
    // Type-system definitions (SDL validation).
    func enterSchemaDefinition(_ definition: SchemaDefinition, isExtension: Bool)
    func enterTypeDefinition(_ definition: TypeDefinition, isExtension: Bool)
    func leaveTypeDefinition(_ definition: TypeDefinition, isExtension: Bool)
    func enterFieldDefinition(_ definition: GraphQLLanguage.FieldDefinition)
    func leaveFieldDefinition(_ definition: GraphQLLanguage.FieldDefinition)
    func enterInputValueDefinition(_ definition: GraphQLLanguage.InputValueDefinition)
    func enterEnumValueDefinition(_ definition: GraphQLLanguage.EnumValueDefinition)
    func enterDirectiveDefinition(_ definition: GraphQLLanguage.DirectiveDefinition)
    func leaveDirectiveDefinition(_ definition: GraphQLLanguage.DirectiveDefinition)
}

extension ValidationVisitor {
    public func enterDocument(_ document: Document) {}
    public func leaveDocument(_ document: Document) {}
    public func enterOperation(_ operation: OperationDefinition) {}
    public func leaveOperation(_ operation: OperationDefinition) {}
    public func enterFragmentDefinition(_ fragment: FragmentDefinition) {}
    public func leaveFragmentDefinition(_ fragment: FragmentDefinition) {}
    public func enterVariableDefinition(_ definition: VariableDefinition) {}
    public func leaveVariableDefinition(_ definition: VariableDefinition) {}
    public func enterSelectionSet(_ selectionSet: SelectionSet) {}
    public func leaveSelectionSet(_ selectionSet: SelectionSet) {}
    public func enterField(_ field: Field) {}
    public func leaveField(_ field: Field) {}
    public func enterFragmentSpread(_ spread: FragmentSpread) {}
    public func enterInlineFragment(_ fragment: InlineFragment) {}
    public func leaveInlineFragment(_ fragment: InlineFragment) {}
    public func enterArgument(_ argument: Argument) {}
    public func leaveArgument(_ argument: Argument) {}
    public func enterDirective(_ directive: Directive, location: DirectiveLocation) {}
    public func leaveDirective(_ directive: Directive) {}
    public func enterValue(_ value: Value) {}
    public func leaveValue(_ value: Value) {}
    public func enterObjectField(_ field: ObjectField) {}
    public func enterVariable(_ name: Name) {}
    public func enterNamedType(_ name: Name) {}
    public func enterSchemaDefinition(_ definition: SchemaDefinition, isExtension: Bool) {}
    public func enterTypeDefinition(_ definition: TypeDefinition, isExtension: Bool) {}
    public func leaveTypeDefinition(_ definition: TypeDefinition, isExtension: Bool) {}
    public func enterFieldDefinition(_ definition: GraphQLLanguage.FieldDefinition) {}
    public func leaveFieldDefinition(_ definition: GraphQLLanguage.FieldDefinition) {}
    public func enterInputValueDefinition(_ definition: GraphQLLanguage.InputValueDefinition) {}
    public func enterEnumValueDefinition(_ definition: GraphQLLanguage.EnumValueDefinition) {}
    public func enterDirectiveDefinition(_ definition: GraphQLLanguage.DirectiveDefinition) {}
    public func leaveDirectiveDefinition(_ definition: GraphQLLanguage.DirectiveDefinition) {}
}

/// A validation rule: a name and a way to make a fresh visitor for one validation run. Rules are
/// values handed to `validate`, never registered globally.
public struct ValidationRule: Sendable {
    public let name: String
    let makeVisitor: @Sendable (ValidationContext) -> any ValidationVisitor

    public init(name: String, makeVisitor: @escaping @Sendable (ValidationContext) -> any ValidationVisitor) {
        self.name = name
        self.makeVisitor = makeVisitor
    }
}
