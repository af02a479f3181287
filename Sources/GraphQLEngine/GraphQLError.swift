public import GraphQLLanguage

/// One step of a response path: a field's response key or a list index.
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): String(index)
        }
    }
}

/// An error as the spec's response format carries it: a message without location, the places in the
/// document it concerns, the response path for field errors, and optional extensions such as `code`.
public struct GraphQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var locations: [SourceLocation]
    public var path: [PathComponent]?
    /// Extra machine-readable detail, e.g. `code: "MAX_DEPTH_EXCEEDED"`.
    public var extensions: [(String, ConstValue)]

    public init(_ message: String, locations: [SourceLocation] = [], path: [PathComponent]? = nil,
                extensions: [(String, ConstValue)] = []) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
    }

    /// An error with a machine-readable `extensions.code`: what a resolver throws to refuse a
    /// request (the execution adds the field's location and path and keeps the code).
    public init(_ message: String, code: String) {
        self.init(message, extensions: [("code", .string(code))])
    }

    /// An error pointing at AST ranges of `source`.
    public init(_ message: String, ranges: [SourceRange], in source: Source, path: [PathComponent]? = nil,
                code: String? = nil) {
        self.init(message, locations: ranges.map { source.location(of: $0.start) }, path: path,
                  extensions: code.map { [("code", .string($0))] } ?? [])
    }

    /// A syntax error as a GraphQL error.
    public init(_ syntaxError: GraphQLSyntaxError) {
        self.init(syntaxError.message, locations: [syntaxError.location],
                  extensions: [("code", .string("GRAPHQL_PARSE_FAILED"))])
    }

    public static func == (lhs: GraphQLError, rhs: GraphQLError) -> Bool {
        lhs.message == rhs.message && lhs.locations == rhs.locations && lhs.path == rhs.path
            && lhs.extensions.map(\.0) == rhs.extensions.map(\.0)
            && zip(lhs.extensions, rhs.extensions).allSatisfy { $0.1 == $1.1 }
    }

    public var description: String {
        let places = locations.map { "\($0.line):\($0.column)" }.joined(separator: ", ")
        return places.isEmpty ? message : "\(message) (\(places))"
    }

    /// The `extensions.code` value, when set.
    public var code: String? {
        guard case .string(let code)? = extensions.first(where: { $0.0 == "code" })?.1 else { return nil }
        return code
    }
}
