public import GraphQLLanguage

/// Validation (spec 5): runs rules over a document and returns every error, in the order found.
public enum Validator {
    /// Every rule of spec section 5, in graphql-js order, then the rule graphql-js recommends and
    /// runs with them (its `recommendedRules`): without `maxIntrospectionDepthRule` an anonymous
    /// query of 975 bytes, fragments nesting `fields { type { ofType } }`, kept a server busy past
    /// its ten-second limit (the cost limit does not count introspection, so that every client's
    /// standard introspection query passes).
    public static let specifiedRules: [ValidationRule] = [
        executableDefinitionsRule, uniqueOperationNamesRule, loneAnonymousOperationRule, knownOperationTypesRule,
        singleFieldSubscriptionsRule, knownTypeNamesRule, fragmentsOnCompositeTypesRule,
        variablesAreInputTypesRule, scalarLeafsRule, fieldsOnCorrectTypeRule, uniqueFragmentNamesRule,
        knownFragmentNamesRule, noUnusedFragmentsRule, possibleFragmentSpreadsRule, noFragmentCyclesRule,
        uniqueVariableNamesRule, noUndefinedVariablesRule, noUnusedVariablesRule, knownDirectivesRule,
        uniqueDirectivesPerLocationRule, knownArgumentNamesRule, uniqueArgumentNamesRule,
        valuesOfCorrectTypeRule, providedRequiredArgumentsRule, variablesInAllowedPositionRule,
        overlappingFieldsCanBeMergedRule, uniqueInputFieldNamesRule, maxIntrospectionDepthRule,
    ]

    /// The rules for type-system documents (graphql-js `specifiedSDLRules`).
    public static let specifiedSDLRules: [ValidationRule] = [
        loneSchemaDefinitionRule, uniqueOperationTypesRule, uniqueTypeNamesRule, uniqueEnumValueNamesRule,
        uniqueFieldDefinitionNamesRule, uniqueArgumentDefinitionNamesRule, uniqueDirectiveNamesRule,
        knownTypeNamesRule, knownDirectivesRule, uniqueDirectivesPerLocationRule, possibleTypeExtensionsRule,
        knownArgumentNamesOnDirectivesRule, uniqueArgumentNamesRule, uniqueInputFieldNamesRule,
        providedRequiredArgumentsOnDirectivesRule,
    ]

    /// Validates an executable document against a schema. Stops adding errors after `maxErrors`,
    /// then says so in one more error, as graphql-js does.
    public static func validate(_ document: Document, source: Source, schema: Schema,
                                rules: [ValidationRule] = specifiedRules, maxErrors: Int = 100) -> [GraphQLError] {
        run(document, source: source, schema: schema, rules: rules, maxErrors: maxErrors)
    }

    /// Validates a type-system document, optionally extending an existing schema.
    public static func validateSDL(_ document: Document, source: Source, extending schema: Schema? = nil,
                                   rules: [ValidationRule] = specifiedSDLRules) -> [GraphQLError] {
        run(document, source: source, schema: schema, rules: rules, maxErrors: .max)
    }

    private static func run(_ document: Document, source: Source, schema: Schema?, rules: [ValidationRule],
                            maxErrors: Int) -> [GraphQLError] {
        let context = ValidationContext(schema: schema, document: document, source: source, maxErrors: maxErrors)
        let walker = Walker(context: context, visitors: rules.map { $0.makeVisitor(context) })
        walker.walk(document)
        guard context.errors.count > maxErrors else { return context.errors }
        return Array(context.errors.prefix(maxErrors))
            + [GraphQLError("Too many validation errors, error limit reached. Validation aborted.")]
    }
}
