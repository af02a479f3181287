/// Stable, unique `id`s for headings, GitHub style: "Risks & Recovery" becomes `risks--recovery`,
/// and a second "Recovery" becomes `recovery-1`.
struct HeadingAnchors {
    private var used: [String: Int] = [:]

    /// The anchor for a heading's text, unique within one document.
    mutating func unique(for text: String) -> String {
        var base = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                base.append(character)
            } else if character == " " {
                base.append("-")
            }
        }
        if base.isEmpty { base = "section" }
        var candidate = base
        while let count = used[candidate] {
            used[candidate] = count + 1
            candidate = "\(base)-\(count)"
        }
        used[candidate] = 1
        return candidate
    }

    /// Gives each `<hN>` opening tag, in order, the anchor of the matching heading. Safe-mode output
    /// holds no raw HTML, so every `<hN>` tag is a rendered heading, in document order.
    static func insert(_ headings: [MarkdownHeading], into html: String) -> String {
        guard !headings.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + headings.count * 24)
        var position = 0
        for heading in headings {
            let tag = Array("<h\(heading.level)>".utf8)
            guard let found = find(tag, in: bytes, from: position) else { break }
            result += bytes[position..<found]
            result += Array("<h\(heading.level) id=\"\(heading.anchor)\">".utf8)
            position = found + tag.count
        }
        result += bytes[position...]
        return String(decoding: result, as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= haystack.count {
            guard let candidate = haystack[index...].firstIndex(of: needle[0]) else { return nil }
            if candidate + needle.count <= haystack.count, haystack[candidate..<candidate + needle.count].elementsEqual(needle) {
                return candidate
            }
            index = candidate + 1
        }
        return nil
    }
}
