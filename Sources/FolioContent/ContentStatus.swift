/// Where an article is in its life. A published article whose `publishedAt` lies in the future is
/// scheduled: stored as published, visible to the public only from that instant.
public enum ContentStatus: String, Sendable, Codable, CaseIterable {
    case draft, published, archived
}

/// The three kinds of content an editor writes.
public enum ContentKind: String, Sendable, Codable, CaseIterable {
    case author, article, procedure

    /// The folder that holds this kind in `seeds/` and in an export: `authors`, `articles`, `procedures`.
    public var folder: String { rawValue + "s" }

    public init?(folder: String) {
        guard let kind = ContentKind.allCases.first(where: { $0.folder == folder }) else { return nil }
        self = kind
    }
}
