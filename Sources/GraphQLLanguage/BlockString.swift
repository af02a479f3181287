/// Block string rules shared by the lexer (reading) and the printer (writing), spec 2.9.4.
public enum BlockString {
    /// BlockStringValue(rawValue): split into lines, remove the common indentation of all lines but the
    /// first, then drop leading and trailing blank lines.
    public static func value(ofRawLines raw: String) -> String {
        let lines = splitLines(raw)
        var commonIndent: Int? = nil
        var firstNonBlank: Int? = nil
        var lastNonBlank = -1
        for (number, line) in lines.enumerated() {
            let indent = leadingWhitespace(line)
            if indent == line.utf8.count { continue }  // blank line
            if firstNonBlank == nil { firstNonBlank = number }
            lastNonBlank = number
            if number != 0, indent < (commonIndent ?? Int.max) { commonIndent = indent }
        }
        guard let first = firstNonBlank else { return "" }
        // With no indented line to measure, every line after the first is emptied, as graphql-js does.
        let indent = commonIndent ?? Int.max
        var result: [Substring] = []
        for (number, line) in lines.enumerated() where number >= first && number <= lastNonBlank {
            result.append(number == 0 ? line[...] : Substring(line.utf8.dropFirst(indent)))
        }
        return result.joined(separator: "\n")
    }

    /// Lines split at LF, CRLF and CR.
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        var pendingCR = false
        while let byte = bytes.next() {
            if pendingCR {
                pendingCR = false
                if byte == 0x0A { continue }
            }
            if byte == 0x0A || byte == 0x0D {
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                pendingCR = byte == 0x0D
            } else {
                current.append(byte)
            }
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }

    /// Count of leading tabs and spaces.
    static func leadingWhitespace(_ line: String) -> Int {
        var count = 0
        for byte in line.utf8 {
            guard byte == 0x20 || byte == 0x09 else { break }
            count += 1
        }
        return count
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
