import GraphQLLanguage

/// Limits how deeply introspection lists nest (`fields`, `interfaces`, `possibleTypes`,
/// `inputFields` three deep), so a crafted introspection query cannot explode the response.
public let maxIntrospectionDepthRule = ValidationRule(name: "MaxIntrospectionDepthRule") { MaxIntrospectionDepth($0) }

private final class MaxIntrospectionDepth: ValidationVisitor {
    let context: ValidationContext
    var skipping: SourceRange.Key?
    /// Whether a fragment exceeds the limit when spread at a depth (0 to 2), found once per pair.
    private var fragmentResults: FragmentMeasures<Int, Bool>
    init(_ context: ValidationContext) {
        self.context = context
        fragmentResults = FragmentMeasures(context.fragments)
    }

    func enterField(_ field: Field) {
        guard skipping == nil, field.name.value == "__schema" || field.name.value == "__type" else { return }
        if Self.exceeds(field.selectionSet, &fragmentResults, depth: 0) {
            context.report("Maximum introspection depth exceeded", [field.range])
            skipping = field.range.key
        }
    }

    func leaveField(_ field: Field) {
        if skipping == field.range.key { skipping = nil }
    }

    private static func exceeds(_ selectionSet: SelectionSet?, _ fragments: inout FragmentMeasures<Int, Bool>, depth: Int) -> Bool {
        guard let selectionSet else { return false }
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                var depth = depth
                if ["fields", "interfaces", "possibleTypes", "inputFields"].contains(field.name.value) {
                    depth += 1
                    if depth >= 3 { return true }
                }
                if exceeds(field.selectionSet, &fragments, depth: depth) { return true }
            case .inlineFragment(let inline):
                if exceeds(inline.selectionSet, &fragments, depth: depth) { return true }
            case .fragmentSpread(let spread):
                let spreadExceeds = fragments.measure(spread.name.value, in: depth) { fragments, fragment in
                    exceeds(fragment.selectionSet, &fragments, depth: depth)
                }
                if spreadExceeds == true { return true }
            }
        }
        return false
    }
}

/// Optional rule: refuses introspection (graphql-js `NoSchemaIntrospectionCustomRule`).
public let noSchemaIntrospectionCustomRule = ValidationRule(name: "NoSchemaIntrospectionCustomRule") { NoSchemaIntrospection($0) }

private final class NoSchemaIntrospection: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterField(_ field: Field) {
        guard let type = context.type?.namedType,
              ["__Schema", "__Type", "__Field", "__InputValue", "__EnumValue", "__Directive", "__TypeKind",
               "__DirectiveLocation"].contains(type) else { return }
        context.report("GraphQL introspection has been disabled, but the requested query contained the field \"\(field.name.value)\".",
                       [field.range])
    }
}

/// Optional rule: reports every use of something deprecated (graphql-js `NoDeprecatedCustomRule`).
public let noDeprecatedCustomRule = ValidationRule(name: "NoDeprecatedCustomRule") { NoDeprecated($0) }

private final class NoDeprecated: ValidationVisitor {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }

    func enterField(_ field: Field) {
        guard let definition = context.fieldDefinition, let reason = definition.deprecationReason,
              let parent = context.parentType else { return }
        context.report("The field \(parent).\(definition.name) is deprecated. \(reason)", [field.range])
    }

    func enterArgument(_ argument: Argument) {
        guard let definition = context.argument, let reason = definition.deprecationReason else { return }
        if let directive = context.directive {
            context.report("Directive \"@\(directive.name)\" argument \"\(definition.name)\" is deprecated. \(reason)", [argument.range])
        } else if let parent = context.parentType, let field = context.fieldDefinition {
            context.report("Field \"\(parent).\(field.name)\" argument \"\(definition.name)\" is deprecated. \(reason)", [argument.range])
        }
    }

    func enterObjectField(_ field: ObjectField) {
        guard let parent = context.parentInputType.flatMap({ context.schema?.type($0.namedType) }), parent.kind == .INPUT_OBJECT,
              let definition = parent.inputField(field.name.value), let reason = definition.deprecationReason else { return }
        context.report("The input field \(parent.name).\(definition.name) is deprecated. \(reason)", [field.range])
    }

    func enterValue(_ value: Value) {
        guard case .enumValue(let name) = value, let type = context.inputType.flatMap({ context.schema?.type($0.namedType) }),
              type.kind == .ENUM, let definition = type.enumValue(name.value), let reason = definition.deprecationReason else { return }
        context.report("The enum value \"\(type.name).\(definition.name)\" is deprecated. \(reason)", [value.range])
    }
}
