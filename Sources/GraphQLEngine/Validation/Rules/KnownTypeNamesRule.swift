import GraphQLLanguage

/// Spec 5.5.1.2 / 5.8.3: every named type reference names a type of the schema (or of the SDL
/// document being validated).
public let knownTypeNamesRule = ValidationRule(name: "KnownTypeNamesRule") { KnownTypeNames($0) }

private final class KnownTypeNames: ValidationVisitor {
    let context: ValidationContext
    var isSDL = false
    let typeNames: [String]
    let standardTypeNames = ["String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive",
                             "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind"]

    init(_ context: ValidationContext) {
        self.context = context
        var names = context.schema?.typeNames ?? []
        for case .type(let type) in context.document.definitions { names.append(type.name.value) }
        typeNames = names
    }

    func enterOperation(_ operation: OperationDefinition) { isSDL = false }
    func enterFragmentDefinition(_ fragment: FragmentDefinition) { isSDL = false }
    func enterSchemaDefinition(_ definition: SchemaDefinition, isExtension: Bool) { isSDL = true }
    func enterTypeDefinition(_ definition: TypeDefinition, isExtension: Bool) { isSDL = true }
    func enterDirectiveDefinition(_ definition: GraphQLLanguage.DirectiveDefinition) { isSDL = true }

    func enterNamedType(_ name: Name) {
        if typeNames.contains(name.value) { return }
        if isSDL, standardTypeNames.contains(name.value) { return }
        let suggestions = Suggestions.list(name.value, isSDL ? standardTypeNames + typeNames : typeNames)
        context.report("Unknown type \"\(name.value)\"." + Suggestions.didYouMean(suggestions), [name.range])
    }
}
