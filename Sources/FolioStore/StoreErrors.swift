public import FolioContent

/// A domain error raised while saving entry number `index` of a batch (0-based, in the order given).
public struct EntryError: Error, Sendable, CustomStringConvertible {
    public var index: Int
    public var error: ContentError

    public var description: String { error.description }
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
