public import Foundation

/// An author as an editor writes one: front matter plus a Markdown bio.
public struct AuthorEntry: Sendable, Equatable {
    public var slug: String
    public var name: String
    /// Role or credentials, e.g. "Board-certified neurologist".
    public var role: String?
    public var avatarURL: String?
    public var bioMarkdown: String
    /// When absent, the store stamps the time of the write.
    public var updatedAt: Date?

    public init(slug: String, name: String, role: String? = nil, avatarURL: String? = nil, bioMarkdown: String = "",
                updatedAt: Date? = nil) {
        self.slug = slug
        self.name = name
        self.role = role
        self.avatarURL = avatarURL
        self.bioMarkdown = bioMarkdown
        self.updatedAt = updatedAt
    }
}

/// An article as an editor writes one. References to other entries are by slug.
public struct ArticleEntry: Sendable, Equatable {
    public var slug: String
    public var title: String
    /// The teaser shown in related-article lists and feeds.
    public var summary: String?
    public var bodyMarkdown: String
    public var status: ContentStatus
    /// In the future on a published article: scheduled.
    public var publishedAt: Date?
    public var updatedAt: Date?
    public var authorSlug: String?
    public var tags: [String]
    public var procedureSlugs: [String]
    /// Related articles in the editor's order.
    public var relatedSlugs: [String]
    public var reviewedAt: Date?
    public var reviewerSlug: String?
    public var canonicalURL: String?

    public init(slug: String, title: String, summary: String? = nil, bodyMarkdown: String,
                status: ContentStatus = .draft, publishedAt: Date? = nil, updatedAt: Date? = nil,
                authorSlug: String? = nil, tags: [String] = [], procedureSlugs: [String] = [],
                relatedSlugs: [String] = [], reviewedAt: Date? = nil, reviewerSlug: String? = nil,
                canonicalURL: String? = nil) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.bodyMarkdown = bodyMarkdown
        self.status = status
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.authorSlug = authorSlug
        self.tags = tags
        self.procedureSlugs = procedureSlugs
        self.relatedSlugs = relatedSlugs
        self.reviewedAt = reviewedAt
        self.reviewerSlug = reviewerSlug
        self.canonicalURL = canonicalURL
    }
}

/// A medical procedure as an editor writes one.
public struct ProcedureEntry: Sendable, Equatable {
    public var slug: String
    /// The short name, e.g. "MILD".
    public var name: String
    public var fullName: String?
    public var summary: String?
    public var bodyMarkdown: String
    public var conditions: [String]
    public var symptoms: [String]
    public var durationMinutes: Int?
    /// Sedation or anesthesia used.
    public var anesthesia: String?
    /// Incision or approach.
    public var incision: String?
    public var imagingGuidance: String?
    public var recovery: String?
    public var risks: [String]
    public var preparation: [String]
    public var updatedAt: Date?

    public init(slug: String, name: String, fullName: String? = nil, summary: String? = nil, bodyMarkdown: String = "",
                conditions: [String] = [], symptoms: [String] = [], durationMinutes: Int? = nil,
                anesthesia: String? = nil, incision: String? = nil, imagingGuidance: String? = nil,
                recovery: String? = nil, risks: [String] = [], preparation: [String] = [], updatedAt: Date? = nil) {
        self.slug = slug
        self.name = name
        self.fullName = fullName
        self.summary = summary
        self.bodyMarkdown = bodyMarkdown
        self.conditions = conditions
        self.symptoms = symptoms
        self.durationMinutes = durationMinutes
        self.anesthesia = anesthesia
        self.incision = incision
        self.imagingGuidance = imagingGuidance
        self.recovery = recovery
        self.risks = risks
        self.preparation = preparation
        self.updatedAt = updatedAt
    }
}

/// Any one entry.
public enum ContentEntry: Sendable, Equatable {
    case author(AuthorEntry)
    case article(ArticleEntry)
    case procedure(ProcedureEntry)

    public var kind: ContentKind {
        switch self {
        case .author: .author
        case .article: .article
        case .procedure: .procedure
        }
    }

    public var slug: String {
        switch self {
        case .author(let entry): entry.slug
        case .article(let entry): entry.slug
        case .procedure(let entry): entry.slug
        }
    }
}
