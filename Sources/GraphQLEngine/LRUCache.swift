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
        /// Hashes of keys `offer` has seen once and not kept (see `offer`); 0 is an empty slot.
        var sightings: [Int] = []

        mutating func unlink(_ slot: Int) {
            let (newer, older) = (entries[slot].newer, entries[slot].older)
            if newer >= 0 { entries[newer].older = older } else { newest = older }
            if older >= 0 { entries[older].newer = newer } else { oldest = newer }
        }

        mutating func put(_ key: Key, _ value: Value, capacity: Int) {
            if let slot = slots[key] {
                entries[slot].value = value
                unlink(slot)
                makeNewest(slot)
            } else if entries.count < capacity {
                entries.append(Entry(key: key, value: value, newer: -1, older: -1))
                slots[key] = entries.count - 1
                makeNewest(entries.count - 1)
            } else {
                // Full: the least recently used entry's slot takes the new entry.
                let slot = oldest
                unlink(slot)
                slots[entries[slot].key] = nil
                entries[slot].key = key
                entries[slot].value = value
                slots[key] = slot
                makeNewest(slot)
            }
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
        state.withLock { $0.put(key, value, capacity: capacity) }
    }

    /// `put` for a key seen before: one the cache holds (a stale value, say) or one offered
    /// recently. A key's first offer is only noted, so a stream of requests that never come again
    /// (a crawler walking every page, every search as it is typed) cannot push out the entries that
    /// are asked for again and again; a key asked for twice is kept from its second time on. The
    /// keys noted are a table of hashes four times the capacity in size, each key in one slot by
    /// its hash, so a note lasts until another key lands on its slot. Returns whether it was kept.
    @discardableResult
    public func offer(_ key: Key, _ value: Value) -> Bool {
        guard capacity > 0 else { return false }
        let hashValue = key.hashValue
        let hash = hashValue == 0 ? 1 : hashValue
        return state.withLock { state in
            if state.slots[key] == nil {
                if state.sightings.isEmpty {
                    state.sightings = Array(repeating: 0, count: 1 << (Int.bitWidth - (capacity * 4 - 1).leadingZeroBitCount))
                }
                let slot = hash & (state.sightings.count - 1)
                guard state.sightings[slot] == hash else {
                    state.sightings[slot] = hash
                    return false
                }
                state.sightings[slot] = 0
            }
            state.put(key, value, capacity: capacity)
            return true
        }
    }

    /// How many entries the cache holds.
    public var count: Int { state.withLock { $0.entries.count } }

    public var statistics: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}
