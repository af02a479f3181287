import FolioContent
import Synchronization
import Testing

struct PrefetchTests {
    @Test func valuesArriveInOrderAndTheProducerStaysBounded() {
        let made = Mutex(0)
        let prefetch = Prefetch(count: 50, lookahead: 3) { index in
            made.withLock { $0 += 1 }
            return index * index
        }
        var seen: [Int] = []
        while let value = prefetch.next() {
            // The producer is never more than `lookahead` values ahead of what was taken.
            #expect(made.withLock { $0 } <= seen.count + 1 + 3)
            seen.append(value)
        }
        #expect(seen == (0..<50).map { $0 * $0 })
        #expect(prefetch.next() == nil)
    }

    @Test func cancellingStopsTheProducer() async throws {
        let made = Mutex(0)
        let prefetch = Prefetch(count: 1_000, lookahead: 2) { index in
            made.withLock { $0 += 1 }
            return index
        }
        #expect(prefetch.next() == 0)
        prefetch.cancel()
        try await Task.sleep(for: .milliseconds(100))
        #expect(made.withLock { $0 } <= 4)
    }
}
