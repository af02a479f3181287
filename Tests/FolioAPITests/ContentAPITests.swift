import ConformanceSupport
@testable import FolioAPI
import FolioContent
import FolioStore
import Foundation
import GraphQLEngine
import Synchronization
import Testing

/// A temporary database holding the repository's seeds (plus extra generated articles when
/// asked), with a counter of SQL statements.
final class SeededAPI: Sendable {
    let folder: URL
    let store: ContentStore
    let service: GraphQLService<APIContext>
    static let now = Timestamp.parse("2026-11-25T12:00:00Z")!

    /// `extraTitles`: one more published article for each of these titles.
    init(extraArticles: Int = 0, extraTitles: [String] = []) async throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "folio-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let counter = Mutex(0), reads = Mutex(0)
        store = try ContentStore(path: folder.appending(path: "f.sqlite").path,
                                 onStatement: { _ in counter.withLock { $0 += 1 } },
                                 onRead: { reads.withLock { $0 += 1 } })
        try store.migrate()
        var entries: [ContentEntry] = []
        for kind in ContentKind.allCases {
            let directory = Conformance.repository.appending(path: "seeds/\(kind.folder)")
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                let text = try String(contentsOf: directory.appending(path: name), encoding: .utf8)
                entries.append(try ContentFile.parse(text, path: name, kind: kind))
            }
        }
        for index in 0..<extraArticles {
            entries.append(.article(ArticleEntry(
                slug: "extra-\(index)", title: "Extra \(index)", summary: "Extra article \(index).", bodyMarkdown: "Text \(index).",
                status: .published, publishedAt: Timestamp.parse("2025-01-01")!.addingTimeInterval(Double(index) * 60),
                authorSlug: ["neuro-team", "dr-maya-ortiz", "dr-samuel-reed"][index % 3], tags: ["spine"],
                procedureSlugs: index % 2 == 0 ? ["mild"] : ["physical-therapy"],
                relatedSlugs: ["am-i-getting-tremors", "what-is-lumbar-spinal-stenosis"])))
        }
        for (index, title) in extraTitles.enumerated() {
            entries.append(.article(ArticleEntry(
                slug: "titled-\(index)", title: title, summary: nil, bodyMarkdown: "Text.", status: .published,
                publishedAt: Timestamp.parse("2025-06-01")!, authorSlug: "neuro-team", tags: [], procedureSlugs: [], relatedSlugs: [])))
        }
        try await store.save(entries, now: Self.now)
        service = try ContentAPI.service()
        self.counterReset = { counter.withLock { $0 = 0 }; reads.withLock { $0 = 0 } }
        self.counterRead = { counter.withLock { $0 } }
        self.readsRead = { reads.withLock { $0 } }
    }

    let counterReset: @Sendable () -> Void
    let counterRead: @Sendable () -> Int
    let readsRead: @Sendable () -> Int

    deinit { try? FileManager.default.removeItem(at: folder) }

    func run(_ query: String, variables: [(String, ConstValue)] = [], preview: Bool = false) async -> GraphQLResponse {
        await service.execute(GraphQLRequest(query: query, variables: variables),
                              context: APIContext(store: store, now: Self.now, canPreview: preview))
    }

    func json(_ query: String, variables: [(String, ConstValue)] = [], preview: Bool = false) async -> String {
        String(decoding: await run(query, variables: variables, preview: preview).json(), as: UTF8.self)
    }

    /// Statements run by one request, counted on its second run (the first also reads the schema).
    func statementCount(_ query: String, variables: [(String, ConstValue)] = []) async -> (Int, GraphQLResponse) {
        _ = await run(query, variables: variables)
        counterReset()
        let response = await run(query, variables: variables)
        return (counterRead(), response)
    }

    /// Reads made by one request (on its second run, as above).
    func readCount(_ query: String, variables: [(String, ConstValue)] = []) async -> (Int, GraphQLResponse) {
        let (_, response) = await statementCount(query, variables: variables)
        return (readsRead(), response)
    }
}

extension GraphQLResponse {
    /// The slugs of `data.articles.nodes`, in order; none when the response has no such list.
    var articleSlugs: [String] {
        guard case .list(let nodes)? = data?["articles"]?["nodes"] else { return [] }
        return nodes.compactMap { if case .string(let slug)? = $0["slug"] { slug } else { nil } }
    }
}

let articlePageQuery = """
    query Page($slug: String!) {
      article(slug: $slug) {
        id title summary bodyHtml readingTimeMinutes publishedAt
        headings { level text anchor }
        author { name role }
        reviewer { name }
        procedures { slug name durationMinutes }
        related { slug title summary author { name } }
      }
    }
    """

struct ContentAPITests {
    @Test func theArticlePage() async throws {
        let api = try await SeededAPI()
        let response = await api.run(articlePageQuery, variables: [("slug", .string("mild-procedure-for-lumbar-spinal-stenosis"))])
        #expect(response.errors.isEmpty, "\(response.errors)")
        let article = try #require(response.data?["article"])
        #expect(article["title"] == .string("MILD Procedure for Lumbar Spinal Stenosis"))
        #expect(article["author"]?["name"] == .string("Neuro Team"))
        #expect(article["publishedAt"] == .string("2026-03-10T09:00:00Z"))
        guard case .list(let related)? = article["related"] else { Issue.record("no related list"); return }
        #expect(related.map { $0["slug"] } == [.string("am-i-getting-tremors"), .string("7-signs-you-have-peripheral-neuropathy"),
                                                .string("is-your-lifestyle-causing-back-pain"),
                                                .string("3-types-of-headaches-and-how-theyre-treated")])
        guard case .list(let procedures)? = article["procedures"] else { Issue.record("no procedures"); return }
        #expect(procedures.first?["slug"] == .string("mild"))
    }

    @Test func draftsAndScheduledArticlesNeedAPreview() async throws {
        let api = try await SeededAPI()
        for slug in ["migraine-triggers-to-track", "recovering-after-mild", "telehealth-visits-for-neurology"] {
            let query = "{ article(slug: \"\(slug)\") { slug } }"
            #expect(await api.json(query) == #"{"data":{"article":null}}"#, "\(slug)")
            #expect(await api.json(query, preview: true) == #"{"data":{"article":{"slug":"\#(slug)"}}}"#)
        }
        let count = await api.json("{ articles { totalCount } }")
        #expect(count == #"{"data":{"articles":{"totalCount":10}}}"#)
        #expect(await api.json("{ articles { totalCount } }", preview: true) == #"{"data":{"articles":{"totalCount":14}}}"#)
        let filtered = await api.json("{ articles(filter: {status: DRAFT}) { totalCount } }")
        #expect(filtered.contains("Filtering by status needs a preview token."))
        #expect(await api.json("{ articles(filter: {status: DRAFT}) { totalCount } }", preview: true)
            == #"{"data":{"articles":{"totalCount":2}}}"#)
    }

    /// Filters combine; the publication window's bounds are exclusive and may be written with an
    /// offset; a DateTime that is not RFC 3339 is refused, in a literal or a variable, saying what to
    /// write (the seeds' dates are the expectations).
    @Test func filtersAndTheDateTimeScalar() async throws {
        let api = try await SeededAPI()
        // The scalar names its specification, as the spec asks of custom scalars.
        #expect(await api.json(#"{ __type(name: "DateTime") { specifiedByURL } }"#)
                == #"{"data":{"__type":{"specifiedByURL":"https://www.rfc-editor.org/rfc/rfc3339"}}}"#)
        func slugs(_ filter: String, variables: [(String, ConstValue)] = [], declared: String = "") async -> [String] {
            let response = await api.run("query \(declared) { articles(orderBy: PUBLISHED_AT_ASC, filter: \(filter)) { nodes { slug } } }",
                                         variables: variables)
            #expect(response.errors.isEmpty, "\(response.errors)")
            return response.articleSlugs
        }
        let window = ["physical-therapy-for-spinal-stenosis", "when-is-spine-surgery-the-right-choice"]
        #expect(await slugs(#"{publishedAfter: "2026-03-10T09:00:00Z", publishedBefore: "2026-04-21T09:00:00Z"}"#) == window)
        #expect(await slugs(#"{publishedAfter: "2026-03-10T10:00:00+01:00", publishedBefore: "2026-04-21T09:00:00Z"}"#) == window)
        #expect(await slugs(#"{tag: "spine", authorSlug: "dr-maya-ortiz"}"#)
            == ["what-is-lumbar-spinal-stenosis", "epidural-steroid-injections-what-to-expect", "when-is-spine-surgery-the-right-choice"])
        // After April 1: the article scheduled for 2027 stays hidden from the public.
        #expect(await slugs("{publishedAfter: $after}", variables: [("after", .string("2026-04-01T00:00:00Z"))],
                            declared: "($after: DateTime)")
            == ["when-is-spine-surgery-the-right-choice", "preparing-for-your-mild-procedure"])
        let literal = await api.run(#"{ articles(filter: {publishedAfter: "2026-13-01"}) { totalCount } }"#)
        #expect(literal.errors.map(\.message)
            == [#"Expected value of type "DateTime", found "2026-13-01"; DateTime cannot represent "2026-13-01"; write RFC 3339, e.g. 2026-11-24T09:30:00Z"#])
        let variable = await api.run("query ($after: DateTime) { articles(filter: {publishedAfter: $after}) { totalCount } }",
                                     variables: [("after", .string("yesterday"))])
        #expect(variable.errors.map(\.message)
            == [#"Variable "$after" got invalid value "yesterday"; DateTime cannot represent "yesterday"; write RFC 3339, e.g. 2026-11-24T09:30:00Z"#])
    }

    @Test func cursorPagingWalksEveryArticleOnce() async throws {
        let api = try await SeededAPI()
        for order in ["PUBLISHED_AT_DESC", "PUBLISHED_AT_ASC", "TITLE_ASC", "UPDATED_AT_DESC"] {
            var seen: [String] = []
            var after: ConstValue = .null
            var pages = 0
            while pages < 10 {
                let response = await api.run("query ($after: String) { articles(first: 3, after: $after, orderBy: \(order)) { nodes { slug } pageInfo { hasNextPage endCursor } } }",
                                             variables: [("after", after)])
                #expect(response.errors.isEmpty, "\(response.errors)")
                guard case .list(let nodes)? = response.data?["articles"]?["nodes"] else { break }
                seen += nodes.compactMap { if case .string(let slug)? = $0["slug"] { slug } else { nil } }
                pages += 1
                guard response.data?["articles"]?["pageInfo"]?["hasNextPage"] == .bool(true),
                      let cursor = response.data?["articles"]?["pageInfo"]?["endCursor"] else { break }
                after = cursor
            }
            #expect(seen.count == 10, "\(order)")
            #expect(Set(seen).count == 10, "\(order)")
            #expect(pages == 4, "\(order)")
        }
    }

    /// A title-order cursor holds the title itself: one with `|` (the cursor's own separator) in
    /// it, or a combining mark right after one, pages on like any other, both ways.
    @Test func titleCursorsHoldAnyTitle() async throws {
        let titles = ["Pipes | and more", "|leading bar", "Trailing bar|", "a||b", "\u{301}Accent first", "Bar |\u{301} accent"]
        let api = try await SeededAPI(extraTitles: titles)
        let all = await api.run("{ articles(first: 100, orderBy: TITLE_ASC) { nodes { slug } } }").articleSlugs
        #expect(all.count == 10 + titles.count)
        for (direction, pageInfo) in [("first: 1, after", "endCursor"), ("last: 1, before", "startCursor")] {
            var seen: [String] = []
            var cursor: ConstValue = .null
            while seen.count <= all.count {
                let response = await api.run("""
                    query ($cursor: String) { articles(\(direction): $cursor, orderBy: TITLE_ASC) {
                      nodes { slug } pageInfo { \(pageInfo) } } }
                    """, variables: [("cursor", cursor)])
                #expect(response.errors.isEmpty, "\(direction) \(cursor): \(response.errors)")
                let page = response.articleSlugs
                guard !page.isEmpty, let next = response.data?["articles"]?["pageInfo"]?[pageInfo] else { break }
                seen += page
                cursor = next
            }
            #expect(seen == (direction.hasPrefix("first") ? all : all.reversed()), "\(direction)")
        }
    }

    @Test func backwardPagingWalksTheSameListInReverse() async throws {
        let api = try await SeededAPI()
        let slugs = { (response: GraphQLResponse) in response.articleSlugs }
        for order in ["PUBLISHED_AT_DESC", "TITLE_ASC"] {
            let forward = slugs(await api.run("{ articles(first: 100, orderBy: \(order)) { nodes { slug } } }"))
            #expect(forward.count == 10)
            var seen: [String] = []
            var before: ConstValue = .null
            var pages: [(previous: ConstValue?, next: ConstValue?)] = []
            while pages.count < 10 {
                let response = await api.run("""
                    query ($before: String) { articles(last: 3, before: $before, orderBy: \(order)) {
                      nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor } } }
                    """, variables: [("before", before)])
                #expect(response.errors.isEmpty, "\(response.errors)")
                seen = slugs(response) + seen
                let info = response.data?["articles"]?["pageInfo"]
                pages.append((info?["hasPreviousPage"], info?["hasNextPage"]))
                guard info?["hasPreviousPage"] == .bool(true), let cursor = info?["startCursor"] else { break }
                before = cursor
            }
            #expect(seen == forward, "\(order)")
            #expect(pages.count == 4, "\(order)")
            // The last page has nothing after it; every earlier-read page has the later pages after it.
            #expect(pages.first?.next == .bool(false) && pages.dropFirst().allSatisfy { $0.next == .bool(true) }, "\(order)")
        }
        // first and last together: first 5, then the last 2 of those.
        let all = slugs(await api.run("{ articles(first: 100) { nodes { slug } } }"))
        let both = await api.run("{ articles(first: 5, last: 2) { nodes { slug } pageInfo { hasPreviousPage hasNextPage } } }")
        #expect(slugs(both) == Array(all[3..<5]))
        #expect(both.data?["articles"]?["pageInfo"]?["hasPreviousPage"] == .bool(true))
        #expect(both.data?["articles"]?["pageInfo"]?["hasNextPage"] == .bool(true))
        // A window between two cursors.
        let cursors = await api.run("{ articles(first: 100) { edges { cursor } } }")
        guard case .list(let edges)? = cursors.data?["articles"]?["edges"], case .string(let second)? = edges[1]["cursor"],
              case .string(let sixth)? = edges[5]["cursor"] else { Issue.record("no cursors"); return }
        let window = await api.run("{ articles(after: \"\(second)\", before: \"\(sixth)\") { nodes { slug } pageInfo { hasPreviousPage hasNextPage } } }")
        #expect(slugs(window) == Array(all[2..<5]))
        #expect(window.data?["articles"]?["pageInfo"]?["hasPreviousPage"] == .bool(true))
        #expect(window.data?["articles"]?["pageInfo"]?["hasNextPage"] == .bool(true))
        #expect(await api.json("{ articles(last: 101) { totalCount } }").contains("last must be at most 100; got 101."))
    }

    @Test func limitsAndForgedCursorsAreClearErrors() async throws {
        let api = try await SeededAPI()
        let tooMany = await api.run("{ articles(first: 101) { totalCount } }")
        #expect(tooMany.errors.map(\.message) == ["first must be at most 100; got 101."])
        #expect(tooMany.errors.map(\.code) == ["BAD_USER_INPUT"])
        // related(first:) is checked as a connection's first is, never silently clamped.
        for (first, message) in [(101, "first must be at most 100; got 101."), (-1, "first must not be negative.")] {
            let related = await api.run("{ article(slug: \"am-i-getting-tremors\") { related(first: \(first)) { slug } } }")
            #expect(related.errors.map(\.message) == [message])
            #expect(related.errors.map(\.path) == [[.key("article"), .key("related")]])
            #expect(related.errors.map(\.code) == ["BAD_USER_INPUT"])
        }
        let forged = await api.run(#"{ articles(after: "bm9wZQ==") { totalCount } }"#)
        #expect(forged.errors.first?.message.contains("Invalid cursor") == true)
        #expect(forged.errors.map(\.code) == ["BAD_USER_INPUT"])
        // An offset past any list's length is forged: refused, where `offset + 1` trapped and took
        // the server down.
        for list in ["search", "authors", "procedures"] {
            let huge = Opaque.encode(["v1", list, String(Int.max)])
            let field = list == "search" ? #"search(query: "pain", after: "\#(huge)")"# : #"\#(list)(after: "\#(huge)")"#
            let response = await api.run("{ \(field) { totalCount } }")
            #expect(response.errors.map(\.code) == ["BAD_USER_INPUT"], "\(list)")
            #expect(response.errors.first?.message.contains("Invalid cursor") == true)
        }
        let otherList = Opaque.encode(["v1", "titleAsc", "A", "1"])
        #expect(await api.json("{ articles(after: \"\(otherList)\") { totalCount } }").contains("Invalid cursor"))
    }

    /// Each `related` field gets the list its own `first` asks for, though the same article's
    /// related list was read ahead under another `first` in the same request.
    @Test func relatedListsFollowTheirOwnFirst() async throws {
        let api = try await SeededAPI(extraArticles: 1)
        func slugs(_ response: GraphQLResponse, _ alias: String) -> [ConstValue] {
            guard case .list(let items)? = response.data?[alias]?["related"] else { return [] }
            return items.compactMap { $0["slug"] }
        }
        let slug = "extra-0"
        let all = await api.run("{ a: article(slug: \"\(slug)\") { related(first: 10) { slug } } }")
        #expect(slugs(all, "a").count >= 2, "the fixture's article needs two related articles")
        // With the numbers in the document, and from variables (which complete level by level).
        let literal = await api.run("""
            { a: article(slug: "\(slug)") { related(first: 1) { slug } } b: article(slug: "\(slug)") { related(first: 10) { slug } } }
            """)
        let variables = await api.run("""
            query ($one: Int, $ten: Int) {
              a: article(slug: "\(slug)") { related(first: $one) { slug } } b: article(slug: "\(slug)") { related(first: $ten) { slug } }
            }
            """, variables: [("one", .int(1)), ("ten", .int(10))])
        for both in [literal, variables] {
            #expect(both.errors.isEmpty)
            #expect(slugs(both, "a") == Array(slugs(all, "a").prefix(1)))
            #expect(slugs(both, "b") == slugs(all, "a"))
        }
    }

    @Test func searchRanksAndMarks() async throws {
        let api = try await SeededAPI()
        let response = await api.run(#"{ search(query: "stenosis ligament") { totalCount nodes { score snippet article { slug } } } }"#)
        #expect(response.errors.isEmpty, "\(response.errors)")
        guard case .list(let hits)? = response.data?["search"]?["nodes"] else { Issue.record("no hits"); return }
        #expect(!hits.isEmpty)
        #expect(hits.first?["article"]?["slug"] == .string("mild-procedure-for-lumbar-spinal-stenosis"))
        if case .string(let snippet)? = hits.first?["snippet"] { #expect(snippet.contains("<mark>")) }
        // The diary article is a draft: only a preview finds it.
        #expect(await api.json(#"{ search(query: "migraine diary") { totalCount } }"#) == #"{"data":{"search":{"totalCount":0}}}"#)
        #expect(await api.json(#"{ search(query: "migraine diary") { totalCount } }"#, preview: true)
            == #"{"data":{"search":{"totalCount":1}}}"#)
        // At most 16 words, each a prefix only from three characters on ("sten" finds stenosis).
        let seventeen = Array(repeating: "a", count: 17).joined(separator: " ")
        let tooLong = await api.run(#"{ search(query: "\#(seventeen)") { totalCount } }"#)
        #expect(tooLong.errors.map(\.message) == ["A search may have at most 16 words; this one has 17."])
        #expect(tooLong.errors.map(\.code) == ["BAD_USER_INPUT"])
        let sixteen = Array(repeating: "stenosis", count: 16).joined(separator: " ")
        #expect(await api.run(#"{ search(query: "\#(sixteen)") { totalCount } }"#).errors.isEmpty)
        #expect(await api.json(#"{ search(query: "sten") { nodes { article { slug } } } }"#)
            == (await api.json(#"{ search(query: "stenosis") { nodes { article { slug } } } }"#)))
        // The number of hits is counted only when asked for (the store test checks that a page
        // runs no count); pageInfo knows without it.
        let ask = { (fields: String) in #"{ search(query: "stenosis", first: 1) { "# + fields + " } }" }
        let (page, paged) = await api.statementCount(ask("pageInfo { hasNextPage } nodes { article { slug } }"))
        let (counted, both) = await api.statementCount(ask("totalCount pageInfo { hasNextPage } nodes { article { slug } }"))
        #expect(counted > page, "without totalCount: \(page) statements, with it: \(counted)")
        #expect(paged.data?["search"]?["pageInfo"] == .object([("hasNextPage", .bool(true))]))
        guard case .int(let total)? = both.data?["search"]?["totalCount"] else { Issue.record("no total"); return }
        #expect(total > 1)
        let last = await api.run(#"{ search(query: "stenosis", first: \#(total)) { pageInfo { hasNextPage } } }"#)
        #expect(last.data?["search"]?["pageInfo"] == .object([("hasNextPage", .bool(false))]))
    }

    @Test func nodeRefetchesByGlobalID() async throws {
        let api = try await SeededAPI()
        let response = await api.run(#"{ author(slug: "neuro-team") { id } }"#)
        let id = try #require(response.data?["author"]?["id"])
        let node = await api.run("query ($id: ID!) { node(id: $id) { __typename ... on Author { slug } } }", variables: [("id", id)])
        #expect(node.data?["node"] == .object([("__typename", .string("Author")), ("slug", .string("neuro-team"))]))
        // An author's ID where an article's is asked for is refused, not looked up as an article.
        let wrongType = await api.run("query ($id: ID!) { article(id: $id) { slug } }", variables: [("id", id)])
        guard case .string(let text) = id else { Issue.record("the ID is not a string"); return }
        #expect(wrongType.errors.map(\.message) == ["\"\(text)\" is not an ID of type Article."])
        #expect(wrongType.errors.map(\.code) == ["BAD_USER_INPUT"])
        // An ID of no known shape finds nothing.
        #expect(await api.json(#"{ node(id: "abc") { id } }"#) == #"{"data":{"node":null}}"#)
    }

    /// No N+1: the statements a request runs do not grow with the number of articles listed.
    @Test func statementCountDoesNotGrowWithListLength() async throws {
        let api = try await SeededAPI(extraArticles: 60)
        let list = { (count: Int) in "{ articles(first: \(count)) { nodes { title author { name } procedures { name } related { slug author { name } } } } }" }
        let (five, small) = await api.statementCount(list(5))
        let (fifty, large) = await api.statementCount(list(50))
        #expect(small.errors.isEmpty && large.errors.isEmpty, "\(small.errors) \(large.errors)")
        #expect(fifty <= five, "5 articles: \(five) statements, 50 articles: \(fifty)")
        // The page as front ends send it, its slug a variable (the page once ran with the slug
        // spliced into the operation's variable definitions: a syntax error, no statements, and
        // this bound held without a read).
        let (page, pageResponse) = await api.statementCount(articlePageQuery,
                                                            variables: [("slug", .string("mild-procedure-for-lumbar-spinal-stenosis"))])
        #expect(pageResponse.errors.isEmpty, "\(pageResponse.errors)")
        #expect(pageResponse.data?["article"]?["related"] != nil, "\(String(describing: pageResponse.data))")
        #expect((1...6).contains(page), "article page: \(page) statements")
        // Each author's and each procedure's articles below every item of a list: one page
        // statement and one count statement for each level, however many items and lists.
        let nested = { (count: Int) in
            """
            { articles(first: \(count)) { nodes { author { slug articles(first: 2) { totalCount nodes { slug } } }
              procedures { slug articles(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { slug } } } } } }
            """
        }
        func lists(_ response: GraphQLResponse) -> Int {
            guard case .list(let nodes)? = response.data?["articles"]?["nodes"] else { return 0 }
            var lists = Set<String>()
            for node in nodes {
                if case .string(let slug)? = node["author"]?["slug"] { lists.insert("author " + slug) }
                if case .list(let procedures)? = node["procedures"] {
                    for case .string(let slug)? in procedures.map({ $0["slug"] }) { lists.insert("procedure " + slug) }
                }
            }
            return lists.count
        }
        let (few, fewLists) = await api.statementCount(nested(1))
        let (many, manyLists) = await api.statementCount(nested(50))
        #expect(fewLists.errors.isEmpty && manyLists.errors.isEmpty, "\(fewLists.errors) \(manyLists.errors)")
        #expect(lists(manyLists) >= lists(fewLists) + 3, "\(lists(fewLists)) and \(lists(manyLists)) lists")
        #expect(many == few, "\(lists(fewLists)) lists: \(few) statements, \(lists(manyLists)) lists: \(many)")
    }

    /// Lists below the items of another list, read together, answer as each list asked for alone:
    /// every author's and procedure's page, count and pageInfo, from the start and after a cursor.
    @Test func nestedListsAnswerAsTheirOwnQueries() async throws {
        let api = try await SeededAPI(extraArticles: 30)
        for parent in ["author", "procedure"] {
            let slugs = await api.run("{ \(parent)s(first: 100) { nodes { slug } } }")
            guard case .list(let nodes)? = slugs.data?["\(parent)s"]?["nodes"] else { Issue.record("no \(parent)s"); return }
            #expect(nodes.count >= 3)
            let firstSlug = try #require(nodes.first?["slug"])
            let cursor = await api.run("{ \(parent)(slug: \(firstSlug.json)) { articles(first: 1) { pageInfo { endCursor } } } }")
            let after = try #require(cursor.data?["\(parent)"]?["articles"]?["pageInfo"]?["endCursor"])
            for arguments in ["first: 2", "first: 2, after: \(after.json)", "first: 0", "after: \(after.json)"] {
                let list = "articles(\(arguments)) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { slug } }"
                let together = await api.run("{ \(parent)s(first: 100) { nodes { slug \(list) } } }")
                #expect(together.errors.isEmpty, "\(together.errors)")
                guard case .list(let items)? = together.data?["\(parent)s"]?["nodes"] else { Issue.record("no list"); return }
                for item in items {
                    let slug = try #require(item["slug"])
                    let alone = await api.run("{ \(parent)(slug: \(slug.json)) { slug \(list) } }")
                    #expect(alone.data?[parent] == item, "\(parent) \(slug) \(arguments)")
                }
            }
        }
    }

    /// An article's author and reviewer are read together: asking for both costs what asking for
    /// the author alone costs.
    @Test func authorAndReviewerShareOneRead() async throws {
        let api = try await SeededAPI()
        let article = #"article(slug: "mild-procedure-for-lumbar-spinal-stenosis")"#
        let (authorOnly, _) = await api.statementCount("{ \(article) { author { slug } } }")
        let (both, response) = await api.statementCount("{ \(article) { author { slug } reviewer { slug } } }")
        #expect(both == authorOnly, "author alone: \(authorOnly) statements, with the reviewer: \(both)")
        #expect(response.errors.isEmpty, "\(response.errors)")
        #expect(response.data?["article"]?["reviewer"]?["slug"] != nil && response.data?["article"]?["reviewer"] != .null)
    }

    /// An article read by slug brings its body, headings, author and reviewer in its own statement
    /// when the query selects them, and its procedures in a second statement of the same read; it
    /// answers exactly as the same article read by id does.
    @Test func articleBySlugReadsItsPageInOneRead() async throws {
        let api = try await SeededAPI()
        let fields = "title bodyHtml headings { level text anchor } author { slug name } reviewer { slug } procedures { slug }"
        let slug = #"article(slug: "mild-procedure-for-lumbar-spinal-stenosis")"#
        let (titleOnly, _) = await api.statementCount("{ \(slug) { title } }")
        let (page, bySlug) = await api.statementCount("{ \(slug) { \(fields) } }")
        // One read either way (each read begins with a statement of its own); the page's adds only
        // the procedures' statement. A read of its own for the procedures would cost two more.
        #expect(page == titleOnly + 1, "title only: \(titleOnly) statements, the page: \(page)")
        let id = try #require(await api.run("{ \(slug) { id } }").data?["article"]?["id"])
        let byID = await api.run("query ($id: ID!) { article(id: $id) { \(fields) } }", variables: [("id", id)])
        #expect(bySlug.errors.isEmpty && byID.errors.isEmpty, "\(bySlug.errors) \(byID.errors)")
        #expect(bySlug.data == byID.data)
        #expect(bySlug.data?["article"]?["reviewer"] != .null && bySlug.data?["article"]?["headings"] != .list([]))
    }

    /// Below `Query.article`, everything an article page shows comes in the article's own read —
    /// related cards (with the `first` of the query's variables) and their authors included — and
    /// answers as the same page reached through `node`, whose fields read for themselves.
    @Test func articlePageIsOneRead() async throws {
        let api = try await SeededAPI()
        let fields = """
            title bodyHtml headings { anchor } author { slug } reviewer { slug } procedures { slug }
            related(first: $n) { slug title author { name } reviewer { name } }
            """
        let slug = "mild-procedure-for-lumbar-spinal-stenosis"
        let (reads, bySlug) = await api.readCount("query ($n: Int) { article(slug: \"\(slug)\") { \(fields) } }",
                                                  variables: [("n", .int(3))])
        #expect(reads == 1, "the article page made \(reads) reads")
        let id = try #require(await api.run("{ article(slug: \"\(slug)\") { id } }").data?["article"]?["id"])
        let (nodeReads, byNode) = await api.readCount("query ($id: ID!, $n: Int) { node(id: $id) { ... on Article { \(fields) } } }",
                                                      variables: [("id", id), ("n", .int(3))])
        #expect(nodeReads >= 3, "through node: \(nodeReads) reads")
        #expect(bySlug.errors.isEmpty && byNode.errors.isEmpty, "\(bySlug.errors) \(byNode.errors)")
        #expect(bySlug.data?["article"] == byNode.data?["node"])
        guard case .list(let cards)? = bySlug.data?["article"]?["related"] else {
            Issue.record("no related list")
            return
        }
        #expect(cards.count == 3)
    }

    /// Related cards come with their authors in the read that finds them, joined to the cards'
    /// own statement: showing the authors adds no statement and no read.
    @Test func relatedCardsReadTheirAuthorsAlong() async throws {
        let api = try await SeededAPI()
        let slug = #"article(slug: "mild-procedure-for-lumbar-spinal-stenosis")"#
        let (cards, _) = await api.statementCount("{ \(slug) { related { slug } } }")
        let (withAuthors, response) = await api.statementCount("{ \(slug) { related { slug author { name } } } }")
        #expect(withAuthors == cards, "cards: \(cards) statements, with their authors: \(withAuthors)")
        let related = try #require(response.data?["article"]?["related"])
        guard case .list(let items) = related else { Issue.record("no related list"); return }
        #expect(items.count == 4 && items.allSatisfy { $0["author"]?["name"] != nil && $0["author"] != .null })
    }

    @Test func schemaFileIsThePrintedSchema() throws {
        let file = try String(contentsOf: Conformance.repository.appending(path: "schema/schema.graphql"), encoding: .utf8)
        #expect(file == (try ContentSchema.build().printed()), "schema/schema.graphql drifted: run `folio-admin schema > schema/schema.graphql`")
    }
}
