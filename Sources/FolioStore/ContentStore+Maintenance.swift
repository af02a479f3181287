import FolioContent
import Foundation
import GRDB

extension ContentStore {
    /// Every problem found: SQLite integrity, foreign keys, related links that point nowhere or at
    /// their own article, tag lists against the tags, and the full-text index against the articles.
    /// Empty when all is well.
    public func check() async throws -> [String] {
        // The FTS5 integrity command is an INSERT, which read-only connections refuse.
        try await pool.write { db in
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "integrity: \($0)" } }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                problems.append("foreign key: row \(row[1] as Int64? ?? 0) of \(row[0] as String) refers to a missing \(row[2] as String) row")
            }
            let dangling = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM related_articles r
                WHERE r.related_id NOT IN (SELECT id FROM articles) OR r.article_id NOT IN (SELECT id FROM articles)
                   OR r.article_id = r.related_id
                """) ?? 0
            if dangling > 0 { problems.append("related links: \(dangling) link(s) point to a missing article or to their own article") }
            let tagLists = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM articles a
                WHERE (SELECT tags FROM article_tag_lists l WHERE l.article_id = a.id) IS NOT
                      (SELECT group_concat(tag, ',') FROM (SELECT tag FROM article_tags t WHERE t.article_id = a.id ORDER BY position))
                """) ?? 0
            if tagLists > 0 { problems.append("tags: the tag list of \(tagLists) article(s) differs from their tags") }
            do {
                try db.execute(sql: "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
            } catch {
                problems.append("full-text index: out of step with the articles table")
            }
            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles_fts") ?? 0
            let articles = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
            if indexed != articles {
                problems.append("full-text index: \(indexed) entries for \(articles) articles")
            }
            return problems
        }
    }

    /// Copies the database to `destination` with SQLite's online backup: a consistent snapshot even
    /// while other processes read and write.
    public func backup(to destination: String) throws {
        let target = try DatabaseQueue(path: destination)
        try pool.backup(to: target)
    }
}
