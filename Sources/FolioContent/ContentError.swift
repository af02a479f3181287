/// What can go wrong with content, in words an editor can act on. The HTTP layer and the CLI map
/// these to responses and exit codes in one place each.
public enum ContentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another entry of the same kind already has this slug.
    case slugTaken(ContentKind, String)
    case notFound(ContentKind, String)
    /// A field refers to an entry that does not exist (`author: nobody`).
    case unknownReference(field: String, kind: ContentKind, slug: String)
    /// A field's value breaks a rule; `reason` says which.
    case invalidField(field: String, reason: String)
    case selfLink(String)
    case revisionNotFound(slug: String, revision: Int)

    public var description: String {
        switch self {
        case .slugTaken(let kind, let slug): "another \(kind.rawValue) already has the slug \"\(slug)\""
        case .notFound(let kind, let slug): "no \(kind.rawValue) has the slug \"\(slug)\""
        case .unknownReference(let field, let kind, let slug):
            "\(field): no \(kind.rawValue) has the slug \"\(slug)\""
        case .invalidField(let field, let reason): "\(field): \(reason)"
        case .selfLink(let slug): "an article cannot be related to itself (\(slug))"
        case .revisionNotFound(let slug, let revision): "\"\(slug)\" has no revision \(revision)"
        }
    }
}
