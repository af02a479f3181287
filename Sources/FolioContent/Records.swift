public import Foundation

/// A heading of an article body, for a table of contents.
public struct Heading: Sendable, Equatable, Codable {
    public var level: Int
    public var text: String
    public var anchor: String

    public init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

/// A stored author, as read back: the entry plus its id, rendered bio and timestamps. A class that
/// never changes, like `Article` (see there why).
public final class Author: Sendable, Equatable, Identifiable {
    public let id: Int64
    public let slug: String
    public let name: String
    public let role: String?
    public let avatarURL: String?
    public let bioMarkdown: String
    public let bioHTML: String
    public let createdAt: Date
    public let updatedAt: Date

    public init(id: Int64, slug: String, name: String, role: String?, avatarURL: String?, bioMarkdown: String,
                bioHTML: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.slug = slug
        self.name = name
        self.role = role
        self.avatarURL = avatarURL
        self.bioMarkdown = bioMarkdown
        self.bioHTML = bioHTML
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static func == (lhs: Author, rhs: Author) -> Bool {
        (lhs.id, lhs.slug, lhs.name, lhs.role, lhs.avatarURL) == (rhs.id, rhs.slug, rhs.name, rhs.role, rhs.avatarURL)
            && (lhs.bioMarkdown, lhs.bioHTML, lhs.createdAt, lhs.updatedAt) == (rhs.bioMarkdown, rhs.bioHTML, rhs.createdAt, rhs.updatedAt)
    }
}

/// What an article's Markdown became. Stored in the article's row but loaded only when asked for
/// (`ContentStore.articleBody`, `articleTexts`): it is most of an article's bytes, and lists and
/// related-article teasers never show it.
public struct ArticleBody: Sendable, Equatable {
    public var markdown: String
    public var html: String
    public var text: String
    public var headings: [Heading]

    public init(markdown: String, html: String, text: String, headings: [Heading]) {
        self.markdown = markdown
        self.html = html
        self.text = text
        self.headings = headings
    }
}

/// A stored article without its body (`ArticleBody`). Related articles and procedures are loaded
/// separately, in batches. A class that never changes, so that handing one around as `Any` — as
/// the GraphQL engine does with every object it resolves fields of — moves a reference instead of
/// copying fourteen fields and retaining the five that are strings and lists, each time a field
/// reads it.
public final class Article: Sendable, Equatable, Identifiable {
    public let id: Int64
    public let slug: String
    public let title: String
    public let summary: String?
    public let readingTimeMinutes: Int
    public let status: ContentStatus
    public let publishedAt: Date?
    public let createdAt: Date
    public let updatedAt: Date
    public let authorID: Int64?
    public let reviewedAt: Date?
    public let reviewerID: Int64?
    public let canonicalURL: String?
    public let tags: [String]

    /// The ids of its author and reviewer, those it has.
    public var peopleIDs: [Int64] { [authorID, reviewerID].compactMap { $0 } }

    public init(id: Int64, slug: String, title: String, summary: String?, readingTimeMinutes: Int, status: ContentStatus,
                publishedAt: Date?, createdAt: Date, updatedAt: Date, authorID: Int64?, reviewedAt: Date?,
                reviewerID: Int64?, canonicalURL: String?, tags: [String]) {
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.readingTimeMinutes = readingTimeMinutes
        self.status = status
        self.publishedAt = publishedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.authorID = authorID
        self.reviewedAt = reviewedAt
        self.reviewerID = reviewerID
        self.canonicalURL = canonicalURL
        self.tags = tags
    }

    /// Whether the public may see it at `now`: published, and its publication time has come.
    public func isVisible(at now: Date) -> Bool {
        guard status == .published, let publishedAt else { return false }
        return publishedAt <= now
    }

    public static func == (lhs: Article, rhs: Article) -> Bool {
        (lhs.id, lhs.slug, lhs.title, lhs.summary, lhs.readingTimeMinutes, lhs.status)
            == (rhs.id, rhs.slug, rhs.title, rhs.summary, rhs.readingTimeMinutes, rhs.status)
            && (lhs.publishedAt, lhs.createdAt, lhs.updatedAt, lhs.authorID, lhs.reviewedAt, lhs.reviewerID)
            == (rhs.publishedAt, rhs.createdAt, rhs.updatedAt, rhs.authorID, rhs.reviewedAt, rhs.reviewerID)
            && (lhs.canonicalURL, lhs.tags) == (rhs.canonicalURL, rhs.tags)
    }
}

/// A stored procedure. A class that never changes, like `Article` (see there why).
public final class Procedure: Sendable, Equatable, Identifiable {
    public let id: Int64
    public let entry: ProcedureEntry
    public let bodyHTML: String
    public let createdAt: Date
    public let updatedAt: Date

    public init(id: Int64, entry: ProcedureEntry, bodyHTML: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.entry = entry
        self.bodyHTML = bodyHTML
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var slug: String { entry.slug }

    public static func == (lhs: Procedure, rhs: Procedure) -> Bool {
        (lhs.id, lhs.entry, lhs.bodyHTML, lhs.createdAt, lhs.updatedAt) == (rhs.id, rhs.entry, rhs.bodyHTML, rhs.createdAt, rhs.updatedAt)
    }
}

/// Reading time: 200 words a minute, at least one minute.
public enum ReadingTime {
    public static func minutes(forWords words: Int) -> Int {
        max(1, (words + 199) / 200)
    }
}
