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
/// card on the pages of every article it is related to.
///
/// Both memories are bounded. Each entry carries the version it was read at, and one of another
/// version is never answered; a full memory forgets its oldest entry for each new one. Nothing is
/// ever dropped all at once: freeing tens of thousands of entries would stall the event loop that
/// serves the request doing it, and with it every request on that loop.
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
        var lists: VersionedMemory<Key, [Int64]>
        var cards: VersionedMemory<Int64, Card>
    }

    private let state: Mutex<State>

    /// At most `capacity` lists and `cardCapacity` cards.
    init(capacity: Int, cardCapacity: Int) {
        state = Mutex(State(lists: VersionedMemory(capacity: capacity), cards: VersionedMemory(capacity: cardCapacity)))
    }

    /// The lists kept for `keys` at `version`, by article; those not kept are missing.
    func lists(_ keys: [Key], at version: ContentVersion) -> [Int64: [Int64]] {
        state.withLock { state in
            var found: [Int64: [Int64]] = [:]
            for key in keys {
                if let list = state.lists.value(key, at: version) { found[key.article] = list }
            }
            return found
        }
    }

    /// Keeps lists chosen at `version`.
    func keep(_ lists: [Key: [Int64]], at version: ContentVersion) {
        state.withLock { state in
            for (key, list) in lists { state.lists.keep(key, list, at: version) }
        }
    }

    /// The cards kept for `ids` at `version`; those not kept are missing.
    func cards(_ ids: [Int64], at version: ContentVersion) -> [Int64: Card] {
        state.withLock { state in
            var found: [Int64: Card] = [:]
            for id in ids {
                if let card = state.cards.value(id, at: version) { found[id] = card }
            }
            return found
        }
    }

    /// Keeps cards read at `version`.
    func keep(cards: [Int64: Card], at version: ContentVersion) {
        state.withLock { state in
            for (id, card) in cards { state.cards.keep(id, card, at: version) }
        }
    }
}

/// Values by key, each with the content version it belongs to, at most `capacity` of them: when
/// full, each new key takes the place of the oldest one (first in, first out, through a ring of
/// the keys in the order they came). Not synchronized: `RelatedMemo` holds it under its lock.
private struct VersionedMemory<Key: Hashable, Value> {
    private var entries: [Key: (version: ContentVersion, value: Value)] = [:]
    private var ring: [Key?]
    private var next = 0

    init(capacity: Int) {
        ring = Array(repeating: nil, count: max(capacity, 1))
    }

    /// The value kept for `key` at `version`; nil when there is none, or only one of another version.
    func value(_ key: Key, at version: ContentVersion) -> Value? {
        guard let entry = entries[key], entry.version == version else { return nil }
        return entry.value
    }

    mutating func keep(_ key: Key, _ value: Value, at version: ContentVersion) {
        // A key already kept (at this version or a stale one) keeps its place in the ring.
        if entries.updateValue((version, value), forKey: key) != nil { return }
        if let oldest = ring[next] { entries[oldest] = nil }
        ring[next] = key
        next = (next + 1) % ring.count
    }
}
