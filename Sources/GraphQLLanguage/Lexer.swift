/// Turns UTF-8 bytes into tokens, one at a time, on demand (spec 2.1, "Source Text").
///
/// The lexer reads a buffer that its caller keeps alive (`Parser.parse` scopes it); it holds no copy of
/// the text. Errors are `GraphQLSyntaxError`s worded as graphql-js words them.
struct Lexer {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: Source
    /// Byte offset of the next unread byte.
    var position: Int = 0
    /// The cooked value (escapes and block indentation resolved) of the last string token lexed.
    var stringValue: String = ""

    init(bytes: UnsafeBufferPointer<UInt8>, source: Source) {
        self.bytes = bytes
        self.source = source
    }

    @inline(__always)
    func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// The cooked value of a string token anywhere in the source, by lexing it again.
    func stringValue(of token: Token) -> String {
        var copy = self
        copy.position = token.start
        _ = try? copy.next()
        return copy.stringValue
    }

    /// The text of a name or number token. These are ASCII (the lexer admits nothing else in them),
    /// so the String is made from the bytes as they are, without validating them as UTF-8 and
    /// without a closure to fill it: up to 15 bytes in place, longer ones in one allocation. This
    /// was a sixth of parsing the kitchen-sink query through `String(unsafeUninitializedCapacity:)`,
    /// and a tenth of a parse more through `String(decoding:as:)`.
    @inline(__always)
    func text(of token: Token) -> String {
        Lexer.ascii(bytes.baseAddress! + token.start, count: token.end - token.start)
    }

    /// A String of bytes the caller has seen to be ASCII (and so valid UTF-8), made without checking.
    @inline(__always)
    static func ascii(_ start: UnsafePointer<UInt8>, count: Int) -> String {
        String(copying: UTF8Span(unchecked: UnsafeBufferPointer(start: start, count: count).span, isKnownASCII: true))
    }

    /// Whether a name token spells `keyword`, compared byte by byte without making a String.
    @inline(__always)
    func spells(_ token: Token, _ keyword: StaticString) -> Bool {
        guard token.kind == .name, token.end - token.start == keyword.utf8CodeUnitCount else { return false }
        let pointer = keyword.utf8Start
        for offset in 0..<keyword.utf8CodeUnitCount where bytes[token.start + offset] != pointer[offset] { return false }
        return true
    }

    func error(_ message: String, at offset: Int) -> GraphQLSyntaxError {
        GraphQLSyntaxError(message, at: offset, in: source)
    }

    /// The next token after skipping ignored tokens; `.endOfFile` at the end, again and again.
    ///
    /// Ignored tokens and names, most of any document, are read here with the offset in a local;
    /// everything else is read out of line by `nextOther`.
    @inline(__always)
    mutating func next() throws(GraphQLSyntaxError) -> Token {
        let bytes = self.bytes
        var index = position
        // Ignored :: UnicodeBOM | WhiteSpace | LineTerminator | Comment | Comma
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20, index + 8 <= bytes.count {
                // Indentation: a run of spaces is skipped eight bytes at a time, up to its end.
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                let other = word ^ 0x2020_2020_2020_2020
                index += other == 0 ? 8 : other.trailingZeroBitCount >> 3
            } else if byte == 0x20 || byte == 0x0A || byte == 0x2C || byte == 0x09 || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "#") || byte == 0xEF {
                position = index
                guard skipCommentOrMark() else { return try nextOther() }
                index = position
            } else {
                break
            }
        }
        if index < bytes.count {
            let first = bytes[index]
            // Name :: NameStart NameContinue* — the most common token.
            if Lexer.isNameStart(first) {
                let start = index
                index += 1
                while index < bytes.count, Lexer.isNameContinue(bytes[index]) { index += 1 }
                position = index
                return Token(kind: .name, start: start, end: index)
            }
            // Punctuator :: one of ! $ & ( ) ... : = @ [ ] { | }
            if let punctuator = Lexer.punctuator(first) {
                position = index + 1
                return Token(kind: punctuator, start: index, end: index + 1)
            }
        }
        position = index
        return try nextOther()
    }

    /// Skips a comment or a byte order mark at `position`; false when there is neither, or the
    /// comment stops before a byte sequence that is no SourceCharacter (the next token reports it).
    private mutating func skipCommentOrMark() -> Bool {
        if bytes[position] == 0xEF {
            guard byte(at: position + 1) == 0xBB && byte(at: position + 2) == 0xBF else { return false }
            position += 3  // U+FEFF, the byte order mark
            return true
        }
        // Comment :: # CommentChar* — runs to the end of the line.
        position += 1
        while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D {
            if bytes[position] < 0x80 {
                position += 1
            } else {
                let (value, length) = codePoint(at: position)!
                guard Lexer.isScalarValue(value) else { return false }
                position += length
            }
        }
        return true
    }

    /// Any token but a name or a one-byte punctuator, at `position` (after ignored tokens).
    private mutating func nextOther() throws(GraphQLSyntaxError) -> Token {
        let start = position
        guard let first = byte(at: start) else {
            return Token(kind: .endOfFile, start: start, end: start)
        }
        if first == UInt8(ascii: ".") {
            if byte(at: start + 1) == UInt8(ascii: "."), byte(at: start + 2) == UInt8(ascii: ".") {
                position += 3
                return Token(kind: .spread, start: start, end: position)
            }
            throw error("Unexpected character: \".\".", at: start)
        }
        // IntValue / FloatValue begin with `-` or a digit.
        if first == UInt8(ascii: "-") || Lexer.isDigit(first) {
            return try readNumber()
        }
        if first == UInt8(ascii: "\"") {
            if byte(at: start + 1) == UInt8(ascii: "\""), byte(at: start + 2) == UInt8(ascii: "\"") {
                return try readBlockString()
            }
            return try readString()
        }
        if first == UInt8(ascii: "'") {
            throw error(
                "Unexpected single quote character ('), did you mean to use a double quote (\")?", at: start)
        }
        // graphql-js words it "Unexpected" for a real character and "Invalid" for a lone surrogate.
        let valid = codePoint(at: start).map { Lexer.isScalarValue($0.value) } ?? false
        throw error("\(valid ? "Unexpected" : "Invalid") character: \(describeCodePoint(at: start)).", at: start)
    }

    // MARK: Numbers

    /// IntValue :: IntegerPart [lookahead != {Digit, `.`, NameStart}]
    /// FloatValue :: IntegerPart FractionalPart? ExponentPart? [lookahead != {Digit, `.`, NameStart}]
    private mutating func readNumber() throws(GraphQLSyntaxError) -> Token {
        let start = position
        var isFloat = false
        if byte(at: position) == UInt8(ascii: "-") { position += 1 }
        if byte(at: position) == UInt8(ascii: "0") {
            position += 1
            if let next = byte(at: position), Lexer.isDigit(next) {
                throw error(
                    "Invalid number, unexpected digit after 0: \(describeCodePoint(at: position)).", at: position)
            }
        } else {
            try readDigits()
        }
        if byte(at: position) == UInt8(ascii: ".") {
            isFloat = true
            position += 1
            try readDigits()
        }
        if let next = byte(at: position), next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            isFloat = true
            position += 1
            if let sign = byte(at: position), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                position += 1
            }
            try readDigits()
        }
        if let next = byte(at: position), next == UInt8(ascii: ".") || Lexer.isNameStart(next) {
            throw error("Invalid number, expected digit but got: \(describeCodePoint(at: position)).", at: position)
        }
        return Token(kind: isFloat ? .float : .int, start: start, end: position)
    }

    /// Digit+ — at least one digit is required.
    private mutating func readDigits() throws(GraphQLSyntaxError) {
        guard let first = byte(at: position), Lexer.isDigit(first) else {
            throw error("Invalid number, expected digit but got: \(describeCodePoint(at: position)).", at: position)
        }
        position += 1
        while let next = byte(at: position), Lexer.isDigit(next) { position += 1 }
    }

    // MARK: Character classes

    /// The single-character punctuator a byte spells, if any (a switch: no table to load lazily).
    @inline(__always)
    static func punctuator(_ byte: UInt8) -> TokenKind? {
        switch byte {
        case UInt8(ascii: "!"): .bang
        case UInt8(ascii: "$"): .dollar
        case UInt8(ascii: "&"): .ampersand
        case UInt8(ascii: "("): .parenLeft
        case UInt8(ascii: ")"): .parenRight
        case UInt8(ascii: ":"): .colon
        case UInt8(ascii: "="): .equals
        case UInt8(ascii: "@"): .at
        case UInt8(ascii: "["): .bracketLeft
        case UInt8(ascii: "]"): .bracketRight
        case UInt8(ascii: "{"): .braceLeft
        case UInt8(ascii: "|"): .pipe
        case UInt8(ascii: "}"): .braceRight
        default: nil
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// NameStart :: Letter | `_`
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    /// NameContinue :: Letter | Digit | `_` — one bit per ASCII byte: digits in the low word,
    /// letters and `_` in the high one.
    @inline(__always)
    static func isNameContinue(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0x03FF_0000_0000_0000  // 0-9 (0x30-0x39)
        let high: UInt64 = 0x07FF_FFFE_87FF_FFFE  // A-Z (0x41-0x5A), _ (0x5F), a-z (0x61-0x7A)
        guard byte < 0x80 else { return false }
        return ((byte < 0x40 ? low : high) >> UInt64(byte & 0x3F)) & 1 == 1
    }

    /// Marks a byte that does not start a well-formed UTF-8 sequence.
    static let invalidUTF8: UInt32 = 0x110000

    /// Decodes the code point at a byte offset; nil at the end. Surrogates encoded as three bytes (as
    /// WTF-8 carries a lone UTF-16 surrogate) decode to their value so they can be reported by name;
    /// any other malformed byte decodes as `invalidUTF8` with length 1.
    func codePoint(at offset: Int) -> (value: UInt32, length: Int)? {
        guard let lead = byte(at: offset) else { return nil }
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead >= 0xF8 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
        guard length > 1, offset + length <= bytes.count else { return (Lexer.invalidUTF8, 1) }
        var value = UInt32(lead) & (0xFF >> UInt32(length + 1))
        for index in 1..<length {
            let continuation = bytes[offset + index]
            guard continuation & 0xC0 == 0x80 else { return (Lexer.invalidUTF8, 1) }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        return (value, length)
    }

    /// A Unicode scalar value: a code point that is not a surrogate.
    static func isScalarValue(_ value: UInt32) -> Bool {
        value <= 0x10FFFF && !(0xD800...0xDFFF).contains(value)
    }

    /// graphql-js's `printCodePointAt`: `<EOF>`, a quoted printable ASCII character, or `U+XXXX`.
    func describeCodePoint(at offset: Int) -> String {
        guard let (value, _) = codePoint(at: offset) else { return TokenKind.endOfFile.description }
        if value == Lexer.invalidUTF8 { return "invalid UTF-8 byte 0x" + Lexer.hex(UInt32(bytes[offset])).suffix(2) }
        if value >= 0x20 && value <= 0x7E {
            let character = String(UnicodeScalar(UInt8(value)))
            return value == 0x22 ? "'\"'" : "\"\(character)\""
        }
        return "U+" + Lexer.hex(value)
    }

    /// At least four upper-case hex digits, as in `U+00DF` or `U+1F600`.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
