/// A front-matter value, as `FrontMatterFields` reads it.
enum FrontMatterValue: Equatable {
    /// One value; `plain` when written without quotes (only a plain `~`, `null` or nothing is null).
    case scalar(String, plain: Bool)
    /// A list; an item that is not a single value is nil.
    case sequence([String?])
    case mapping
}

/// One field of the front matter: its name, value and file line.
struct FrontMatterField: Equatable {
    var key: String
    var value: FrontMatterValue
    var line: Int
}

/// Reads the front matter most files have — one `field: value` per line, values plain, quoted or a
/// `[...]` list — without a YAML library, which costs far more than the rest of parsing a file on
/// a large import. Anything else (comments, block lists, multi-line or block scalars, anchors,
/// tags, unusual escapes or characters, repeated fields, errors) returns nil and the caller reads
/// the text with Yams, so every document means the same whichever reader takes it; a test holds
/// the two readers to agreement.
enum FrontMatterLines {
    /// The fields in order, or nil when the text needs the full YAML reader. `firstLine` is the
    /// file line of the text's first line.
    static func read(_ yaml: String, firstLine: Int) -> [FrontMatterField]? {
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            guard hasOnlyPlainCharacters(bytes) else { return nil }
            var lines: [Range<Int>] = []
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.count
                lines.append(lineStart..<lineEnd)
                lineStart = lineEnd + 1
            }
            var fields: [FrontMatterField] = []
            var seen: Set<String> = []
            var index = 0
            while index < lines.count {
                var reader = LineReader(bytes: bytes, position: lines[index].lowerBound, end: lines[index].upperBound)
                let line = firstLine + index
                index += 1
                if reader.atEnd { continue }  // a blank line
                // An indented line that is no list item (a continued value, a nested mapping) is not a
                // field: the full reader takes the text.
                guard var field = reader.field(line: line), seen.insert(field.key).inserted else { return nil }
                if case .scalar("", plain: true) = field.value, index < lines.count,
                   let indent = LineReader.listItemIndent(bytes, lines[index]) {
                    // A block list: `- item` lines, all indented alike, right after the field.
                    var items: [String?] = []
                    while index < lines.count, LineReader.listItemIndent(bytes, lines[index]) == indent {
                        var item = LineReader(bytes: bytes, position: lines[index].lowerBound + indent + 2,
                                              end: lines[index].upperBound)
                        item.skipSpaces()
                        guard item.current != UInt8(ascii: "["), case .scalar(let text, _) = item.blockValue() else {
                            return nil
                        }
                        items.append(text)
                        index += 1
                    }
                    field.value = .sequence(items)
                }
                fields.append(field)
            }
            return fields
        }
    }

    /// No tabs, control characters, byte order marks, non-characters or Unicode line breaks, whose
    /// meaning in YAML is subtle: such texts go to the full reader.
    private static func hasOnlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 && byte != 10 || byte == 0x7F { return false }
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] < 0xA0 { return false }  // C1 controls, NEL
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
               bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return false }  // line and paragraph separators
            if byte == 0xEF, index + 2 < bytes.count,
               bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF
               || bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE { return false }  // BOM, U+FFFE, U+FFFF
            index += 1
        }
        return true
    }
}

/// A cursor over one line of front matter.
private struct LineReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    var atEnd: Bool {
        var index = position
        while index < end, bytes[index] == 32 { index += 1 }
        return index == end
    }

    var current: UInt8? { position < end ? bytes[position] : nil }

    /// The indentation of a `- item` line (a dash and a space after any spaces), or nil.
    static func listItemIndent(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Int? {
        var index = line.lowerBound
        while index < line.upperBound, bytes[index] == 32 { index += 1 }
        guard index + 1 < line.upperBound, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == 32 else { return nil }
        return index - line.lowerBound
    }

    mutating func skipSpaces() {
        while position < end, bytes[position] == 32 { position += 1 }
    }

    func text(_ start: Int, _ stop: Int) -> String { String(decoding: bytes[start..<stop], as: UTF8.self) }

    /// `name: value` at the start of the line.
    mutating func field(line: Int) -> FrontMatterField? {
        let keyStart = position
        guard let first = current, isLetter(first) || first == UInt8(ascii: "_") else { return nil }
        while let byte = current, isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") {
            position += 1
        }
        // YAML allows a key of at most 1,024 characters on one line.
        guard current == UInt8(ascii: ":"), position - keyStart <= 1024 else { return nil }
        let key = text(keyStart, position)
        position += 1
        if position < end, bytes[position] != 32 { return nil }
        skipSpaces()
        guard let value = blockValue() else { return nil }
        return FrontMatterField(key: key, value: value, line: line)
    }

    /// What follows `name: `, running to the end of the line.
    mutating func blockValue() -> FrontMatterValue? {
        guard let first = current else { return .scalar("", plain: true) }
        let value: FrontMatterValue
        switch first {
        case UInt8(ascii: "\""): guard let text = doubleQuoted() else { return nil }; value = .scalar(text, plain: false)
        case UInt8(ascii: "'"): guard let text = singleQuoted() else { return nil }; value = .scalar(text, plain: false)
        case UInt8(ascii: "["): guard let items = flowSequence() else { return nil }; value = .sequence(items)
        default: guard let text = plain(inFlow: false) else { return nil }; value = .scalar(text, plain: true)
        }
        skipSpaces()
        return position == end ? value : nil
    }

    /// A plain scalar. Any indicator it could begin with, and `: ` or ` #` inside it, send the
    /// line to the full reader; in a list, `,`, brackets and braces end or refuse it.
    mutating func plain(inFlow: Bool) -> String? {
        guard let first = current, !"-?:,[]{}#&*!|>'\"%@`".utf8.contains(first) else { return nil }
        let start = position
        var last = position  // one past the last non-space byte
        while let byte = current {
            if inFlow, ",[]{}".utf8.contains(byte) { break }
            if inFlow, byte == UInt8(ascii: ":") { return nil }
            if byte == UInt8(ascii: ":"), position + 1 == end || bytes[position + 1] == 32 { return nil }
            if byte == UInt8(ascii: "#"), bytes[position - 1] == 32 { return nil }
            position += 1
            if byte != 32 { last = position }
        }
        position = last
        return text(start, last)
    }

    /// `'…'` with `''` standing for a quote.
    mutating func singleQuoted() -> String? {
        position += 1
        var result: [UInt8] = []
        while let byte = current {
            position += 1
            if byte == UInt8(ascii: "'") {
                guard current == UInt8(ascii: "'") else { return String(decoding: result, as: UTF8.self) }
                position += 1
            }
            result.append(byte)
        }
        return nil  // continues on the next line
    }

    /// `"…"` with the escapes `ContentFile.write` produces; any other escape goes to the full reader.
    mutating func doubleQuoted() -> String? {
        position += 1
        var result: [UInt8] = []
        while let byte = current {
            position += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: result, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                continue
            }
            guard let escape = current else { return nil }
            position += 1
            switch escape {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "/"): result.append(escape)
            case UInt8(ascii: "n"): result.append(10)
            case UInt8(ascii: "t"): result.append(9)
            case UInt8(ascii: "r"): result.append(13)
            case UInt8(ascii: "u"):
                guard position + 4 <= end, bytes[position..<position + 4].allSatisfy(isHexDigit),
                      let value = UInt32(text(position, position + 4), radix: 16),
                      let scalar = Unicode.Scalar(value) else { return nil }
                position += 4
                result.append(contentsOf: String(Character(scalar)).utf8)
            default: return nil
            }
        }
        return nil  // continues on the next line
    }

    /// `[item, item]` on one line.
    mutating func flowSequence() -> [String?]? {
        position += 1
        skipSpaces()
        var items: [String?] = []
        if current == UInt8(ascii: "]") {
            position += 1
            return items
        }
        while true {
            let item: String?
            switch current {
            case UInt8(ascii: "\""): item = doubleQuoted()
            case UInt8(ascii: "'"): item = singleQuoted()
            default: item = plain(inFlow: true)
            }
            guard let item else { return nil }
            items.append(item)
            skipSpaces()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipSpaces()
                if current == UInt8(ascii: "]") { return nil }  // a trailing comma
            case UInt8(ascii: "]"):
                position += 1
                return items
            default:
                return nil
            }
        }
    }

    private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }
}
