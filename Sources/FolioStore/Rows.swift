import FolioContent
import Foundation
import GRDB

/// Conversions between stored columns and domain values, in one place.
enum Columns {
    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    static func maybeSeconds(_ date: Date?) -> Int64? { date.map { seconds($0) } }
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    static func maybeDate(_ seconds: Int64?) -> Date? { seconds.map { date($0) } }

    static func json(_ list: [String]) -> String {
        let data = try? JSONEncoder().encode(list)
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func list(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    static func headingsJSON(_ headings: [Heading]) -> String {
        let data = try? JSONEncoder().encode(headings)
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func headings(_ text: String) -> [Heading] {
        (try? JSONDecoder().decode([Heading].self, from: Data(text.utf8))) ?? []
    }

    static let authorColumns = "id, slug, name, role, avatar_url, bio_markdown, bio_html, created_at, updated_at"

    static func author(_ row: Row) -> Author {
        Author(id: row["id"], slug: row["slug"], name: row["name"], role: row["role"], avatarURL: row["avatar_url"],
               bioMarkdown: row["bio_markdown"], bioHTML: row["bio_html"], createdAt: date(row["created_at"] as Int64),
               updatedAt: date(row["updated_at"] as Int64))
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
