import Synchronization

/// A bounded, thread-safe cache that drops the least recently used entry when full. Used for
/// prepared documents here and for HTTP responses by the server.
public final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var entries: [Key: (value: Value, used: UInt64)] = [:]
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }
    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    /// The value for `key` when present and `isFresh` accepts it; a rejected value counts as a miss.
    public func get(_ key: Key, isFresh: (Value) -> Bool = { _ in true }) -> Value? {
        state.withLock { state in
            state.clock += 1
            guard let entry = state.entries[key], isFresh(entry.value) else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            state.entries[key]?.used = state.clock
            return entry.value
        }
    }

    public func put(_ key: Key, _ value: Value) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if state.entries.count >= capacity, state.entries[key] == nil,
               let oldest = state.entries.min(by: { $0.value.used < $1.value.used })?.key {
                state.entries[oldest] = nil
            }
            state.clock += 1
            state.entries[key] = (value, state.clock)
        }
    }

    public var statistics: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}
