/// The first syntax error in a document. The message is worded as graphql-js words it and never
/// contains the location; `location` is computed from the source when asked for.
public struct GraphQLSyntaxError: Error, Sendable, CustomStringConvertible {
    /// For example `Syntax Error: Expected Name, found "}".`
    public let message: String
    /// UTF-8 byte offset of the error in `source`.
    public let offset: Int
    public let source: Source

    init(_ description: String, at offset: Int, in source: Source) {
        self.message = "Syntax Error: " + description
        self.offset = offset
        self.source = source
    }

    /// 1-based line and column of the error.
    public var location: SourceLocation { source.location(of: offset) }

    public var description: String {
        let location = self.location
        return "\(source.name):\(location.line):\(location.column): \(message)"
    }
}
