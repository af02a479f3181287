@testable import FolioStore
import Foundation
import Synchronization
import Testing

/// Reads that can run long run on lanes of their own, a few at a time, under the caller's
/// interruption.
struct LongReadsTests {
    /// Full-text searches and their counts run on a lane, not on the thread that asks (in the
    /// server, an event loop every other request on it waits for); other reads stay where they are
    /// asked; a search past its request's deadline fails like any read.
    @Test func searchesRunOnALaneAndKeepTheirDeadline() async throws {
        let fixture = try StoreFixture()
        let onLane = Mutex<[(sql: String, onLane: Bool)]>([])
        let store = try ContentStore(path: fixture.store.path) { sql in onLane.withLock { $0.append((sql, LongReads.isCurrent)) } }
        try await store.save([StoreFixture.author()] + (0..<3).map { StoreFixture.article("spine-\($0)") }, now: StoreFixture.at(1))
        onLane.withLock { $0.removeAll() }

        let (hits, _) = try await store.search("spine", visibleAt: StoreFixture.at(2), limit: 2, offset: 0)
        #expect(hits.count == 2)
        #expect(try await store.countSearch("spi", visibleAt: StoreFixture.at(2)) == 3)
        let searches = onLane.withLock { log in defer { log.removeAll() }; return log }
        #expect(searches.filter { $0.sql.contains("MATCH") }.count >= 3, "\(searches.map(\.sql))")
        #expect(searches.allSatisfy { $0.onLane }, "\(searches)")
        _ = try await store.article(slug: "spine-0", with: ArticleExtras())
        let others = onLane.withLock { $0 }
        #expect(!others.isEmpty && others.allSatisfy { !$0.onLane }, "\(others)")

        let expired = ReadInterruption(deadline: .now - .seconds(1))
        await #expect(throws: SQLiteError.self) {
            try await ReadInterruption.$current.withValue(expired) {
                _ = try await store.search("spine", visibleAt: StoreFixture.at(2), limit: 2, offset: 0)
            }
        }
        #expect(try await store.countSearch("spine", visibleAt: StoreFixture.at(2)) == 3, "the lane serves the next read")
    }

    /// No more than `width` reads run at once; the rest wait for a lane and all finish, each with
    /// its own answer or error, and each sees the interruption of whoever asked.
    @Test func lanesBoundHowManyRunAtOnce() async throws {
        let lanes = LongReads(width: 2)
        final class Running: Sendable { let counts = Mutex((now: 0, most: 0)) }
        let running = Running()
        // Every read holds its lane until the test opens the gate.
        let gate = DispatchSemaphore(value: 0)
        struct Refused: Error {}
        async let results = withTaskGroup(of: Result<Int, any Error>.self) { group in
            for index in 0..<8 {
                group.addTask {
                    await Result {
                        try await lanes.run {
                            running.counts.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                            gate.wait()
                            running.counts.withLock { $0.now -= 1 }
                            if index == 5 { throw Refused() }
                            return index
                        }
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let since = ContinuousClock.now
        while running.counts.withLock({ $0.now }) < 2, ContinuousClock.now - since < .seconds(30) {
            try await Task.sleep(for: .milliseconds(5))
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(running.counts.withLock { $0.now } == 2, "two lanes busy, the other six reads waiting")
        for _ in 0..<8 { gate.signal() }
        let finished = await results
        #expect(running.counts.withLock { $0.most } == 2)
        #expect(Set(finished.compactMap { try? $0.get() }) == Set([0, 1, 2, 3, 4, 6, 7]))
        #expect(finished.filter { (try? $0.get()) == nil }.count == 1)

        let interruption = ReadInterruption()
        let seen = try await ReadInterruption.$current.withValue(interruption) {
            try await lanes.run { ReadInterruption.current === interruption && LongReads.isCurrent }
        }
        #expect(seen)
        #expect(!LongReads.isCurrent)

        // Lanes yield to the event loops: their threads run at nice 10 (when the caller is below it).
        #if os(Linux)
        let niceness = { @Sendable in getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        let onLane = try await lanes.run { niceness() }
        #expect(niceness() >= 10 || onLane == 10, "lane \(onLane), caller \(niceness())")
        #endif
    }
}

extension LongReadsTests {
    /// The lanes run whole executions too (as a task executor): every read made there, searches
    /// included, runs on a lane.
    @Test func executionsOnTheLanesReadThere() async throws {
        let fixture = try StoreFixture()
        let onLane = Mutex<[Bool]>([])
        let store = try ContentStore(path: fixture.store.path) { _ in onLane.withLock { $0.append(LongReads.isCurrent) } }
        try await store.save([StoreFixture.author()] + (0..<3).map { StoreFixture.article("spine-\($0)") }, now: StoreFixture.at(1))
        onLane.withLock { $0.removeAll() }
        let (hits, found, running) = try await withTaskExecutorPreference(store.longWork) {
            let hits = try await store.search("spine", visibleAt: StoreFixture.at(2), limit: 2, offset: 0).0.count
            let found = try await store.article(slug: "spine-1", with: ArticleExtras()) != nil
            return (hits, found, LongReads.isCurrent)
        }
        #expect(hits == 2 && found && running)
        let statements = onLane.withLock { $0 }
        #expect(statements.count >= 2 && statements.allSatisfy { $0 }, "\(statements)")
    }
}

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
