import FolioContent
import FolioStore
import Foundation
import GraphQLEngine

extension ContentAPI {
    /// Resolvers reading one property of a model value.
    static func fields<Model>(_ schema: inout ExecutableSchema<APIContext>, _ type: String, _ model: Model.Type,
                              _ readers: [String: @Sendable (Model) -> Any?]) {
        resolve(&schema, type, readers) { .property($0) }
    }

    /// Resolvers reading one `String`, `ID` or `Int` property of a model value, given in its
    /// response form (`FieldResolver.scalar`): most of the fields of a page.
    static func scalars<Model>(_ schema: inout ExecutableSchema<APIContext>, _ type: String, _ model: Model.Type,
                               _ readers: [String: @Sendable (Model) -> ConstValue?]) {
        resolve(&schema, type, readers) { .scalar($0) }
    }

    /// Each reader as the resolver `kind` makes of a read of the source: nil for a source that is
    /// not a `Model` (a plain cast, not `Optional.flatMap`, whose thunks cost a page two per field).
    private static func resolve<Model, Value>(_ schema: inout ExecutableSchema<APIContext>, _ type: String,
                                              _ readers: [String: @Sendable (Model) -> Value?],
                                              as kind: (@escaping @Sendable (Any) -> Value?) -> FieldResolver<APIContext>) {
        for (field, read) in readers {
            schema.resolve(type, field, kind { source in
                guard let model = source as? Model else { return nil }
                return read(model)
            })
        }
    }

    static func addArticleFields(_ schema: inout ExecutableSchema<APIContext>) {
        scalars(&schema, "Article", Article.self, [
            "id": { .string(Opaque.globalID("Article", $0.id)) },
            "slug": { .string($0.slug) }, "title": { .string($0.title) }, "summary": { $0.summary.map(ConstValue.string) },
            "readingTimeMinutes": { .int($0.readingTimeMinutes) }, "canonicalUrl": { $0.canonicalURL.map(ConstValue.string) },
        ])
        fields(&schema, "Article", Article.self, [
            "status": { $0.status.rawValue.uppercased() },
            "publishedAt": { $0.publishedAt }, "updatedAt": { $0.updatedAt }, "reviewedAt": { $0.reviewedAt },
            "tags": { $0.tags },
        ])
        // Bodies are most of an article's bytes: each body field reads its own column, for every
        // article at this level in one statement, and only when the query asks for it.
        // The fields an article page's read brings along (see `Query.article`) are found in the
        // request's rows first (`knownOrBatch`): the batch runs only for articles read without them.
        for text in [ArticleText.markdown, .text] {
            schema.resolve("Article", text == .markdown ? "bodyMarkdown" : "bodyText", .batch { sources, _, context, _ in
                let ids = sources.map { ($0 as? Article)?.id }
                let texts = try await context.store.articleTexts(ids: ids.compactMap { $0 }, text)
                return ids.map { $0.flatMap { texts[$0] } }
            })
        }
        schema.resolve("Article", "bodyHtml", .knownOrBatch(known: { source, _, context in
            (source as? Article).flatMap { context.rows.bodyHTML.known($0.id) }
        }, batch: { sources, _, context, _ in
            try await context.rows.bodyHTML.values(sources.map { ($0 as? Article)?.id }) {
                try await context.store.articleTexts(ids: $0, .html)
            }
        }))
        schema.resolve("Article", "headings", .knownOrBatch(known: { source, _, context in
            (source as? Article).flatMap { context.rows.headings.known($0.id) }
        }, batch: { sources, _, context, _ in
            try await context.rows.headings.values(sources.map { ($0 as? Article)?.id }) {
                try await context.store.articleHeadings(ids: $0)
            }
        }))
        scalars(&schema, "Heading", Heading.self, [
            "level": { .int($0.level) }, "text": { .string($0.text) }, "anchor": { .string($0.anchor) },
        ])
        // Authors and reviewers of every article at this level: one statement, for whichever of the
        // two fields comes first; the other finds them in the request's cache. The ids are read by
        // closures, not key paths: applying a key path went through its generic interpreter, about a
        // microsecond a page.
        let people: [(String, @Sendable (Article) -> Int64?)] = [("author", { $0.authorID }), ("reviewer", { $0.reviewerID })]
        for (field, personID) in people {
            schema.resolve("Article", field, .knownOrBatch(known: { source, _, context in
                (source as? Article).flatMap { context.rows.authors.known(personID($0)) }
            }, batch: { sources, _, context, _ in
                let articles = sources.map { $0 as? Article }
                return try await context.rows.authors.values(articles.map { article in article.map { personID($0) } ?? nil },
                                                             along: articles.flatMap { $0?.peopleIDs ?? [] }) {
                    try await context.store.authors(ids: $0)
                }
            }))
        }
        schema.resolve("Article", "procedures", .knownOrBatch(known: { source, _, context in
            (source as? Article).flatMap { context.rows.procedures.known($0.id) }
        }, batch: { sources, _, context, _ in
            let ids = sources.map { ($0 as? Article)?.id }
            let procedures = try await context.rows.procedures.values(ids) { try await context.store.procedures(forArticles: $0) }
            return zip(ids, procedures).map { id, list in id.map { _ in list ?? [] } }
        }))
        // Related articles, and their authors and reviewers when the query shows them: one read
        // (none below `Query.article`, which read them with the article).
        // Kept by article and length: two `related` fields of one article with different `first`s
        // each get their own list.
        schema.resolve("Article", "related", .knownOrBatch(known: { source, arguments, context in
            guard let article = source as? Article, let limit = try? relatedLimit(arguments) else { return nil }
            return context.rows.related.known(RelatedKey(article: article.id, limit: limit))
        }, batch: { sources, arguments, context, info in
            let request = try relatedRequest(arguments, info.selectedFields(on: "Article"), context)
            let keys = sources.map { ($0 as? Article).map { RelatedKey(article: $0.id, limit: request.limit) } }
            let lists = try await context.rows.related.values(keys) { keys in
                let related = try await context.store.related(forArticles: keys.map(\.article), request)
                context.keepPeople(of: related)
                return Dictionary(uniqueKeysWithValues: keys.map { ($0, related.list(of: $0.article)) })
            }
            return zip(keys, lists).map { key, list in key.map { _ in list ?? [] } }
        }))
    }

    static func addAuthorAndProcedureFields(_ schema: inout ExecutableSchema<APIContext>) {
        scalars(&schema, "Author", Author.self, [
            "id": { .string(Opaque.globalID("Author", $0.id)) }, "slug": { .string($0.slug) }, "name": { .string($0.name) },
            "role": { $0.role.map(ConstValue.string) }, "bioHtml": { .string($0.bioHTML) },
            "avatarUrl": { $0.avatarURL.map(ConstValue.string) },
        ])
        scalars(&schema, "Procedure", Procedure.self, [
            "id": { .string(Opaque.globalID("Procedure", $0.id)) }, "slug": { .string($0.slug) }, "name": { .string($0.entry.name) },
            "fullName": { $0.entry.fullName.map(ConstValue.string) }, "summary": { $0.entry.summary.map(ConstValue.string) },
            "bodyHtml": { .string($0.bodyHTML) }, "durationMinutes": { $0.entry.durationMinutes.map(ConstValue.int) },
            "anesthesia": { $0.entry.anesthesia.map(ConstValue.string) }, "incision": { $0.entry.incision.map(ConstValue.string) },
            "imagingGuidance": { $0.entry.imagingGuidance.map(ConstValue.string) },
            "recovery": { $0.entry.recovery.map(ConstValue.string) },
        ])
        fields(&schema, "Procedure", Procedure.self, [
            "conditions": { $0.entry.conditions }, "symptoms": { $0.entry.symptoms },
            "risks": { $0.entry.risks }, "preparation": { $0.entry.preparation },
        ])
        // Each author's or procedure's articles below a list of them: one page statement for all
        // the lists at that level (and one count statement, when asked for), not one per item.
        schema.resolve("Author", "articles", .batch { sources, arguments, context, _ in
            try await Pagination.articles(context, below: sources, { source in
                (source as? Author).map { ArticleFilter(authorSlug: $0.slug, visibleAt: context.visibleAt) }
            }, arguments: arguments)
        })
        schema.resolve("Procedure", "articles", .batch { sources, arguments, context, _ in
            try await Pagination.articles(context, below: sources, { source in
                (source as? Procedure).map { ArticleFilter(procedureSlug: $0.slug, visibleAt: context.visibleAt) }
            }, arguments: arguments)
        })
    }

    static func addConnections(_ schema: inout ExecutableSchema<APIContext>) {
        for prefix in ["Article", "Author", "Procedure", "SearchHit"] {
            let connection = prefix == "SearchHit" ? "SearchConnection" : "\(prefix)Connection"
            schema.resolve(connection, "edges", .property { ($0 as? ConnectionValue)?.edges })
            schema.resolve(connection, "nodes", .property { ($0 as? ConnectionValue)?.edges.map(\.node) })
            schema.resolve(connection, "pageInfo", .property { ($0 as? ConnectionValue)?.pageInfo })
            // Counted only when asked for: every article list at this level in one statement,
            // each search (a root field: one a query, as a rule) in one of its own.
            schema.resolve(connection, "totalCount", .batch { sources, _, context, _ in
                let totals = sources.map { ($0 as? ConnectionValue)?.total }
                var lists = Set<ArticleFilter>(), searches = Set<String>()
                for total in totals {
                    switch total {
                    case .articles(let filter)?: lists.insert(filter)
                    case .search(let text)?: searches.insert(text)
                    default: break
                    }
                }
                let counts = lists.isEmpty ? [:] : try await context.rows.counts(lists) { try await context.store.countArticles($0) }
                var hits: [String: Int] = [:]
                for text in searches { hits[text] = try await context.store.countSearch(text, visibleAt: context.visibleAt) }
                return totals.map { total -> Int? in
                    switch total {
                    case .known(let count)?: count
                    case .articles(let filter)?: counts[filter]
                    case .search(let text)?: hits[text]
                    case nil: nil
                    }
                }
            })
            schema.resolve("\(prefix)Edge", "cursor", .property { ($0 as? EdgeValue)?.cursor })
            schema.resolve("\(prefix)Edge", "node", .property { ($0 as? EdgeValue)?.node })
        }
    }
}
