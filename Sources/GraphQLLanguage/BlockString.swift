/// Block string rules shared by the lexer (reading) and the printer (writing), spec 2.9.4.
public enum BlockString {
    /// BlockStringValue(rawValue): split into lines, remove the common indentation of all lines but the
    /// first, then drop leading and trailing blank lines.
    public static func value(ofRawLines raw: String) -> String {
        Array(raw.utf8).withUnsafeBufferPointer { value(ofRawBytes: $0) }
    }

    /// BlockStringValue over the raw UTF-8 bytes: two passes over the lines as byte ranges (measure,
    /// then copy into the String's own buffer), so neither a line nor the list of lines is allocated.
    static func value(ofRawBytes raw: UnsafeBufferPointer<UInt8>) -> String {
        var commonIndent = Int.max
        var firstNonBlank = -1
        var lastNonBlank = -1
        var number = 0
        forEachLine(raw) { line in
            var indent = 0
            while indent < line.count, raw[line.lowerBound + indent] == 0x20 || raw[line.lowerBound + indent] == 0x09 {
                indent += 1
            }
            if indent < line.count {  // not blank
                if firstNonBlank < 0 { firstNonBlank = number }
                lastNonBlank = number
                if number != 0, indent < commonIndent { commonIndent = indent }
            }
            number += 1
        }
        guard firstNonBlank >= 0 else { return "" }
        // With no indented line to measure, every line after the first is emptied, as graphql-js does.
        return String(unsafeUninitializedCapacity: raw.count) { buffer in
            var written = 0
            number = 0
            forEachLine(raw) { line in
                defer { number += 1 }
                guard number >= firstNonBlank, number <= lastNonBlank else { return }
                if number != firstNonBlank {
                    buffer[written] = 0x0A
                    written += 1
                }
                let start = number == 0 ? line.lowerBound : line.lowerBound + min(commonIndent, line.count)
                for index in start..<line.upperBound {
                    buffer[written] = raw[index]
                    written += 1
                }
            }
            return written
        }
    }

    /// Calls `body` with the byte range of each line of `bytes`, split at LF, CRLF and CR.
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                body(lineStart..<index)
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                lineStart = index
            } else {
                index += 1
            }
        }
        body(lineStart..<bytes.count)
    }

    /// The byte ranges of the lines of `bytes`, split at LF, CRLF and CR.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { forEachLine($0) { lines.append($0) } }
        return lines
    }

    /// Lines split at LF, CRLF and CR.
    static func splitLines(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return lineRanges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// graphql-js `printBlockString`: a block string literal whose value reads back unchanged.
    public static func print(_ value: String) -> String {
        // Read code unit by code unit, as graphql-js reads it: as characters, a combining mark
        // hid the space or quote it follows, and lengths came out shorter.
        func isBlank(_ byte: UInt8?) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let escaped = replacing(value, "\"\"\"", with: "\\\"\"\"")
        let lines = splitLines(escaped)
        let isSingleLine = lines.count == 1
        let forceLeadingNewLine = lines.count > 1 && lines.dropFirst().allSatisfy { $0.isEmpty || isBlank($0.utf8.first) }
        let hasTrailingTripleQuotes = escaped.utf8.reversed().starts(with: "\\\"\"\"".utf8.reversed())
        let hasTrailingQuote = value.utf8.last == UInt8(ascii: "\"") && !hasTrailingTripleQuotes
        let hasTrailingSlash = value.utf8.last == UInt8(ascii: "\\")
        let forceTrailingNewline = hasTrailingQuote || hasTrailingSlash
        let printAsMultipleLines = !isSingleLine || value.utf16.count > 70 || forceTrailingNewline
            || forceLeadingNewLine || hasTrailingTripleQuotes
        var result = ""
        let skipLeadingNewLine = isSingleLine && isBlank(value.utf8.first)
        if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { result += "\n" }
        result += escaped
        if printAsMultipleLines || forceTrailingNewline { result += "\n" }
        return "\"\"\"" + result + "\"\"\""
    }

    /// Every occurrence of `target` replaced, left to right (the language target imports nothing,
    /// not even Foundation). Found byte by byte, as graphql-js finds it code unit by code unit:
    /// compared as characters, a combining mark after `"""` made one character of the last quote
    /// and hid the quotes from the escape. The printer indents through here at each level of
    /// nesting, which the character-wise search made most of a second at 250 levels.
    static func replacing(_ text: String, _ target: String, with replacement: String) -> String {
        let source = Array(text.utf8), pattern = Array(target.utf8)
        guard let first = pattern.first else { return text }
        var result: [UInt8] = []
        var index = 0, copied = 0
        while index + pattern.count <= source.count {
            if source[index] == first, source[index..<index + pattern.count].elementsEqual(pattern) {
                if copied == 0 { result.reserveCapacity(source.count + source.count / 8) }
                result += source[copied..<index]
                result += replacement.utf8
                index += pattern.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return text }
        result += source[copied...]
        return String(decoding: result, as: UTF8.self)
    }
}
