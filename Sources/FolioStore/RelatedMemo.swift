import FolioContent
import Synchronization

/// What an article page's related list costs the store, kept for the content version it was read
/// at: the related-article ids `ContentStore.relatedIDs` chose, the related articles' cards, and
/// the windows of newest articles per tag and procedure that fills are chosen from.
///
/// Choosing a list is the largest part of that cost (the editor's links, then a fill ranked by
/// shared tags and procedures), and reading the cards the next (each card is an article row and
/// its author's, scattered through the file). Neither can change unless the version does — a
/// write, or a scheduled article coming due — so each list is chosen, and each card read, once per
/// version. Cards are shared: an article is a card on the pages of every article it is related
/// to. Windows are shared more widely still: a tag's window serves every article with that tag,
/// so a page whose list is not kept yet still reads no candidates, only its own links and topics.
///
/// Every memory is bounded. Each entry carries the version it was read at, and one of another
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
    struct Card: Sendable {
        var article: Article
        var people: [Author]
    }

    /// A tag or a procedure: what a fill finds candidates by.
    enum Topic: Hashable, Sendable {
        case tag(String)
        case procedure(Int64)
    }

    /// An article in a topic's window, with what decides whether the public sees it.
    struct Candidate: Sendable, Equatable {
        var id: Int64
        var isPublished: Bool
        var publishedAt: Int64?

        /// Whether the public sees it at `instant` (Unix seconds); nil: a preview, which sees all.
        func isVisible(at instant: Int64?) -> Bool {
            guard let instant else { return true }
            guard isPublished, let publishedAt else { return false }
            return publishedAt <= instant
        }
    }

    private let lists: Mutex<VersionedMemory<Key, [Int64]>>
    private let cards: Mutex<VersionedMemory<Int64, Card>>
    private let windows: Mutex<VersionedMemory<Topic, [Candidate]>>
    /// The authors and reviewers the kept cards name, one instance per person and version: a site
    /// has a few dozen people and thousands of cards, and a person's bio is most of a card's bytes.
    private let people: Mutex<VersionedMemory<Int64, Author>>

    /// At most `capacity` lists and `cardCapacity` cards (and as many topic windows as lists, of
    /// which a site has hundreds at most, and people as cards).
    init(capacity: Int, cardCapacity: Int) {
        lists = Mutex(VersionedMemory(capacity: capacity))
        cards = Mutex(VersionedMemory(capacity: cardCapacity))
        windows = Mutex(VersionedMemory(capacity: min(capacity, 10_000)))
        people = Mutex(VersionedMemory(capacity: cardCapacity))
    }

    /// Each article's list at `version`, by article: those kept, and those `choose` makes for the
    /// keys not kept (which are then kept).
    func lists(_ keys: [Key], at version: ContentVersion, choose: ([Key]) throws -> [Key: [Int64]]) rethrows -> [Int64: [Int64]] {
        try Self.values(in: lists, keys, at: version, by: \.article, read: choose)
    }

    /// The cards of `ids` at `version`: those kept, and those `read` finds for the ids not kept
    /// (which are then kept).
    /// (which are then kept). The people of cards read here are the instances kept for them at
    /// `version`, so that cards share them.
    func cards(_ ids: some Collection<Int64>, at version: ContentVersion, read: ([Int64]) throws -> [Int64: Card]) rethrows -> [Int64: Card] {
        try Self.values(in: cards, ids, at: version, by: { $0 }) { missing in
            let fresh = try read(missing)
            return people.withLock { people in
                fresh.mapValues { card in
                    Card(article: card.article, people: card.people.map { person in
                        if let kept = people.value(person.id, at: version) { return kept }
                        people.keep(person.id, person, at: version)
                        return person
                    })
                }
            }
        }
    }

    /// The window of each topic at `version` (its newest articles, newest first): those kept, and
    /// those `read` finds for the topics not kept (which are then kept). Every article page with
    /// a tag in common asks for the same window, so it is read once per version, not once per page.
    func windows(_ topics: [Topic], at version: ContentVersion,
                 read: ([Topic]) throws -> [Topic: [Candidate]]) rethrows -> [Topic: [Candidate]] {
        try Self.values(in: windows, topics, at: version, by: { $0 }, read: read)
    }

    /// The values of `keys` in one memory, by what `by` makes of each key: looked up under the
    /// lock (which also finds the missing ones: each key is hashed once), the missing ones read
    /// outside it, then kept under it. `keys` may name a key more than once (the cards of several
    /// lists that share articles, say): `read` gets each missing key once all the same.
    private static func values<K: Hashable & Sendable, V: Sendable, R: Hashable>(in memory: borrowing Mutex<VersionedMemory<K, V>>,
                                                                                _ keys: some Collection<K>, at version: ContentVersion,
                                                                                by resultKey: (K) -> R,
                                                                                read: ([K]) throws -> [K: V]) rethrows -> [R: V] {
        var found: [R: V] = Dictionary(minimumCapacity: keys.count)
        var missing: [K] = []
        memory.withLock { memory in
            for key in keys {
                if let value = memory.value(key, at: version) { found[resultKey(key)] = value } else { missing.append(key) }
            }
        }
        guard !missing.isEmpty else { return found }
        // Most calls miss one key or none; only a longer list can repeat itself.
        if missing.count > 1 { missing = Array(Set(missing)) }
        let fresh = try read(missing)
        memory.withLock { memory in
            for (key, value) in fresh { memory.keep(key, value, at: version) }
        }
        for (key, value) in fresh { found[resultKey(key)] = value }
        return found
    }
}

/// Values by key, each with the content version it belongs to, at most `capacity` of them: when
/// full, each new key takes the place of the oldest one (first in, first out, through a ring of
/// the keys in the order they came). Not synchronized: `RelatedMemo` holds it under a lock.
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
