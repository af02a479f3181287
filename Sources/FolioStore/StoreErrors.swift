public import FolioContent

/// A domain error raised while saving entry number `index` of a batch (0-based, in the order given).
public struct EntryError: Error, Sendable, CustomStringConvertible {
    public var index: Int
    public var error: ContentError

    public var description: String { error.description }
}
