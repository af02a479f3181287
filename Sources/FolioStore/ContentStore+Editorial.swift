public import FolioContent
public import Foundation
import GRDB

/// A stored earlier version of an entry.
public struct Revision: Sendable, Equatable {
    public var number: Int
    public var createdAt: Date
    /// The version as a content file (front matter and body), exactly what `restore` brings back.
    public var content: String
}

extension ContentStore {
    /// Publishes an article now, or at `at` (in the future: scheduled). Without `at`, an article that
    /// already has a publication time keeps it. These changes return whether anything changed: one
    /// that leaves the article as it was records nothing.
    @discardableResult
    public func publish(_ slug: String, at: Date? = nil, now: Date = Date()) async throws -> Bool {
        try await modifyArticle(slug, now: now) { article in
            article.status = .published
            article.publishedAt = at ?? article.publishedAt ?? Timestamp.truncate(now)
        }
    }

    /// Takes an article back to draft.
    @discardableResult
    public func unpublish(_ slug: String, now: Date = Date()) async throws -> Bool {
        try await modifyArticle(slug, now: now) { $0.status = .draft }
    }

    @discardableResult
    public func archive(_ slug: String, now: Date = Date()) async throws -> Bool {
        try await modifyArticle(slug, now: now) { $0.status = .archived }
    }

    /// Adds `related` to the article's related list at a 1-based position (past the end: last),
    /// moving it there when it is already in the list; without a position a new link goes last and
    /// an existing one stays where it is. Returns whether the list changed (no revision is kept
    /// when it did not) and the link's position in it.
    @discardableResult
    public func link(_ slug: String, to related: String, position: Int? = nil, now: Date = Date()) async throws
        -> (changed: Bool, position: Int) {
        if slug == related { throw ContentError.selfLink(slug) }
        var placed = 0
        let changed = try await modifyArticle(slug, now: now) { article in
            if position == nil, let existing = article.relatedSlugs.firstIndex(of: related) {
                placed = existing
                return
            }
            article.relatedSlugs.removeAll { $0 == related }
            placed = min(max((position ?? Int.max) - 1, 0), article.relatedSlugs.count)
            article.relatedSlugs.insert(related, at: placed)
        }
        return (changed, placed + 1)
    }

    @discardableResult
    public func unlink(_ slug: String, from related: String, now: Date = Date()) async throws -> Bool {
        try await modifyArticle(slug, now: now) { article in
            guard article.relatedSlugs.contains(related) else {
                throw ContentError.invalidField(field: "related", reason: "\"\(related)\" is not among the related articles of \"\(slug)\"")
            }
            article.relatedSlugs.removeAll { $0 == related }
        }
    }

    /// Every change goes through `save`, so revisions and the change log are kept the same way.
    private func modifyArticle(_ slug: String, now: Date, _ change: (inout ArticleEntry) throws -> Void) async throws -> Bool {
        guard case .article(var article) = try await entry(.article, slug: slug) else {
            throw ContentError.notFound(.article, slug)
        }
        try change(&article)
        article.updatedAt = nil
        return try await save([.article(article)], now: now).unchanged == 0
    }

    /// Deletes an entry, keeping its last version as a revision so it can be restored. Authors and
    /// procedures that articles still refer to cannot be deleted; an article's incoming related
    /// links are removed with it, each linking article keeping a revision and traced as updated.
    public func delete(_ kind: ContentKind, slug: String, now: Date = Date()) async throws {
        try await pool.write { db in
            guard let previous = try Self.entry(SQLiteReader(db), kind, slug: slug) else { throw ContentError.notFound(kind, slug) }
            let users: Int
            switch kind {
            case .author:
                users = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM articles WHERE author_id = (SELECT id FROM authors WHERE slug = ?)
                    OR reviewer_id = (SELECT id FROM authors WHERE slug = ?)
                    """, arguments: [slug, slug]) ?? 0
            case .procedure:
                users = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM article_procedures WHERE procedure_id = (SELECT id FROM procedures WHERE slug = ?)
                    """, arguments: [slug]) ?? 0
            case .article:
                users = 0
            }
            if users > 0 {
                throw ContentError.invalidField(field: "slug", reason: "\(users) article(s) still refer to the \(kind.rawValue) \"\(slug)\"")
            }
            let at = Timestamp.truncate(now)
            // An article's links to it go with it: each article that linked to it changes, so each
            // keeps its version before as a revision (restoring that brings the link back) and is
            // traced as updated, for delta pulls and caches, like any other change.
            let linking = kind != .article ? [] : try String.fetchAll(db, sql: """
                SELECT DISTINCT a.slug FROM related_articles AS r JOIN articles AS a ON a.id = r.article_id
                WHERE r.related_id = (SELECT id FROM articles WHERE slug = ?) ORDER BY a.slug
                """, arguments: [slug])
            for other in linking {
                if let version = try Self.entry(SQLiteReader(db), .article, slug: other) { try Revisions.record(db, version, at: at) }
            }
            try Revisions.record(db, previous, at: at)
            try db.execute(sql: "DELETE FROM \(kind.table) WHERE slug = ?", arguments: [slug])
            try Changes.record(db, kind, slug, "deleted", at: at)
            for other in linking {
                try db.execute(sql: "UPDATE articles SET updated_at = ? WHERE slug = ?", arguments: [Columns.seconds(at), other])
                try Changes.record(db, .article, other, "updated", at: at)
            }
        }
    }

    /// Earlier versions of an entry, oldest first.
    public func history(_ kind: ContentKind, slug: String) async throws -> [Revision] {
        try await pool.read { db in
            try SQLiteReader(db).all("""
                SELECT revision, created_at, content FROM revisions WHERE kind = ? AND slug = ? ORDER BY revision
                """, [.text(kind.rawValue), .text(slug)]) {
                Revision(number: $0.int(0), createdAt: Columns.date($0.int64(1)), content: $0.text(2))
            }
        }
    }

    /// Brings back revision `number` of an entry (also of a deleted one); the version it replaces
    /// becomes a revision in turn. Returns whether anything changed: not when the entry is as the
    /// revision already.
    @discardableResult
    public func restore(_ kind: ContentKind, slug: String, revision number: Int, now: Date = Date()) async throws -> Bool {
        guard let revision = try await history(kind, slug: slug).first(where: { $0.number == number }) else {
            throw ContentError.revisionNotFound(slug: slug, revision: number)
        }
        let entry = try ContentFile.parse(revision.content, path: "revision \(number) of \(slug)", kind: kind)
        return try await save([Self.restamped(entry)], now: now).unchanged == 0
    }

    /// The entry with `updatedAt` cleared, so the save stamps the time of the change.
    static func restamped(_ entry: ContentEntry) -> ContentEntry {
        switch entry {
        case .author(var author): author.updatedAt = nil; return .author(author)
        case .article(var article): article.updatedAt = nil; return .article(article)
        case .procedure(var procedure): procedure.updatedAt = nil; return .procedure(procedure)
        }
    }
}
