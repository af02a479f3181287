public import FolioContent
import Foundation
import GRDB

extension ContentStore {
    /// The entry as an editor would write it, read back from the store; nil when there is none.
    public func entry(_ kind: ContentKind, slug: String) async throws -> ContentEntry? {
        try await pool.read { db in try Self.entry(SQLiteReader(db), kind, slug: slug) }
    }

    /// Every entry, authors first, then procedures, then articles, each by slug: what `export` writes.
    public func allEntries() async throws -> [ContentEntry] {
        try await pool.read { db in
            let reader = SQLiteReader(db)
            var entries: [ContentEntry] = []
            for kind in ContentKind.saveOrder {
                let slugs = try reader.all("SELECT slug FROM \(kind.table) ORDER BY slug") { $0.text(0) }
                for slug in slugs {
                    if let entry = try Self.entry(reader, kind, slug: slug) { entries.append(entry) }
                }
            }
            return entries
        }
    }

    /// Also inside a write, over its connection (`SQLiteReader(db)`).
    static func entry(_ db: SQLiteReader, _ kind: ContentKind, slug: String) throws -> ContentEntry? {
        switch kind {
        case .author:
            guard let author = try db.one("SELECT \(Columns.authorColumns) FROM authors WHERE slug = ?", [.text(slug)],
                                          Columns.author) else { return nil }
            return .author(AuthorEntry(slug: author.slug, name: author.name, role: author.role,
                                       avatarURL: author.avatarURL, bioMarkdown: author.bioMarkdown,
                                       updatedAt: author.updatedAt))
        case .procedure:
            return try db.one("SELECT \(Columns.procedureColumns) FROM procedures WHERE slug = ?", [.text(slug)]) { row in
                .procedure(Columns.procedure(row).entry)
            }
        case .article:
            guard var article = try db.one("""
                SELECT a.slug, a.title, a.summary, a.body_markdown, a.status, a.published_at, a.updated_at,
                       a.reviewed_at, a.canonical_url, a.id,
                       (SELECT slug FROM authors WHERE id = a.author_id) AS author_slug,
                       (SELECT slug FROM authors WHERE id = a.reviewer_id) AS reviewer_slug
                FROM articles a WHERE a.slug = ?
                """, [.text(slug)], { row in
                (id: row.int64(9), entry: ArticleEntry(
                    slug: row.text(0), title: row.text(1), summary: row.optionalText(2), bodyMarkdown: row.text(3),
                    status: ContentStatus(rawValue: row.text(4)) ?? .draft,
                    publishedAt: Columns.maybeDate(row.optionalInt64(5)), updatedAt: Columns.maybeDate(row.optionalInt64(6)),
                    authorSlug: row.optionalText(10), reviewedAt: Columns.maybeDate(row.optionalInt64(7)),
                    reviewerSlug: row.optionalText(11), canonicalURL: row.optionalText(8)))
            }) else { return nil }
            let id: [SQLValue] = [.integer(article.id)]
            article.entry.tags = try db.all("SELECT tag FROM article_tags WHERE article_id = ? ORDER BY position", id) { $0.text(0) }
            article.entry.procedureSlugs = try db.all("""
                SELECT p.slug FROM article_procedures ap JOIN procedures p ON p.id = ap.procedure_id
                WHERE ap.article_id = ? ORDER BY ap.position
                """, id) { $0.text(0) }
            article.entry.relatedSlugs = try db.all("""
                SELECT a.slug FROM related_articles r JOIN articles a ON a.id = r.related_id
                WHERE r.article_id = ? ORDER BY r.position
                """, id) { $0.text(0) }
            return .article(article.entry)
        }
    }
}
