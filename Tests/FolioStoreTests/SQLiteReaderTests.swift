@testable import FolioStore
import Foundation
import Synchronization
import Testing

/// The request path's statements: kept prepared per connection, one at a time per SQL text.
struct SQLiteReaderTests {
    @Test func keptStatementsRunAgainAndNestedRunsOfTheSameSQLGetTheirOwn() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.save([StoreFixture.author(), StoreFixture.article("a"), StoreFixture.article("b"),
                                      StoreFixture.article("c")])
        let pool = ReadPool(path: fixture.folder.appending(path: "folio.sqlite").path, onStatement: nil, onRead: nil)
        let slugs = "SELECT slug FROM articles ORDER BY slug"
        let pairs = try pool.read(snapshot: true) { reader in
            var pairs: [String] = []
            // The same SQL inside its own rows: the inner run must not reset the outer statement.
            var outerRows = 0
            try reader.each(slugs) { outer in
                // A reset outer statement would start over forever: stop it instead.
                outerRows += 1
                guard outerRows <= 3 else { throw CancellationError() }
                let first = outer.text(0)
                try reader.each(slugs) { inner in pairs.append(first + inner.text(0)) }
            }
            return pairs
        }
        #expect(pairs == ["aa", "ab", "ac", "ba", "bb", "bc", "ca", "cb", "cc"])
        // Afterwards the kept statement is free again, with its bindings cleared.
        for slug in ["a", "b", "zz"] {
            let found = try pool.read(snapshot: false) { reader in
                try reader.one("SELECT slug FROM articles WHERE slug = ?", [.text(slug)]) { $0.text(0) }
            }
            #expect(found == (slug == "zz" ? nil : slug))
        }
        // Texts of one length that agree in their first and last 16 bytes are still different statements.
        let counts = try pool.read(snapshot: false) { reader in
            try ["SELECT count(*) + 1 FROM articles WHERE 1 = 1", "SELECT count(*) + 2 FROM articles WHERE 1 = 1"]
                .map { try reader.integer($0) }
        }
        #expect(counts == [4, 5])
    }

    /// A thread reads again with the connection it read with last, when that one is idle, even if
    /// another thread returned its own connection since (taking the last one returned handed each
    /// connection's page cache from core to core). The connections tell themselves apart by their
    /// cache size, which each thread's first read sets.
    @Test func aThreadReadsAgainWithTheConnectionItReadWithLast() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.save([StoreFixture.author(), StoreFixture.article("a")])
        let pool = ReadPool(path: fixture.folder.appending(path: "folio.sqlite").path, onStatement: nil, onRead: nil)
        let (firstIn, secondIn, firstOut, secondOut, done) =
            (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0),
             DispatchSemaphore(value: 0))
        let seen = Mutex<[Int]>([])
        let failures = Mutex<[String]>([])
        @Sendable func record(_ body: () throws -> Void) {
            do { try body() } catch { failures.withLock { $0.append("\(error)") } }
        }
        // A wait that gives up: when one thread fails, the other reports it instead of waiting forever.
        @Sendable func pass(_ semaphore: DispatchSemaphore) throws {
            guard semaphore.wait(timeout: .now() + 30) == .success else { throw CancellationError() }
        }
        // A read that marks its connection, says it is in, and keeps the connection until released.
        @Sendable func hold(marking size: Int, in inside: DispatchSemaphore, until release: DispatchSemaphore) throws {
            try pool.read(snapshot: false) { reader in
                try reader.each("PRAGMA cache_size = \(size)") { _ in }
                inside.signal()
                try pass(release)
            }
        }
        // Both threads hold a connection at once, so there are two; the first thread gives its
        // back first, so the second thread's is the one returned last when the first reads again.
        Thread {
            record {
                try hold(marking: -1111, in: firstIn, until: secondIn)
                firstOut.signal()
                try pass(secondOut)
                let size = try pool.read(snapshot: false) { try $0.integer("PRAGMA cache_size") }
                seen.withLock { $0.append(size) }
            }
            done.signal()
        }.start()
        Thread {
            record {
                try pass(firstIn)
                try hold(marking: -2222, in: secondIn, until: firstOut)
            }
            secondOut.signal()
            done.signal()
        }.start()
        for _ in 0..<2 { await withCheckedContinuation { continuation in
            DispatchQueue.global().async { done.wait(); continuation.resume() }
        } }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(seen.withLock { $0 } == [-1111])
    }
}
