import FolioContent
import FolioStore
import GraphQLEngine

/// Relay connection values, as the resolvers of the connection types read them.
struct PageInfoValue {
    var hasNextPage: Bool
    var hasPreviousPage: Bool
    var startCursor: String?
    var endCursor: String?
}

struct EdgeValue {
    var cursor: String
    var node: Any
}

struct ConnectionValue {
    var edges: [EdgeValue]
    var pageInfo: PageInfoValue
    var total: Total

    /// A list's size: known with its page, or counted only when a query asks for `totalCount`
    /// (then for every list at that level at once, see `ContentAPI.addConnections`).
    enum Total {
        case known(Int)
        case articles(ArticleFilter)
        /// The hits of a full-text search for this text.
        case search(String)
    }
}

enum Pagination {
    static let maxFirst = 100
    static let defaultFirst = 10

    /// `first`, checked: at most 100, not negative; 10 when absent.
    static func first(_ arguments: Arguments) throws -> Int {
        try count(arguments, "first") ?? defaultFirst
    }

    /// A page size argument (`first` or `last`), checked: at most 100, not negative.
    static func count(_ arguments: Arguments, _ name: String) throws -> Int? {
        guard let count = arguments.int(name) else { return nil }
        guard count >= 0 else { throw GraphQLError("\(name) must not be negative.", code: "BAD_USER_INPUT") }
        guard count <= maxFirst else {
            throw GraphQLError("\(name) must be at most \(maxFirst); got \(count).", code: "BAD_USER_INPUT")
        }
        return count
    }

    /// No offset-paged list (authors, procedures, search hits) comes near this many items.
    static let maxOffset = 1 << 31

    static func invalidCursor(_ text: String) -> GraphQLError {
        GraphQLError("Invalid cursor \"\(text)\": use a cursor from this list's pageInfo or edges.", code: "BAD_USER_INPUT")
    }

    /// An offset cursor for short lists ordered by name and for ranked search results.
    static func offsetCursor(_ list: String, _ offset: Int) -> String { Opaque.encode(["v1", list, String(offset)]) }

    static func offset(_ arguments: Arguments, list: String) throws -> Int {
        guard let after = arguments.string("after") else { return 0 }
        // Bounded: a forged offset of Int.max made `offset + 1` trap and took the server down.
        guard let parts = Opaque.decode(after, count: 3), parts[0] == "v1", parts[1] == list,
              let offset = Int(parts[2]), (0..<maxOffset).contains(offset) else { throw invalidCursor(after) }
        return offset + 1
    }

    /// A page of an offset-paged list as a connection: `nodes` start at `offset`.
    static func offsetPage(_ nodes: [Any], list: String, offset: Int, hasNext: Bool, total: ConnectionValue.Total) -> ConnectionValue {
        let edges = nodes.enumerated().map { EdgeValue(cursor: offsetCursor(list, offset + $0.offset), node: $0.element) }
        return ConnectionValue(
            edges: edges,
            pageInfo: PageInfoValue(hasNextPage: hasNext, hasPreviousPage: offset > 0,
                                    startCursor: edges.first?.cursor, endCursor: edges.last?.cursor),
            total: total)
    }

    /// Keyset cursor of an article list: the order, the sort value and the id.
    static func articleCursor(_ order: ArticleOrder, _ key: ArticleKey) -> String {
        Opaque.encode(["v1", order.rawValue, key.value, String(key.id)])
    }

    static func articleKey(_ text: String?, order: ArticleOrder) throws -> ArticleKey? {
        guard let text else { return nil }
        guard let parts = Opaque.decode(text, count: 4, textAt: 2), parts[0] == "v1", parts[1] == order.rawValue,
              let id = Int64(parts[3]), order == .titleAsc || Int64(parts[2]) != nil else { throw invalidCursor(text) }
        return ArticleKey(value: parts[2], id: id)
    }

    /// An article list page as a connection, paged forward (`first`/`after`), backward
    /// (`last`/`before`) or both as the Relay algorithm applies them: bounds first, then `first`, then `last`.
    static func articles(_ context: APIContext, _ filter: ArticleFilter, order: ArticleOrder, arguments: Arguments) async throws
        -> ConnectionValue {
        try await articles(context, [filter], order: order, arguments: arguments)[0]
    }

    /// The newest articles of each parent (an author's, a procedure's), as `filter` gives them, for
    /// all the parents at one level of a response together; nil for a parent `filter` has no list for.
    static func articles(_ context: APIContext, below parents: [Any], _ filter: (Any) -> ArticleFilter?, arguments: Arguments)
        async throws -> [ConnectionValue?] {
        let filters = parents.map(filter)
        var pages = try await articles(context, filters.compactMap { $0 }, order: .publishedAtDesc, arguments: arguments)
            .makeIterator()
        return filters.map { $0 == nil ? nil : pages.next() }
    }

    /// The same page of several article lists, read together: one statement for all of them, each
    /// distinct list paged once.
    static func articles(_ context: APIContext, _ filters: [ArticleFilter], order: ArticleOrder, arguments: Arguments)
        async throws -> [ConnectionValue] {
        let first = try count(arguments, "first"), last = try count(arguments, "last")
        let after = try articleKey(arguments.string("after"), order: order)
        let before = try articleKey(arguments.string("before"), order: order)
        // Each distinct list once; `listOf` says which list each filter's connection is.
        var lists: [ArticleFilter] = []
        var position: [ArticleFilter: Int] = [:]
        let listOf = filters.map { filter in
            if let known = position[filter] { return known }
            position[filter] = lists.count
            lists.append(filter)
            return lists.count - 1
        }
        let pages = if let last, first == nil {
            try await context.store.articlePages(lists, order: order, after: after, before: before, limit: last, fromEnd: true)
        } else {
            try await context.store.articlePages(lists, order: order, after: after, before: before, limit: first ?? defaultFirst)
        }
        let connections = zip(lists, pages).map { filter, page in
            var page = page
            if let last, first != nil, page.articles.count > last {
                page.articles = Array(page.articles.suffix(last))
                page.keys = Array(page.keys.suffix(last))
                page.hasPrevious = true
            }
            let edges = zip(page.articles, page.keys).map { EdgeValue(cursor: articleCursor(order, $1), node: $0) }
            return ConnectionValue(
                edges: edges,
                pageInfo: PageInfoValue(hasNextPage: page.hasNext, hasPreviousPage: page.hasPrevious,
                                        startCursor: edges.first?.cursor, endCursor: edges.last?.cursor),
                total: .articles(filter))
        }
        return listOf.map { connections[$0] }
    }
}
