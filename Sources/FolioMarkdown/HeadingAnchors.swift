import Foundation

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
        var result = ""
        result.reserveCapacity(html.utf8.count + headings.count * 24)
        var remaining = html[...]
        for heading in headings {
            let tag = "<h\(heading.level)>"
            guard let range = remaining.range(of: tag) else { break }
            result += remaining[..<range.lowerBound]
            result += "<h\(heading.level) id=\"\(heading.anchor)\">"
            remaining = remaining[range.upperBound...]
        }
        result += remaining
        return result
    }
}
