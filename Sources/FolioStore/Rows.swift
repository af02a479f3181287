import FolioContent
import Foundation
import GRDB

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

    static func author(_ row: Row) -> Author { author(row, at: 0)! }

    /// Decodes `authorColumns` by position from column `start` on; nil when the id there is NULL (a
    /// left join that found no author).
    static func author(_ row: Row, at start: Int) -> Author? {
        guard let id = row[start] as Int64? else { return nil }
        return Author(id: id, slug: row[start + 1], name: row[start + 2], role: row[start + 3], avatarURL: row[start + 4],
                      bioMarkdown: row[start + 5], bioHTML: row[start + 6], createdAt: date(row[start + 7] as Int64),
                      updatedAt: date(row[start + 8] as Int64))
    }

    /// Selected from `articles AS a`.
    static let articleColumns = """
        a.id, a.slug, a.title, a.summary, a.reading_time_minutes, a.status, a.published_at, a.created_at, a.updated_at,
        a.author_id, a.reviewed_at, a.reviewer_id, a.canonical_url,
        (SELECT group_concat(tag, ',') FROM (SELECT tag FROM article_tags t WHERE t.article_id = a.id ORDER BY position)) AS tags
        """

    /// Decodes `articleColumns` by position: named lookups cost a case-insensitive search per column.
    /// Tags are slugs (the store refuses others), so a comma can join them: no JSON to decode.
    static func article(_ row: Row) -> Article {
        Article(id: row[0], slug: row[1], title: row[2], summary: row[3], readingTimeMinutes: row[4],
                status: ContentStatus(rawValue: row[5]) ?? .draft, publishedAt: maybeDate(row[6] as Int64?),
                createdAt: date(row[7] as Int64), updatedAt: date(row[8] as Int64), authorID: row[9],
                reviewedAt: maybeDate(row[10] as Int64?), reviewerID: row[11], canonicalURL: row[12],
                tags: (row[13] as String?).map { $0.split(separator: ",").map(String.init) } ?? [])
    }

    static let procedureColumns = """
        id, slug, name, full_name, summary, body_markdown, body_html, conditions, symptoms, duration_minutes,
        anesthesia, incision, imaging_guidance, recovery, risks, preparation, created_at, updated_at
        """

    static func procedure(_ row: Row) -> Procedure {
        let entry = ProcedureEntry(
            slug: row["slug"], name: row["name"], fullName: row["full_name"], summary: row["summary"],
            bodyMarkdown: row["body_markdown"], conditions: list(row["conditions"]), symptoms: list(row["symptoms"]),
            durationMinutes: row["duration_minutes"], anesthesia: row["anesthesia"], incision: row["incision"],
            imagingGuidance: row["imaging_guidance"], recovery: row["recovery"], risks: list(row["risks"]),
            preparation: list(row["preparation"]), updatedAt: date(row["updated_at"] as Int64))
        return Procedure(id: row["id"], entry: entry, bodyHTML: row["body_html"],
                         createdAt: date(row["created_at"] as Int64), updatedAt: date(row["updated_at"] as Int64))
    }
}
