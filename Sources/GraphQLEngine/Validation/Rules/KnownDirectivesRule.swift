import GraphQLLanguage

/// Spec 5.7.1 Directives Are Defined, 5.7.2 Directives Are In Valid Locations.
public let knownDirectivesRule = ValidationRule(name: "KnownDirectivesRule") { KnownDirectives($0) }

private final class KnownDirectives: ValidationVisitor {
    let context: ValidationContext
    var locations: [String: [String]] = [:]

    init(_ context: ValidationContext) {
        self.context = context
        for directive in context.knownDirectives { locations[directive.name] = directive.locations }
        for case .directive(let definition) in context.document.definitions {
            locations[definition.name.value] = definition.locations.map(\.value)
        }
    }

    func enterDirective(_ directive: Directive, location: DirectiveLocation) {
        let name = directive.name.value
        guard let allowed = locations[name] else {
            context.report("Unknown directive \"@\(name)\".", [directive.range])
            return
        }
        if !allowed.contains(location.rawValue) {
            context.report("Directive \"@\(name)\" may not be used on \(location.rawValue).", [directive.range])
        }
    }
}
