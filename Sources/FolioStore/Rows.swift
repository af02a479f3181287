import FolioContent
import Foundation

/// Conversions between stored columns and domain values, in one place.
enum Columns {
    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    static func maybeSeconds(_ date: Date?) -> Int64? { date.map { seconds($0) } }
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    static func maybeDate(_ seconds: Int64?) -> Date? { seconds.map { date($0) } }

    /// A list of texts as a JSON array.
    static func json(_ list: [String]) -> String {
        var json = "["
        for (index, item) in list.enumerated() {
            if index > 0 { json += "," }
            appendJSONString(item, to: &json)
        }
        return json + "]"
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func appendJSONString(_ text: String, to json: inout String) {
        json += "\""
        var plainStart = text.utf8.startIndex
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            json += text[plainStart..<index]
            switch byte {
            case UInt8(ascii: "\""): json += "\\\""
            case UInt8(ascii: "\\"): json += "\\\\"
            case 10: json += "\\n"
            case 9: json += "\\t"
            case 13: json += "\\r"
            default: json += "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            }
            plainStart = text.utf8.index(after: index)
        }
        json += text[plainStart...]
        json += "\""
    }

    static func list(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// Headings as a JSON array of `{"level", "text", "anchor"}` objects (what `headings` reads).
    static func headingsJSON(_ headings: [Heading]) -> String {
        var json = "["
        for (index, heading) in headings.enumerated() {
            json += index > 0 ? ",{\"level\":" : "{\"level\":"
            json += String(heading.level)
            json += ",\"text\":"
            appendJSONString(heading.text, to: &json)
            json += ",\"anchor\":"
            appendJSONString(heading.anchor, to: &json)
            json += "}"
        }
        return json + "]"
    }

    static func headings(_ text: String) -> [Heading] {
        (try? JSONDecoder().decode([Heading].self, from: Data(text.utf8))) ?? []
    }

    private static let authorColumnNames = ["id", "slug", "name", "role", "avatar_url", "bio_markdown", "bio_html",
                                            "created_at", "updated_at"]
    static let authorColumns = authorColumnNames.joined(separator: ", ")
    static var authorColumnCount: Int { authorColumnNames.count }

    /// `authorColumns` of the authors table joined as `alias`.
    static func authorColumns(of alias: String) -> String {
        authorColumnNames.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static func author(_ row: SQLiteRow) -> Author { author(row, at: 0)! }

    /// Decodes `authorColumns` by position from column `start` on; nil when the id there is NULL (a
    /// left join that found no author).
    static func author(_ row: SQLiteRow, at start: Int) -> Author? {
        guard let id = row.optionalInt64(start) else { return nil }
        return Author(id: id, slug: row.text(start + 1), name: row.text(start + 2), role: row.optionalText(start + 3),
                      avatarURL: row.optionalText(start + 4), bioMarkdown: row.text(start + 5),
                      bioHTML: row.text(start + 6), createdAt: date(row.int64(start + 7)),
                      updatedAt: date(row.int64(start + 8)))
    }

    /// Selected from `articles AS a`.
    static let articleColumns = """
        a.id, a.slug, a.title, a.summary, a.reading_time_minutes, a.status, a.published_at, a.created_at, a.updated_at,
        a.author_id, a.reviewed_at, a.reviewer_id, a.canonical_url,
        (SELECT group_concat(tag, ',') FROM (SELECT tag FROM article_tags t WHERE t.article_id = a.id ORDER BY position)) AS tags
        """

    /// How many columns `articleColumns` selects: what a query selects after them starts there.
    static let articleColumnCount = 14

    /// Decodes `articleColumns` by position. Tags are slugs (the store refuses others), so a comma
    /// can join them: no JSON to decode.
    static func article(_ row: SQLiteRow) -> Article {
        Article(id: row.int64(0), slug: row.text(1), title: row.text(2), summary: row.optionalText(3),
                readingTimeMinutes: row.int(4), status: ContentStatus(rawValue: row.text(5)) ?? .draft,
                publishedAt: maybeDate(row.optionalInt64(6)), createdAt: date(row.int64(7)), updatedAt: date(row.int64(8)),
                authorID: row.optionalInt64(9), reviewedAt: maybeDate(row.optionalInt64(10)),
                reviewerID: row.optionalInt64(11), canonicalURL: row.optionalText(12),
                tags: row.optionalText(13).map { $0.split(separator: ",").map(String.init) } ?? [])
    }

    static let procedureColumns = """
        id, slug, name, full_name, summary, body_markdown, body_html, conditions, symptoms, duration_minutes,
        anesthesia, incision, imaging_guidance, recovery, risks, preparation, created_at, updated_at
        """

    /// Decodes `procedureColumns` by position from column `start` on.
    static func procedure(_ row: SQLiteRow, at start: Int = 0) -> Procedure {
        let updatedAt = date(row.int64(start + 17))
        let entry = ProcedureEntry(
            slug: row.text(start + 1), name: row.text(start + 2), fullName: row.optionalText(start + 3),
            summary: row.optionalText(start + 4), bodyMarkdown: row.text(start + 5), conditions: list(row.text(start + 7)),
            symptoms: list(row.text(start + 8)), durationMinutes: row.optionalInt(start + 9),
            anesthesia: row.optionalText(start + 10), incision: row.optionalText(start + 11),
            imagingGuidance: row.optionalText(start + 12), recovery: row.optionalText(start + 13),
            risks: list(row.text(start + 14)), preparation: list(row.text(start + 15)), updatedAt: updatedAt)
        return Procedure(id: row.int64(start), entry: entry, bodyHTML: row.text(start + 6),
                         createdAt: date(row.int64(start + 16)), updatedAt: updatedAt)
    }
}
