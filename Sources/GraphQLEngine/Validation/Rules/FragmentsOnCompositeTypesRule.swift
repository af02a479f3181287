import GraphQLLanguage

/// Spec 5.5.1.3 Fragments On Composite Types.
public let fragmentsOnCompositeTypesRule = ValidationRule(name: "FragmentsOnCompositeTypesRule") { FragmentsOnCompositeTypes($0) }

private final class FragmentsOnCompositeTypes: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterInlineFragment(_ fragment: InlineFragment) {
        guard let condition = fragment.typeCondition, let type = context.schema?.type(condition.value), !type.isComposite else { return }
        context.report("Fragment cannot condition on non composite type \"\(condition.value)\".", [condition.range])
    }

    func enterFragmentDefinition(_ fragment: FragmentDefinition) {
        let condition = fragment.typeCondition
        guard let type = context.schema?.type(condition.value), !type.isComposite else { return }
        context.report("Fragment \"\(fragment.name.value)\" cannot condition on non composite type \"\(condition.value)\".",
                       [condition.range])
    }
}
