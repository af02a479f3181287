public import FolioContent
import Synchronization

/// What an article page's related list costs the store, kept for the content version it was read
/// at: the related-article ids `ContentStore.relatedIDs` chose, and the related articles' cards.
///
/// Choosing a list is the largest part of that cost (the editor's links, then a fill ranked by
/// shared tags and procedures: three statements, one of them a lookup per tag and procedure), and
/// reading the cards the next (each card is an article row and its author's, scattered through the
/// file). Neither can change unless the version does — a write, or a scheduled article coming due —
/// so each list is chosen, and each card read, once per version. Cards are shared: an article is a
/// card on the pages of every article it is related to. Both are bounded; a full one starts again
/// from empty.
final class RelatedMemo: Sendable {
    /// One article's list as one request shape asks for it.
    struct Key: Hashable {
        var article: Int64
        var limit: Int
        /// Whether only what the public sees counts (else a preview: everything).
        var isPublic: Bool
    }

    /// A related article as a card shows it: the article and its author and reviewer.
    struct Card {
        var article: Article
        var people: [Author]
    }

    private struct State {
        var version: ContentVersion?
        var lists: [Key: [Int64]] = [:]
        var cards: [Int64: Card] = [:]
    }

    /// What was dropped from the memory: handed out of the lock, so that freeing tens of thousands
    /// of entries holds up only the request that dropped them, never every request waiting for
    /// the lock.
    private struct Dropped {
        var lists: [Key: [Int64]] = [:]
        var cards: [Int64: Card] = [:]
    }

    private let state = Mutex(State())
    private let capacity: Int
    private let cardCapacity: Int

    /// At most `capacity` lists and `cardCapacity` cards.
    init(capacity: Int, cardCapacity: Int) {
        self.capacity = capacity
        self.cardCapacity = cardCapacity
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

    /// Keeps lists chosen at `version`; lists and cards of any other version are dropped.
    func keep(_ lists: [Key: [Int64]], at version: ContentVersion) {
        let dropped = state.withLock { state in
            var dropped = Self.move(&state, to: version)
            if state.lists.count + lists.count > capacity { swap(&dropped.lists, &state.lists) }
            state.lists.merge(lists) { $1 }
            return dropped
        }
        _ = consume dropped
    }

    /// The cards kept for `ids` at `version`; those not kept are missing.
    func cards(_ ids: [Int64], at version: ContentVersion) -> [Int64: Card] {
        state.withLock { state in
            guard state.version == version else { return [:] }
            var found: [Int64: Card] = [:]
            for id in ids {
                if let card = state.cards[id] { found[id] = card }
            }
            return found
        }
    }

    /// Keeps cards read at `version`; lists and cards of any other version are dropped.
    func keep(cards: [Int64: Card], at version: ContentVersion) {
        let dropped = state.withLock { state in
            var dropped = Self.move(&state, to: version)
            if state.cards.count + cards.count > cardCapacity { swap(&dropped.cards, &state.cards) }
            state.cards.merge(cards) { $1 }
            return dropped
        }
        _ = consume dropped
    }

    /// Moves the memory to `version`, taking out everything kept at another one.
    private static func move(_ state: inout State, to version: ContentVersion) -> Dropped {
        var dropped = Dropped()
        guard state.version != version else { return dropped }
        state.version = version
        swap(&dropped.lists, &state.lists)
        swap(&dropped.cards, &state.cards)
        return dropped
    }
}
