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

/// A stored author, as read back: the entry plus its id, rendered bio and timestamps.
public struct Author: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var slug: String
    public var name: String
    public var role: String?
    public var avatarURL: String?
    public var bioMarkdown: String
    public var bioHTML: String
    public var createdAt: Date
    public var updatedAt: Date

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
/// separately, in batches.
public struct Article: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String?
    public var readingTimeMinutes: Int
    public var status: ContentStatus
    public var publishedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var authorID: Int64?
    public var reviewedAt: Date?
    public var reviewerID: Int64?
    public var canonicalURL: String?
    public var tags: [String]

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
}

/// A stored procedure.
public struct Procedure: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var entry: ProcedureEntry
    public var bodyHTML: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64, entry: ProcedureEntry, bodyHTML: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.entry = entry
        self.bodyHTML = bodyHTML
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var slug: String { entry.slug }
}

/// Reading time: 200 words a minute, at least one minute.
public enum ReadingTime {
    public static func minutes(forWords words: Int) -> Int {
        max(1, (words + 199) / 200)
    }
}
