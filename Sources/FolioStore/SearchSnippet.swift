/// A search hit's snippet: a few dozen words of the article around the terms searched for, as HTML
/// a front end can insert as it is — the text escaped, each term in `<mark>…</mark>`.
///
/// FTS5's `snippet()` marks the terms with strings of our choosing but leaves the text between them
/// as it is, and an article's plain text may hold anything (`<script>` in a code sample, "a < b &
/// c"). So SQLite marks the terms with two control characters and the text is escaped here, the
/// marks becoming tags only then. Control characters in the content itself at worst move a mark; the
/// tags always pair up.
enum SearchSnippet {
    private static let open: Unicode.Scalar = "\u{2}"
    private static let close: Unicode.Scalar = "\u{3}"
    /// Tokens of text in a snippet, as FTS5 counts them.
    private static let tokens = 24

    /// The `snippet()` call for one column of `articles_fts` (0 title, 1 summary, 2 body text).
    static func sql(column: Int) -> String {
        "snippet(articles_fts, \(column), char(2), char(3), '…', \(tokens))"
    }

    /// The snippet to show, from the body's and the summary's (both as `sql(column:)` gives them):
    /// the body's when the terms are in it; else the summary's, marked when the terms are there, as
    /// it begins when they are only in the title; the body's beginning when there is no summary.
    static func html(body: String, summary: String) -> String {
        let chosen = if body.unicodeScalars.contains(open) { body }
            else if summary.unicodeScalars.contains(open) || !summary.isEmpty { summary }
            else { body }
        return escaped(chosen)
    }

    /// `raw` with `&`, `<`, `>`, `"` and `'` escaped, the marks as `<mark>` tags and other control
    /// characters but tab and line breaks left out.
    static func escaped(_ raw: String) -> String {
        var html = ""
        html.reserveCapacity(raw.utf8.count + 32)
        var marking = false
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            case "'": html += "&#39;"
            case open:
                if !marking { html += "<mark>" }
                marking = true
            case close:
                if marking { html += "</mark>" }
                marking = false
            case "\t", "\n", "\r": html.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7f { html.unicodeScalars.append(scalar) }
            }
        }
        if marking { html += "</mark>" }
        return html
    }
}
