public import FolioContent
import FolioMarkdown
public import Foundation
import GRDB

/// What a save did, entry by entry.
public struct SaveSummary: Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
}

/// Entries to save, produced a range at a time: a large import never holds them all, and reading
/// the next range overlaps with writing this one. Authors and procedures must come before the
/// articles that name them; articles may name related articles anywhere in the batch.
public protocol EntrySource: Sendable {
    var count: Int { get }
    /// The entries at `range`, called once per range, in order, from a background thread. An error
    /// stops the save and is rethrown as it is.
    func entries(_ range: Range<Int>) throws -> [ContentEntry]
}

extension ContentKind {
    /// The order a batch saves kinds in: authors and procedures before the articles that name them.
    public static let saveOrder: [ContentKind] = [.author, .procedure, .article]

    /// `items` in save order, keeping their order within each kind.
    public static func inSaveOrder<Item>(_ items: [Item], kind: (Item) -> ContentKind) -> [Item] {
        saveOrder.flatMap { saved in items.filter { kind($0) == saved } }
    }
}

/// Entries already in memory, put in save order: authors, procedures, then articles.
struct OrderedEntries: EntrySource {
    let all: [ContentEntry]
    /// Save position → index in `all`.
    let order: [Int]

    init(_ entries: [ContentEntry]) {
        all = entries
        order = ContentKind.inSaveOrder(Array(entries.indices)) { entries[$0].kind }
    }

    var count: Int { all.count }
    func entries(_ range: Range<Int>) throws -> [ContentEntry] { range.map { all[order[$0]] } }
}

extension ContentStore {
    /// From this many entries a batch save is large: it may take the database to itself.
    public static let largeBatch = 5_000

    /// Creates or updates entries by slug, all in one transaction: any error leaves the database as
    /// it was. Entries may refer to each other (an article to its author, to articles later in the
    /// batch). Markdown is rendered here, once; the replaced version of each changed entry is kept
    /// as a revision; every change is recorded.
    ///
    /// With `dryRun` everything is checked and written, then rolled back. `progress` is called with
    /// the number of entries written so far, every 1,000 entries and at the end. An `EntryError`
    /// gives the index of the entry in `entries`.
    @discardableResult
    public func save(_ entries: [ContentEntry], now: Date = Date(), dryRun: Bool = false,
                     largeBatch: Int = ContentStore.largeBatch,
                     progress: (@Sendable (Int) -> Void)? = nil) async throws -> SaveSummary {
        let ordered = OrderedEntries(entries)
        do {
            return try await save(ordered, now: now, dryRun: dryRun, largeBatch: largeBatch, progress: progress)
        } catch let error as EntryError {
            throw EntryError(index: ordered.order[error.index], error: error.error)
        }
    }

    /// `save` for entries produced as the save goes (see `EntrySource`). An `EntryError` gives the
    /// entry's position in the source.
    ///
    /// A batch of `largeBatch` entries or more runs through a rollback journal when no other
    /// connection has the database open (see `RollbackJournal`).
    @discardableResult
    public func save(_ source: some EntrySource, now: Date = Date(), dryRun: Bool = false,
                     largeBatch: Int = ContentStore.largeBatch,
                     progress: (@Sendable (Int) -> Void)? = nil) async throws -> SaveSummary {
        let renderer = MarkdownRenderer()
        let now = Timestamp.truncate(now)
        let count = source.count
        let large = count >= largeBatch
        // This process's idle readers would count as other connections.
        if large {
            pool.releaseMemory()
            reads.close()
            changeWatch.close()
        }
        return try await pool.writeWithoutTransaction { db in
            // A large batch would otherwise spill pages to the WAL many times over (2 MB default).
            if count > 1000 { try db.execute(sql: "PRAGMA cache_size = -131072") }
            defer { if count > 1000 { try? db.execute(sql: "PRAGMA cache_size = -2000") } }
            let journal = large ? RollbackJournal.take(db) : nil
            defer { journal?.giveBack(db) }
            var summary = SaveSummary()
            try db.inTransaction {
                var writer = BatchWriter(db: db, now: now)
                try writer.loadIDs()
                try writer.deferFullText()
                // The next chunk is produced (read, parsed) and its Markdown rendered on another
                // thread while this one writes the previous chunk, so the two overlap and a large
                // import never holds all its entries or HTML in memory at once. Eight chunks ahead
                // (about 40 MB) let the two threads ride out chunks that are slow to render or write.
                let chunks = stride(from: 0, to: count, by: 256).map { $0..<min($0 + 256, count) }
                let produced = Prefetch(count: chunks.count, lookahead: 8) { chunk in
                    Result { () throws in
                        try source.entries(chunks[chunk]).map { entry in
                            (entry, Result { () throws(MarkdownError) in try renderer.render(entry.markdown) })
                        }
                    }
                }
                defer { produced.cancel() }
                // Links wait until every article of the batch has an id; they keep only references.
                var linked: [(index: Int, article: ArticleEntry, isNew: Bool)] = []
                var done = 0
                for chunk in chunks {
                    guard let rendered = produced.next() else { break }
                    for (offset, (entry, html)) in try rendered.get().enumerated() {
                        let index = chunk.lowerBound + offset
                        let isNew = writer.ids[entry.kind]?[entry.slug] == nil
                        try writer.wrapping(index) { writer in try writer.saveRow(entry, try html.get()) }
                        if case .article(var article) = entry, writer.changedArticles.contains(article.slug) {
                            article.bodyMarkdown = ""
                            linked.append((index, article, isNew))
                        }
                        done += 1
                        if done % 1000 == 0 { progress?(done) }
                    }
                    // Index while the texts just written are still in SQLite's cache; a batch of a
                    // few thousand is still one segment, not one per article.
                    if writer.unindexed.count >= 4096 { try writer.indexFullText() }
                }
                for (index, article, isNew) in linked {
                    try writer.wrapping(index) { writer in try writer.saveLinks(article, replacing: !isNew) }
                }
                try writer.finishFullText()
                progress?(done)
                summary = writer.summary
                return dryRun ? .rollback : .commit
            }
            return summary
        }
    }
}

/// A large batch's transaction through a rollback journal instead of the WAL. In WAL mode every
/// page the transaction writes goes to the WAL first and is copied into the database file by the
/// checkpoint after commit; for a transaction of gigabytes (a 100,000-article import writes about
/// 2 GB) that second copy, and reading the WAL back for it, cost about as much as the import's own
/// work. A rollback journal keeps only the original content of pages that already existed, which
/// for pages the import adds at the end of the file is nothing: each page is written once. (SQLite's
/// own documentation says as much: WAL suits transactions up to about 100 MB, rollback journals
/// larger ones.)
///
/// Leaving WAL mode needs the database to itself, so `take` succeeds only when no other
/// connection, in this process or another, has it open; it never waits. While the batch runs,
/// others cannot open the database (they wait up to their busy timeout). `giveBack` returns it to
/// WAL mode; should that fail, the next `ContentStore` to open the file sets WAL mode again. A crash
/// in between leaves a hot journal that SQLite rolls back when the file is next opened, so the
/// batch stays all-or-nothing. Synchronous is FULL meanwhile: in rollback mode NORMAL could lose
/// the database, not just the last commit, to a power cut.
struct RollbackJournal {
    /// The connection's synchronous setting before, put back with WAL mode.
    let synchronous: Int

    static func take(_ db: Database) -> RollbackJournal? {
        guard let busy = try? Int.fetchOne(db, sql: "PRAGMA busy_timeout"),
              let synchronous = try? Int.fetchOne(db, sql: "PRAGMA synchronous") else { return nil }
        do {
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(busy)") }
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete" else { return nil }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return RollbackJournal(synchronous: synchronous)
        } catch {
            return nil
        }
    }

    func giveBack(_ db: Database) {
        _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        try? db.execute(sql: "PRAGMA synchronous = \(synchronous)")
    }
}

/// The state of one batch save inside its transaction.
struct BatchWriter {
    let db: Database
    let now: Date
    var ids: [ContentKind: [String: Int64]] = [:]
    var changedArticles: Set<String> = []
    var summary = SaveSummary()
    /// Articles written in this batch whose full text is not indexed yet (see `deferFullText`).
    var unindexed: Set<Int64> = []

    init(db: Database, now: Date) {
        self.db = db
        self.now = now
    }

    mutating func loadIDs() throws {
        for kind in ContentKind.allCases {
            var map: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT slug, id FROM \(kind.table)")
            while let row = try rows.next() { map[row[0]] = row[1] }
            ids[kind] = map
        }
    }

    /// Full text is indexed once for the whole batch instead of by the row triggers (migration 0005:
    /// FTS5 writes a segment per statement, so per-row indexing made large imports slow). The flag
    /// is set only inside this transaction; `finishFullText` indexes and clears it before commit.
    func deferFullText() throws {
        try db.execute(sql: "UPDATE full_text_sync SET deferred = 1")
    }

    /// Indexes every article written so far in one statement.
    mutating func indexFullText() throws {
        guard !unindexed.isEmpty else { return }
        let ids = "[" + unindexed.sorted().map(String.init).joined(separator: ",") + "]"
        try db.execute(sql: """
            INSERT INTO articles_fts (rowid, title, summary, body_text)
            SELECT id, title, coalesce(summary, ''), body_text FROM articles
            WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id
            """, arguments: [ids])
        unindexed.removeAll()
    }

    mutating func finishFullText() throws {
        try indexFullText()
        try db.execute(sql: "UPDATE full_text_sync SET deferred = 0")
    }

    /// Runs a step for entry `index`, tagging domain errors with the entry they belong to.
    mutating func wrapping(_ index: Int, _ body: (inout BatchWriter) throws -> Void) throws {
        do {
            try body(&self)
        } catch let error as ContentError {
            throw EntryError(index: index, error: error)
        }
    }

    func id(_ kind: ContentKind, _ slug: String, field: String) throws -> Int64 {
        guard let id = ids[kind]?[slug] else { throw ContentError.unknownReference(field: field, kind: kind, slug: slug) }
        return id
    }

    /// Inserts or updates the entry's own row; returns without writing when nothing changed.
    mutating func saveRow(_ entry: ContentEntry, _ rendered: RenderedMarkdown) throws {
        let kind = entry.kind
        let existing = ids[kind]?[entry.slug]
        var action = "created"
        if existing != nil {
            guard let previous = try ContentStore.entry(SQLiteReader(db), kind, slug: entry.slug) else { return }
            if Self.sameContent(previous, entry) {
                summary.unchanged += 1
                return
            }
            try Revisions.record(db, previous, at: now)
            action = Self.action(from: previous, to: entry)
            summary.updated += 1
        } else {
            summary.created += 1
        }
        let id = try writeRow(entry, rendered, existing: existing)
        ids[kind, default: [:]][entry.slug] = id
        if kind == .article { changedArticles.insert(entry.slug) }
        try Changes.record(db, kind, entry.slug, action, at: now)
    }

    /// Equal but for `updatedAt` when the new entry leaves it out (the store then stamps it).
    static func sameContent(_ previous: ContentEntry, _ next: ContentEntry) -> Bool {
        let nextIsUnstamped = ContentStore.restamped(next) == next
        return nextIsUnstamped ? ContentStore.restamped(previous) == next : previous == next
    }

    /// How a change reads in the change log: a status change of an article says so.
    static func action(from previous: ContentEntry, to next: ContentEntry) -> String {
        guard case .article(let old) = previous, case .article(let new) = next, old.status != new.status else {
            return "updated"
        }
        switch new.status {
        case .published: return "published"
        case .draft: return "unpublished"
        case .archived: return "archived"
        }
    }

    private mutating func writeRow(_ entry: ContentEntry, _ rendered: RenderedMarkdown, existing: Int64?) throws -> Int64 {
        switch entry {
        case .author(let author):
            let bio = rendered
            let values: [(String, (any DatabaseValueConvertible)?)] = [
                ("slug", author.slug), ("name", author.name), ("role", author.role), ("avatar_url", author.avatarURL),
                ("bio_markdown", author.bioMarkdown), ("bio_html", bio.html),
                ("updated_at", Columns.seconds(author.updatedAt ?? now)),
            ]
            return try upsert("authors", values, existing: existing)
        case .procedure(let procedure):
            let body = rendered
            let values: [(String, (any DatabaseValueConvertible)?)] = [
                ("slug", procedure.slug), ("name", procedure.name), ("full_name", procedure.fullName),
                ("summary", procedure.summary), ("body_markdown", procedure.bodyMarkdown), ("body_html", body.html),
                ("conditions", Columns.json(procedure.conditions)), ("symptoms", Columns.json(procedure.symptoms)),
                ("duration_minutes", procedure.durationMinutes), ("anesthesia", procedure.anesthesia),
                ("incision", procedure.incision), ("imaging_guidance", procedure.imagingGuidance),
                ("recovery", procedure.recovery), ("risks", Columns.json(procedure.risks)),
                ("preparation", Columns.json(procedure.preparation)),
                ("updated_at", Columns.seconds(procedure.updatedAt ?? now)),
            ]
            return try upsert("procedures", values, existing: existing)
        case .article(let article):
            if article.status == .published, article.publishedAt == nil {
                throw ContentError.invalidField(field: "published_at", reason: "a published article needs a publication time")
            }
            let body = rendered
            // The update trigger removes the old text from the index, so that text must be indexed:
            // an article written earlier in this batch (a slug given twice) is indexed first.
            if let existing, unindexed.contains(existing) { try indexFullText() }
            let headings = body.headings.map { Heading(level: $0.level, text: $0.text, anchor: $0.anchor) }
            let values: [(String, (any DatabaseValueConvertible)?)] = [
                ("slug", article.slug), ("title", article.title), ("summary", article.summary),
                ("body_markdown", article.bodyMarkdown), ("body_html", body.html), ("body_text", body.plainText),
                ("headings", Columns.headingsJSON(headings)),
                ("reading_time_minutes", ReadingTime.minutes(forWords: body.wordCount)),
                ("status", article.status.rawValue), ("published_at", Columns.maybeSeconds(article.publishedAt)),
                ("updated_at", Columns.seconds(article.updatedAt ?? now)),
                ("author_id", try article.authorSlug.map { try id(.author, $0, field: "author") }),
                ("reviewed_at", Columns.maybeSeconds(article.reviewedAt)),
                ("reviewer_id", try article.reviewerSlug.map { try id(.author, $0, field: "reviewer") }),
                ("canonical_url", article.canonicalURL),
            ]
            let articleID = try upsert("articles", values, existing: existing)
            unindexed.insert(articleID)
            return articleID
        }
    }

    /// INSERT (stamping created_at) or UPDATE by id, through cached statements.
    private func upsert(_ table: String, _ values: [(String, (any DatabaseValueConvertible)?)], existing: Int64?) throws -> Int64 {
        let names = values.map(\.0)
        var arguments = StatementArguments(values.map(\.1))
        if let existing {
            let assignments = names.map { "\($0) = ?" }.joined(separator: ", ")
            arguments += [existing]
            try db.cachedStatement(sql: "UPDATE \(table) SET \(assignments) WHERE id = ?").execute(arguments: arguments)
            return existing
        }
        let columns = (names + ["created_at"]).joined(separator: ", ")
        let marks = Array(repeating: "?", count: names.count + 1).joined(separator: ", ")
        arguments += [Columns.seconds(now)]
        try db.cachedStatement(sql: "INSERT INTO \(table) (\(columns)) VALUES (\(marks))").execute(arguments: arguments)
        return db.lastInsertedRowID
    }

    /// Replaces an article's tags, procedures and related links with the entry's, in its order; an
    /// article this batch created has none to replace.
    func saveLinks(_ article: ArticleEntry, replacing: Bool) throws {
        let articleID = try id(.article, article.slug, field: "slug")
        func delete(_ table: String) throws {
            if replacing { try db.cachedStatement(sql: "DELETE FROM \(table) WHERE article_id = ?").execute(arguments: [articleID]) }
        }
        try delete("article_tags")
        for (position, tag) in article.tags.enumerated() {
            if let problem = Slug.problem(tag) { throw ContentError.invalidField(field: "tags", reason: problem) }
            try db.cachedStatement(sql: "INSERT INTO article_tags (article_id, tag, position) VALUES (?, ?, ?)")
                .execute(arguments: [articleID, tag, position])
        }
        // The same tags as one text, which article reads select (migration 0007).
        try delete("article_tag_lists")
        if !article.tags.isEmpty {
            try db.cachedStatement(sql: "INSERT INTO article_tag_lists (article_id, tags) VALUES (?, ?)")
                .execute(arguments: [articleID, article.tags.joined(separator: ",")])
        }
        try delete("article_procedures")
        for (position, slug) in article.procedureSlugs.enumerated() {
            let procedureID = try id(.procedure, slug, field: "procedures")
            try db.cachedStatement(sql: "INSERT INTO article_procedures (article_id, procedure_id, position) VALUES (?, ?, ?)")
                .execute(arguments: [articleID, procedureID, position])
        }
        try delete("related_articles")
        for (position, slug) in article.relatedSlugs.enumerated() {
            if slug == article.slug { throw ContentError.selfLink(slug) }
            let relatedID = try id(.article, slug, field: "related")
            try db.cachedStatement(sql: "INSERT INTO related_articles (article_id, related_id, position) VALUES (?, ?, ?)")
                .execute(arguments: [articleID, relatedID, position])
        }
    }
}

/// The `revisions` table: the version an entry had before each change.
enum Revisions {
    static func record(_ db: Database, _ previous: ContentEntry, at now: Date) throws {
        try db.cachedStatement(sql: """
            INSERT INTO revisions (kind, slug, revision, content, created_at)
            VALUES (?, ?, (SELECT coalesce(max(revision), 0) + 1 FROM revisions WHERE kind = ? AND slug = ?), ?, ?)
            """).execute(arguments: [previous.kind.rawValue, previous.slug, previous.kind.rawValue, previous.slug,
                                     ContentFile.write(previous), Columns.seconds(now)])
    }
}

/// The `changes` table: the trace of every write, for delta pulls and cache invalidation.
enum Changes {
    static func record(_ db: Database, _ kind: ContentKind, _ slug: String, _ action: String, at now: Date) throws {
        try db.cachedStatement(sql: "INSERT INTO changes (kind, slug, action, at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [kind.rawValue, slug, action, Columns.seconds(now)])
    }
}

extension ContentEntry {
    /// The Markdown an entry renders: an author's bio, an article's or procedure's body.
    var markdown: String {
        switch self {
        case .author(let author): author.bioMarkdown
        case .article(let article): article.bodyMarkdown
        case .procedure(let procedure): procedure.bodyMarkdown
        }
    }
}
