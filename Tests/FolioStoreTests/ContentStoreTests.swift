import FolioContent
@testable import FolioStore
import Foundation
import GRDB
import GRDBSQLite
import Synchronization
import Testing

struct ContentStoreTests {
    @Test func migrationsApplyOnceAndAreRecorded() throws {
        let fixture = try StoreFixture()
        let status = try fixture.store.migrationStatus()
        #expect(status.map(\.identifier) == ["0001_content", "0002_tokens", "0003_persisted_queries", "0004_article_visibility_index",
                                            "0005_deferred_full_text", "0006_article_texts_last", "0007_article_tag_lists", "0008_author_list_index",
                                            "0009_preview_publication_index", "0010_order_indexes_hold_filters", "0011_token_names_reusable"])
        #expect(status.allSatisfy { $0.applied })
        try fixture.store.migrate()  // a second run does nothing
        #expect(try fixture.store.migrationStatus().count == 11)
    }

    /// Two processes may migrate one database at the same moment: two servers started together
    /// after an upgrade, or a server and `folio-admin`. GRDB's migrator reads which migrations are
    /// applied before the transaction each one runs in, so the slower one ran a migration the other
    /// had just applied, and failed (a second `folio serve` on a database one migration behind:
    /// "UNIQUE constraint failed: grdb_migrations.identifier"). Two stores on one new file
    /// migrate at once here (their writers are separate connections, as two processes' are), five
    /// times over: both succeed, and the database is migrated once.
    @Test func twoStoresMigratingOneDatabaseAtOnceBothSucceed() async throws {
        // New files in the fixture's folder (its own database is not used), kept until the end.
        let fixture = try StoreFixture()
        defer { withExtendedLifetime(fixture) {} }
        for round in 0..<5 {
            let path = fixture.folder.appending(path: "round-\(round).sqlite").path
            let stores = [try ContentStore(path: path), try ContentStore(path: path)]
            let results = await withTaskGroup(of: String?.self) { group in
                for store in stores {
                    group.addTask {
                        do { try store.migrate() } catch { return "\(error)" }
                        return nil
                    }
                }
                return await group.reduce(into: [String]()) { if let failure = $1 { $0.append(failure) } }
            }
            #expect(results.isEmpty, "round \(round): \(results)")
            #expect(try stores[0].migrationStatus().allSatisfy(\.applied))
            #expect(try await stores[1].pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations") } == 11)
        }
    }

    /// 0011 makes the tokens table again so that a revoked token's name can be given again: the
    /// tokens made before keep working as they did, revoked ones stay refused.
    @Test func tokensOutliveTheirTableBeingMadeAgain() async throws {
        let fixture = try StoreFixture()
        defer { withExtendedLifetime(fixture) {} }
        let path = fixture.folder.appending(path: "older.sqlite").path
        let (kept, revoked): (String, String)
        do {
            let old = try ContentStore(path: path)
            try ContentStore.migrator.migrate(old.pool, upTo: "0010_order_indexes_hold_filters")
            kept = try await old.createToken(name: "web", scope: .preview, expiresAt: nil)
            revoked = try await old.createToken(name: "partner", scope: .partner, expiresAt: nil)
            try await old.revokeToken(name: "partner")
            // Before 0011 a revoked name stayed taken.
            await #expect(throws: ContentError.self) { try await old.createToken(name: "partner", scope: .partner, expiresAt: nil) }
        }
        let store = try ContentStore(path: path)
        try store.migrate()
        #expect(try await store.verifyToken(kept) == .success(.preview))
        #expect(try await store.verifyToken(revoked) == .failure(.revoked))
        #expect(try await store.tokens().map(\.name) == ["partner", "web"])
        let again = try await store.createToken(name: "partner", scope: .partner, expiresAt: nil)
        #expect(try await store.verifyToken(again) == .success(.partner))
        await #expect(throws: ContentError.self) { try await store.createToken(name: "web", scope: .partner, expiresAt: nil) }
    }

    /// 0006 rebuilds the articles table with its long texts last: a database with content at 0005
    /// keeps every article, link, tag, revision and search hit, its triggers work again, and the
    /// short columns come before the texts. 0007 then fills the tag lists from the tags.
    @Test func rebuildingTheArticlesTableKeepsEverything() async throws {
        let fixture = try StoreFixture()
        defer { withExtendedLifetime(fixture) {} }
        let path = fixture.folder.appending(path: "older.sqlite").path
        do {
            let old = try ContentStore(path: path)
            try ContentStore.migrator.migrate(old.pool, upTo: "0005_deferred_full_text")
            // Today's saves also write the tag lists of 0007: a scratch table for them, dropped
            // before migrating, so that 0007 fills its own from the tags.
            try await old.pool.write { db in try db.execute(sql: "CREATE TABLE article_tag_lists (article_id INTEGER PRIMARY KEY, tags TEXT)") }
            try await old.save([StoreFixture.author(), StoreFixture.procedure(),
                                StoreFixture.article("a", procedures: ["mild"], body: "Tremors and **more**."),
                                StoreFixture.article("b", related: ["a"], tags: ["spine", "nerves"], body: "Headaches.")],
                               now: StoreFixture.t0)
            try await old.save([StoreFixture.article("a", procedures: ["mild"], body: "Tremors, revised.")])
            try await old.pool.write { db in try db.execute(sql: "DROP TABLE article_tag_lists") }
        }
        let store = try ContentStore(path: path)
        /// Every article row as column name → value, whatever the column order.
        func rows() async throws -> [[String: DatabaseValue]] {
            try await store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM articles ORDER BY id").map { row in
                    Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, row[$0] as DatabaseValue) })
                }
            }
        }
        let before = try await rows()
        try store.migrate()
        #expect(try await rows() == before)
        let columns = try await store.pool.read { db in try db.columns(in: "articles").map(\.name) }
        #expect(columns.suffix(4) == ["headings", "body_html", "body_text", "body_markdown"])
        let b = try #require(await store.article(slug: "b"))
        #expect(b.tags == ["spine", "nerves"])
        #expect(try await store.related(forArticles: [b.id], RelatedRequest(visibleAt: nil, limit: 4, people: false)).ids[b.id]?.count == 1)
        #expect(try await store.history(.article, slug: "a").count == 1)
        #expect(try await store.search("revised", visibleAt: nil, limit: 5, offset: 0).hits.map(\.article.slug) == ["a"])
        // The rebuilt table's triggers keep the index in step, and deleting still removes links.
        try await store.save([StoreFixture.article("c", body: "Neuropathy.")])
        #expect(try await store.search("neuropathy", visibleAt: nil, limit: 5, offset: 0).hits.map(\.article.slug) == ["c"])
        try await store.pool.write { db in try db.execute(sql: "UPDATE articles SET body_text = 'Sciatica.' WHERE slug = 'c'") }
        #expect(try await store.search("sciatica", visibleAt: nil, limit: 5, offset: 0).hits.map(\.article.slug) == ["c"])
        try await store.pool.write { db in try db.execute(sql: "DELETE FROM articles WHERE slug = 'a'") }
        #expect(try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM related_articles") } == 0)
        #expect(try await store.check().isEmpty)
    }

    @Test func savesRendersAndReadsBack() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let summary = try await store.save([
            StoreFixture.author(), StoreFixture.procedure(),
            StoreFixture.article("a", related: ["b"], procedures: ["mild"]), StoreFixture.article("b"),
        ], now: StoreFixture.t0)
        #expect(summary == SaveSummary(created: 4, updated: 0, unchanged: 0))
        let article = try #require(try await store.article(slug: "a"))
        let body = try #require(try await store.articleBody(id: article.id))
        #expect(body.html.contains("<h1 id=\"heading\">Heading</h1>"))
        #expect(body.text == "Heading\nSome words about the spine.")
        #expect(body.markdown == "# Heading\n\nSome words about the spine.")
        #expect(body.headings == [Heading(level: 1, text: "Heading", anchor: "heading")])
        #expect(try await store.articleTexts(ids: [article.id], .html) == [article.id: body.html])
        #expect(try await store.articleHeadings(ids: [article.id]) == [article.id: body.headings])
        #expect(article.readingTimeMinutes == 1)
        #expect(article.tags == ["spine"])
        #expect(article.updatedAt == StoreFixture.t0)
        guard case .article(let entry) = try await store.entry(.article, slug: "a") else {
            Issue.record("article a should read back as an entry")
            return
        }
        #expect(entry.relatedSlugs == ["b"])
        #expect(entry.procedureSlugs == ["mild"])
        #expect(entry.authorSlug == "neuro-team")
        let author = try #require(try await store.author(slug: "neuro-team"))
        #expect(author.bioHTML == "<p>We treat <strong>nerves</strong>.</p>\n")
        let procedure = try #require(try await store.procedure(slug: "mild"))
        #expect(procedure.entry.risks == ["Bleeding", "Infection"])
    }

    @Test func savingTheSameContentAgainChangesNothing() async throws {
        let fixture = try StoreFixture()
        let entries = [StoreFixture.author(), StoreFixture.article("a")]
        try await fixture.store.save(entries, now: StoreFixture.t0)
        let before = try await fixture.store.lastChange()
        let summary = try await fixture.store.save(entries, now: StoreFixture.t0.addingTimeInterval(60))
        #expect(summary == SaveSummary(created: 0, updated: 0, unchanged: 2))
        #expect(try await fixture.store.lastChange() == before)
        #expect(try await fixture.store.history(.article, slug: "a").isEmpty)
    }

    @Test func aBadEntryLeavesTheDatabaseUnchanged() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.save([StoreFixture.author()], now: StoreFixture.t0)
        let before = try await fixture.store.lastChange()
        do {
            try await fixture.store.save([StoreFixture.article("ok"), StoreFixture.article("bad", related: ["missing"])])
            Issue.record("expected an unknown reference")
        } catch let error as EntryError {
            #expect(error.index == 1)
            #expect(error.error == .unknownReference(field: "related", kind: .article, slug: "missing"))
        }
        #expect(try await fixture.store.article(slug: "ok") == nil)
        #expect(try await fixture.store.lastChange() == before)
    }

    @Test func relatedLinksKeepEditorOrderAndGoAwayWithTheirArticle() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([StoreFixture.author(), StoreFixture.article("a", related: ["d", "b", "c"]),
                              StoreFixture.article("b"), StoreFixture.article("c"), StoreFixture.article("d")])
        func related() async throws -> [String] {
            guard case .article(let entry) = try await store.entry(.article, slug: "a") else { return [] }
            return entry.relatedSlugs
        }
        #expect(try await related() == ["d", "b", "c"])
        #expect(try await store.link("a", to: "c", position: 1) == (true, 1))
        #expect(try await related() == ["c", "d", "b"])
        // Without a position an existing link stays where it is (it used to move to the end), and
        // nothing is written; a position moves it, past the end to the last place.
        let revisions = try await store.history(.article, slug: "a").count
        #expect(try await store.link("a", to: "d") == (false, 2))
        #expect(try await store.link("a", to: "c", position: 1) == (false, 1))
        #expect(try await related() == ["c", "d", "b"])
        #expect(try await store.history(.article, slug: "a").count == revisions)
        #expect(try await store.link("a", to: "c", position: 9) == (true, 3))
        #expect(try await related() == ["d", "b", "c"])
        #expect(try await store.link("a", to: "c", position: 1) == (true, 1))
        try await store.unlink("a", from: "d")
        #expect(try await related() == ["c", "b"])
        await #expect(throws: ContentError.selfLink("a")) { try await store.link("a", to: "a") }
        // Deleting "b" takes its incoming link with it: "a" changes, so it keeps a revision with
        // the link (restoring it brings the link back once "b" is back), is stamped and traced as
        // updated. Before, "a" changed with no revision and no trace.
        let before = try await store.history(.article, slug: "a").count
        let later = StoreFixture.t0.addingTimeInterval(86_400)
        try await store.delete(.article, slug: "b", now: later)
        #expect(try await related() == ["c"])
        #expect(try await store.check().isEmpty)
        let history = try await store.history(.article, slug: "a")
        #expect(history.count == before + 1)
        #expect(history.last?.content.contains(#"related: ["c", "b"]"#) == true, "\(history.last?.content ?? "")")
        #expect(try await store.article(slug: "a")?.updatedAt == later)
        let actions = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT slug || ':' || action FROM changes ORDER BY seq DESC LIMIT 2")
        }
        #expect(actions == ["a:updated", "b:deleted"])
        try await store.restore(.article, slug: "b", revision: 1)
        #expect(try await store.restore(.article, slug: "a", revision: history.count))
        #expect(try await related() == ["c", "b"])
        #expect(try await store.restore(.article, slug: "a", revision: history.count) == false)
    }

    /// Related articles: the editor's links first, then articles sharing the most tags and
    /// procedures, newest publication first among equals, only those the reader may see, each
    /// once; the candidates of each tag or procedure are its 20 most recently added articles.
    @Test func relatedFillsWithArticlesSharingTheMostTagsAndProcedures() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let at = StoreFixture.at
        try await store.save([
            StoreFixture.author(), StoreFixture.procedure(),
            StoreFixture.article("l1", publishedAt: at(1), tags: ["spine"]),
            StoreFixture.article("x2", publishedAt: at(2), tags: ["spine", "nerves"]),
            StoreFixture.article("x3", publishedAt: at(3), tags: ["spine"], procedures: ["mild"]),
            StoreFixture.article("y0", publishedAt: at(4), tags: ["nerves"]),
            StoreFixture.article("y1", publishedAt: at(5), tags: ["spine"]),
            StoreFixture.article("draft", status: .draft, tags: ["spine", "nerves"]),
            StoreFixture.article("later", publishedAt: at(900), tags: ["spine", "nerves"]),
            StoreFixture.article("other", publishedAt: at(6), tags: ["hands"]),
            StoreFixture.article("s", related: ["l1"], tags: ["spine", "nerves"], procedures: ["mild"]),
        ], now: at(10))
        let source = try #require(await store.article(slug: "s")).id
        func related(limit: Int, visibleAt: Date?) async throws -> [String] {
            let result = try await store.related(forArticles: [source], RelatedRequest(visibleAt: visibleAt, limit: limit, people: false))
            return (result.ids[source] ?? []).compactMap { result.articles[$0]?.slug }
        }
        #expect(try await related(limit: 10, visibleAt: at(10)) == ["l1", "x3", "x2", "y1", "y0"])
        #expect(try await related(limit: 3, visibleAt: at(10)) == ["l1", "x3", "x2"])
        // A preview sees the scheduled article (newest) and the draft (no date: last among equals).
        #expect(try await related(limit: 10, visibleAt: nil) == ["l1", "later", "x3", "x2", "draft", "y1", "y0"])
        // Read with the article (its page), the fill is the same.
        for visibleAt in [at(10), nil] {
            let page = try #require(try await store.article(slug: "s", with: [.procedures],
                                                            related: RelatedRequest(visibleAt: visibleAt, limit: 10, people: false)))
            let slugs = page.related.map { related in (related.ids[source] ?? []).compactMap { related.articles[$0]?.slug } }
            #expect(try await slugs == related(limit: 10, visibleAt: visibleAt))
        }
        // Twenty-two more articles under one tag: only the 20 added last are candidates.
        try await store.save((0..<22).map { StoreFixture.article("c\($0)", publishedAt: at(Double($0)), tags: ["cervical"]) }
                             + [StoreFixture.article("n", tags: ["cervical"])], now: at(30))
        let n = try #require(await store.article(slug: "n")).id
        let result = try await store.related(forArticles: [n, source], RelatedRequest(visibleAt: at(30), limit: 30, people: false))
        #expect((result.ids[n] ?? []).compactMap { result.articles[$0]?.slug } == (2..<22).reversed().map { "c\($0)" })
        #expect((result.ids[source] ?? []).compactMap { result.articles[$0]?.slug } == ["l1", "x3", "x2", "y1", "y0"])
        // A source asked for twice, with lists not chosen yet at this limit (the limit is part of
        // what a list is kept under): each is chosen once and comes back as before.
        let twice = try await store.related(forArticles: [n, source, n], RelatedRequest(visibleAt: at(30), limit: 29, people: false))
        #expect(twice.ids == result.ids)
        #expect(Set(twice.articles.keys) == Set(result.articles.keys))
    }

    /// Related lists are chosen, and their cards read, once per content version: asked again,
    /// nothing is read; and lists and cards follow a write from another connection and a
    /// scheduled article coming due.
    @Test func relatedListsAreChosenOncePerContentVersion() async throws {
        let fixture = try StoreFixture()
        let (store, statements) = try fixture.recordingStore()
        let at = StoreFixture.at
        try await store.save([
            StoreFixture.author(),
            StoreFixture.article("a", publishedAt: at(0)), StoreFixture.article("b", publishedAt: at(1)),
            StoreFixture.article("c", publishedAt: at(5)), StoreFixture.article("d", publishedAt: at(2), tags: ["hands"]),
        ], now: at(0))
        let a = try #require(await store.article(slug: "a")).id
        func related(_ moment: Date, people: Bool = false) async throws
            -> (slugs: [String], titles: [String], authors: [String], statements: [String]) {
            statements.clear()
            let result = try await store.related(forArticles: [a], RelatedRequest(visibleAt: moment, limit: 4, people: people))
            let articles = (result.ids[a] ?? []).compactMap { result.articles[$0] }
            return (articles.map(\.slug), articles.map(\.title), articles.compactMap { $0.authorID.flatMap { result.people[$0]?.name } },
                    statements.all)
        }
        let first = try await related(at(3))
        #expect(first.slugs == ["b"])
        #expect(first.statements.contains { $0.contains("FROM articles AS a") && $0.contains("WHERE a.id IN") })
        let again = try await related(at(4), people: true)
        #expect(again.slugs == ["b"])
        #expect(again.authors == ["Neuro Team"], "the kept card has its author")
        #expect(!again.statements.contains { $0.contains("FROM articles") || $0.contains("related_articles") || $0.contains("article_tags") })
        // c's time comes: no write, a new version.
        #expect(try await related(at(5)).slugs == ["c", "b"])
        let other = try ContentStore(path: store.path)
        try await other.save([StoreFixture.article("b", title: "B Renamed", publishedAt: at(1))], now: at(5))
        #expect(try await related(at(5)).titles == ["C", "B Renamed"])
        try await other.unpublish("b", now: at(5))
        #expect(try await related(at(5)).slugs == ["c"])
    }

    /// A tag's window of newest articles is read once per content version and serves every
    /// article with that tag: the second article's list reads its own links and topics only. A
    /// write makes a new version, whose window has the new article.
    @Test func fillWindowsAreSharedByArticlesWithATagAndFollowWrites() async throws {
        let fixture = try StoreFixture()
        let (store, statements) = try fixture.recordingStore()
        let at = StoreFixture.at
        try await store.save([
            StoreFixture.author(),
            StoreFixture.article("a", publishedAt: at(0), tags: ["hands"]), StoreFixture.article("b", publishedAt: at(1), tags: ["hands"]),
            StoreFixture.article("c", publishedAt: at(2), tags: ["hands"]),
        ], now: at(3))
        func related(_ slug: String) async throws -> (slugs: [String], windowReads: Int) {
            let id = try #require(await store.article(slug: slug)).id
            statements.clear()
            let result = try await store.related(forArticles: [id], RelatedRequest(visibleAt: at(3), limit: 4, people: false))
            return ((result.ids[id] ?? []).compactMap { result.articles[$0]?.slug },
                    statements.all.count { $0.contains("ORDER BY article_id DESC LIMIT") })
        }
        #expect(try await related("a") == (["c", "b"], 1))
        #expect(try await related("b") == (["c", "a"], 0), "b's list is new; the window is a's")
        try await store.save([StoreFixture.article("d", publishedAt: at(3), tags: ["hands"])], now: at(3))
        #expect(try await related("b") == (["d", "c", "a"], 1))
    }

    /// The related memory answers only entries of the version asked for, and when full forgets
    /// its oldest entry for each new one (never everything at once).
    @Test func theRelatedMemoryForgetsItsOldestEntriesOneAtATime() throws {
        let memo = RelatedMemo(capacity: 2, cardCapacity: 2)
        let v1 = ContentVersion(change: 1, publishedThrough: 0), v2 = ContentVersion(change: 2, publishedThrough: 0)
        func key(_ article: Int64) -> RelatedMemo.Key { RelatedMemo.Key(article: article, limit: 4, isPublic: true) }
        // A read that finds nothing only looks up; one that returns values keeps them.
        func keep(_ key: RelatedMemo.Key, _ list: [Int64], at version: ContentVersion) {
            _ = memo.lists([key], at: version) { _ in [key: list] }
        }
        func lists(_ keys: [RelatedMemo.Key], at version: ContentVersion) -> [Int64: [Int64]] {
            memo.lists(keys, at: version) { _ in [:] }
        }
        func cards(_ ids: [Int64], at version: ContentVersion) -> [Int64: RelatedMemo.Card] {
            memo.cards(ids, at: version) { _ in [:] }
        }
        keep(key(1), [10], at: v1)
        keep(key(2), [20], at: v1)
        #expect(lists([key(1), key(2)], at: v1) == [1: [10], 2: [20]])
        #expect(lists([key(1), key(2)], at: v2).isEmpty, "another version's lists are not answered")
        keep(key(3), [30], at: v1)
        #expect(lists([key(1), key(2), key(3)], at: v1) == [2: [20], 3: [30]], "the oldest went, the rest stayed")
        keep(key(2), [21], at: v2)
        #expect(lists([key(2)], at: v2) == [2: [21]])
        #expect(lists([key(2), key(3)], at: v1) == [3: [30]])
        // Each card is read with an author instance of its own, as a statement decodes them.
        func card(_ id: Int64) -> RelatedMemo.Card {
            RelatedMemo.Card(article: Article(id: id, slug: "s\(id)", title: "T", summary: nil, readingTimeMinutes: 1, status: .published,
                                              publishedAt: nil, createdAt: StoreFixture.t0, updatedAt: StoreFixture.t0, authorID: 7,
                                              reviewedAt: nil, reviewerID: nil, canonicalURL: nil, tags: []),
                             people: [Author(id: 7, slug: "a", name: "A", role: nil, avatarURL: nil, bioMarkdown: "", bioHTML: "",
                                             createdAt: StoreFixture.t0, updatedAt: StoreFixture.t0)])
        }
        // One at a time: the order within one call is a dictionary's.
        for id: Int64 in [1, 2, 3] { _ = memo.cards([id], at: v1) { _ in [id: card(id)] } }
        let kept = cards([1, 2, 3], at: v1)
        #expect(Set(kept.keys) == [2, 3])
        #expect(kept[2]?.people.first === kept[3]?.people.first, "cards of one version share their author")
        #expect(cards([2, 3], at: v2).isEmpty)
        let later = memo.cards([2], at: v2) { _ in [2: card(2)] }
        #expect(later[2]?.people.first !== kept[2]?.people.first, "another version keeps its own")
    }

    @Test func statusChangesRevisionsAndRestore() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([StoreFixture.author(), StoreFixture.article("a", status: .draft)], now: StoreFixture.t0)
        let later = StoreFixture.t0.addingTimeInterval(3600)
        try await store.publish("a", at: later.addingTimeInterval(86400), now: later)
        let scheduled = try #require(try await store.article(slug: "a"))
        #expect(scheduled.status == .published)
        #expect(!scheduled.isVisible(at: later))
        #expect(scheduled.isVisible(at: later.addingTimeInterval(86401)))
        try await store.unpublish("a", now: later)
        let history = try await store.history(.article, slug: "a")
        #expect(history.map(\.number) == [1, 2])
        #expect(history[0].content.contains("status: draft"))
        #expect(history[1].content.contains("status: published"))
        try await store.restore(.article, slug: "a", revision: 2, now: later)
        #expect(try await store.article(slug: "a")?.status == .published)
        #expect(try await store.history(.article, slug: "a").count == 3)
        await #expect(throws: ContentError.revisionNotFound(slug: "a", revision: 9)) {
            try await store.restore(.article, slug: "a", revision: 9)
        }
    }

    @Test func deletedEntriesCanBeRestoredAndReferencedOnesCannotBeDeleted() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([StoreFixture.author(), StoreFixture.procedure(), StoreFixture.article("a", procedures: ["mild"])])
        await #expect(throws: ContentError.self) { try await store.delete(.author, slug: "neuro-team") }
        await #expect(throws: ContentError.self) { try await store.delete(.procedure, slug: "mild") }
        try await store.delete(.article, slug: "a")
        #expect(try await store.article(slug: "a") == nil)
        try await store.restore(.article, slug: "a", revision: 1)
        #expect(try await store.article(slug: "a") != nil)
        await #expect(throws: ContentError.notFound(.article, "zzz")) { try await store.delete(.article, slug: "zzz") }
    }

    @Test func theChangeLogRecordsEveryWriteIncludingRemovals() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([StoreFixture.author(), StoreFixture.article("a")])
        try await store.unpublish("a")
        try await store.delete(.article, slug: "a")
        let actions = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT kind || ':' || slug || ':' || action FROM changes ORDER BY seq")
        }
        #expect(actions == ["author:neuro-team:created", "article:a:created", "article:a:unpublished", "article:a:deleted"])
    }

    @Test func filtersAndVisibility() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let t0 = StoreFixture.t0
        try await store.save([
            StoreFixture.author(), StoreFixture.procedure(),
            StoreFixture.article("old", publishedAt: t0, tags: ["spine"], procedures: ["mild"]),
            StoreFixture.article("new", publishedAt: t0.addingTimeInterval(100), tags: ["headache"]),
            StoreFixture.article("future", publishedAt: t0.addingTimeInterval(10_000)),
            StoreFixture.article("draft", status: .draft),
        ])
        let visible = try await store.articles(ArticleFilter(visibleAt: t0.addingTimeInterval(200)))
        #expect(visible.map(\.slug) == ["new", "old"])
        #expect(try await store.articles().map(\.slug) == ["future", "new", "old", "draft"])
        #expect(try await store.articles(ArticleFilter(tag: "headache")).map(\.slug) == ["new"])
        #expect(try await store.articles(ArticleFilter(procedureSlug: "mild")).map(\.slug) == ["old"])
        #expect(try await store.articles(ArticleFilter(status: .draft)).map(\.slug) == ["draft"])
        #expect(try await store.articles(ArticleFilter(authorSlug: "nobody")).isEmpty)
    }

    @Test func fullTextIndexFollowsEveryWrite() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([StoreFixture.author(), StoreFixture.article("a", body: "Tremors and shaking hands.")])
        func hits(_ term: String) async throws -> [String] {
            try await store.pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT a.slug FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                    WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts)
                    """, arguments: [term])
            }
        }
        #expect(try await hits("tremor") == ["a"])  // porter stemming
        try await store.save([StoreFixture.article("a", body: "Now about migraines.")])
        #expect(try await hits("tremor").isEmpty)
        #expect(try await hits("migraine") == ["a"])
        try await store.delete(.article, slug: "a")
        #expect(try await hits("migraine").isEmpty)
        #expect(try await store.check().isEmpty)
    }

    /// A read under an interruption stops when it is interrupted from another thread, in the middle
    /// of a statement SQLite is running (this one would count for many seconds), or between two of
    /// its statements; reads under it fail at once afterwards; the pool's connections serve the
    /// next reads as before.
    @Test func interruptedReadsStopInTheMiddleOfAStatement() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let reads = ReadInterruption()
        let long = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM (SELECT x FROM n LIMIT 50000000)"
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { reads.interrupt() }
        func code(_ sql: String) -> Int32? {
            do {
                _ = try ReadInterruption.$current.withValue(reads) { try store.readStatement { try $0.integer(sql) } }
                return nil
            } catch {
                return (error as? SQLiteError)?.code
            }
        }
        #expect(code(long) == SQLITE_INTERRUPT)
        #expect(code("SELECT 1") == SQLITE_INTERRUPT, "a read after the interruption does not start")
        #expect(try store.readStatement { try $0.integer("SELECT 1") } == 1)
        // Between two statements of one read, no statement is running: the next one still stops.
        let between = ReadInterruption()
        do {
            _ = try ReadInterruption.$current.withValue(between) {
                try store.readNow { db in
                    _ = try db.integer("SELECT 1")
                    between.interrupt()
                    return try db.integer(long)
                }
            }
            Issue.record("the second statement ran to its end")
        } catch {
            #expect((error as? SQLiteError)?.code == SQLITE_INTERRUPT)
        }
        #expect(try store.readNow { try $0.integer("SELECT 2") } == 2)
    }

    /// An interruption with a deadline stops a running statement at the deadline by itself, with
    /// nobody calling `interrupt()` (a server's timer may be waiting for the thread the statement
    /// holds); a read that starts after the deadline fails at once; a read within it runs.
    @Test func readsStopThemselvesAtTheirDeadline() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let long = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM (SELECT x FROM n LIMIT 500000000)"
        func run(_ sql: String, under reads: ReadInterruption) -> Result<Int, SQLiteError> {
            Result { try ReadInterruption.$current.withValue(reads) { try store.readStatement { try $0.integer(sql) } } }
                .mapError { $0 as? SQLiteError ?? SQLiteError(code: -1, message: "\($0)", sql: sql) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let soon = ReadInterruption(deadline: start + .milliseconds(200))
        #expect(try run("SELECT 7", under: soon).get() == 7)
        guard case .failure(let error) = run(long, under: soon) else {
            Issue.record("the statement ran to its end past its deadline")
            return
        }
        #expect(error.code == SQLITE_INTERRUPT)
        // Stopped near the deadline, not after the minutes the count would take.
        #expect(clock.now - start < .seconds(20))
        #expect(clock.now - start >= .milliseconds(200))
        guard case .failure(let after) = run("SELECT 1", under: soon) else {
            Issue.record("a read after the deadline ran")
            return
        }
        #expect(after.code == SQLITE_INTERRUPT)
        #expect(try store.readStatement { try $0.integer("SELECT 3") } == 3, "the connection serves the next read")
    }

    /// A public list comes off an index in its order, in either direction, so a page reads little
    /// more than its own rows and never sorts every article the public sees, with a tag or an
    /// author too. So does a preview list (migration 0009), which sorts drafts (no date) as the
    /// oldest. An author's public list and its count need no row of theirs beyond the page, nor a
    /// tag's count any row.
    @Test func publicListsWalkAnIndexInTheirOrder() async throws {
        let fixture = try StoreFixture()
        let (store, statements) = try fixture.recordingStore()
        let at = StoreFixture.at
        try await store.save([StoreFixture.author(), StoreFixture.article("draft", status: .draft)]
            + (0..<5).map { StoreFixture.article("a\($0)", title: "T\(4 - $0)", publishedAt: at(Double($0))) }, now: at(9))
        let filters = [ArticleFilter(visibleAt: at(9)), ArticleFilter(tag: "spine", visibleAt: at(9)),
                       ArticleFilter(authorSlug: "neuro-team", visibleAt: at(9)),
                       ArticleFilter(), ArticleFilter(tag: "spine"), ArticleFilter(authorSlug: "neuro-team"),
                       ArticleFilter(status: .draft), ArticleFilter(status: .archived)]
        for order in ArticleOrder.allCases {
            for (filter, fromEnd) in filters.flatMap({ filter in [(filter, false), (filter, true)] }) {
                statements.clear()
                let page = try await store.articlePage(filter, order: order, limit: 2, fromEnd: fromEnd)
                #expect(page.articles.count == (filter.status == .draft ? 1 : filter.status == .archived ? 0 : 2))
                let sql = try #require(statements.all.first { $0.contains("sort_value") })
                let plan = try store.readStatement { db in try db.all("EXPLAIN QUERY PLAN " + sql) { $0.text(3) } }
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(order) \(fromEnd) \(filter): \(plan)")
            }
        }
        let preview = try await store.articlePage(ArticleFilter(), order: .publishedAtAsc, limit: 2)
        #expect(preview.articles.map(\.slug) == ["draft", "a0"])
        #expect(try await store.articlePage(ArticleFilter(), order: .publishedAtDesc, limit: 2, fromEnd: true)
            .articles.map(\.slug) == ["a0", "draft"])
        #expect(try await store.articlePage(ArticleFilter(), order: .publishedAtDesc, limit: 2).articles.map(\.slug) == ["a4", "a3"])
        // A tag's or procedure's count reads no article row: the visibility index holds the rest.
        for filter in [ArticleFilter(tag: "spine", visibleAt: at(9)), ArticleFilter(procedureSlug: "mild", visibleAt: at(9))] {
            statements.clear()
            #expect(try await store.countArticles(filter) == (filter.tag == nil ? 0 : 5))
            let sql = try #require(statements.all.first { $0.contains("count(*)") })
            let plan = try store.readStatement { db in try db.all("EXPLAIN QUERY PLAN " + sql) { $0.text(3) } }
            #expect(plan.first?.contains("COVERING INDEX articles_visibility_by_id") == true, "\(plan)")
        }
        // An author's public list and its count are one range of the author index (0008).
        statements.clear()
        let byAuthor = ArticleFilter(authorSlug: "neuro-team", visibleAt: at(9))
        #expect(try await store.articlePage(byAuthor, order: .publishedAtDesc, limit: 2).articles.map(\.slug) == ["a4", "a3"])
        #expect(try await store.countArticles(byAuthor) == 5)
        let authorReads = statements.all.filter { $0.contains("FROM articles AS a") }
        #expect(authorReads.count == 2)
        for sql in authorReads {
            let plan = try store.readStatement { db in try db.all("EXPLAIN QUERY PLAN " + sql) { $0.text(3) } }
            #expect(plan.first?.contains("INDEX articles_by_author (author_id=? AND status=? AND published_at<?)") == true, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            if sql.contains("count(*)") { #expect(plan.first?.contains("COVERING INDEX") == true, "\(plan)") }
        }
    }

    /// A list that walks its order's index checks its filter on each index entry: the index holds
    /// every column a filter looks at (status, publication time, author; tags and procedures by
    /// id), so an article the filter leaves out costs no read of its row (migrations 0009, 0010).
    /// Before, a public list by title with a date no public article has read every row.
    @Test func walkedIndexesHoldWhatFiltersCheck() async throws {
        let fixture = try StoreFixture()
        let at = StoreFixture.at
        let shapes = [ArticleFilter(status: .draft), ArticleFilter(tag: "spine"), ArticleFilter(authorSlug: "neuro-team"),
                      ArticleFilter(procedureSlug: "mild"), ArticleFilter(publishedAfter: at(1)),
                      ArticleFilter(publishedBefore: at(1))]
        for order in ArticleOrder.allCases {
            for visibleAt in [nil, at(2)] {
                for var filter in shapes {
                    filter.visibleAt = visibleAt
                    let (_, _, index) = order.sortKey(filter)
                    guard !index.isEmpty else { continue }
                    let (clause, arguments) = filter.sql()
                    let plan = try fixture.store.readStatement { db in
                        try db.all("EXPLAIN QUERY PLAN SELECT a.id FROM articles AS a\(index) WHERE \(clause)", arguments) { $0.text(3) }
                    }
                    #expect(plan.first?.contains("COVERING INDEX") == true, "\(order) \(filter): \(plan)")
                }
            }
        }
    }

    /// Several lists paged together (each author's articles below a list of authors, say) answer
    /// as each list paged alone — in every order, from either end, between bounds, with public and
    /// preview lists mixed — in one statement, where every page still walks its index: the only
    /// sort is the compound's, of the pages' few rows.
    @Test func listsPagedTogetherAnswerAsEachPagedAlone() async throws {
        let fixture = try StoreFixture()
        let (store, statements) = try fixture.recordingStore()
        let at = StoreFixture.at
        try await store.save([StoreFixture.author(), StoreFixture.article("draft", status: .draft, tags: ["neck"])]
            + (0..<9).map { StoreFixture.article("a\($0)", title: "T\(8 - $0)", publishedAt: at(Double($0)),
                                                 tags: $0 % 3 == 0 ? ["neck"] : ["spine", "neck"]) }, now: at(20))
        let filters = [ArticleFilter(tag: "spine", visibleAt: at(20)), ArticleFilter(tag: "neck", visibleAt: at(20)),
                       ArticleFilter(tag: "none", visibleAt: at(20)), ArticleFilter(tag: "neck"),
                       ArticleFilter(tag: "spine", visibleAt: at(20))]
        func same(_ together: ArticlePage, _ alone: ArticlePage) -> Bool {
            together.articles.map(\.slug) == alone.articles.map(\.slug) && together.keys == alone.keys
                && together.hasPrevious == alone.hasPrevious && together.hasNext == alone.hasNext
        }
        for order in ArticleOrder.allCases {
            let whole = try await store.articlePage(filters[1], order: order, limit: 20).keys
            #expect(whole.count == 9)
            for (after, before) in [(nil, nil), (whole[1], nil), (nil, whole[6]), (whole[1], whole[6])] {
                for fromEnd in [false, true] {
                    statements.clear()
                    let together = try await store.articlePages(filters, order: order, after: after, before: before,
                                                                limit: 2, fromEnd: fromEnd)
                    let pageStatements = statements.all.filter { $0.contains("sort_value") }
                    #expect(pageStatements.count == 1)
                    for (filter, page) in zip(filters, together) {
                        let alone = try await store.articlePage(filter, order: order, after: after, before: before,
                                                                limit: 2, fromEnd: fromEnd)
                        #expect(same(page, alone),
                                "\(order) \(filter) after \(String(describing: after)) before \(String(describing: before)) fromEnd \(fromEnd)")
                    }
                }
            }
            // The public lists' pages each walk their index; the only sorts are the merge's, each
            // of one page's rows as its subquery gives them.
            statements.clear()
            _ = try await store.articlePages(filters.filter { $0.visibleAt != nil }, order: order, limit: 2)
            let sql = try #require(statements.all.first { $0.contains("sort_value") })
            let plan = try store.readStatement { db in try db.all("EXPLAIN QUERY PLAN " + sql) { $0.text(3) } }
            #expect(plan.filter { $0.hasPrefix("SCAN (subquery-") }.count == 4, "\(order): \(plan)")
            for (line, next) in zip(plan, plan.dropFirst()) where next.contains("TEMP B-TREE") {
                #expect(line.hasPrefix("SCAN (subquery-"), "\(order): \(plan.joined(separator: "\n"))")
            }
        }
        #expect(try await store.articlePages(filters, order: .titleAsc, limit: 3).map { $0.articles.count } == [3, 3, 0, 3, 3])
        // More lists than one statement takes (SQLite allows 500 terms): one statement per 100
        // lists, all in one read transaction, the pages in order.
        let many = (0..<230).map { ArticleFilter(tag: $0 % 2 == 0 ? "spine" : "t\($0)", visibleAt: at(20)) }
        statements.clear()
        let pages = try await store.articlePages(many, order: .titleAsc, after: ArticleKey(value: "T0", id: 0),
                                                 before: ArticleKey(value: "T8", id: 0), limit: 2, fromEnd: true)
        #expect(statements.all.filter { $0.contains("sort_value") }.count == 3)
        #expect(statements.all.first == "BEGIN")
        let spine = try await store.articlePage(many[0], order: .titleAsc, after: ArticleKey(value: "T0", id: 0),
                                                before: ArticleKey(value: "T8", id: 0), limit: 2, fromEnd: true)
        #expect(spine.articles.count == 2 && spine.hasPrevious)
        #expect(pages.count == 230)
        for (index, page) in pages.enumerated() {
            #expect(index % 2 == 0 ? same(page, spine) : page.articles.isEmpty && !page.hasPrevious && !page.hasNext, "\(index)")
        }
        // Counted together, as counted alone.
        statements.clear()
        #expect(try await store.countArticles(filters) == [6, 9, 0, 10, 6])
        #expect(statements.all.filter { $0.contains("count(*)") }.count == 1)
    }

    /// A search runs its match once, whatever the size of the archive: in every statement it makes
    /// the full-text index is the outer loop, and an article is only looked up by id. Walking the
    /// public articles and matching each (SQLite's own choice) took minutes for a common word at
    /// 100,000 articles. Snippets are made for the page alone, and pages and counts stay right.
    @Test func searchMatchesOnceAndSnippetsOnlyThePage() async throws {
        let fixture = try StoreFixture()
        let (store, statements) = try fixture.recordingStore()
        let at = StoreFixture.at
        try await store.save([StoreFixture.author()]
            + (0..<12).map { StoreFixture.article("spine-\($0)", publishedAt: at(Double($0)), body: "Spine care, part \($0).") }
            + [StoreFixture.article("draft", status: .draft, body: "Spine drafts.")], now: at(0))
        statements.clear()
        let page = try await store.search("spine", visibleAt: at(5.5), limit: 4, offset: 2)
        #expect(page.hits.count == 4 && !page.hasMore)
        #expect(page.hits.allSatisfy { $0.snippet.contains("<mark>Spine</mark>") })
        #expect(statements.all.filter { $0.contains("MATCH") }.count == 2, "a page is ranked and snippeted")
        #expect(!statements.all.contains { $0.contains("count(*)") }, "a page is not counted")
        #expect(try await store.search("spine", visibleAt: at(5.5), limit: 3, offset: 2).hasMore)
        #expect(try await store.countSearch("spine", visibleAt: at(5.5)) == 6)
        #expect(try await store.countSearch("spine", visibleAt: nil) == 13)
        #expect(try await store.countSearch("?!", visibleAt: nil) == 0)
        let searches = statements.all.filter { $0.contains("MATCH") }
        #expect(searches.count == 6)
        for sql in searches {
            let plan = try store.readStatement { db in try db.all("EXPLAIN QUERY PLAN " + sql) { $0.text(3) } }
            #expect(plan.first?.hasPrefix("SCAN articles_fts VIRTUAL TABLE") == true, "\(plan)")
            #expect(plan.dropFirst().allSatisfy { ($0.hasPrefix("SEARCH") && $0.contains("(id=?")) || $0.hasPrefix("USE TEMP B-TREE") }, "\(plan)")
        }
    }

    /// Search text becomes an FTS5 query of quoted terms, prefixes from three characters on, the
    /// first 16 words only (the API refuses more).
    @Test func searchTextBecomesABoundedQuery() {
        #expect(ContentStore.ftsQuery("a spinal-st \"OR\" x*") == #""a" "spinal"* "st" "OR" "x""#)
        let words = (1...20).map { "word\($0)" }
        #expect(ContentStore.ftsQuery(words.joined(separator: " ")) == words.prefix(16).map { "\"\($0)\"*" }.joined(separator: " "))
        #expect(ContentStore.ftsQuery(" ?! ").isEmpty)
    }

    /// A snippet is HTML a front end can insert as it is: the article's text escaped (bodies hold
    /// code samples and comparisons), the terms marked, the summary standing in when the body does
    /// not have the terms.
    @Test func searchSnippetsAreEscapedHTML() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([
            StoreFixture.author(),
            StoreFixture.article("markup", body: "Zebrafish pages show `<img src=x onerror=alert(1)>` as code; \"a\" < 'b' & c."),
            StoreFixture.article("title-only", title: "Quokka care", summary: "What a <small> marsupial needs.", body: "Feeding and shade."),
            StoreFixture.article("summary", summary: "Wombat burrows & tunnels.", body: "Digging."),
            StoreFixture.article("controls", body: "Echidna\u{2} spines\u{3}\u{3} and \u{1}more."),
        ])
        func snippet(_ text: String) async throws -> String? {
            try await store.search(text, visibleAt: nil, limit: 5, offset: 0).hits.first?.snippet
        }
        #expect(try await snippet("zebrafish")
            == "<mark>Zebrafish</mark> pages show &lt;img src=x onerror=alert(1)&gt; as code; &quot;a&quot; &lt; &#39;b&#39; &amp; c.")
        #expect(try await snippet("quokka") == "What a &lt;small&gt; marsupial needs.")
        #expect(try await snippet("wombat") == "<mark>Wombat</mark> burrows &amp; tunnels.")
        // The content's own control characters are dropped; one that looks like a mark may mark
        // words that are not a term, but tags always pair up.
        #expect(try await snippet("echidna") == "<mark>Echidna</mark><mark> spines</mark> and more.")
    }

    @Test func tagsKeepTheirOrderAndMustBeSlugs() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([StoreFixture.author(), StoreFixture.article("a", tags: ["tremor", "back-pain", "a1"])])
        #expect(try await store.article(slug: "a")?.tags == ["tremor", "back-pain", "a1"])
        #expect(try await store.articles(ids: [try #require(try await store.article(slug: "a")).id]).first?.value.tags
                == ["tremor", "back-pain", "a1"])
        await #expect(throws: EntryError.self) {
            try await store.save([StoreFixture.article("b", tags: ["spine", "neck, shoulder"])])
        }
        #expect(try await store.article(slug: "b") == nil)
    }

    /// A batch indexes its articles once, at its end (migration 0005); what it leaves behind must be
    /// exactly what row-by-row indexing would have left.
    @Test func batchesIndexFullTextOnceAndExactly() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        func hits(_ term: String) async throws -> [String] {
            try await store.pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT a.slug FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                    WHERE articles_fts MATCH ? ORDER BY a.slug
                    """, arguments: [term])
            }
        }
        func deferred() async throws -> Int? {
            try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT deferred FROM full_text_sync") }
        }
        // The same slug twice in one batch: the second version replaces the first in the index too.
        try await store.save([StoreFixture.author(), StoreFixture.article("a", body: "Tremors first."),
                              StoreFixture.article("b", body: "Migraines."), StoreFixture.article("a", body: "Neuropathy second.")])
        #expect(try await hits("tremor").isEmpty)
        #expect(try await hits("neuropathy") == ["a"])
        #expect(try await hits("migraine") == ["b"])
        #expect(try await deferred() == 0)
        // An update of an indexed article within a batch, next to a new one.
        try await store.save([StoreFixture.article("b", body: "Headaches now."), StoreFixture.article("c", body: "Migraines again.")])
        #expect(try await hits("migraine") == ["c"])
        #expect(try await hits("headache") == ["b"])
        // A failing batch rolls back the flag with everything else.
        await #expect(throws: (any Error).self) {
            try await store.save([StoreFixture.article("d", body: "Stenosis."), StoreFixture.article("e", related: ["missing"])])
        }
        #expect(try await deferred() == 0)
        #expect(try await hits("stenosis").isEmpty)
        // Writers that do not go through a batch keep the row triggers.
        try await store.pool.write { db in
            try db.execute(sql: "UPDATE articles SET body_text = 'Sciatica by hand.' WHERE slug = 'c'")
        }
        #expect(try await hits("migraine").isEmpty)
        #expect(try await hits("sciatica") == ["c"])
        #expect(try await store.check().isEmpty)
    }

    @Test func checkFindsACorruptedIndexAndBackupIsConsistent() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([StoreFixture.author(), StoreFixture.article("a")])
        let copy = fixture.folder.appending(path: "backup.sqlite").path
        try store.backup(to: copy)
        let restored = try ContentStore(path: copy)
        #expect(try await restored.article(slug: "a")?.title == "A")
        #expect(try await restored.check().isEmpty)
        // Break the index behind the store's back: check must notice.
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body_text) VALUES ('delete', (SELECT id FROM articles), 'A', 'About a.', 'Heading\nSome words about the spine.')")
        }
        #expect(try await store.check().isEmpty == false)
    }

    /// Reads from many tasks at once share the read connections while a writer saves: none fails,
    /// and a read of several statements sees one snapshot — the article's title (first statement)
    /// always names the procedure its second statement finds, as every save changes both together.
    @Test func concurrentReadsSeeOneSnapshotWhileAWriterSaves() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([StoreFixture.author(), StoreFixture.procedure("mild"), StoreFixture.procedure("other"),
                              StoreFixture.article("a", title: "mild", procedures: ["mild"])])
        // The last save (round saves - 1, odd) leaves the title "mild".
        let saves = 40
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for round in 0..<saves {
                    let procedure = round % 2 == 0 ? "other" : "mild"
                    try await store.save([StoreFixture.article("a", title: procedure, procedures: [procedure])])
                }
                return 0
            }
            for _ in 0..<6 {
                group.addTask {
                    var reads = 0
                    for _ in 0..<60 {
                        let found = try #require(try await store.article(slug: "a", with: [.procedures],
                                                                         related: RelatedRequest(visibleAt: nil, limit: 4, people: true)))
                        #expect(found.procedures?.map(\.entry.slug) == [found.article.title])
                        reads += 1
                        await Task.yield()
                    }
                    return reads
                }
            }
            var reads = 0
            for try await count in group { reads += count }
            #expect(reads == 6 * 60)
        }
        #expect(try await store.article(slug: "a")?.title == "mild")
    }

    /// The tag lists reads select follow every save of an article's tags, go with a deleted
    /// article, and `check` reports one that differs from the tags.
    @Test func tagListsFollowTheTags() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.save([StoreFixture.author(), StoreFixture.article("a", tags: ["spine", "nerves"])])
        #expect(try await store.article(slug: "a")?.tags == ["spine", "nerves"])
        try await store.save([StoreFixture.article("a", tags: ["nerves", "pain", "spine"])])
        #expect(try await store.article(slug: "a")?.tags == ["nerves", "pain", "spine"])
        try await store.save([StoreFixture.article("a", tags: [])])
        #expect(try await store.article(slug: "a")?.tags == [])
        try await store.save([StoreFixture.article("a", tags: ["pain"]), StoreFixture.article("b", tags: ["pain"])])
        #expect(try await store.articles(ArticleFilter(tag: "pain")).map(\.tags) == [["pain"], ["pain"]])
        #expect(try await store.check().isEmpty)
        try await store.delete(.article, slug: "b")
        let lists = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM article_tag_lists") }
        #expect(lists == 1)
        try await store.pool.write { db in try db.execute(sql: "UPDATE article_tag_lists SET tags = 'spine'") }
        #expect(try await store.check() == ["tags: the tag list of 1 article(s) differs from their tags"])
    }

    /// A stored tag list splits at its commas, with no empty tags, as `split(separator:)` would.
    @Test func tagListsSplitAtCommas() {
        #expect(Columns.tagList("") == [])
        #expect(Columns.tagList("spine") == ["spine"])
        #expect(Columns.tagList("nerves,pain,spine") == ["nerves", "pain", "spine"])
        #expect(Columns.tagList(",a,,b,") == ["a", "b"])
        #expect(Columns.tagList(",") == [])
    }

    /// A large batch writes through a rollback journal when the database is its own, and through
    /// the WAL beside anyone else; either way the database ends in WAL mode, with nothing left over,
    /// and a failing batch changes nothing.
    @Test func largeBatchesTakeARollbackJournalOnlyWhenAlone() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let path = store.path
        /// Whether the batch's transaction had a rollback journal, seen from inside it (the
        /// progress callback runs on the writer before commit).
        final class Seen: @unchecked Sendable { var journal: Bool? }
        func save(_ entries: [ContentEntry]) async throws -> Bool? {
            let seen = Seen()
            try await store.save(entries, largeBatch: 1) { _ in
                seen.journal = FileManager.default.fileExists(atPath: path + "-journal")
            }
            return seen.journal
        }
        func journalMode() async throws -> String? {
            try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        }
        try await store.save([StoreFixture.author()])
        // A read leaves this process's reader connection open: it must not count as someone else.
        #expect(try await store.article(slug: "a") == nil)
        #expect(try await save([StoreFixture.article("a"), StoreFixture.article("b", related: ["a"])]) == true)
        #expect(try await journalMode() == "wal")
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        #expect(try await store.related(forArticles: [try #require(await store.article(slug: "b")).id],
                                        RelatedRequest(visibleAt: nil, limit: 5, people: false)).articles.values.map(\.slug) == ["a"])
        // A failing batch on its own: rolled back through the journal.
        let before = try await store.lastChange()
        await #expect(throws: EntryError.self) {
            try await save([StoreFixture.article("c"), StoreFixture.article("d", related: ["missing"])])
        }
        #expect(try await store.article(slug: "c") == nil)
        #expect(try await store.lastChange() == before)
        #expect(try await journalMode() == "wal")
        // Another connection open on the file (a server, say): the batch stays in WAL mode.
        let other = try ContentStore(path: path)
        #expect(try await other.article(slug: "a") != nil)
        #expect(try await save([StoreFixture.article("e")]) == false)
        #expect(try await other.article(slug: "e") != nil)
        #expect(try await journalMode() == "wal")
        #expect(try await store.check().isEmpty)
    }

    /// Opening a database that another connection holds through a rollback journal (what a large
    /// import does) waits for it, and gives up with a sentence naming the file.
    @Test func openingWaitsForADatabaseHeldByALargeBatch() async throws {
        let fixture = try StoreFixture()
        defer { withExtendedLifetime(fixture) {} }
        let path = fixture.folder.appending(path: "held.sqlite").path
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // the transaction spans two accesses
        let holder = try DatabaseQueue(path: path, configuration: configuration)
        @Sendable func hold(_ sql: String) throws { try holder.inDatabase { db in try db.execute(sql: sql) } }
        try hold("CREATE TABLE t (x)")
        // What an import holds while it writes: a write transaction with a rollback journal.
        try hold("BEGIN IMMEDIATE")
        try hold("INSERT INTO t VALUES (1)")
        #expect {
            _ = try ContentStore(path: path, patience: .milliseconds(200))
        } throws: { error in
            (error as? DatabaseBusyError)?.description.contains("The database \(path) is busy") == true
        }
        // Released while the next open waits: that open succeeds, in WAL mode.
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            try? hold("COMMIT")
        }
        let store = try ContentStore(path: path, patience: .seconds(10))
        #expect(try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    /// The WAL-index header stays as it is while nothing is committed (reads included) and changes
    /// with each commit, whichever connection makes it; a database in rollback-journal mode has
    /// none to watch.
    @Test func walIndexStampChangesWithEachCommitOnly() async throws {
        let (fixture, connection) = try await Self.watchedStore()
        let store = fixture.store
        let stamp = try #require(try WALIndexStamp(connection))
        let before = try #require(stamp.current())
        _ = try await store.article(slug: "a")
        _ = try await store.lastChange()
        #expect(stamp.current() == before)
        let other = try ContentStore(path: store.path)
        for round in 0..<10 {
            let previous = try #require(stamp.current())
            try await (round.isMultiple(of: 2) ? store : other).save([StoreFixture.article("a", title: "Title \(round)")])
            #expect(stamp.current() != previous, "commit \(round)")
        }
        let plain = fixture.folder.appending(path: "plain.sqlite").path
        try await DatabaseQueue(path: plain).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        let unwatched = try ReadConnection(path: plain)
        #expect(try unwatched.reader.integer("SELECT count(*) FROM t") == 0)
        #expect(try WALIndexStamp(unwatched) == nil)
    }

    /// Watching the WAL-index header must leave SQLite's locks on the `-shm` file alone. POSIX
    /// record locks belong to a process and a file, and closing any descriptor of the file drops
    /// all of them: the stamp once mapped the file through a descriptor of its own and closed it,
    /// which dropped the shared "DMS" lock every connection of the process stood on (the byte at
    /// offset 128, SQLite's unix VFS). The next process to open the database then found no one
    /// using it and truncated and rebuilt the `-shm` under the server, which died of SIGBUS reading
    /// its own mapping (a release server under load, after five `folio-admin query` runs beside
    /// it). `/proc/locks` lists each process's locks by file: the byte must stay locked throughout.
    @Test func walIndexStampKeepsTheProcessLocksOnTheSharedMemoryFile() async throws {
        let (fixture, connection) = try await Self.watchedStore()
        let store = fixture.store
        let shm = store.path + "-shm"
        #expect(try Self.holdsLock(on: shm, at: 128), "SQLite holds its lock before the stamp is made")
        let stamp = try #require(try WALIndexStamp(connection))
        #expect(try Self.holdsLock(on: shm, at: 128), "and still holds it once the stamp has mapped the header")
        #expect(stamp.current() != nil)
        _ = try await store.version(at: Date())
        #expect(try Self.holdsLock(on: shm, at: 128), "and once the store's own watcher has")
    }

    /// A store with one article, and a read connection of its own that has read it (so that it
    /// has found the WAL): what a WAL-index stamp is made from.
    static func watchedStore() async throws -> (StoreFixture, ReadConnection) {
        let fixture = try StoreFixture()
        try await fixture.store.save([StoreFixture.author(), StoreFixture.article("a")])
        let connection = try ReadConnection(path: fixture.store.path)
        #expect(try connection.reader.integer("SELECT count(*) FROM articles") == 1)
        return (fixture, connection)
    }

    /// Whether this process holds a POSIX lock on `file` covering byte `offset`, as `/proc/locks`
    /// lists them ("1: POSIX  ADVISORY  READ 4242 08:01:1234 128 128"). Read to its end with
    /// `read(2)`: Foundation's `String(contentsOfFile:)` returns only its first 4 KB, which a test
    /// process with a few dozen databases open passes.
    static func holdsLock(on file: String, at offset: Int) throws -> Bool {
        var status = stat()
        guard stat(file, &status) == 0 else { return false }
        let descriptor = open("/proc/locks", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadUnknown) }
        defer { close(descriptor) }
        var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        let inode = "\(status.st_ino)"
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").contains { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 8, fields[1] == "POSIX", Int32(fields[4]) == getpid(),
                  fields[5].split(separator: ":").last.map(String.init) == inode,
                  let start = Int(fields[6]) else { return false }
            let end = fields[7] == "EOF" ? Int.max : Int(fields[7]) ?? -1
            return start <= offset && offset <= end
        }
    }

    /// `lastChange` (asked before every cached response) sees each commit at once, whichever
    /// connection made it, and still works after a large batch closed its connection.
    @Test func lastChangeSeesEveryCommitFromAnyConnection() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let other = try ContentStore(path: store.path)
        #expect(try await store.lastChange() == 0)
        try await other.save([StoreFixture.author()])
        let first = try await store.lastChange()
        #expect(first > 0)
        for round in 0..<20 {
            let writer = round.isMultiple(of: 2) ? store : other
            try await writer.save([StoreFixture.article("a", title: "Title \(round)")])
            #expect(try await store.lastChange() == first + Int64(round) + 1)
            #expect(try await other.lastChange() == first + Int64(round) + 1)
        }
        let before = try await store.lastChange()
        try await store.save([StoreFixture.article("b")], largeBatch: 1)
        #expect(try await store.lastChange() == before + 1)
    }

    /// The content version stays the same between writes and publication instants, and moves on
    /// with a write and when a scheduled article's time comes (with no write).
    @Test func contentVersionMovesWithWritesAndPublicationInstants() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let t0 = StoreFixture.t0, later = StoreFixture.t0.addingTimeInterval(3600)
        try await store.save([StoreFixture.author(), StoreFixture.article("a"), StoreFixture.article("b", publishedAt: later)])
        let before = try await store.version(at: t0.addingTimeInterval(10))
        #expect(try await store.version(at: t0) == before)
        #expect(try await store.version(at: later.addingTimeInterval(-1)) == before)
        let due = try await store.version(at: later)
        #expect(due != before && due.change == before.change)
        #expect(try await store.version(at: later.addingTimeInterval(86_400)) == due)
        // Asking about an earlier moment again gives its version again.
        #expect(try await store.version(at: t0.addingTimeInterval(20)) == before)
        try await ContentStore(path: store.path).save([StoreFixture.article("a", title: "Renamed")])
        let written = try await store.version(at: t0.addingTimeInterval(10))
        #expect(written.change > before.change && written.publishedThrough == before.publishedThrough)
    }

    /// The hand-written JSON columns read back as written, and are JSON any reader accepts.
    @Test func jsonColumnsRoundTrip() throws {
        let texts = ["", "plain", "a \"quote\" and a \\ backslash", "tab\tnew\nline\rreturn", "\u{1}\u{1F}\u{7F}",
                     "Ünïcödé — “quotes” 🙂", "a/slash"]
        #expect(Columns.list(Columns.json(texts)) == texts)
        #expect(Columns.list(Columns.json([])) == [])
        let headings = texts.enumerated().map { Heading(level: $0.offset % 6 + 1, text: $0.element, anchor: "a-\($0.offset)") }
        #expect(Columns.headings(Columns.headingsJSON(headings)) == headings)
        for json in [Columns.json(texts), Columns.headingsJSON(headings)] {
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(json)")
        }
        // Written by another JSON writer: other escapes, spacing and key order read the same, by
        // the hand reader (all escapes) or by the JSONDecoder it falls back to.
        let foreign = #"[ {"anchor":"x\/y","text":"\u00e9\ud83d\ude42\b\f","level":2} ]"#
        #expect(StoredJSON.read(#" [ "x\/y" , "\u00e9\ud83d\ude42\b\f" ] "#) { json in try json.array { try $0.string() } }
            == ["x/y", "é🙂\u{8}\u{C}"])
        #expect(StoredJSON.read(#"["a"] x"#) { json in try json.array { try $0.string() } } == nil, "text after the value")
        #expect(Columns.headings(foreign) == [Heading(level: 2, text: "é🙂\u{8}\u{C}", anchor: "x/y")])
        #expect(Columns.list(try String(decoding: JSONEncoder().encode(texts), as: UTF8.self)) == texts)
        #expect(Columns.list(#"["a", 1]"#) == [], "not a list of strings: nothing, as before")
        #expect(Columns.headings(#"[{"level":1,"text":"t","anchor":"a","extra":true}]"#)
            == [Heading(level: 1, text: "t", anchor: "a")], "an unknown key: the JSONDecoder reads it")
    }
}
