import Synchronization

/// The related-article ids `ContentStore.relatedIDs` chose, kept for the content version they were
/// chosen at. Choosing them is the largest part of what an article page costs the store (the
/// editor's links, then a fill ranked by shared tags and procedures: three statements, one of them
/// a lookup per tag and procedure), and the choice can change only when the version does — a
/// write, or a scheduled article coming due — so each article's list is chosen once per version
/// and read from here after that. Bounded: when full, it starts again from empty.
final class RelatedMemo: Sendable {
    /// One article's list as one request shape asks for it.
    struct Key: Hashable {
        var article: Int64
        var limit: Int
        /// Whether only what the public sees counts (else a preview: everything).
        var isPublic: Bool
    }

    private struct State {
        var version: ContentVersion?
        var lists: [Key: [Int64]] = [:]
    }

    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The lists kept for `keys` at `version`, by article; those not kept are missing.
    func lists(_ keys: [Key], at version: ContentVersion) -> [Int64: [Int64]] {
        state.withLock { state in
            guard state.version == version else { return [:] }
            var found: [Int64: [Int64]] = [:]
            for key in keys {
                if let list = state.lists[key] { found[key.article] = list }
            }
            return found
        }
    }

    /// Keeps lists chosen at `version`; lists of any other version are dropped.
    func keep(_ lists: [Key: [Int64]], at version: ContentVersion) {
        state.withLock { state in
            if state.version != version || state.lists.count + lists.count > capacity {
                state.lists.removeAll(keepingCapacity: state.version == version)
                state.version = version
            }
            state.lists.merge(lists) { $1 }
        }
    }
}
