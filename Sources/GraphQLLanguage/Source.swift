/// A GraphQL document's text as UTF-8 bytes. Every position in the AST is a byte offset into `bytes`;
/// line and column are computed only when a position is shown to a person.
public struct Source: Sendable {
    /// The document's UTF-8 bytes, exactly as received (a leading BOM is kept and skipped by the lexer).
    public let bytes: [UInt8]
    /// A name for messages, such as a file path; "GraphQL request" when none is given.
    public let name: String

    public init(_ text: String, name: String = "GraphQL request") {
        self.bytes = Array(text.utf8)
        self.name = name
    }

    public init(bytes: [UInt8], name: String = "GraphQL request") {
        self.bytes = bytes
        self.name = name
    }

    /// The text between two byte offsets (invalid UTF-8 is replaced, never trapped on).
    public func text(_ range: SourceRange) -> String {
        String(decoding: bytes[range.start..<range.end], as: UTF8.self)
    }

    /// The 1-based line and column of a byte offset. Lines end at LF, CRLF or CR (spec 2.1.2); columns
    /// count UTF-16 code units, as graphql-js does, so locations agree with JavaScript tooling.
    public func location(of offset: Int) -> SourceLocation {
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            } else if byte == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    index += 1
                }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        var cursor = lineStart
        while cursor < end {
            let byte = bytes[cursor]
            // A 4-byte UTF-8 sequence is a supplementary code point: two UTF-16 units.
            if byte >= 0xF0 { column += 2 } else if byte & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        return SourceLocation(line: line, column: column)
    }
}

/// A half-open range of UTF-8 byte offsets into a `Source`.
///
/// Positions are not part of a node's identity: any two ranges compare equal, so two AST values are
/// equal when they say the same thing, wherever it was written (what parse-print-parse tests need).
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public static func == (lhs: SourceRange, rhs: SourceRange) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
    public var description: String { "\(start)..<\(end)" }
}

/// A 1-based line and column, as GraphQL errors report them.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
