public import GraphQLEngine

/// The content schema front ends query: the contract of issue #4. Its source is
/// `schema/schema.graphql`, kept in the printed (canonical) form: a test fails when the file is not
/// what printing the built schema gives.
public enum ContentSchema {
    /// `schema/schema.graphql`, embedded at build time.
    static var sdl: String { embeddedSchema.first?.text ?? "" }

    /// The schema with its DateTime scalar, validated once.
    public static func build() throws -> Schema {
        try Schema.build(sdl: sdl, name: "ContentSchema").withScalar("DateTime", DateTimeScalar.coercion)
    }
}
