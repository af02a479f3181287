public import FolioContent
import Foundation
import GRDB

extension ContentStore {
    /// The entry as an editor would write it, read back from the store; nil when there is none.
    public func entry(_ kind: ContentKind, slug: String) async throws -> ContentEntry? {
        try await pool.read { db in try Self.entry(db, kind, slug: slug) }
    }

    /// Every entry, authors first, then procedures, then articles, each by slug: what `export` writes.
    public func allEntries() async throws -> [ContentEntry] {
        try await pool.read { db in
            var entries: [ContentEntry] = []
            for kind in ContentKind.saveOrder {
                let slugs = try String.fetchAll(db, sql: "SELECT slug FROM \(kind.table) ORDER BY slug")
                for slug in slugs {
                    if let entry = try Self.entry(db, kind, slug: slug) { entries.append(entry) }
                }
            }
            return entries
        }
    }

    static func entry(_ db: Database, _ kind: ContentKind, slug: String) throws -> ContentEntry? {
        switch kind {
        case .author:
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Columns.authorColumns) FROM authors WHERE slug = ?",
                                             arguments: [slug]) else { return nil }
            let author = Columns.author(row)
            return .author(AuthorEntry(slug: author.slug, name: author.name, role: author.role,
                                       avatarURL: author.avatarURL, bioMarkdown: author.bioMarkdown,
                                       updatedAt: author.updatedAt))
        case .procedure:
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Columns.procedureColumns) FROM procedures WHERE slug = ?",
                                             arguments: [slug]) else { return nil }
            return .procedure(Columns.procedure(row).entry)
        case .article:
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.slug, a.title, a.summary, a.body_markdown, a.status, a.published_at, a.updated_at,
                       a.reviewed_at, a.canonical_url, a.id,
                       (SELECT slug FROM authors WHERE id = a.author_id) AS author_slug,
                       (SELECT slug FROM authors WHERE id = a.reviewer_id) AS reviewer_slug
                FROM articles a WHERE a.slug = ?
                """, arguments: [slug]) else { return nil }
            let id: Int64 = row["id"]
            let tags = try String.fetchAll(db, sql: "SELECT tag FROM article_tags WHERE article_id = ? ORDER BY position",
                                           arguments: [id])
            let procedures = try String.fetchAll(db, sql: """
                SELECT p.slug FROM article_procedures ap JOIN procedures p ON p.id = ap.procedure_id
                WHERE ap.article_id = ? ORDER BY ap.position
                """, arguments: [id])
            let related = try String.fetchAll(db, sql: """
                SELECT a.slug FROM related_articles r JOIN articles a ON a.id = r.related_id
                WHERE r.article_id = ? ORDER BY r.position
                """, arguments: [id])
            return .article(ArticleEntry(
                slug: row["slug"], title: row["title"], summary: row["summary"], bodyMarkdown: row["body_markdown"],
                status: ContentStatus(rawValue: row["status"]) ?? .draft,
                publishedAt: Columns.maybeDate(row["published_at"] as Int64?),
                updatedAt: Columns.maybeDate(row["updated_at"] as Int64?), authorSlug: row["author_slug"], tags: tags,
                procedureSlugs: procedures, relatedSlugs: related,
                reviewedAt: Columns.maybeDate(row["reviewed_at"] as Int64?), reviewerSlug: row["reviewer_slug"],
                canonicalURL: row["canonical_url"]))
        }
    }
}
