public import FolioStore
public import Foundation

/// What every resolver of a request gets: the store, the request's clock, and whether the caller
/// may see drafts and scheduled content (a preview token).
public struct APIContext: Sendable {
    public var store: ContentStore
    public var now: Date
    public var canPreview: Bool

    public init(store: ContentStore, now: Date = Date(), canPreview: Bool = false) {
        self.store = store
        self.now = now
        self.canPreview = canPreview
    }

    /// The instant the public sees content at, or nil when everything is visible.
    var visibleAt: Date? { canPreview ? nil : now }
}

/// A refusal with a message for the client and a code for machines.
struct APIError: Error, CustomStringConvertible {
    var description: String
    var code: String
}
