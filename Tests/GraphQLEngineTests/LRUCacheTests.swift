@testable import GraphQLEngine
import Testing

struct LRUCacheTests {
    @Test func evictsTheLeastRecentlyUsedEntry() {
        let cache = LRUCache<String, Int>(capacity: 3)
        for (index, key) in ["a", "b", "c"].enumerated() { cache.put(key, index) }
        #expect(cache.get("a") == 0)  // a is now the most recently used; b the least
        cache.put("d", 3)
        #expect(cache.get("b") == nil)
        #expect(cache.get("a") == 0 && cache.get("c") == 2 && cache.get("d") == 3)
        cache.put("c", 20)  // an update refreshes, never evicts
        #expect(cache.count == 3)
        cache.put("e", 4)  // a was used before c and d here: it goes
        #expect(cache.get("a") == nil)
        #expect(cache.get("c") == 20 && cache.get("d") == 3 && cache.get("e") == 4)
    }

    /// Past `maxWeight` the least recently used entries go until the new one fits; an entry
    /// heavier than `maxWeight` alone is not kept, and takes the entry it would replace with it.
    @Test func entriesAreBoundedByWeightToo() {
        let cache = LRUCache<String, [UInt8]>(capacity: 100, maxWeight: 10) { key, value in key.utf8.count + value.count }
        cache.put("a", [1, 2, 3])  // 4
        cache.put("b", [1, 2, 3])  // 8
        #expect(cache.get("a") != nil)  // b is now the least recently used
        cache.put("c", [1, 2, 3])  // 12 > 10: b goes
        #expect(cache.get("b") == nil && cache.get("a") != nil && cache.get("c") != nil)
        #expect(cache.count == 2 && cache.weight == 8)
        cache.put("d", Array(repeating: 0, count: 8))  // 9: a and c go
        #expect(cache.count == 1 && cache.weight == 9 && cache.get("d")?.count == 8)
        cache.put("d", Array(repeating: 0, count: 20))  // too heavy: not kept, and the old d goes
        #expect(cache.get("d") == nil && cache.count == 0 && cache.weight == 0)
        #expect(!cache.offer("e", Array(repeating: 0, count: 20)) && !cache.offer("e", Array(repeating: 0, count: 20)))
        for key in ["f", "g", "h", "f", "g"] { cache.put(key, [1]) }  // slots freed by weight are used again
        #expect(cache.count == 3 && cache.weight == 6)
    }

    @Test func staleValuesAreMisses() {
        let cache = LRUCache<String, Int>(capacity: 2)
        cache.put("a", 1)
        #expect(cache.get("a", isFresh: { $0 == 2 }) == nil)
        #expect(cache.get("a") == 1)
        #expect(cache.statistics.hits == 1 && cache.statistics.misses == 1)
    }

    @Test func manyEntriesStayBounded() {
        let cache = LRUCache<Int, Int>(capacity: 100)
        for key in 0..<10_000 { cache.put(key, key) }
        #expect(cache.count == 100)
        #expect((9_900..<10_000).allSatisfy { cache.get($0) == $0 })
        #expect(cache.get(9_899) == nil)
    }

    /// `offer` keeps a key from its second offer on, or at once when the key is held already; keys
    /// offered once, however many, never push out the entries in use.
    @Test func offersAreKeptFromTheSecondTimeOn() {
        let cache = LRUCache<Int, Int>(capacity: 10)
        #expect(!cache.offer(1, 10))
        #expect(cache.get(1) == nil)
        #expect(cache.offer(1, 11))
        #expect(cache.get(1) == 11)
        #expect(cache.offer(1, 12), "a held key is replaced at once")
        #expect(cache.get(1) == 12)
        for key in 100..<10_100 { cache.offer(key, key) }
        #expect(cache.count == 1, "keys offered once are not kept")
        #expect(cache.get(1) == 12, "and push nothing out")
        // Keys offered twice are kept, and go least recently used first, as ever.
        for key in 0..<20 where key != 1 {
            cache.offer(key, key)
            cache.offer(key, key)
        }
        #expect(cache.count == 10)
        cache.put(7, 70)
        #expect(cache.get(7) == 70, "put keeps at once, as before")
    }

    /// `offer(_:making:)` makes the value only when it is kept, and weighs what it made.
    @Test func offeredValuesAreMadeOnlyWhenKept() {
        let cache = LRUCache<Int, [Int]>(capacity: 10, maxWeight: 100) { _, value in value.count }
        var made = 0
        #expect(cache.offer(1, making: { made += 1; return [1] }) == nil)
        #expect(made == 0, "a first offer makes nothing")
        #expect(cache.offer(1, making: { made += 1; return [1, 2] }) == [1, 2])
        #expect(made == 1)
        #expect(cache.get(1) == [1, 2] && cache.weight == 2)
        #expect(cache.offer(2, making: { [0] }) == nil)
        #expect(cache.offer(2, making: { Array(repeating: 0, count: 101) }) == nil, "made, but too heavy to keep")
    }
}


struct ExactTextTests {
    /// Equal exactly when the bytes are: the byte comparison finds a difference at any offset of
    /// texts of any length (the eight-byte steps and the tail alike) and a difference in length;
    /// keys of canonically equal texts (equal as `String`s) differ.
    @Test func equalWhenTheBytesAre() {
        for length in 0..<24 {
            let bytes = (0..<length).map { UInt8(97 + $0 % 26) }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(ExactText(text) == ExactText(String(decoding: bytes, as: UTF8.self)))
            #expect(ExactText(text).hashValue == ExactText(String(decoding: bytes, as: UTF8.self)).hashValue)
            bytes.withUnsafeBytes { original in
                #expect(ExactText.same(original, original))
                (bytes + [0]).withUnsafeBytes { #expect(!ExactText.same(original, $0)) }
                for offset in 0..<length {
                    var changed = bytes
                    changed[offset] ^= 0x20
                    changed.withUnsafeBytes { #expect(!ExactText.same(original, $0), "\(length) \(offset)") }
                }
            }
        }
        let composed = "caf\u{E9} is a word", decomposed = "cafe\u{301} is a word"
        #expect(composed == decomposed)
        #expect(ExactText(composed) != ExactText(decomposed))
    }
}
