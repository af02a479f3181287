public import FolioContent
public import Foundation

/// How an article list is ordered; every order ends with the id so keyset cursors are exact.
public enum ArticleOrder: String, Sendable, CaseIterable {
    case publishedAtDesc, publishedAtAsc, titleAsc, updatedAtDesc

    /// The sort expression over `articles AS a`, whether it descends, and the index to walk.
    ///
    /// A list must come off an index in its order, so that `LIMIT` stops the walk after a page;
    /// sorting first reads every row the filter lets through (83,000 at 100,000 articles: 0.3 s a
    /// page with the file in memory, 10 s from disk). A list of published articles only — the
    /// public's, or one filtered by that status — sorts by `published_at` itself, never NULL there,
    /// which (status, published_at DESC, id DESC) gives in either direction. A preview list sorts
    /// drafts (no date) as the oldest, by `coalesce(published_at, 0)`, and walks the index on that
    /// expression (migration 0009; before it, such a list sorted every article: 7 s at 100,000).
    /// Title and update order always walk their own index. The walked indexes hold every column a
    /// filter checks (migrations 0009, 0010; a tag's or procedure's membership is checked on the
    /// entry's id), so an article the filter leaves out costs its index entry, never its row, and
    /// a page reads about a page of rows. Left to itself SQLite sorted such a list after reading
    /// every member's row: one author's 10,000 articles by title took 2.1 s at 100,000 articles,
    /// 0.12 s walking the index; the walk's worst case, a filter no article passes, reads the
    /// whole index (0.04 s there since 0010; 2.3 s when it read each entry's row).
    func sortKey(_ filter: ArticleFilter) -> (expression: String, descending: Bool, index: String) {
        let published = filter.visibleAt != nil || filter.status == .published
        let (publication, publicationIndex) = published
            ? ("a.published_at", "") : ("coalesce(a.published_at, 0)", " INDEXED BY articles_by_publication")
        return switch self {
        case .publishedAtDesc: (publication, true, publicationIndex)
        case .publishedAtAsc: (publication, false, publicationIndex)
        case .titleAsc: ("a.title", false, " INDEXED BY articles_by_title")
        case .updatedAtDesc: ("a.updated_at", true, " INDEXED BY articles_by_updated")
        }
    }
}

/// A position in an ordered article list: the sort value and id of the last article seen.
public struct ArticleKey: Sendable, Equatable {
    public var value: String
    public var id: Int64
    public init(value: String, id: Int64) {
        self.value = value
        self.id = id
    }
}

/// One page of an article list: the articles, their keys (for cursors), and whether the list
/// continues before and after the page.
public struct ArticlePage: Sendable {
    public var articles: [Article]
    public var keys: [ArticleKey]
    public var hasPrevious: Bool
    public var hasNext: Bool
}

/// Related articles as `ContentStore.related` reads them: the ids of each source article's related
/// articles in order, those articles, and (when asked for) their authors and reviewers.
public struct RelatedArticles: Sendable {
    public var ids: [Int64: [Int64]]
    public var articles: [Int64: Article]
    public var people: [Int64: Author]

    /// Each source's related articles, in order.
    public var lists: [Int64: [Article]] { ids.mapValues(articles(in:)) }

    /// The related articles of `source`, in order: `lists[source] ?? []` without the others.
    public func list(of source: Int64) -> [Article] {
        ids[source].map(articles(in:)) ?? []
    }

    private func articles(in list: [Int64]) -> [Article] {
        list.compactMap { articles[$0] }
    }
}

/// What `article(slug:with:related:)` is to read of the article's related articles, as
/// `related(forArticles:_:)` reads them.
public struct RelatedRequest: Sendable {
    public var visibleAt: Date?
    public var limit: Int
    public var people: Bool
    /// The content version at `visibleAt` (or now, for a preview), asked for before the request
    /// began reading; nil: the store asks.
    public var version: ContentVersion?

    public init(visibleAt: Date?, limit: Int, people: Bool, version: ContentVersion? = nil) {
        self.visibleAt = visibleAt
        self.limit = limit
        self.people = people
        self.version = version
    }
}

/// One of the texts an article's Markdown is stored as.
public enum ArticleText: String, Sendable {
    case markdown = "body_markdown", html = "body_html", text = "body_text"
}

/// Lookups the API makes once per response level, whatever the number of parents: each is one
/// SQL statement for all the ids it is given.
extension ContentStore {
    static let articlesWhereIDIn = "SELECT \(Columns.articleColumns) FROM articles AS a WHERE a.id IN"
    static let authorsWhereIDIn = "SELECT \(Columns.authorColumns) FROM authors WHERE id IN"
    static let articlesWithPeopleWhereIDIn =
        "SELECT \(Columns.articleColumns), \(Columns.peopleColumns) FROM articles AS a \(Columns.peopleJoin) WHERE a.id IN"

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }

    public func articles(ids: [Int64]) async throws -> [Int64: Article] {
        try rows(ids, Self.articlesWhereIDIn, Columns.article)
    }

    /// One rendered text of each article: a body field costs only its own column, and only when a
    /// query asks for it.
    public func articleTexts(ids: [Int64], _ text: ArticleText) async throws -> [Int64: String] {
        try rows(ids, "SELECT id, \(text.rawValue) FROM articles WHERE id IN") { $0.text(1) }
    }

    /// The table of contents of each article.
    public func articleHeadings(ids: [Int64]) async throws -> [Int64: [Heading]] {
        try rows(ids, "SELECT id, headings FROM articles WHERE id IN") { Columns.headings($0.text(1)) }
    }

    /// An article's whole body, for tools that show or export it.
    public func articleBody(id: Int64) async throws -> ArticleBody? {
        try rows([id], "SELECT id, body_markdown, body_html, body_text, headings FROM articles WHERE id IN") { row in
            ArticleBody(markdown: row.text(1), html: row.text(2), text: row.text(3), headings: Columns.headings(row.text(4)))
        }[id]
    }

    public func authors(ids: [Int64]) async throws -> [Int64: Author] {
        try rows(ids, Self.authorsWhereIDIn, Columns.author)
    }

    public func procedures(ids: [Int64]) async throws -> [Int64: Procedure] {
        try rows(ids, "SELECT \(Columns.procedureColumns) FROM procedures WHERE id IN", { Columns.procedure($0) })
    }

    /// The rows `select` finds for `ids` (appended as its `IN (...)` list), decoded, keyed by the
    /// id every such select names first.
    private func rows<Model>(_ ids: [Int64], _ select: String, _ decode: (SQLiteRow) -> Model) throws -> [Int64: Model] {
        guard !ids.isEmpty else { return [:] }
        return try readStatement { db in try Self.rows(db, ids, select, decode) }
    }

    /// `rows` inside a read that makes other statements too.
    static func rows<Model>(_ db: SQLiteReader, _ ids: [Int64], _ select: String, _ decode: (SQLiteRow) -> Model) throws -> [Int64: Model] {
        guard !ids.isEmpty else { return [:] }
        var models: [Int64: Model] = [:]
        try db.each("\(select) (\(placeholders(ids.count)))", ids.map(SQLValue.integer)) { row in
            models[row.int64(0)] = decode(row)
        }
        return models
    }

    /// The procedures of each article, in the editor's order.
    public func procedures(forArticles ids: [Int64]) async throws -> [Int64: [Procedure]] {
        guard !ids.isEmpty else { return [:] }
        return try readStatement { db in try Self.procedures(db, forArticles: ids) }
    }

    /// `procedures(forArticles:)` inside a read that makes other statements too.
    static func procedures(_ db: SQLiteReader, forArticles ids: [Int64]) throws -> [Int64: [Procedure]] {
        var result: [Int64: [Procedure]] = [:]
        try db.each("""
            SELECT ap.article_id, \(Columns.procedureColumns) FROM article_procedures ap
            JOIN procedures p ON p.id = ap.procedure_id
            WHERE ap.article_id IN (\(placeholders(ids.count))) ORDER BY ap.article_id, ap.position
            """, ids.map(SQLValue.integer)) { row in
            result[row.int64(0), default: []].append(Columns.procedure(row, at: 1))
        }
        return result
    }

    /// The related articles of each article (chosen as `relatedIDs` says) read in one go with the
    /// articles themselves and, with `people`, their authors and reviewers.
    public func related(forArticles ids: [Int64], _ request: RelatedRequest) async throws -> RelatedArticles {
        let version = try relatedVersion(request)
        return try readNow { db in try related(db, ids, request, at: version) }
    }

    /// The content version the related articles of `request` are chosen at: the one the request
    /// brings, else asked now. Either way asked before the read starts, so the read's snapshot is
    /// never older than the version its lists and cards are kept under.
    func relatedVersion(_ request: RelatedRequest) throws -> ContentVersion {
        try request.version ?? changeWatch.version(at: request.visibleAt ?? Date())
    }

    /// `related(forArticles:…)` inside a read that makes other statements too; `version` is
    /// `relatedVersion(request)`, asked before the read began. The cards not kept at `version`
    /// (`RelatedMemo`) are read in one statement, with their authors and reviewers joined.
    func related(_ db: SQLiteReader, _ ids: [Int64], _ request: RelatedRequest, at version: ContentVersion) throws -> RelatedArticles {
        let related = try relatedIDs(db, ids, request, at: version)
        // Lists may share articles: `RelatedMemo` reads each missing card once all the same.
        let cards = try cards(db, related.values.joined(), at: version)
        var people: [Int64: Author] = [:]
        if request.people {
            for card in cards.values {
                for person in card.people { people[person.id] = person }
            }
        }
        return RelatedArticles(ids: related, articles: cards.mapValues(\.article), people: people)
    }

    /// The cards of `ids` at `version`: kept ones from `RelatedMemo`, the others read in one
    /// statement with their authors and reviewers joined (and then kept).
    private func cards(_ db: SQLiteReader, _ ids: some Collection<Int64>, at version: ContentVersion) throws -> [Int64: RelatedMemo.Card] {
        try relatedMemo.cards(ids, at: version) { missing in
            try Self.rows(db, missing, Self.articlesWithPeopleWhereIDIn) { row in
                let (author, reviewer) = Columns.people(row, at: Columns.articleColumnCount)
                return RelatedMemo.Card(article: Columns.article(row), people: [author, reviewer].compactMap { $0 })
            }
        }
    }

    /// `relatedIDs` of each article, chosen once per content version (`RelatedMemo`).
    private func relatedIDs(_ db: SQLiteReader, _ ids: [Int64], _ request: RelatedRequest,
                            at version: ContentVersion) throws -> [Int64: [Int64]] {
        let keys = ids.map {
            RelatedMemo.Key(article: $0, limit: request.limit, isPublic: request.visibleAt != nil)
        }
        return try relatedMemo.lists(keys, at: version) { missing in
            let chosen = try relatedIDs(db, missing.map(\.article), visibleAt: request.visibleAt, limit: request.limit, at: version)
            // An article with nothing related keeps its empty list too.
            return Dictionary(uniqueKeysWithValues: missing.map { ($0, chosen[$0.article] ?? []) })
        }
    }

    /// How many of the newest articles of each tag and procedure are a fill's candidates.
    static let windowSize = 20

    /// Related article ids of each article, at most `limit` each: the editor's links in order, then
    /// articles sharing the most tags or procedures (most recent first among equals). Candidates
    /// for the fill are the `windowSize` most recently added articles of each of the article's tags
    /// and procedures (itself left out), so the cost stays the same however many articles share a
    /// tag. With `visibleAt`, only articles the public may see at that instant are returned, links
    /// included.
    func relatedIDs(_ db: SQLiteReader, _ ids: [Int64], visibleAt: Date?, limit: Int,
                    at version: ContentVersion) throws -> [Int64: [Int64]] {
        guard !ids.isEmpty, limit > 0 else { return [:] }
        var result: [Int64: [Int64]] = [:]
        func add(_ source: Int64, _ candidate: Int64) {
            if result[source, default: []].count < limit, result[source]?.contains(candidate) != true {
                result[source, default: []].append(candidate)
            }
        }
        var links: [Int64: [Int64]] = [:]
        try db.each("""
            SELECT article_id, related_id FROM related_articles
            WHERE article_id IN (\(Self.placeholders(ids.count))) ORDER BY article_id, position
            """, ids.map(SQLValue.integer)) { row in links[row.int64(0), default: []].append(row.int64(1)) }
        // Whether the public sees a linked article is read from its card, which the page shows
        // anyway: one look-up per link in the visibility index would be a page read of its own in
        // a large archive.
        let linked = visibleAt == nil ? [:] : try cards(db, links.values.joined(), at: version)
        for (source, targets) in links {
            for target in targets where visibleAt.map({ linked[target]?.article.isVisible(at: $0) == true }) ?? true {
                add(source, target)
            }
        }
        let open = Array(Set(ids.filter { (result[$0]?.count ?? 0) < limit }))
        guard !open.isEmpty else { return result }
        for (source, candidates) in try sharedCandidates(db, open, visibleAt: visibleAt.map(Columns.seconds), at: version) {
            for candidate in candidates { add(source, candidate) }
        }
        return result
    }

    /// The fill of `relatedIDs`: for each source, the visible candidates its tags and procedures
    /// find, most shared first, then newest publication, then newest id. One statement reads the
    /// sources' topics; the topics' windows come from `RelatedMemo`, read when not kept; counting
    /// and ordering happen here, which costs less than SQLite's temporary B-trees for GROUP BY and
    /// ORDER BY.
    private func sharedCandidates(_ db: SQLiteReader, _ sources: [Int64], visibleAt instant: Int64?,
                                  at version: ContentVersion) throws -> [Int64: [Int64]] {
        let marks = Self.placeholders(sources.count)
        let topics = try db.all("""
            SELECT article_id, tag, NULL FROM article_tags WHERE article_id IN (\(marks))
            UNION ALL SELECT article_id, NULL, procedure_id FROM article_procedures WHERE article_id IN (\(marks))
            """, (sources + sources).map(SQLValue.integer)) { row in
            (source: row.int64(0), topic: row.isNull(1) ? RelatedMemo.Topic.procedure(row.int64(2)) : .tag(row.text(1)))
        }
        let windows = try relatedMemo.windows(topics.map(\.topic), at: version) { missing in
            try Self.windows(db, missing)
        }
        var shared: [Int64: [Int64: (count: Int, publishedAt: Int64?)]] = [:]
        for (source, topic) in topics {
            // The window holds one more than a source may take: the source itself may be in it.
            for candidate in (windows[topic] ?? []).lazy.filter({ $0.id != source }).prefix(Self.windowSize)
            where candidate.isVisible(at: instant) {
                shared[source, default: [:]][candidate.id, default: (0, candidate.publishedAt)].count += 1
            }
        }
        return shared.mapValues { candidates in
            candidates.sorted { a, b in
                if a.value.count != b.value.count { return a.value.count > b.value.count }
                if a.value.publishedAt != b.value.publishedAt { return (a.value.publishedAt ?? .min) > (b.value.publishedAt ?? .min) }
                return a.key > b.key
            }.map(\.key)
        }
    }

    /// The window of each topic: its `windowSize + 1` most recently added articles, newest first,
    /// with their status and publication, whoever may see them. Each topic is one `LIMIT` lookup on
    /// its index, all in one statement (SQLite allows 500 terms in a compound SELECT: 400 a
    /// statement).
    static func windows(_ db: SQLiteReader, _ topics: [RelatedMemo.Topic]) throws -> [RelatedMemo.Topic: [RelatedMemo.Candidate]] {
        let lookups = (
            tag: "SELECT ?, article_id FROM (SELECT article_id FROM article_tags WHERE tag = ? ORDER BY article_id DESC LIMIT \(windowSize + 1))",
            procedure: "SELECT ?, article_id FROM (SELECT article_id FROM article_procedures WHERE procedure_id = ? ORDER BY article_id DESC LIMIT \(windowSize + 1))"
        )
        var windows: [RelatedMemo.Topic: [RelatedMemo.Candidate]] = [:]
        for chunk in statementChunks(topics, of: 400) {
            var parts: [String] = []
            var arguments: [SQLValue] = []
            for (index, topic) in chunk.enumerated() {
                windows[topic] = []
                switch topic {
                case .tag(let tag):
                    parts.append(lookups.tag)
                    arguments += [SQLValue(index), .text(tag)]
                case .procedure(let id):
                    parts.append(lookups.procedure)
                    arguments += [SQLValue(index), .integer(id)]
                }
            }
            let sql = """
                WITH candidate(topic, id) AS (\(parts.joined(separator: " UNION ALL ")))
                SELECT candidate.topic, candidate.id, c.status = 'published', c.published_at
                FROM candidate CROSS JOIN articles c INDEXED BY articles_visibility_by_id ON c.id = candidate.id
                """
            // A page has a handful of topics; a long list's one-off shapes are not kept.
            try db.each(sql, arguments, keep: chunk.count <= 16) { row in
                windows[chunk[row.int(0)], default: []].append(
                    RelatedMemo.Candidate(id: row.int64(1), isPublished: row.int(2) == 1, publishedAt: row.optionalInt64(3)))
            }
        }
        return windows.mapValues { $0.sorted { $0.id > $1.id } }
    }

    /// The condition that an article (under `alias`) is public at the instant bound to its `?`.
    static func visibility(_ alias: String) -> String {
        "\(alias).status = 'published' AND \(alias).published_at <= ?"
    }

    /// One page of an ordered, filtered list between the optional bounds `after` and `before`
    /// (both exclusive): the first `limit` articles of that range, or the last `limit` when `fromEnd`.
    /// `hasPrevious`/`hasNext` say whether the full list goes on beyond the page on either side,
    /// including beyond the bounds, so Relay's pageInfo is exact in both directions.
    public func articlePage(_ filter: ArticleFilter, order: ArticleOrder, after: ArticleKey? = nil, before: ArticleKey? = nil,
                            limit: Int, fromEnd: Bool = false) async throws -> ArticlePage {
        try await articlePages([filter], order: order, after: after, before: before, limit: limit, fromEnd: fromEnd)[0]
    }

    /// `articlePage` for several lists at once — each author's articles below a list of authors,
    /// say — in one statement for up to `listsPerStatement` lists: each list's page is a term of a
    /// `UNION ALL` with its own `ORDER BY` and `LIMIT`, so every page still comes off its index and
    /// stops after its rows; so do the checks for rows beyond the bounds. The pages are in the
    /// order of `filters`.
    public func articlePages(_ filters: [ArticleFilter], order: ArticleOrder, after: ArticleKey? = nil,
                             before: ArticleKey? = nil, limit: Int, fromEnd: Bool = false) async throws -> [ArticlePage] {
        let chunks = Self.statementChunks(filters)
        let statements = chunks.map { Self.pagesStatement($0, order: order, after: after, before: before, limit: limit, fromEnd: fromEnd) }
        return try read(statements: statements.count) { db in
            try statements.enumerated().flatMap { chunk, statement in
                let lists = chunks[chunk].count
                var rows = Array(repeating: [(article: Article, key: ArticleKey)](), count: lists)
                var beyond = Array(repeating: (before: false, after: false), count: lists)
                let sortColumn = Columns.articleColumnCount
                try db.each(statement.sql, statement.arguments, keep: lists <= 16) { row in
                    let list = row.int(sortColumn + 1)
                    switch row.int(sortColumn + 2) {
                    case Self.pageRow:
                        let value = order == .titleAsc ? row.text(sortColumn) : String(row.int64(sortColumn))
                        rows[list].append((Columns.article(row), ArticleKey(value: value, id: row.int64(0))))
                    case Self.rowBeforeAfter: beyond[list].before = true
                    default: beyond[list].after = true
                    }
                }
                return (0..<lists).map { list in
                    let more = rows[list].count > limit
                    var page = Array(rows[list].prefix(limit))
                    if fromEnd { page.reverse() }
                    return ArticlePage(articles: page.map(\.article), keys: page.map(\.key),
                                       hasPrevious: (fromEnd && more) || beyond[list].before,
                                       hasNext: (!fromEnd && more) || beyond[list].after)
                }
            }
        }
    }

    /// Lists one `articlePages` or `countArticles` statement takes: 100 lists are at most 300
    /// terms (a page and two checks each), within SQLite's 500.
    static let listsPerStatement = 100

    /// `items` in runs of `size` (`listsPerStatement` lists unless said), one statement each.
    static func statementChunks<Item>(_ items: [Item], of size: Int = listsPerStatement) -> [[Item]] {
        stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
    }

    /// What a row of an `articlePages` statement is: a row of a page, or the sign that a list has
    /// rows at or before `after`, or at or after `before`.
    static let pageRow = 0, rowBeforeAfter = 1, rowAfterBefore = 2

    /// The statement of `articlePages`: each row is the article's columns, its sort value, the
    /// list's position in `filters` and what the row is (`pageRow`...). A page reads one row more
    /// than `limit`: it tells whether more follow.
    static func pagesStatement(_ filters: [ArticleFilter], order: ArticleOrder, after: ArticleKey?, before: ArticleKey?,
                               limit: Int, fromEnd: Bool) -> (sql: String, arguments: [SQLValue]) {
        // Every filter of a list sorts the same way; only the expression (which index) may differ.
        let descending = order.sortKey(filters[0]).descending
        let direction = descending != fromEnd ? "DESC" : "ASC"
        /// Rows strictly after (or at, when `inclusive`) `key` in list order, or strictly before it.
        func bound(_ key: ArticleKey, _ expression: String, following: Bool, inclusive: Bool = false) -> (String, [SQLValue]) {
            let comparison = following != descending ? ">" : "<"
            let value: SQLValue = order == .titleAsc ? .text(key.value) : .integer(Int64(key.value) ?? 0)
            return (" AND (\(expression) \(comparison) ? OR (\(expression) = ? AND a.id \(comparison)\(inclusive ? "=" : "") ?))",
                    [value, value, .integer(key.id)])
        }
        let noArticle = Array(repeating: "NULL", count: Columns.articleColumnCount + 1).joined(separator: ", ")
        var terms: [String] = []
        var arguments: [SQLValue] = []
        for (list, filter) in filters.enumerated() {
            let (base, baseArguments) = filter.sql()
            let (expression, _, index) = order.sortKey(filter)
            var (clause, pageArguments) = (base, baseArguments)
            for (key, following) in [(after, true), (before, false)] {
                guard let key else { continue }
                let (condition, values) = bound(key, expression, following: following)
                clause += condition
                pageArguments += values
            }
            terms.append("""
                SELECT \(Columns.articleColumns), \(expression) AS sort_value, \(list), \(pageRow) FROM articles AS a\(index) \
                WHERE \(clause) ORDER BY \(expression) \(direction), a.id \(direction) LIMIT ?
                """)
            arguments += pageArguments + [SQLValue(limit + 1)]
            // Whether any row lies beyond a bound: at or before `after`, at or after `before`.
            for (key, following, kind) in [(after, false, rowBeforeAfter), (before, true, rowAfterBefore)] {
                guard let key else { continue }
                let (condition, values) = bound(key, expression, following: following, inclusive: true)
                terms.append("SELECT \(noArticle), \(list), \(kind) FROM articles AS a WHERE \(base)\(condition) LIMIT 1")
                arguments += baseArguments + values
            }
        }
        guard terms.count > 1 else { return (terms[0], arguments) }
        // A term with its own ORDER BY and LIMIT is a subquery; the compound's order puts each
        // list's rows together and in list order.
        let compound = terms.map { "SELECT * FROM (\($0))" }.joined(separator: " UNION ALL ")
        let sortValue = Columns.articleColumnCount + 1
        return (compound + " ORDER BY \(sortValue + 1), \(sortValue + 2), \(sortValue) \(direction), 1 \(direction)", arguments)
    }

    /// How many articles `filter` lets through. A tag's or procedure's articles are found by id,
    /// and each is checked in the visibility index (id, status, published_at), which holds every
    /// other condition but the author's; SQLite's own choice read each article's row, a page of a
    /// large file per article (9,300 of them: 1.2 s at 100,000 articles, 0.04 s through the index).
    /// An author's list is counted on the author index (migration 0008).
    public func countArticles(_ filter: ArticleFilter) async throws -> Int {
        try await countArticles([filter])[0]
    }

    /// `countArticles` for several lists, in one statement for up to `listsPerStatement` of them
    /// (a `UNION ALL` of their counts); the counts are in the order of `filters`.
    public func countArticles(_ filters: [ArticleFilter]) async throws -> [Int] {
        let chunks = Self.statementChunks(filters)
        return try read(statements: chunks.count) { db in
            try chunks.flatMap { chunk in
                var terms: [String] = []
                var arguments: [SQLValue] = []
                for (list, filter) in chunk.enumerated() {
                    let (clause, clauseArguments) = filter.sql()
                    let byID = (filter.tag != nil || filter.procedureSlug != nil) && filter.authorSlug == nil
                    let index = byID ? " INDEXED BY articles_visibility_by_id" : ""
                    terms.append("SELECT \(list), count(*) FROM articles AS a\(index) WHERE \(clause)")
                    arguments += clauseArguments
                }
                var counts = Array(repeating: 0, count: chunk.count)
                try db.each(terms.joined(separator: " UNION ALL "), arguments, keep: chunk.count <= 16) { row in
                    counts[row.int(0)] = row.int(1)
                }
                return counts
            }
        }
    }

    /// One full-text search hit: the article, its score (higher is better) and a snippet (HTML, see
    /// `SearchSnippet`).
    public typealias SearchHit = (article: Article, score: Double, snippet: String)

    /// Full-text search: ranked hits (bm25, negated so higher is better) with their snippets, and
    /// whether more hits follow the page. How many hits there are in all is `countSearch`, a
    /// statement of its own that a page does not need (a fifth of a search for a common word at
    /// 100,000 articles).
    ///
    /// Both run off the caller's thread (`readLong`): a search for many common prefixes takes most
    /// of a second at 100,000 articles.
    ///
    /// The full-text index is always the outer loop: it finds the matches once, and each is checked
    /// against the small visibility index. (Left to itself SQLite walked the public articles and ran
    /// the match once for each: a search for a common word took 5 seconds at 10,000 articles and 6
    /// minutes at 100,000.) Snippets read and scan an article's text, so they are made for the
    /// page's hits only, in a second pass over the matches, never for every match before ranking.
    public func search(_ text: String, visibleAt: Date?, limit: Int, offset: Int) async throws
        -> (hits: [SearchHit], hasMore: Bool) {
        let query = Self.ftsQuery(text)
        guard !query.isEmpty else { return ([], false) }
        let (matches, arguments) = Self.searchMatches(query, visibleAt: visibleAt)
        return try await readLong(snapshot: true) { db in
            // One hit more than the page tells whether more follow.
            var ranked = try db.all("""
                SELECT articles_fts.rowid, -bm25(articles_fts) \(matches)
                ORDER BY bm25(articles_fts), articles_fts.rowid LIMIT ? OFFSET ?
                """, arguments + [SQLValue(limit + 1), SQLValue(offset)]) { row in (id: row.int64(0), score: row.double(1)) }
            let hasMore = ranked.count > limit
            ranked = Array(ranked.prefix(limit))
            let ids = ranked.map(\.id)
            guard let low = ids.min(), let high = ids.max() else { return ([], hasMore) }
            // The matches again, within the page's range of ids; `CASE` makes the snippets of the
            // page's hits alone.
            let onPage = "articles_fts.rowid IN (\(Self.placeholders(ids.count)))"
            var snippets: [Int64: String] = [:]
            try db.each("""
                SELECT articles_fts.rowid, CASE WHEN \(onPage) THEN \(SearchSnippet.sql(column: 2)) END,
                       CASE WHEN \(onPage) THEN \(SearchSnippet.sql(column: 1)) END
                FROM articles_fts WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ?
                """, ids.map(SQLValue.integer) + ids.map(SQLValue.integer) + [.text(query), .integer(low), .integer(high)],
                keep: ids.count <= 20) { row in
                if !row.isNull(1) { snippets[row.int64(0)] = SearchSnippet.html(body: row.text(1), summary: row.text(2)) }
            }
            let articles = try Self.rows(db, ids, Self.articlesWhereIDIn, Columns.article)
            let hits = ranked.compactMap { hit in
                articles[hit.id].map { (article: $0, score: hit.score, snippet: snippets[hit.id] ?? "") }
            }
            return (hits, hasMore)
        }
    }

    /// How many hits `search` finds in all.
    public func countSearch(_ text: String, visibleAt: Date?) async throws -> Int {
        let query = Self.ftsQuery(text)
        guard !query.isEmpty else { return 0 }
        let (matches, arguments) = Self.searchMatches(query, visibleAt: visibleAt)
        return try await readLong(snapshot: false) { db in try db.integer("SELECT count(*) \(matches)", arguments) }
    }

    /// The FROM and WHERE clauses of a search's matches, and their arguments: the full-text index
    /// first, each match then checked in the visibility index when the public is searching.
    static func searchMatches(_ query: String, visibleAt: Date?) -> (clauses: String, arguments: [SQLValue]) {
        guard let visibleAt else { return ("FROM articles_fts WHERE articles_fts MATCH ?", [.text(query)]) }
        return ("""
            FROM articles_fts CROSS JOIN articles AS a INDEXED BY articles_visibility_by_id ON a.id = articles_fts.rowid \
            WHERE articles_fts MATCH ? AND \(visibility("a"))
            """, [.text(query), .integer(Columns.seconds(visibleAt))])
    }

    /// The words a search looks for: runs of letters and digits.
    public static func searchWords(_ text: String) -> [Substring] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }

    /// How many words a search may have (the API refuses more; the store searches the first ones).
    /// Every word is one more list of matches to merge: 100 one-letter words ran for 45 s at
    /// 10,000 articles, inside one SQLite call that the time limit could not stop.
    public static let maxSearchWords = 16

    /// User text as an FTS5 query: each word a quoted term, so no input is a syntax error; a word
    /// of three or more characters also matches as a prefix ("sten" finds "stenosis"). A shorter
    /// prefix matched nearly every word in the index.
    static func ftsQuery(_ text: String) -> String {
        searchWords(text).prefix(maxSearchWords)
            .map { $0.count >= 3 ? "\"\($0)\"*" : "\"\($0)\"" }.joined(separator: " ")
    }
}
