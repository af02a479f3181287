public import FolioContent

/// A domain error raised while saving entry number `index` of a batch (0-based, in the order given).
public struct EntryError: Error, Sendable, CustomStringConvertible {
    public var index: Int
    public var error: ContentError

    public var description: String { error.description }

    /// The error as the content file `path` it came from shows it: the field at fault, its line
    /// (read from the file again), and the problem in words that leave the field name to the file
    /// error, which shows it.
    public func located(in path: String) -> ContentFileError {
        let field: String
        switch error {
        case .unknownReference(let name, _, _), .invalidField(let name, _): field = name
        case .selfLink: field = "related"
        default: field = "slug"
        }
        let message = switch error {
        case .unknownReference(_, let kind, let slug): "no \(kind.rawValue) has the slug \"\(slug)\""
        case .invalidField(_, let reason): reason
        default: error.description
        }
        return ContentFileError(path: path, line: ContentFile.line(of: field, inFileAt: path), field: field, message: message)
    }
}

/// The database could not be opened because another connection has it to itself (a large import,
/// see `RollbackJournal`) for longer than an open waits.
public struct DatabaseBusyError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var waited: Duration

    public var description: String {
        "The database \(path) is busy: another program (a large import, say) has had it to itself for "
            + "\(waited.components.seconds) s. Try again when it has finished."
    }
}
