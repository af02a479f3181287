import GraphQLLanguage

/// Spec 5.7.3 Directives Are Unique Per Location (unless `repeatable`). A type's definition and
/// its extensions count as one location.
public let uniqueDirectivesPerLocationRule = ValidationRule(name: "UniqueDirectivesPerLocationRule") { UniqueDirectivesPerLocation($0) }

private final class UniqueDirectivesPerLocation: ValidationVisitor {
    let context: ValidationContext
    var isUnique: [String: Bool] = [:]
    var schemaDirectives: [String: Directive] = [:]
    var typeDirectives: [String: [String: Directive]] = [:]

    init(_ context: ValidationContext) {
        self.context = context
        for directive in context.knownDirectives { isUnique[directive.name] = !directive.isRepeatable }
        for case .directive(let definition) in context.document.definitions {
            isUnique[definition.name.value] = !definition.isRepeatable
        }
    }

    private func check(_ directives: NodeList<Directive>, seen: inout [String: Directive]) {
        for directive in directives where isUnique[directive.name.value] == true {
            let name = directive.name.value
            if let first = seen[name] {
                context.report("The directive \"@\(name)\" can only be used once at this location.", [first.range, directive.range])
            } else {
                seen[name] = directive
            }
        }
    }

    private func check(_ directives: NodeList<Directive>) {
        var seen: [String: Directive] = [:]
        check(directives, seen: &seen)
    }

    func enterOperation(_ operation: OperationDefinition) { check(operation.directives) }
    func enterFragmentDefinition(_ fragment: FragmentDefinition) { check(fragment.directives) }
    func enterVariableDefinition(_ definition: VariableDefinition) { check(definition.directives) }
    func enterField(_ field: Field) { check(field.directives) }
    func enterFragmentSpread(_ spread: FragmentSpread) { check(spread.directives) }
    func enterInlineFragment(_ fragment: InlineFragment) { check(fragment.directives) }
    func enterSchemaDefinition(_ definition: SchemaDefinition, isExtension: Bool) {
        check(definition.directives, seen: &schemaDirectives)
    }
    func enterTypeDefinition(_ definition: TypeDefinition, isExtension: Bool) {
        check(definition.directives, seen: &typeDirectives[definition.name.value, default: [:]])
    }
    func enterFieldDefinition(_ definition: GraphQLLanguage.FieldDefinition) { check(definition.directives) }
    func enterInputValueDefinition(_ definition: GraphQLLanguage.InputValueDefinition) { check(definition.directives) }
    func enterEnumValueDefinition(_ definition: GraphQLLanguage.EnumValueDefinition) { check(definition.directives) }
}
