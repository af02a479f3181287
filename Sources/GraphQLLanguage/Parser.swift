/// Limits a parse cannot pass, so hostile input fails fast with a syntax error (STYLE.md habit 6).
public struct ParseOptions: Sendable {
    /// At most this many tokens (graphql-js `maxTokens`); nil means no limit.
    public var maxTokens: Int?
    /// At most this many nested selection sets, list/object values and list types. Keeps recursion far
    /// from the end of any thread's stack.
    public var maxDepth: Int

    public init(maxTokens: Int? = nil, maxDepth: Int = 256) {
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
    }
}

/// A recursive-descent parser: one method per grammar production, failing on the first syntax error.
/// Follows graphql-js `parser.ts`, so errors read and point the same way.
public struct Parser {
    var lexer: Lexer
    /// The current token: the next one to be consumed.
    var token: Token
    /// End offset of the last consumed token, for node ranges.
    var lastEnd: Int = 0
    let options: ParseOptions
    /// Tokens the document may still have before it passes `maxTokens`.
    var tokensLeft: Int
    var depth = 0
    /// Where the document's lists go; the arrays below are moved into it when the parse succeeds.
    let storage = SyntaxStorage()
    var selections: [SelectionRecord] = []
    var arguments: [Argument] = []
    var directives: [DirectiveRecord] = []
    var names: [Name] = []
    /// The items of the selection sets still open, innermost last; a set's items move to
    /// `selections` together when it closes, so that every set's items are contiguous there.
    var openSelections: [SelectionRecord] = []

    init(lexer: Lexer, options: ParseOptions) {
        self.lexer = lexer
        self.options = options
        self.token = Token(kind: .startOfFile, start: 0, end: 0)
        self.tokensLeft = options.maxTokens ?? Int.max
    }

    /// The largest document a parser takes: offsets into it must fit in 32 bits.
    static let maxDocumentBytes = Int(Int32.max)

    /// Hands the lists to the storage that the returned nodes read them from.
    mutating func finish() {
        storage.selections = selections
        storage.arguments = arguments
        storage.directives = directives
        storage.names = names
    }

    /// Keeps a name for a record; its index.
    @inline(__always)
    mutating func store(_ name: Name) -> Int32 {
        if names.isEmpty { names.reserveCapacity(lexer.bytes.count / 8 + 4) }
        names.append(name)
        return Int32(truncatingIfNeeded: names.count - 1)
    }

    /// The nodes of a span of one of the storage arrays.
    func list<Element>(_ span: Span) -> NodeList<Element> { NodeList(storage, span) }

    /// Parses an executable or type-system document.
    public static func parse(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLSyntaxError) -> Document {
        try withParser(source, options) { (parser: inout Parser) throws(GraphQLSyntaxError) in try parser.parseDocument() }
    }

    /// Parses text into a document; `name` appears in error descriptions.
    public static func parse(_ text: String, name: String = "GraphQL request", options: ParseOptions = ParseOptions())
        throws(GraphQLSyntaxError) -> Document {
        try parse(Source(text, name: name), options: options)
    }

    /// Parses a lone value, such as a variable's default written in a tool (`[1, 2]`, `{a: $b}`).
    public static func parseValue(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLSyntaxError) -> Value {
        try withParser(source, options) { (parser: inout Parser) throws(GraphQLSyntaxError) in
            let value = try parser.parseValueLiteral(isConst: false)
            try parser.expect(.endOfFile)
            return value
        }
    }

    /// Parses a lone type reference, such as `[String!]!`.
    public static func parseType(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLSyntaxError) -> TypeReference {
        try withParser(source, options) { (parser: inout Parser) throws(GraphQLSyntaxError) in
            let type = try parser.parseTypeReference()
            try parser.expect(.endOfFile)
            return type
        }
    }

    private static func withParser<T>(_ source: Source, _ options: ParseOptions,
                                      _ body: (inout Parser) throws(GraphQLSyntaxError) -> T) throws(GraphQLSyntaxError) -> T {
        let result: Result<T, GraphQLSyntaxError> = source.bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(lexer: Lexer(bytes: buffer, source: source), options: options)
            do throws(GraphQLSyntaxError) {
                // The records of `SyntaxStorage` keep offsets and indexes in 32 bits.
                guard buffer.count <= Parser.maxDocumentBytes else {
                    throw parser.lexer.error(
                        "Document is larger than \(Parser.maxDocumentBytes) bytes. Parsing aborted.", at: 0)
                }
                try parser.advance()
                let result = try body(&parser)
                parser.finish()
                return .success(result)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: Token helpers

    /// Moves to the next token, counting it against `maxTokens`.
    mutating func advance() throws(GraphQLSyntaxError) {
        lastEnd = token.end
        token = try lexer.next()
        if token.kind != .endOfFile {
            tokensLeft -= 1
            if tokensLeft < 0 { throw tooManyTokens() }
        }
    }

    /// The error for a document past `maxTokens` (out of line: the error path of `advance`).
    func tooManyTokens() -> GraphQLSyntaxError {
        lexer.error("Document contains more than \(options.maxTokens ?? 0) tokens. Parsing aborted.", at: token.start)
    }

    /// The token after the current one, without consuming anything.
    func lookahead() throws(GraphQLSyntaxError) -> Token {
        var copy = lexer
        return try copy.next()
    }

    func peek(_ kind: TokenKind) -> Bool { token.kind == kind }

    /// The text of the current token (names and numbers).
    var tokenText: String { lexer.text(of: token) }

    @inline(__always)
    func isKeyword(_ keyword: StaticString) -> Bool {
        lexer.spells(token, keyword)
    }

    /// Consumes a token of the given kind or fails with `Expected X, found Y.`
    @discardableResult @inline(__always)
    mutating func expect(_ kind: TokenKind) throws(GraphQLSyntaxError) -> Token {
        let current = token
        guard current.kind == kind else { throw expected(kind) }
        try advance()
        return current
    }

    /// `Expected X, found Y.` for the current token (out of line: the error path of `expect`).
    func expected(_ kind: TokenKind) -> GraphQLSyntaxError {
        lexer.error("Expected \(kind.description), found \(describe(token)).", at: token.start)
    }

    /// Consumes a token of the given kind when it is there.
    @inline(__always)
    mutating func optional(_ kind: TokenKind) throws(GraphQLSyntaxError) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    mutating func expectKeyword(_ keyword: StaticString) throws(GraphQLSyntaxError) {
        guard isKeyword(keyword) else {
            throw lexer.error("Expected \"\(keyword)\", found \(describe(token)).", at: token.start)
        }
        try advance()
    }

    mutating func optionalKeyword(_ keyword: StaticString) throws(GraphQLSyntaxError) -> Bool {
        guard isKeyword(keyword) else { return false }
        try advance()
        return true
    }

    /// `Unexpected X.` for the given token, the current one by default.
    func unexpected(_ token: Token? = nil) -> GraphQLSyntaxError {
        let token = token ?? self.token
        return lexer.error("Unexpected \(describe(token)).", at: token.start)
    }

    /// graphql-js `getTokenDesc`: the kind, then the value in quotes when the token has one.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .name, .int, .float:
            let text = lexer.text(of: token)
            return "\(token.kind.description) \"\(text)\""
        case .string, .blockString:
            return "\(token.kind.description) \"\(lexer.stringValue(of: token))\""
        default:
            return token.kind.description
        }
    }

    /// open Item+ close — at least one item.
    mutating func many<T>(_ open: TokenKind, _ close: TokenKind,
                          _ item: (inout Parser) throws(GraphQLSyntaxError) -> T) throws(GraphQLSyntaxError) -> [T] {
        try expect(open)
        var items: [T] = []
        items.reserveCapacity(4)  // most lists are short: one allocation instead of three
        repeat { items.append(try item(&self)) } while try !optional(close)
        return items
    }

    /// (open Item+ close)? — nothing when `open` is absent.
    mutating func optionalMany<T>(_ open: TokenKind, _ close: TokenKind,
                                  _ item: (inout Parser) throws(GraphQLSyntaxError) -> T) throws(GraphQLSyntaxError) -> [T] {
        guard peek(open) else { return [] }
        return try many(open, close, item)
    }

    /// open Item* close — possibly empty.
    mutating func any<T>(_ open: TokenKind, _ close: TokenKind,
                         _ item: (inout Parser) throws(GraphQLSyntaxError) -> T) throws(GraphQLSyntaxError) -> [T] {
        try expect(open)
        var items: [T] = []
        if !peek(close) { items.reserveCapacity(4) }  // as in `many`
        while try !optional(close) { items.append(try item(&self)) }
        return items
    }

    /// delimiter? Item (delimiter Item)*
    mutating func delimitedMany<T>(_ delimiter: TokenKind,
                                   _ item: (inout Parser) throws(GraphQLSyntaxError) -> T) throws(GraphQLSyntaxError) -> [T] {
        _ = try optional(delimiter)
        var items: [T] = []
        repeat { items.append(try item(&self)) } while try optional(delimiter)
        return items
    }

    /// Enters one level of nesting; fails once `maxDepth` is passed instead of recursing on.
    @inline(__always)
    mutating func descend() throws(GraphQLSyntaxError) {
        depth += 1
        if depth > options.maxDepth {
            throw lexer.error("Document exceeds the maximum nesting depth of \(options.maxDepth).", at: token.start)
        }
    }

    mutating func ascend() { depth -= 1 }

    func range(from start: Int) -> SourceRange { SourceRange(start: start, end: lastEnd) }
}
