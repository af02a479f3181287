import GraphQLLanguage

/// Spec 5.5.2.3 Fragment Spread Is Possible: the fragment's type can overlap the parent type.
public let possibleFragmentSpreadsRule = ValidationRule(name: "PossibleFragmentSpreadsRule") { PossibleFragmentSpreads($0) }

private final class PossibleFragmentSpreads: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    private func composite(_ name: String?) -> String? {
        guard let name, let type = context.schema?.type(name), type.isComposite else { return nil }
        return name
    }

    func enterInlineFragment(_ fragment: InlineFragment) {
        guard let schema = context.schema, let fragmentType = composite(context.type?.namedType),
              let parentType = composite(context.parentType), !schema.typesOverlap(fragmentType, parentType) else { return }
        context.report("Fragment cannot be spread here as objects of type \"\(parentType)\" can never be of type \"\(fragmentType)\".",
                       [fragment.range])
    }

    func enterFragmentSpread(_ spread: FragmentSpread) {
        let name = spread.name.value
        guard let schema = context.schema, let fragmentType = composite(context.fragments[name]?.typeCondition.value),
              let parentType = composite(context.parentType), !schema.typesOverlap(fragmentType, parentType) else { return }
        context.report("Fragment \"\(name)\" cannot be spread here as objects of type \"\(parentType)\" can never be of type \"\(fragmentType)\".",
                       [spread.range])
    }
}
