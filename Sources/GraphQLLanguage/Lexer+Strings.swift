extension Lexer {
    /// StringValue :: `"` StringCharacter* `"` (spec 2.9.4)
    mutating func readString() throws(GraphQLSyntaxError) -> Token {
        let start = position
        var index = start + 1
        var value: [UInt8] = []
        var chunkStart = index
        var isASCII = true
        while index < bytes.count {
            let current = bytes[index]
            if current == UInt8(ascii: "\""), value.isEmpty {
                // No escapes: the value is the text between the quotes.
                stringValue = isASCII ? Lexer.ascii(bytes.baseAddress! + chunkStart, count: index - chunkStart)
                    : String(decoding: bytes[chunkStart..<index], as: UTF8.self)
                position = index + 1
                return Token(kind: .string, start: start, end: position)
            }
            if current == UInt8(ascii: "\"") {
                value.append(contentsOf: bytes[chunkStart..<index])
                position = index + 1
                stringValue = String(decoding: value, as: UTF8.self)
                return Token(kind: .string, start: start, end: position)
            }
            if current == UInt8(ascii: "\\") {
                value.append(contentsOf: bytes[chunkStart..<index])
                let (scalar, size) = try readEscape(at: index)
                value.append(contentsOf: Array(String(scalar).utf8))
                index += size
                chunkStart = index
                continue
            }
            // LineTerminator is not a StringCharacter.
            if current == 0x0A || current == 0x0D { break }
            if current >= 0x20, current < 0x80 {  // printable ASCII, most of any string
                index += 1
                continue
            }
            try checkSourceCharacter(at: index)
            isASCII = isASCII && current < 0x80
            index += codePoint(at: index)!.length
        }
        throw error("Unterminated string.", at: index)
    }

    /// Inside strings every SourceCharacter but controls (other than tab) is allowed; a lone surrogate
    /// or malformed UTF-8 is not a SourceCharacter.
    private func checkSourceCharacter(at index: Int) throws(GraphQLSyntaxError) {
        let current = bytes[index]
        if current < 0x20 && current != 0x09 {
            throw error("Invalid character within String: U+\(Lexer.hex(UInt32(current))).", at: index)
        }
        if current >= 0x80, !Lexer.isScalarValue(codePoint(at: index)!.value) {
            throw error("Invalid character within String: \(describeCodePoint(at: index)).", at: index)
        }
    }

    /// EscapedCharacter :: one of `"` `\` `/` `b` `f` `n` `r` `t`, or EscapedUnicode.
    private func readEscape(at index: Int) throws(GraphQLSyntaxError) -> (Unicode.Scalar, Int) {
        let next = byte(at: index + 1)
        switch next {
        case UInt8(ascii: "\""): return ("\"", 2)
        case UInt8(ascii: "\\"): return ("\\", 2)
        case UInt8(ascii: "/"): return ("/", 2)
        case UInt8(ascii: "b"): return ("\u{8}", 2)
        case UInt8(ascii: "f"): return ("\u{C}", 2)
        case UInt8(ascii: "n"): return ("\n", 2)
        case UInt8(ascii: "r"): return ("\r", 2)
        case UInt8(ascii: "t"): return ("\t", 2)
        case UInt8(ascii: "u"):
            return byte(at: index + 2) == UInt8(ascii: "{")
                ? try readVariableWidthUnicode(at: index) : try readFixedWidthUnicode(at: index)
        default:
            let shown = String(decoding: bytes[index..<min(index + 2, bytes.count)], as: UTF8.self)
            throw error("Invalid character escape sequence: \"\(shown)\".", at: index)
        }
    }

    /// EscapedUnicode :: `{` HexDigit+ `}` — at most 12 characters in all (`\u{00000000}`), and the
    /// value must be a Unicode scalar value (surrogates cannot be written this way).
    private func readVariableWidthUnicode(at index: Int) throws(GraphQLSyntaxError) -> (Unicode.Scalar, Int) {
        var point: Int32 = 0
        var size = 3
        while size < 12 {
            let current = byte(at: index + size)
            size += 1
            if current == UInt8(ascii: "}") {
                if size < 5 { break }
                guard let scalar = Unicode.Scalar(UInt32(bitPattern: point)) else { break }
                return (scalar, size)
            }
            // Shifting in 32-bit arithmetic mirrors graphql-js: overflow turns negative and stops here.
            point = (point &<< 4) | Lexer.hexValue(current)
            if point < 0 { break }
        }
        throw invalidUnicodeEscape(at: index, size: size)
    }

    /// EscapedUnicode :: HexDigit HexDigit HexDigit HexDigit — a leading surrogate must be followed by
    /// `\u` and a trailing surrogate, together forming one code point.
    private func readFixedWidthUnicode(at index: Int) throws(GraphQLSyntaxError) -> (Unicode.Scalar, Int) {
        let code = read16BitHex(at: index + 2)
        if code >= 0, let scalar = Unicode.Scalar(UInt32(code)) {
            return (scalar, 6)
        }
        if (0xD800...0xDBFF).contains(code),
           byte(at: index + 6) == UInt8(ascii: "\\"), byte(at: index + 7) == UInt8(ascii: "u") {
            let trailing = read16BitHex(at: index + 8)
            if (0xDC00...0xDFFF).contains(trailing) {
                let combined = 0x10000 + ((code - 0xD800) << 10) + (trailing - 0xDC00)
                return (Unicode.Scalar(UInt32(combined))!, 12)
            }
        }
        throw invalidUnicodeEscape(at: index, size: 6)
    }

    private func invalidUnicodeEscape(at index: Int, size: Int) -> GraphQLSyntaxError {
        let shown = String(decoding: bytes[index..<min(index + size, bytes.count)], as: UTF8.self)
        return error("Invalid Unicode escape sequence: \"\(shown)\".", at: index)
    }

    /// Four hex digits as a number, or a negative number when any is not a hex digit.
    private func read16BitHex(at index: Int) -> Int32 {
        (Lexer.hexValue(byte(at: index)) << 12) | (Lexer.hexValue(byte(at: index + 1)) << 8)
            | (Lexer.hexValue(byte(at: index + 2)) << 4) | Lexer.hexValue(byte(at: index + 3))
    }

    /// A hex digit's value, or -1 (so that a bad digit makes the whole escape negative).
    static func hexValue(_ byte: UInt8?) -> Int32 {
        byte.flatMap(HexDigit.value).map(Int32.init) ?? -1
    }

    /// BlockString :: `"""` BlockStringCharacter* `"""` (spec 2.9.4); `\"""` is the only escape.
    mutating func readBlockString() throws(GraphQLSyntaxError) -> Token {
        let start = position
        var index = start + 3
        var raw: [UInt8] = []
        var chunkStart = index
        while index < bytes.count {
            let current = bytes[index]
            if current == UInt8(ascii: "\""), byte(at: index + 1) == UInt8(ascii: "\""),
               byte(at: index + 2) == UInt8(ascii: "\"") {
                position = index + 3
                if raw.isEmpty {  // no escaped triple quote: the raw value is the source text
                    stringValue = BlockString.value(ofRawBytes: UnsafeBufferPointer(rebasing: bytes[chunkStart..<index]))
                } else {
                    raw.append(contentsOf: bytes[chunkStart..<index])
                    stringValue = raw.withUnsafeBufferPointer { BlockString.value(ofRawBytes: $0) }
                }
                return Token(kind: .blockString, start: start, end: position)
            }
            if current == UInt8(ascii: "\\"), byte(at: index + 1) == UInt8(ascii: "\""),
               byte(at: index + 2) == UInt8(ascii: "\""), byte(at: index + 3) == UInt8(ascii: "\"") {
                raw.append(contentsOf: bytes[chunkStart..<index])
                raw.append(contentsOf: repeatElement(UInt8(ascii: "\""), count: 3))
                index += 4
                chunkStart = index
                continue
            }
            if current == 0x0A || current == 0x0D || (current >= 0x20 && current < 0x80) {
                index += 1
                continue
            }
            try checkSourceCharacter(at: index)
            index += codePoint(at: index)!.length
        }
        throw error("Unterminated string.", at: index)
    }
}

/// Hexadecimal digits, as GraphQL and JSON `\u` escapes and URL percent-encoding write them.
public enum HexDigit {
    /// The value of `0`–`9`, `a`–`f` or `A`–`F`; nil for any other byte.
    public static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
