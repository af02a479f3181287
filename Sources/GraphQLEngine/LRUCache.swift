import Synchronization

/// A bounded, thread-safe cache that drops the least recently used entries when full: past its
/// count of entries, or past the weight they may have together. Used for prepared documents here
/// and for HTTP responses by the server. Every operation is O(1) but for the entries an insertion
/// evicts: entries sit in a doubly linked list (by slot index) from most to least recently used, so
/// eviction never scans the cache.
public final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        /// Nil in a free slot.
        var key: Key?
        var value: Value?
        var weight: Int
        /// Slot of the next more recently used entry, or -1.
        var newer: Int
        /// Slot of the next less recently used entry, or -1.
        var older: Int
    }

    private struct State {
        var slots: [Key: Int] = [:]
        var entries: [Entry] = []
        /// Slots emptied by evictions for weight, taken again first.
        var free: [Int] = []
        var newest = -1
        var oldest = -1
        /// The weights of the entries held, summed.
        var weight = 0
        var hits = 0
        var misses = 0
        /// Hashes of keys `offer` has seen once and not kept (see `offer`); 0 is an empty slot.
        var sightings: [Int] = []

        mutating func unlink(_ slot: Int) {
            let (newer, older) = (entries[slot].newer, entries[slot].older)
            if newer >= 0 { entries[newer].older = older } else { newest = older }
            if older >= 0 { entries[older].newer = newer } else { oldest = newer }
        }

        mutating func remove(_ slot: Int) {
            unlink(slot)
            if let key = entries[slot].key { slots[key] = nil }
            weight -= entries[slot].weight
            entries[slot] = Entry(key: nil, value: nil, weight: 0, newer: -1, older: -1)
            free.append(slot)
        }

        /// Keeps the entry as the most recently used, first dropping the least recently used ones
        /// while the cache holds `capacity` entries or the new one's weight would pass `maxWeight`.
        /// An entry heavier than `maxWeight` alone is not kept (and one it replaces goes).
        mutating func put(_ key: Key, _ value: Value, weight entryWeight: Int, capacity: Int, maxWeight: Int) {
            if let slot = slots[key] { remove(slot) }
            guard entryWeight <= maxWeight else { return }
            while oldest >= 0, slots.count >= capacity || weight > maxWeight - entryWeight { remove(oldest) }
            let entry = Entry(key: key, value: value, weight: entryWeight, newer: -1, older: -1)
            let slot: Int
            if let reused = free.popLast() {
                slot = reused
                entries[slot] = entry
            } else {
                entries.append(entry)
                slot = entries.count - 1
            }
            slots[key] = slot
            weight += entryWeight
            makeNewest(slot)
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
    /// The most the entries may weigh together (by `weigh`): bytes, say, so that a few large
    /// values cannot take the memory that `capacity` small ones would.
    public let maxWeight: Int
    private let weigh: @Sendable (Key, Value) -> Int

    public init(capacity: Int, maxWeight: Int = .max, weigh: @escaping @Sendable (Key, Value) -> Int = { _, _ in 0 }) {
        self.capacity = capacity
        self.maxWeight = maxWeight
        self.weigh = weigh
    }

    /// The value for `key` when present and `isFresh` accepts it; a rejected value counts as a miss.
    public func get(_ key: Key, isFresh: (Value) -> Bool = { _ in true }) -> Value? {
        state.withLock { state in
            guard let slot = state.slots[key], let value = state.entries[slot].value, isFresh(value) else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            if slot != state.newest {
                state.unlink(slot)
                state.makeNewest(slot)
            }
            return value
        }
    }

    public func put(_ key: Key, _ value: Value) {
        guard capacity > 0 else { return }
        let weight = weigh(key, value)
        state.withLock { $0.put(key, value, weight: weight, capacity: capacity, maxWeight: maxWeight) }
    }

    /// `put` for a key seen before: one the cache holds (a stale value, say) or one offered
    /// recently. A key's first offer is only noted, so a stream of requests that never come again
    /// (a crawler walking every page, every search as it is typed) cannot push out the entries that
    /// are asked for again and again; a key asked for twice is kept from its second time on. The
    /// keys noted are a table of hashes four times the capacity in size, each key in one slot by
    /// its hash, so a note lasts until another key lands on its slot. Returns whether it was kept.
    @discardableResult
    public func offer(_ key: Key, _ value: Value) -> Bool {
        offer(key, making: { value }) != nil
    }

    /// `offer` with the value made only when it is to be kept, outside the cache's lock: for a
    /// value whose kept form costs work (a compressed copy, say) that a request seen once should
    /// not pay. Returns the value kept, or nil.
    public func offer(_ key: Key, making make: () -> Value) -> Value? {
        guard capacity > 0 else { return nil }
        let hashValue = key.hashValue
        let hash = hashValue == 0 ? 1 : hashValue
        let seenBefore = state.withLock { state in
            guard state.slots[key] == nil else { return true }
            if state.sightings.isEmpty {
                state.sightings = Array(repeating: 0, count: 1 << (Int.bitWidth - (capacity * 4 - 1).leadingZeroBitCount))
            }
            let slot = hash & (state.sightings.count - 1)
            guard state.sightings[slot] == hash else {
                state.sightings[slot] = hash
                return false
            }
            state.sightings[slot] = 0
            return true
        }
        guard seenBefore else { return nil }
        let value = make()
        let weight = weigh(key, value)
        return state.withLock { state in
            state.put(key, value, weight: weight, capacity: capacity, maxWeight: maxWeight)
            return state.slots[key] != nil ? value : nil
        }
    }

    /// How many entries the cache holds.
    public var count: Int { state.withLock { $0.slots.count } }

    /// The weights of the entries held, summed.
    public var weight: Int { state.withLock { $0.weight } }

    public var statistics: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}
