import Foundation

/// Threads of their own for work that can run long, at most `width` at a time: reads, and whole
/// executions of costly queries (as a `TaskExecutor`).
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
///
/// The same holds for a query that reads a great deal in many short statements (a hundred articles
/// with ten related articles each): no single read is long, but the whole execution holds its event
/// loop for milliseconds. As a task executor the lanes run such executions (see
/// `ContentStore.longWork`), and a read made on a lane runs in place.
final class LongReads: TaskExecutor, @unchecked Sendable {
    let width: Int
    /// Guards the fields below; lane threads wait on it for work.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var threads = 0
    private var idle = 0
    /// How long a lane's thread waits for work before it ends (another starts when work comes).
    private static let linger = 10.0
    private static let threadName = "folio long read"

    /// A lane for each core: long work alone may use the whole machine, and the lanes' lower
    /// priority (`yieldToOthers`) leaves the cores to the event loops whenever they have work.
    init(width: Int = ProcessInfo.processInfo.activeProcessorCount) {
        precondition(width >= 1)
        self.width = width
    }

    /// Whether the calling code runs on a lane of some `LongReads`.
    static var isCurrent: Bool { pthread_getspecific(laneKey) != nil }
    /// Set (to any non-nil value) on lane threads only. By the thread's own storage rather than
    /// `Thread.current.name`, which proved unreliable once tasks ran on lanes: tests saw a
    /// search's statements run, and `Thread.current` named, on one of Dispatch's threads.
    private static let laneKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0)
        return key
    }()

    /// Runs `body` on a lane's thread and returns what it returns; in place when called on one
    /// (by an execution the lanes run), where handing it to a lane would only add two switches.
    func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        if Self.isCurrent { return try body() }
        let interruption = ReadInterruption.current
        return try await withCheckedThrowingContinuation { continuation in
            submit {
                continuation.resume(with: Result { try ReadInterruption.$current.withValue(interruption) { try body() } })
            }
        }
    }

    /// Runs a job of a task that prefers the lanes, in turn with the reads.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        submit { [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }
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
                pthread_setspecific(Self.laneKey, UnsafeRawPointer(bitPattern: 1))
                Self.yieldToOthers()
                work()
            }
        }
    }

    /// Lowers the calling thread's priority (nice 10; Linux keeps one per thread): when a lane and an
    /// event loop both want a core, the kernel gives the event loop about nine tenths of it, so
    /// cheap requests are answered in their usual time while long work waits its turn.
    private static func yieldToOthers() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
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
