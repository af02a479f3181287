/// Block string rules shared by the lexer (reading) and the printer (writing), spec 2.9.4.
public enum BlockString {
    /// BlockStringValue(rawValue): split into lines, remove the common indentation of all lines but the
    /// first, then drop leading and trailing blank lines.
    public static func value(ofRawLines raw: String) -> String {
        value(ofRawBytes: Array(raw.utf8))
    }

    /// BlockStringValue over the raw UTF-8 bytes: lines are byte ranges, and the value is built in one
    /// buffer, so no line becomes a String of its own.
    static func value(ofRawBytes raw: [UInt8]) -> String {
        let lines = lineRanges(raw)
        var commonIndent = Int.max
        var firstNonBlank = -1
        var lastNonBlank = -1
        for (number, line) in lines.enumerated() {
            var indent = 0
            while indent < line.count, raw[line.lowerBound + indent] == 0x20 || raw[line.lowerBound + indent] == 0x09 {
                indent += 1
            }
            if indent == line.count { continue }  // blank line
            if firstNonBlank < 0 { firstNonBlank = number }
            lastNonBlank = number
            if number != 0, indent < commonIndent { commonIndent = indent }
        }
        guard firstNonBlank >= 0 else { return "" }
        // With no indented line to measure, every line after the first is emptied, as graphql-js does.
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        for number in firstNonBlank...lastNonBlank {
            let line = lines[number]
            if number != firstNonBlank { result.append(0x0A) }
            let start = number == 0 ? line.lowerBound : line.lowerBound + min(commonIndent, line.count)
            result.append(contentsOf: raw[start..<line.upperBound])
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The byte ranges of the lines of `bytes`, split at LF, CRLF and CR.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(lineStart..<index)
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                lineStart = index
            } else {
                index += 1
            }
        }
        lines.append(lineStart..<bytes.count)
        return lines
    }

    /// Lines split at LF, CRLF and CR.
    static func splitLines(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return lineRanges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// graphql-js `printBlockString`: a block string literal whose value reads back unchanged.
    public static func print(_ value: String) -> String {
        let escaped = replacing(value, "\"\"\"", with: "\\\"\"\"")
        let lines = splitLines(escaped)
        let isSingleLine = lines.count == 1
        let forceLeadingNewLine = lines.count > 1
            && lines.dropFirst().allSatisfy { $0.isEmpty || $0.first == " " || $0.first == "\t" }
        let hasTrailingTripleQuotes = escaped.hasSuffix("\\\"\"\"")
        let hasTrailingQuote = value.hasSuffix("\"") && !hasTrailingTripleQuotes
        let hasTrailingSlash = value.hasSuffix("\\")
        let forceTrailingNewline = hasTrailingQuote || hasTrailingSlash
        let printAsMultipleLines = !isSingleLine || value.count > 70 || forceTrailingNewline
            || forceLeadingNewLine || hasTrailingTripleQuotes
        var result = ""
        let skipLeadingNewLine = isSingleLine && (value.first == " " || value.first == "\t")
        if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { result += "\n" }
        result += escaped
        if printAsMultipleLines || forceTrailingNewline { result += "\n" }
        return "\"\"\"" + result + "\"\"\""
    }

    /// Every occurrence of `target` replaced (the language target imports nothing, not even Foundation).
    static func replacing(_ text: String, _ target: String, with replacement: String) -> String {
        let parts = text.split(separator: target, omittingEmptySubsequences: false)
        return parts.joined(separator: replacement)
    }
}
