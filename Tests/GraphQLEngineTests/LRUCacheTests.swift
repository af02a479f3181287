import GraphQLEngine
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
}
