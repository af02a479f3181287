import FolioContent
public import FolioStore
public import Foundation
import Synchronization

/// What every resolver of a request gets: the store, the request's clock, and whether the caller
/// may see drafts and scheduled content (a preview token).
public struct APIContext: Sendable {
    public var store: ContentStore
    public var now: Date
    public var canPreview: Bool
    /// The content version the request was answered at, when the caller already asked for it (the
    /// response cache does, for anonymous requests): the store's memories of related lists use it
    /// instead of asking again. Nil: the store asks.
    public var version: ContentVersion?
    /// Rows this request has read, shared by every field that shows them (see `RequestRows`).
    let rows = RequestRows()

    public init(store: ContentStore, now: Date = Date(), canPreview: Bool = false) {
        self.store = store
        self.now = now
        self.canPreview = canPreview
    }

    /// Keeps the authors and reviewers read along with related articles (when there are any), and
    /// `others`.
    func keepPeople(of related: RelatedArticles?, _ others: Author?...) {
        var people = related?.people ?? [:]
        for case let person? in others { people[person.id] = person }
        rows.authors.store(contentsOf: people)
    }

    /// The instant the public sees content at, or nil when everything is visible.
    var visibleAt: Date? { canPreview ? nil : now }
}

/// The rows one request has read: authors, and the body, headings, procedures and related
/// articles an article was read with (see `Query.article`). One object per request, whatever
/// it reads.
final class RequestRows: Sendable {
    let authors = RowCache<Int64, Author>()
    let bodyHTML = RowCache<Int64, String>()
    let headings = RowCache<Int64, [Heading]>()
    let procedures = RowCache<Int64, [Procedure]>()
    /// Related articles by source article and list length (`first`).
    let related = RowCache<RelatedKey, [Article]>()
    /// Sizes of article lists by filter: a list below every item of another (each procedure's
    /// articles on an article list, say) is counted once per filter, not once per item.
    private let sizes = RowCache<ArticleFilter, Int>()

    /// The sizes of the lists `filters` give: those this request has not counted yet are counted
    /// by one call of `read`, which returns them in the order it was given them.
    func counts(_ filters: Set<ArticleFilter>, read: ([ArticleFilter]) async throws -> [Int]) async throws -> [ArticleFilter: Int] {
        let keys = Array(filters)
        let sizes = try await sizes.values(keys) { missing in
            Dictionary(uniqueKeysWithValues: zip(missing, try await read(missing)))
        }
        return Dictionary(uniqueKeysWithValues: zip(keys, sizes).compactMap { key, size in size.map { (key, $0) } })
    }
}

/// A related list's place in the request's rows: the article it belongs to and how many it holds.
struct RelatedKey: Hashable, Sendable {
    var article: Int64
    var limit: Int
}

/// Rows of one kind one request has read, by key (an id, or a list's filter): a later field that
/// needs the same rows finds them here instead of asking the store again (the article's reviewer
/// after its author, say).
struct RowCache<Key: Hashable & Sendable, Value: Sendable>: ~Copyable, Sendable {
    private let loaded = Mutex<[Key: Value]>([:])

    /// Keeps a value read along with something else.
    func store(_ key: Key, _ value: Value?) {
        guard let value else { return }
        loaded.withLock { $0[key] = value }
    }

    /// Keeps values read along with something else, under one lock. An empty cache takes them as
    /// they are, without copying them one by one into a table of its own.
    func store(contentsOf values: [Key: Value]) {
        loaded.withLock { if $0.isEmpty { $0 = values } else { $0.merge(values) { $1 } } }
    }

    /// The value stored under `key`, at hand without a read: nil when `key` is not read yet, and a
    /// nil value for a nil key (nothing to read). For `FieldResolver.knownOrBatch`.
    func known(_ key: Key?) -> Any?? {
        guard let key else { return .some(nil) }
        return loaded.withLock { $0[key] }.map { $0 }
    }

    /// The values stored under `keys`, in their order (nil for a nil key, and for a key `read` has
    /// no value for). When any is not read yet, one call of `read` reads those not read yet of
    /// `keys` and of `along` (rows the next field will want: an article's reviewer with its author).
    /// An array in, an array out: a field below one article costs no set or dictionary.
    func values(_ keys: [Key?], along: @autoclosure () -> [Key] = [],
                read: ([Key]) async throws -> [Key: Value]) async throws -> [Value?] {
        var found = loaded.withLock { cache in keys.map { key in key.flatMap { cache[$0] } } }
        // Each key missing once, in the order first asked for.
        var missing: [Key] = [], seen = Set<Key>()
        for (key, value) in zip(keys, found) where value == nil {
            if let key, seen.insert(key).inserted { missing.append(key) }
        }
        guard !missing.isEmpty else { return found }
        let alsoMissing = loaded.withLock { cache in along().filter { cache[$0] == nil } }
        for key in alsoMissing where seen.insert(key).inserted { missing.append(key) }
        let fresh = try await read(missing)
        store(contentsOf: fresh)
        for index in found.indices where found[index] == nil { found[index] = keys[index].flatMap { fresh[$0] } }
        return found
    }
}
