public import FolioContent
public import Foundation

/// Which articles a list shows. All conditions hold together.
public struct ArticleFilter: Sendable, Hashable {
    public var status: ContentStatus?
    public var tag: String?
    public var authorSlug: String?
    public var procedureSlug: String?
    public var publishedAfter: Date?
    public var publishedBefore: Date?
    /// When set, only what the public sees at that instant: published, publication time reached.
    public var visibleAt: Date?

    public init(status: ContentStatus? = nil, tag: String? = nil, authorSlug: String? = nil,
                procedureSlug: String? = nil, publishedAfter: Date? = nil, publishedBefore: Date? = nil,
                visibleAt: Date? = nil) {
        self.status = status
        self.tag = tag
        self.authorSlug = authorSlug
        self.procedureSlug = procedureSlug
        self.publishedAfter = publishedAfter
        self.publishedBefore = publishedBefore
        self.visibleAt = visibleAt
    }

    /// The WHERE clause and its arguments, over `articles AS a`.
    func sql() -> (clause: String, arguments: [SQLValue]) {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let status {
            conditions.append("a.status = ?")
            arguments.append(.text(status.rawValue))
        }
        if let visibleAt {
            conditions.append(ContentStore.visibility("a"))
            arguments.append(.integer(Columns.seconds(visibleAt)))
        }
        if let tag {
            conditions.append("a.id IN (SELECT article_id FROM article_tags WHERE tag = ?)")
            arguments.append(.text(tag))
        }
        if let authorSlug {
            conditions.append("a.author_id = (SELECT id FROM authors WHERE slug = ?)")
            arguments.append(.text(authorSlug))
        }
        if let procedureSlug {
            conditions.append("a.id IN (SELECT article_id FROM article_procedures WHERE procedure_id = (SELECT id FROM procedures WHERE slug = ?))")
            arguments.append(.text(procedureSlug))
        }
        if let publishedAfter {
            conditions.append("a.published_at > ?")
            arguments.append(.integer(Columns.seconds(publishedAfter)))
        }
        if let publishedBefore {
            conditions.append("a.published_at < ?")
            arguments.append(.integer(Columns.seconds(publishedBefore)))
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
    }
}

/// What a read of one article may bring along for the fields below it in a query.
public struct ArticleExtras: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let html = ArticleExtras(rawValue: 1)
    public static let headings = ArticleExtras(rawValue: 2)
    /// The author and the reviewer.
    public static let people = ArticleExtras(rawValue: 4)
    /// The procedures, in the editor's order (a second statement of the same read).
    public static let procedures = ArticleExtras(rawValue: 8)
}

/// An article with the extras a read was asked for (nil when not asked for, or when there is none).
public struct ArticleWithExtras: Sendable {
    public var article: Article
    public var html: String?
    public var headings: [Heading]?
    public var author: Author?
    public var reviewer: Author?
    public var procedures: [Procedure]?
    public var related: RelatedArticles?
}

extension ContentStore {
    /// Articles matching a filter, newest publication first (drafts without a date last).
    public func articles(_ filter: ArticleFilter = ArticleFilter(), limit: Int? = nil) async throws -> [Article] {
        let (clause, arguments) = filter.sql()
        let limitClause = limit.map { " LIMIT \($0)" } ?? ""
        return try readStatement { db in
            try db.all("""
                SELECT \(Columns.articleColumns) FROM articles AS a WHERE \(clause)
                ORDER BY a.published_at IS NULL, a.published_at DESC, a.id DESC\(limitClause)
                """, arguments, Columns.article)
        }
    }

    public func article(slug: String) async throws -> Article? {
        try await article(slug: slug, with: []).map(\.article)
    }

    /// An article and, in the same statement, the parts of its page a query is about to ask for
    /// (its procedures, and with `related` its related articles, in further statements of the same
    /// read): an article page is then one read instead of five.
    public func article(slug: String, with extras: ArticleExtras, related: RelatedRequest? = nil) async throws
        -> ArticleWithExtras? {
        let people = extras.contains(.people)
        // The related articles take several statements, which must see one snapshot: a transaction.
        func read(_ body: (SQLiteReader) throws -> ArticleWithExtras?) throws -> ArticleWithExtras? {
            related == nil ? try readStatement(body) : try readNow(body)
        }
        let version = try related.map(relatedVersion)
        return try read { db in
            // After the article's 14 columns: the body, the headings, the author's and the reviewer's.
            let after = Columns.articleColumnCount
            guard var found = try db.one(Self.articleBySlug[extras.subtracting(.procedures).rawValue], [.text(slug)], { row in
                let (author, reviewer) = people ? Columns.people(row, at: after + 2) : (nil, nil)
                return ArticleWithExtras(article: Columns.article(row), html: row.optionalText(after),
                                         headings: row.optionalText(after + 1).map(Columns.headings), author: author,
                                         reviewer: reviewer)
            }) else { return nil }
            if extras.contains(.procedures) {
                found.procedures = try Self.procedures(db, forArticles: [found.article.id])[found.article.id] ?? []
            }
            if let related, let version {
                found.related = try self.related(db, [found.article.id], related, at: version)
            }
            return found
        }
    }

    /// The statement of `article(slug:with:)` for each set of extras, made once.
    private static let articleBySlug: [String] = (0..<8).map { rawValue in
        let extras = ArticleExtras(rawValue: rawValue), people = extras.contains(.people)
        return """
            SELECT \(Columns.articleColumns), \(extras.contains(.html) ? "a.body_html" : "NULL"),
            \(extras.contains(.headings) ? "a.headings" : "NULL")
            \(people ? ", " + Columns.peopleColumns : "")
            FROM articles AS a \(people ? Columns.peopleJoin : "")
            WHERE a.slug = ?
            """
    }

    public func authors() async throws -> [Author] {
        try readStatement { db in
            try db.all("SELECT \(Columns.authorColumns) FROM authors ORDER BY name, id", [], Columns.author)
        }
    }

    public func author(slug: String) async throws -> Author? {
        try readStatement { db in
            try db.one("SELECT \(Columns.authorColumns) FROM authors WHERE slug = ?", [.text(slug)], Columns.author)
        }
    }

    public func procedures() async throws -> [Procedure] {
        try readStatement { db in
            try db.all("SELECT \(Columns.procedureColumns) FROM procedures ORDER BY name, id") { Columns.procedure($0) }
        }
    }

    public func procedure(slug: String) async throws -> Procedure? {
        try readStatement { db in
            try db.one("SELECT \(Columns.procedureColumns) FROM procedures WHERE slug = ?", [.text(slug)]) { Columns.procedure($0) }
        }
    }
}
