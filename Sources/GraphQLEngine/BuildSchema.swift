public import GraphQLLanguage

extension Schema {
    /// graphql-js `buildSchema`: a schema from SDL text, validated as SDL and then (unless
    /// `validatingTypes` is false, as graphql-js's own test schemas need) as a schema.
    public static func build(sdl text: String, name: String = "schema.graphql", validatingTypes: Bool = true) throws -> Schema {
        let source = Source(text, name: name)
        let document = try Parser.parse(source)
        return try build(document, source: source, validatingTypes: validatingTypes)
    }

    /// A schema from a parsed type-system document.
    public static func build(_ document: Document, source: Source, validatingTypes: Bool = true) throws -> Schema {
        let errors = Validator.validateSDL(document, source: source)
        if !errors.isEmpty { throw SchemaError(errors.map(\.description)) }
        let result = try TypeBuilder.build(document, extending: nil)
        let directives = result.directives + BuiltIns.specifiedDirectives.filter { specified in
            !result.directives.contains { $0.name == specified.name }
        }
        let schema = Schema(query: result.query, mutation: result.mutation, subscription: result.subscription,
                            types: result.types, directives: directives, description: result.description)
        let problems = validatingTypes ? schema.validate() : []
        if !problems.isEmpty { throw SchemaError(problems) }
        return schema
    }
}
