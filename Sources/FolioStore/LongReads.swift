import Foundation

/// Threads of their own for reads that can run long, at most `width` at a time.
///
/// Request reads run on the calling thread, which in the server is an event loop: most are a few
/// statements of well under a millisecond. A full-text search is not: merging the index entries
/// of many common prefixes takes most of a second at 100,000 articles, inside one SQLite call that
/// neither an interruption nor the progress handler reaches. On an event loop it holds every other
/// request that loop serves for that long; here it waits for a lane and holds only a lane. Reads
/// waiting for a lane start in arrival order.
///
/// The read answers to the caller's `ReadInterruption` on its thread as on the caller's: a request
/// past its time limit stops the statement, and a read that gets its lane after the deadline fails
/// at once. Lanes are threads of `LongReads`, not of a shared pool, so a lane busy for a second
/// never waits on a pool's judgement of when to add a thread.
final class LongReads: @unchecked Sendable {
    let width: Int
    /// Guards the fields below; lane threads wait on it for work.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var threads = 0
    private var idle = 0
    /// How long a lane's thread waits for work before it ends (another starts when work comes).
    private static let linger = 10.0
    private static let threadName = "folio long read"

    /// Lanes for one fewer read than the machine has cores (at least one), so a core is always
    /// left to the event loops.
    init(width: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) {
        precondition(width >= 1)
        self.width = width
    }

    /// Whether the calling code runs on a lane of some `LongReads` (for tests).
    static var isCurrent: Bool { Thread.current.name == threadName }

    /// Runs `body` on a lane's thread and returns what it returns.
    func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        let interruption = ReadInterruption.current
        return try await withCheckedThrowingContinuation { continuation in
            submit {
                continuation.resume(with: Result { try ReadInterruption.$current.withValue(interruption) { try body() } })
            }
        }
    }

    /// Queues a job; starts a lane's thread when the job would otherwise wait while fewer than
    /// `width` threads run. Threads are started only as work needs them, so a store that never
    /// searches has none.
    private func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        jobs.append(job)
        if idle > 0 { condition.signal() }
        if jobs.count > idle, threads < width {
            threads += 1
            Thread.detachNewThread { [self] in
                Thread.current.name = Self.threadName
                work()
            }
        }
    }

    /// A lane's thread: jobs in arrival order, until none comes for a while.
    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty {
                idle += 1
                let signalled = condition.wait(until: Date(timeIntervalSinceNow: Self.linger))
                idle -= 1
                if !signalled, jobs.isEmpty {
                    threads -= 1
                    condition.unlock()
                    return
                }
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
            condition.lock()
        }
    }
}
