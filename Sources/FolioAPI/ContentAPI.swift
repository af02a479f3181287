import FolioContent
import FolioStore
import Foundation
public import GraphQLEngine

/// The content API: the content schema with its resolvers. Lists of children are loaded with one
/// statement per response level (batch resolvers), never one per parent.
public enum ContentAPI {
    public static func executable() throws -> ExecutableSchema<APIContext> {
        var schema = ExecutableSchema<APIContext>(schema: try ContentSchema.build())
        addQueries(&schema)
        addArticleFields(&schema)
        addAuthorAndProcedureFields(&schema)
        addConnections(&schema)
        // The long texts cost what they weigh: an article's body is about 6 KB in each of its three
        // forms where most fields are tens of bytes. Counted as 1 like the rest, twelve lists of 100
        // articles with all three bodies cost 3,612 and answered 21 MB; 40 such requests left unread
        // held 1.1 GB of the server. At 10, a query within the default limit of 5,000 asks for at
        // most about 500 bodies (some 3 MB), and a page of 100 articles with their HTML costs 1,002.
        for field in ["bodyHtml", "bodyMarkdown", "bodyText"] { schema.cost("Article", field, 10) }
        schema.cost("Procedure", "bodyHtml", 10)
        schema.resolveType("Node") { value in
            switch value {
            case is Article: "Article"
            case is Author: "Author"
            case is Procedure: "Procedure"
            default: nil
            }
        }
        return schema
    }

    /// A service with the given options (depth and cost limits, cache size).
    public static func service(options: ServiceOptions = ServiceOptions()) throws -> GraphQLService<APIContext> {
        GraphQLService(executable: try executable(), options: options)
    }

    static func visible(_ article: Article, _ context: APIContext) -> Bool {
        context.canPreview || article.isVisible(at: context.now)
    }

    /// Whether the fields a query selects on an article show its author or reviewer, which a read
    /// of articles can then bring along.
    static func showsPeople(_ selected: Set<String>) -> Bool {
        !selected.isDisjoint(with: ["author", "reviewer"])
    }

    /// How the `related` field reads, from its arguments and what it selects of each article;
    /// `first` is checked as a connection's is (at most 100, not negative).
    static func relatedRequest(_ arguments: Arguments, _ selected: Set<String>, _ context: APIContext) throws -> RelatedRequest {
        RelatedRequest(visibleAt: context.visibleAt, limit: try relatedLimit(arguments), people: showsPeople(selected),
                       version: context.version)
    }

    /// How many related articles `related(first:)` asks for (4 unless given).
    static func relatedLimit(_ arguments: Arguments) throws -> Int {
        try Pagination.count(arguments, "first") ?? 4
    }

    /// `slug` or `id`: exactly one.
    static func lookupKey(_ arguments: Arguments, type: String) throws -> (slug: String?, id: Int64?) {
        let slug = arguments.string("slug"), id = arguments.string("id")
        guard (slug == nil) != (id == nil) else {
            throw GraphQLError("Give exactly one of slug and id.", code: "BAD_USER_INPUT")
        }
        if let id {
            guard let parsed = Opaque.parseGlobalID(id), parsed.type == type else {
                throw GraphQLError("\"\(id)\" is not an ID of type \(type).", code: "BAD_USER_INPUT")
            }
            return (nil, parsed.id)
        }
        return (slug, nil)
    }

    static func addQueries(_ schema: inout ExecutableSchema<APIContext>) {
        schema.resolve("Query", "article") { _, arguments, context, info in
            let key = try lookupKey(arguments, type: "Article")
            guard let slug = key.slug else {
                return try await context.store.articles(ids: [key.id!]).values.first.flatMap { visible($0, context) ? $0 : nil }
            }
            // An article page: the body, headings, author, reviewer, procedures and related articles
            // the query selects come with the article's own read, and the fields below find them in
            // the request's caches.
            let selected = info.selectedFields(on: "Article")
            var extras: ArticleExtras = []
            if selected.contains("bodyHtml") { extras.insert(.html) }
            if selected.contains("headings") { extras.insert(.headings) }
            if showsPeople(selected) { extras.insert(.people) }
            if selected.contains("procedures") { extras.insert(.procedures) }
            // A `related` whose arguments are refused is not read ahead: the field reports it.
            let readAhead = info.selectedField("related", on: "Article").flatMap {
                try? relatedRequest($0.arguments, $0.selectedFields(on: "Article"), context)
            }
            guard let found = try await context.store.article(slug: slug, with: extras, related: readAhead),
                  visible(found.article, context) else {
                return nil
            }
            let id = found.article.id
            context.rows.bodyHTML.store(id, found.html)
            context.rows.headings.store(id, found.headings)
            context.rows.procedures.store(id, found.procedures)
            if let related = found.related, let readAhead {
                context.rows.related.store(RelatedKey(article: id, limit: readAhead.limit), related.list(of: id))
            }
            context.keepPeople(of: found.related, found.author, found.reviewer)
            return found.article
        }
        schema.resolve("Query", "author") { _, arguments, context, _ in
            let key = try lookupKey(arguments, type: "Author")
            if let slug = key.slug { return try await context.store.author(slug: slug) }
            return try await context.store.authors(ids: [key.id!]).values.first
        }
        schema.resolve("Query", "procedure") { _, arguments, context, _ in
            let key = try lookupKey(arguments, type: "Procedure")
            if let slug = key.slug { return try await context.store.procedure(slug: slug) }
            return try await context.store.procedures(ids: [key.id!]).values.first
        }
        schema.resolve("Query", "node") { _, arguments, context, _ in
            guard let text = arguments.string("id"), let (type, id) = Opaque.parseGlobalID(text) else { return nil }
            switch type {
            case "Article":
                return try await context.store.articles(ids: [id]).values.first.flatMap { visible($0, context) ? $0 : nil }
            case "Author": return try await context.store.authors(ids: [id]).values.first
            default: return try await context.store.procedures(ids: [id]).values.first
            }
        }
        schema.resolve("Query", "articles") { _, arguments, context, _ in
            var filter = try articleFilter(arguments["filter"], context)
            filter.visibleAt = context.visibleAt
            let order: ArticleOrder = switch arguments.string("orderBy") {
            case "PUBLISHED_AT_ASC": .publishedAtAsc
            case "TITLE_ASC": .titleAsc
            case "UPDATED_AT_DESC": .updatedAtDesc
            default: .publishedAtDesc
            }
            return try await Pagination.articles(context, filter, order: order, arguments: arguments)
        }
        schema.resolve("Query", "authors") { _, arguments, context, _ in
            try await offsetConnection(arguments, list: "authors", items: try await context.store.authors())
        }
        schema.resolve("Query", "procedures") { _, arguments, context, _ in
            try await offsetConnection(arguments, list: "procedures", items: try await context.store.procedures())
        }
        schema.resolve("Query", "search") { _, arguments, context, _ in
            let first = try Pagination.first(arguments)
            let offset = try Pagination.offset(arguments, list: "search")
            let text = arguments.string("query") ?? ""
            let words = ContentStore.searchWords(text).count
            guard words <= ContentStore.maxSearchWords else {
                throw GraphQLError("A search may have at most \(ContentStore.maxSearchWords) words; this one has \(words).",
                                   code: "BAD_USER_INPUT")
            }
            let result = try await context.store.search(text, visibleAt: context.visibleAt, limit: first, offset: offset)
            return Pagination.offsetPage(result.hits.map { $0 as Any }, list: "search", offset: offset, hasNext: result.hasMore,
                                         total: .search(text))
        }
        fields(&schema, "SearchHit", ContentStore.SearchHit.self,
               ["article": { $0.article }, "score": { $0.score }, "snippet": { $0.snippet }])
    }

    /// A connection over a short, fully loaded list (authors, procedures) with offset cursors.
    static func offsetConnection(_ arguments: Arguments, list: String, items: [Any]) async throws -> ConnectionValue {
        let first = try Pagination.first(arguments)
        let offset = try Pagination.offset(arguments, list: list)
        return Pagination.offsetPage(Array(items.dropFirst(offset).prefix(first)), list: list, offset: offset,
                                     hasNext: offset + first < items.count, total: .known(items.count))
    }

    /// `ArticleFilter` input to the store's filter; `status` needs a preview token.
    static func articleFilter(_ value: ConstValue?, _ context: APIContext) throws -> ArticleFilter {
        var filter = ArticleFilter()
        guard case .object(let fields)? = value else { return filter }
        for (key, field) in fields {
            // `status` comes as an enum value from a literal and as a string from a variable.
            let text: String
            switch field {
            case .string(let value), .enumValue(let value): text = value
            default: continue
            }
            switch key {
            case "tag": filter.tag = text
            case "authorSlug": filter.authorSlug = text
            case "procedureSlug": filter.procedureSlug = text
            case "publishedAfter": filter.publishedAfter = Timestamp.parse(text)
            case "publishedBefore": filter.publishedBefore = Timestamp.parse(text)
            case "status":
                guard context.canPreview else {
                    throw GraphQLError("Filtering by status needs a preview token.", code: "FORBIDDEN")
                }
                filter.status = ContentStatus(rawValue: text.lowercased())
            default: break
            }
        }
        return filter
    }
}
