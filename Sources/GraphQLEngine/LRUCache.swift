import Synchronization

/// A bounded, thread-safe cache that drops the least recently used entry when full. Used for
/// prepared documents here and for HTTP responses by the server. Every operation is O(1): entries
/// sit in a doubly linked list (by slot index) from most to least recently used, so eviction never
/// scans the cache.
public final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var key: Key
        var value: Value
        /// Slot of the next more recently used entry, or -1.
        var newer: Int
        /// Slot of the next less recently used entry, or -1.
        var older: Int
    }

    private struct State {
        var slots: [Key: Int] = [:]
        var entries: [Entry] = []
        var newest = -1
        var oldest = -1
        var hits = 0
        var misses = 0

        mutating func unlink(_ slot: Int) {
            let (newer, older) = (entries[slot].newer, entries[slot].older)
            if newer >= 0 { entries[newer].older = older } else { newest = older }
            if older >= 0 { entries[older].newer = newer } else { oldest = newer }
        }

        mutating func makeNewest(_ slot: Int) {
            entries[slot].newer = -1
            entries[slot].older = newest
            if newest >= 0 { entries[newest].newer = slot }
            newest = slot
            if oldest < 0 { oldest = slot }
        }
    }

    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    /// The value for `key` when present and `isFresh` accepts it; a rejected value counts as a miss.
    public func get(_ key: Key, isFresh: (Value) -> Bool = { _ in true }) -> Value? {
        state.withLock { state in
            guard let slot = state.slots[key], isFresh(state.entries[slot].value) else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            if slot != state.newest {
                state.unlink(slot)
                state.makeNewest(slot)
            }
            return state.entries[slot].value
        }
    }

    public func put(_ key: Key, _ value: Value) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if let slot = state.slots[key] {
                state.entries[slot].value = value
                state.unlink(slot)
                state.makeNewest(slot)
            } else if state.entries.count < capacity {
                state.entries.append(Entry(key: key, value: value, newer: -1, older: -1))
                state.slots[key] = state.entries.count - 1
                state.makeNewest(state.entries.count - 1)
            } else {
                // Full: the least recently used entry's slot takes the new entry.
                let slot = state.oldest
                state.unlink(slot)
                state.slots[state.entries[slot].key] = nil
                state.entries[slot].key = key
                state.entries[slot].value = value
                state.slots[key] = slot
                state.makeNewest(slot)
            }
        }
    }

    /// How many entries the cache holds.
    public var count: Int { state.withLock { $0.entries.count } }

    public var statistics: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}
