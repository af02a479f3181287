import GraphQLLanguage

/// Walks a document in graphql-js order, keeping the context's type information current and
/// calling every visitor at each node (graphql-js `visit` with `visitInParallel` and `TypeInfo`).
struct Walker {
    let context: ValidationContext
    let visitors: [any ValidationVisitor]
    var skipsVariableDefinitions = false

    init(context: ValidationContext, visitors: [any ValidationVisitor]) {
        self.context = context
        self.visitors = visitors
    }

    private var schema: Schema? { context.schema }

    func walk(_ document: Document) {
        visitors.forEach { $0.enterDocument(document) }
        for definition in document.definitions where !context.isAborted { walk(definition) }
        visitors.forEach { $0.leaveDocument(document) }
    }

    func walk(_ definition: Definition) {
        switch definition {
        case .operation(let operation): walk(operation: operation)
        case .fragment(let fragment): walk(fragment: fragment)
        case .schema(let schemaDefinition), .schemaExtension(let schemaDefinition):
            let isExtension: Bool = if case .schemaExtension = definition { true } else { false }
            visitors.forEach { $0.enterSchemaDefinition(schemaDefinition, isExtension: isExtension) }
            walk(schemaDefinition.directives, at: .SCHEMA)
            for operationType in schemaDefinition.operationTypes { namedType(operationType.type) }
        case .type(let type): walk(type: type, isExtension: false)
        case .typeExtension(let type): walk(type: type, isExtension: true)
        case .directive(let directive):
            visitors.forEach { $0.enterDirectiveDefinition(directive) }
            for argument in directive.arguments { walk(inputValueDefinition: argument, location: .ARGUMENT_DEFINITION) }
            visitors.forEach { $0.leaveDirectiveDefinition(directive) }
        }
    }

    /// Checks that a type reference names a type of the schema; the reference itself when it does.
    func resolved(_ type: TypeRef) -> TypeRef? {
        schema?.type(type.namedType) == nil ? nil : type
    }

    private func isOutput(_ type: TypeRef?) -> TypeRef? {
        guard let type, let named = schema?.type(type.namedType), named.isOutput else { return nil }
        return type
    }

    private func isInput(_ type: TypeRef?) -> TypeRef? {
        guard let type, let named = schema?.type(type.namedType), named.isInput else { return nil }
        return type
    }

    // MARK: Executable definitions

    func walk(operation: OperationDefinition) {
        let root = schema?.rootTypeName(operation.operation.rawValue)
        let rootType = root.flatMap { schema?.type($0)?.kind == .OBJECT ? TypeRef.named($0) : nil }
        context.typeStack.append(rootType)
        visitors.forEach { $0.enterOperation(operation) }
        if !skipsVariableDefinitions {
            for definition in operation.variableDefinitions { walk(variableDefinition: definition) }
        }
        walk(operation.directives, at: DirectiveLocation(rawValue: operation.operation.rawValue.uppercased()) ?? .QUERY)
        walk(selectionSet: operation.selectionSet)
        visitors.forEach { $0.leaveOperation(operation) }
        context.typeStack.removeLast()
    }

    func walk(fragment: FragmentDefinition) {
        context.typeStack.append(isOutput(.named(fragment.typeCondition.value)))
        visitors.forEach { $0.enterFragmentDefinition(fragment) }
        namedType(fragment.typeCondition)
        walk(fragment.directives, at: .FRAGMENT_DEFINITION)
        walk(selectionSet: fragment.selectionSet)
        visitors.forEach { $0.leaveFragmentDefinition(fragment) }
        context.typeStack.removeLast()
    }

    private func walk(variableDefinition definition: VariableDefinition) {
        let type = TypeBuilder.typeRef(definition.type)
        context.inputTypeStack.append(isInput(resolved(type)))
        visitors.forEach { $0.enterVariableDefinition(definition) }
        walk(typeReference: definition.type)
        if let defaultValue = definition.defaultValue { walk(value: defaultValue) }
        walk(definition.directives, at: .VARIABLE_DEFINITION)
        visitors.forEach { $0.leaveVariableDefinition(definition) }
        context.inputTypeStack.removeLast()
    }

    func walk(selectionSet: SelectionSet) {
        let named = context.type.flatMap { schema?.type($0.namedType) }
        context.parentTypeStack.append(named?.isComposite == true ? named?.name : nil)
        visitors.forEach { $0.enterSelectionSet(selectionSet) }
        for selection in selectionSet.selections where !context.isAborted {
            switch selection {
            case .field(let field): walk(field: field)
            case .fragmentSpread(let spread):
                visitors.forEach { $0.enterFragmentSpread(spread) }
                walk(spread.directives, at: .FRAGMENT_SPREAD)
            case .inlineFragment(let inline):
                let type: TypeRef? = if let condition = inline.typeCondition {
                    isOutput(.named(condition.value))
                } else {
                    context.type.flatMap { isOutput(.named($0.namedType)) }
                }
                context.typeStack.append(type)
                visitors.forEach { $0.enterInlineFragment(inline) }
                if let condition = inline.typeCondition { namedType(condition) }
                walk(inline.directives, at: .INLINE_FRAGMENT)
                walk(selectionSet: inline.selectionSet)
                visitors.forEach { $0.leaveInlineFragment(inline) }
                context.typeStack.removeLast()
            }
        }
        visitors.forEach { $0.leaveSelectionSet(selectionSet) }
        context.parentTypeStack.removeLast()
    }

    private func walk(field: Field) {
        let definition = context.parentType.flatMap { schema?.fieldDefinition($0, field.name.value) }
        context.fieldDefinitionStack.append(definition)
        context.typeStack.append(isOutput(definition?.type))
        visitors.forEach { $0.enterField(field) }
        for argument in field.arguments { walk(argument: argument, definitions: definition?.arguments) }
        walk(field.directives, at: .FIELD)
        if let selectionSet = field.selectionSet { walk(selectionSet: selectionSet) }
        visitors.forEach { $0.leaveField(field) }
        context.typeStack.removeLast()
        context.fieldDefinitionStack.removeLast()
    }

    private func walk(argument: Argument, definitions: [InputValueDefinition]?) {
        let definition = definitions?.first { $0.name == argument.name.value }
        context.argument = definition
        context.defaultValueStack.append(definition?.defaultValue != nil)
        context.inputTypeStack.append(isInput(definition?.type))
        visitors.forEach { $0.enterArgument(argument) }
        walk(value: argument.value)
        visitors.forEach { $0.leaveArgument(argument) }
        context.inputTypeStack.removeLast()
        context.defaultValueStack.removeLast()
        context.argument = nil
    }

    func walk(_ directives: NodeList<Directive>, at location: DirectiveLocation) {
        for directive in directives {
            let definition = schema?.directive(directive.name.value)
            context.directive = definition
            visitors.forEach { $0.enterDirective(directive, location: location) }
            for argument in directive.arguments { walk(argument: argument, definitions: definition?.arguments) }
            visitors.forEach { $0.leaveDirective(directive) }
            context.directive = nil
        }
    }

    // MARK: Values

    private func walk(value: Value) {
        visitors.forEach { $0.enterValue(value) }
        switch value {
        case .variable(let name):
            visitors.forEach { $0.enterVariable(name) }
        case .list(let values, _):
            let itemType = context.inputType.map { $0.listItem ?? $0.nullable }
            context.defaultValueStack.append(false)
            context.inputTypeStack.append(isInput(itemType))
            for item in values { walk(value: item) }
            context.inputTypeStack.removeLast()
            context.defaultValueStack.removeLast()
        case .object(let fields, _):
            let objectType = context.inputType.flatMap { schema?.type($0.namedType) }
            for field in fields {
                let definition = objectType?.kind == .INPUT_OBJECT ? objectType?.inputField(field.name.value) : nil
                context.defaultValueStack.append(definition?.defaultValue != nil)
                context.inputTypeStack.append(isInput(definition?.type))
                visitors.forEach { $0.enterObjectField(field) }
                walk(value: field.value)
                context.inputTypeStack.removeLast()
                context.defaultValueStack.removeLast()
            }
        default:
            break
        }
        visitors.forEach { $0.leaveValue(value) }
    }

    private func walk(typeReference: TypeReference) {
        namedType(typeReference.namedType)
    }

    private func namedType(_ name: Name) {
        visitors.forEach { $0.enterNamedType(name) }
    }

    // MARK: Type-system definitions

    private func walk(type: TypeDefinition, isExtension: Bool) {
        visitors.forEach { $0.enterTypeDefinition(type, isExtension: isExtension) }
        switch type {
        case .scalar(let scalar):
            walk(scalar.directives, at: .SCALAR)
        case .object(let object), .interface(let object):
            let isObject: Bool = if case .object = type { true } else { false }
            object.interfaces.forEach(namedType)
            walk(object.directives, at: isObject ? .OBJECT : .INTERFACE)
            for field in object.fields {
                visitors.forEach { $0.enterFieldDefinition(field) }
                for argument in field.arguments { walk(inputValueDefinition: argument, location: .ARGUMENT_DEFINITION) }
                walk(typeReference: field.type)
                walk(field.directives, at: .FIELD_DEFINITION)
                visitors.forEach { $0.leaveFieldDefinition(field) }
            }
        case .union(let union):
            walk(union.directives, at: .UNION)
            union.types.forEach(namedType)
        case .enumType(let enumType):
            walk(enumType.directives, at: .ENUM)
            for value in enumType.values {
                visitors.forEach { $0.enterEnumValueDefinition(value) }
                walk(value.directives, at: .ENUM_VALUE)
            }
        case .inputObject(let input):
            walk(input.directives, at: .INPUT_OBJECT)
            for field in input.fields { walk(inputValueDefinition: field, location: .INPUT_FIELD_DEFINITION) }
        }
        visitors.forEach { $0.leaveTypeDefinition(type, isExtension: isExtension) }
    }

    private func walk(inputValueDefinition definition: GraphQLLanguage.InputValueDefinition, location: DirectiveLocation) {
        visitors.forEach { $0.enterInputValueDefinition(definition) }
        walk(typeReference: definition.type)
        if let defaultValue = definition.defaultValue { walk(value: defaultValue) }
        walk(definition.directives, at: location)
    }
}
