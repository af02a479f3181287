import GraphQLLanguage

/// Spec 5.5.1.1 Fragment Name Uniqueness.
public let uniqueFragmentNamesRule = ValidationRule(name: "UniqueFragmentNamesRule") { UniqueFragmentNames($0) }

private final class UniqueFragmentNames: ValidationVisitor {
    let context: ValidationContext
    var known: [String: Name] = [:]
    init(_ context: ValidationContext) { self.context = context }

    func enterFragmentDefinition(_ fragment: FragmentDefinition) {
        let name = fragment.name
        if let first = known[name.value] {
            context.report("There can be only one fragment named \"\(name.value)\".", [first.range, name.range])
        } else {
            known[name.value] = name
        }
    }
}

/// Spec 5.5.2.1 Fragment Spread Target Defined.
public let knownFragmentNamesRule = ValidationRule(name: "KnownFragmentNamesRule") { KnownFragmentNames($0) }

private final class KnownFragmentNames: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterFragmentSpread(_ spread: FragmentSpread) {
        if context.fragments[spread.name.value] == nil {
            context.report("Unknown fragment \"\(spread.name.value)\".", [spread.name.range])
        }
    }
}

/// Spec 5.5.1.4 Fragments Must Be Used.
public let noUnusedFragmentsRule = ValidationRule(name: "NoUnusedFragmentsRule") { NoUnusedFragments($0) }

private final class NoUnusedFragments: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func leaveDocument(_ document: Document) {
        var used = Set<String>()
        for case .operation(let operation) in document.definitions {
            for fragment in context.recursivelyReferencedFragments(operation) { used.insert(fragment.name.value) }
        }
        for case .fragment(let fragment) in document.definitions where !used.contains(fragment.name.value) {
            context.report("Fragment \"\(fragment.name.value)\" is never used.", [fragment.range])
        }
    }
}
