import Foundation
import Synchronization

/// A finished GraphQL HTTP response, kept for identical anonymous requests.
struct CachedResponse: Sendable {
    var status: Int
    var contentType: String
    var body: [UInt8]
    var etag: String
    /// The store's change sequence number when the response was made: a later content write, from
    /// any process, makes the entry stale.
    var generation: Int64
}

/// Responses to anonymous requests, keyed by everything that shapes them, bounded in size with the
/// least recently used entry out first.
final class ResponseCache: Sendable {
    private struct State {
        var entries: [String: (response: CachedResponse, used: UInt64)] = [:]
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }
    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The cached response for `key` if it was made at `generation`.
    func get(_ key: String, generation: Int64) -> CachedResponse? {
        state.withLock { state in
            state.clock += 1
            guard let entry = state.entries[key], entry.response.generation == generation else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            state.entries[key]?.used = state.clock
            return entry.response
        }
    }

    func put(_ key: String, _ response: CachedResponse) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if state.entries.count >= capacity, state.entries[key] == nil,
               let oldest = state.entries.min(by: { $0.value.used < $1.value.used })?.key {
                state.entries[oldest] = nil
            }
            state.clock += 1
            state.entries[key] = (response, state.clock)
        }
    }

    var statistics: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}

/// A strong entity tag for response bytes: FNV-1a 64 over the body, which changes whenever a byte
/// does (a validator, not a security measure).
enum EntityTag {
    static func of(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an If-None-Match header names this tag (or `*`).
    static func matches(_ header: String?, _ tag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { part in
            let candidate = part.trimmingCharacters(in: .whitespaces)
            return candidate == "*" || candidate == tag || candidate == "W/" + tag
        }
    }
}
