public import ArgumentParser
import FolioContent
import FolioStore
import Foundation

struct ArticleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article", abstract: "List, show, publish, unpublish, archive or delete articles.",
        subcommands: [List.self, Show.self, Publish.self, Unpublish.self, Archive.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List articles, newest publication first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this status: draft, published or archived.") var status: ContentStatus?
        @Option(help: "Only articles with this tag.") var tag: String?
        @Option(help: ArgumentHelp("Only articles by this author.", valueName: "slug")) var author: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let contentStore = try store.open()
            let articles = try await contentStore.articles(ArticleFilter(status: status, tag: tag, authorSlug: author))
            if json {
                try Output.json(articles.map(ArticleSummaryJSON.init))
                return
            }
            let now = Date()
            Output.table(["STATUS", "PUBLISHED", "SLUG", "TITLE"], articles.map { article in
                let scheduled = article.status == .published && !article.isVisible(at: now)
                return [scheduled ? "scheduled" : article.status.rawValue, Output.date(article.publishedAt), article.slug,
                        article.title]
            })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one article.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The article's slug.") var slug: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let contentStore = try store.open()
            guard let article = try await contentStore.article(slug: slug),
                  let body = try await contentStore.articleBody(id: article.id),
                  case .article(let entry) = try await contentStore.entry(.article, slug: slug) else {
                throw ContentError.notFound(.article, slug)
            }
            if json {
                try Output.json(ArticleJSON(article: article, body: body, entry: entry))
                return
            }
            Output.fields([
                ("slug", article.slug), ("title", article.title), ("status", article.status.rawValue),
                ("published", Output.date(article.publishedAt)), ("updated", Output.date(article.updatedAt)),
                ("author", entry.authorSlug), ("reviewer", entry.reviewerSlug),
                ("reviewed", entry.reviewedAt.map(Timestamp.format)), ("tags", entry.tags.joined(separator: ", ")),
                ("procedures", entry.procedureSlugs.joined(separator: ", ")),
                ("reading time", "\(article.readingTimeMinutes) min"), ("summary", article.summary),
            ])
            if !entry.relatedSlugs.isEmpty {
                print("related:")
                for (position, related) in entry.relatedSlugs.enumerated() { print("  \(position + 1). \(related)") }
            }
            print("")
            print(body.markdown)
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish an article now, or schedule it with --at.",
            discussion: "folio-admin article publish recovering-after-mild --at 2027-01-12T09:00:00Z")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The article's slug.") var slug: String
        @Option(help: ArgumentHelp("When it goes public (2026-12-01 or 2026-12-01T09:00:00Z).", valueName: "date"))
        var at: String?

        func validate() throws {
            if let at, Timestamp.parse(at) == nil {
                throw ValidationError("--at \"\(at)\" is not a date; write 2026-12-01 or 2026-12-01T09:00:00Z")
            }
        }

        func run() async throws {
            let contentStore = try store.open()
            let when = at.flatMap(Timestamp.parse)
            let changed = try await contentStore.publish(slug, at: when)
            let published = try await contentStore.article(slug: slug)
            let time = Output.date(published?.publishedAt)
            let visible = published?.isVisible(at: Date()) == true
            if changed {
                print(visible ? "Published \(slug) (\(time))." : "Scheduled \(slug) for \(time).")
            } else {
                print(visible ? "\(slug) is published already (\(time)); nothing changed." : "\(slug) is scheduled already for \(time); nothing changed.")
            }
        }
    }

    struct Unpublish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take an article back to draft.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The article's slug.") var slug: String

        func run() async throws {
            // A draft already is left as it is: no revision, nothing in the change log.
            print(try await store.open().unpublish(slug) ? "Unpublished \(slug); it is a draft again." : "\(slug) is a draft already; nothing changed.")
        }
    }

    struct Archive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Archive an article (hidden from the public, kept).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The article's slug.") var slug: String

        func run() async throws {
            print(try await store.open().archive(slug) ? "Archived \(slug)." : "\(slug) is archived already; nothing changed.")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete an article and its links; `restore` can bring it back from history.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The article's slug.") var slug: String

        func run() async throws {
            try await store.open().delete(.article, slug: slug)
            print("Deleted \(slug).")
        }
    }
}

extension ContentStatus: ExpressibleByArgument {}

/// One line of `article list --json`.
struct ArticleSummaryJSON: Encodable {
    var slug: String
    var title: String
    var status: String
    var publishedAt: Date?
    var tags: [String]

    init(_ article: Article) {
        slug = article.slug
        title = article.title
        status = article.status.rawValue
        publishedAt = article.publishedAt
        tags = article.tags
    }
}

/// `article show --json`.
struct ArticleJSON: Encodable {
    var slug: String
    var title: String
    var summary: String?
    var status: String
    var publishedAt: Date?
    var updatedAt: Date
    var author: String?
    var reviewer: String?
    var reviewedAt: Date?
    var canonicalUrl: String?
    var tags: [String]
    var procedures: [String]
    var related: [String]
    var readingTimeMinutes: Int
    var headings: [Heading]
    var bodyMarkdown: String
    var bodyHtml: String

    init(article: Article, body: ArticleBody, entry: ArticleEntry) {
        slug = article.slug
        title = article.title
        summary = article.summary
        status = article.status.rawValue
        publishedAt = article.publishedAt
        updatedAt = article.updatedAt
        author = entry.authorSlug
        reviewer = entry.reviewerSlug
        reviewedAt = entry.reviewedAt
        canonicalUrl = entry.canonicalURL
        tags = article.tags
        procedures = entry.procedureSlugs
        related = entry.relatedSlugs
        readingTimeMinutes = article.readingTimeMinutes
        headings = body.headings
        bodyMarkdown = body.markdown
        bodyHtml = body.html
    }
}
