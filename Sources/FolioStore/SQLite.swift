import GRDB
import GRDBSQLite
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value bound to a `?` of a statement.
enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case text(String)
    case null

    init(_ value: Int) { self = .integer(Int64(value)) }
}

/// The row a statement is on, read column by column (0-based) straight from SQLite. Valid only
/// inside the closure it is handed to.
struct SQLiteRow {
    fileprivate let statement: OpaquePointer

    func isNull(_ column: Int) -> Bool { sqlite3_column_type(statement, Int32(column)) == SQLITE_NULL }
    func int64(_ column: Int) -> Int64 { sqlite3_column_int64(statement, Int32(column)) }
    func int(_ column: Int) -> Int { Int(int64(column)) }
    func double(_ column: Int) -> Double { sqlite3_column_double(statement, Int32(column)) }
    func optionalInt64(_ column: Int) -> Int64? { isNull(column) ? nil : int64(column) }
    func optionalInt(_ column: Int) -> Int? { isNull(column) ? nil : int(column) }

    /// The column as text ("" for NULL). SQLite keeps the bytes until the row moves on.
    func text(_ column: Int) -> String {
        guard let bytes = sqlite3_column_text(statement, Int32(column)) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, Int32(column)))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int) -> String? { isNull(column) ? nil : text(column) }
}

/// A statement that SQLite refused or that failed while running.
struct SQLiteError: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var sql: String

    var description: String { "SQLite error \(code): \(message) (in \(sql))" }
}

/// Statements run on one connection through SQLite's C API: the reads a request makes, without a
/// row object, a column-name table or a generic decoding step per value in between (about half
/// the cost of an article page's reads went there through GRDB's rows). The connection is one of
/// `ReadPool`'s, whose statements stay prepared, or GRDB's own inside one of its accesses, whose
/// statements are prepared for one use (the editorial paths that read inside a write).
struct SQLiteReader {
    fileprivate let handle: OpaquePointer
    fileprivate let prepared: PreparedStatements?

    /// A reader over the connection of a GRDB access, valid only inside it.
    init(_ db: Database) {
        handle = db.sqliteConnection!
        prepared = nil
    }

    fileprivate init(handle: OpaquePointer, prepared: PreparedStatements) {
        self.handle = handle
        self.prepared = prepared
    }

    /// Runs `sql` with `arguments` bound to its `?`s in order, calling `body` on each row.
    /// `keep: false` prepares a statement of a one-off shape for this run only.
    func each(_ sql: String, _ arguments: [SQLValue] = [], keep: Bool = true,
              _ body: (SQLiteRow) throws -> Void) throws {
        try run(sql, arguments, keep: keep) { row in
            try body(row)
            return true
        }
    }

    /// Steps through the rows while `body` returns true.
    private func run(_ sql: String, _ arguments: [SQLValue], keep: Bool, _ body: (SQLiteRow) throws -> Bool) throws {
        // A kept statement is marked busy while it runs, so a read nested in `body` never steps the
        // same one (it gets a statement for that run only).
        let candidate = keep ? try prepared?.statement(for: sql) { try prepare(sql, persistent: true) } : nil
        let kept = candidate?.busy == false ? candidate : nil
        let statement = try kept?.statement ?? prepare(sql, persistent: false)
        kept?.busy = true
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            if let kept { kept.busy = false } else { sqlite3_finalize(statement) }
        }
        for (index, argument) in arguments.enumerated() {
            let position = Int32(index + 1)
            let result = switch argument {
            case .integer(let value): sqlite3_bind_int64(statement, position, value)
            case .text(let value): sqlite3_bind_text(statement, position, value, Int32(value.utf8.count), transient)
            case .null: sqlite3_bind_null(statement, position)
            }
            guard result == SQLITE_OK else { throw failure(result, sql) }
        }
        while true {
            let result = sqlite3_step(statement)
            if result == SQLITE_ROW {
                guard try body(SQLiteRow(statement: statement)) else { return }
            } else if result == SQLITE_DONE {
                return
            } else {
                throw failure(result, sql)
            }
        }
    }

    /// Every row, decoded.
    func all<Value>(_ sql: String, _ arguments: [SQLValue] = [], _ decode: (SQLiteRow) throws -> Value) throws -> [Value] {
        var values: [Value] = []
        try each(sql, arguments) { values.append(try decode($0)) }
        return values
    }

    /// The first row, decoded; nil when there is none.
    func one<Value>(_ sql: String, _ arguments: [SQLValue] = [], _ decode: (SQLiteRow) throws -> Value) throws -> Value? {
        var value: Value?
        try run(sql, arguments, keep: true) { row in
            value = try decode(row)
            return false
        }
        return value
    }

    /// The integer in the first column of the first row (0 when there is no row).
    func integer(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
        try one(sql, arguments) { $0.int(0) } ?? 0
    }

    private func prepare(_ sql: String, persistent: Bool) throws -> OpaquePointer {
        var statement: OpaquePointer?
        let result = sqlite3_prepare_v3(handle, sql, -1, persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0, &statement, nil)
        guard result == SQLITE_OK, let statement else { throw failure(result, sql) }
        return statement
    }

    private func failure(_ code: Int32, _ sql: String) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// SQLITE_TRANSIENT: SQLite copies a bound text before the call returns.
    private var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}

/// A connection's prepared statements by SQL text.
private final class PreparedStatements {
    final class Kept {
        let statement: OpaquePointer
        /// Stepping in a read now.
        var busy = false
        init(_ statement: OpaquePointer) { self.statement = statement }
    }

    /// SQL text as a key hashed by its length and its first and last 16 bytes, not all of it: a
    /// request runs a handful of statements of up to a few kilobytes each, and hashing their whole
    /// text twice per run was 3 % of an article page. Texts that agree there still differ as keys
    /// (equality compares them whole, at once when both are the same string, as the callers' are).
    struct Key: Hashable {
        let sql: String

        func hash(into hasher: inout Hasher) {
            var sql = sql
            sql.withUTF8 { bytes in
                hasher.combine(bytes.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(16))))
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(16))))
            }
        }
    }

    private(set) var statements: [Key: Kept] = [:]

    /// The statement kept for `sql`, prepared by `prepare` the first time.
    func statement(for sql: String, _ prepare: () throws -> OpaquePointer) rethrows -> Kept {
        let key = Key(sql: sql)
        if let kept = statements[key] { return kept }
        let kept = Kept(try prepare())
        statements[key] = kept
        return kept
    }
}

/// Read-only connections for the reads requests make, each used by one thread at a time and
/// returned for the next read. A read runs on the calling thread: it is short and CPU-bound on a
/// WAL snapshot that never waits for the writer.
final class ReadPool: Sendable {
    private let path: String
    private let onStatement: (@Sendable (String) -> Void)?
    private let onRead: (@Sendable () -> Void)?
    /// Idle connections, each with the thread its last read ran on.
    private let idle = Mutex<[(connection: ReadConnection, thread: UInt)]>([])
    /// Idle connections kept beyond this many are closed.
    private static let keep = 8

    init(path: String, onStatement: (@Sendable (String) -> Void)?, onRead: (@Sendable () -> Void)?) {
        self.path = path
        self.onStatement = onStatement
        self.onRead = onRead
    }

    /// Runs `body` on a connection; with `snapshot`, inside one read transaction, so that all its
    /// statements see the same state. A single statement is its own snapshot. Under a
    /// `ReadInterruption`, the read can be stopped from another thread.
    func read<Value>(snapshot: Bool, _ body: (SQLiteReader) throws -> Value) throws -> Value {
        // The connection this thread read with last, when it is idle: a connection's page cache and
        // prepared statements then stay in one core's cache, where taking the last one returned
        // handed them from core to core as threads took turns.
        let thread = Self.currentThread
        let connection = try idle.withLock { idle in
            if let index = idle.lastIndex(where: { $0.thread == thread }) { return idle.remove(at: index).connection }
            return idle.popLast()?.connection
        } ?? ReadConnection(path: path, onStatement: onStatement)
        defer {
            // A transaction left open by a failure would pin its snapshot.
            if sqlite3_get_autocommit(connection.handle) == 0 { sqlite3_exec(connection.handle, "ROLLBACK", nil, nil, nil) }
            idle.withLock { if $0.count < Self.keep { $0.append((connection, thread)) } }
        }
        let interruption = ReadInterruption.current
        try interruption?.begin(connection)
        // Before the connection goes back to the pool (the defer above runs after this one).
        defer { interruption?.end(connection) }
        onRead?()
        let reader = connection.reader
        guard snapshot else { return try body(reader) }
        try reader.each("BEGIN") { _ in }
        let value = try body(reader)
        try reader.each("COMMIT") { _ in }
        return value
    }

    private static var currentThread: UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }

    /// Closes the idle connections (a large batch wants the database to itself).
    func close() {
        idle.withLock { $0.removeAll() }
    }
}

/// A way to stop the reads of one piece of work — a request past its time limit — from another
/// thread. Reads are synchronous: cancelling a task does not stop a statement SQLite is running.
/// Reads made while an interruption is `current` name their connection to it; `interrupt()` raises
/// each one's stop flag, which SQLite's progress handler on the connection reads every thousand
/// virtual-machine steps, so the running statement and any the read starts later fail with
/// SQLITE_INTERRUPT; a read that starts afterwards fails at once. (`sqlite3_interrupt` alone
/// would miss a statement that starts just after it.)
///
/// With a deadline, the progress handler also stops the statement once the deadline has passed,
/// by itself: whoever would call `interrupt()` may be waiting for the very thread the statement
/// holds (a server's timer runs on its event loops, and reads run on them too).
public final class ReadInterruption: Sendable {
    /// The interruption the reads of the current task answer to.
    @TaskLocal public static var current: ReadInterruption?

    private struct State {
        var interrupted = false
        var connections: [ReadConnection] = []
    }

    private let state = Mutex(State())
    /// Past this instant no statement of these reads runs on.
    public let deadline: ContinuousClock.Instant?

    public init(deadline: ContinuousClock.Instant? = nil) {
        self.deadline = deadline
    }

    /// Stops the running statements of the reads made under this interruption, and all later ones.
    public func interrupt() {
        state.withLock { state in
            state.interrupted = true
            // Under the lock: a connection is named here only while its read runs.
            for connection in state.connections { connection.stop.store(true, ordering: .relaxed) }
        }
    }

    func begin(_ connection: ReadConnection) throws {
        try state.withLock { state in
            guard !state.interrupted, deadline.map({ ContinuousClock.now < $0 }) ?? true else {
                throw SQLiteError(code: SQLITE_INTERRUPT, message: "interrupted", sql: "(a read after its work was stopped)")
            }
            state.connections.append(connection)
        }
        connection.deadline = deadline
    }

    func end(_ connection: ReadConnection) {
        connection.deadline = nil
        state.withLock { state in
            state.connections.removeAll { $0 === connection }
            connection.stop.store(false, ordering: .relaxed)
        }
    }
}

/// A read-only connection of its own to the database, with its statements kept prepared; used by
/// one thread at a time (`ReadPool` hands each to one read, `ChangeWatch` keeps one under a lock).
final class ReadConnection: @unchecked Sendable {
    let handle: OpaquePointer
    /// Raised by a `ReadInterruption`: SQLite's progress handler then abandons the statement.
    let stop = Atomic<Bool>(false)
    /// The deadline of the `ReadInterruption` of the read using the connection, if it has one.
    /// Set and read only by the thread running that read (the progress handler runs inside its
    /// statements), so it needs no lock.
    var deadline: ContinuousClock.Instant?
    private let prepared = PreparedStatements()
    private let trace: Unmanaged<Trace>?

    /// `onStatement` sees the SQL of each statement run (see `ContentStore.init`).
    init(path: String, onStatement: (@Sendable (String) -> Void)? = nil) throws {
        var handle: OpaquePointer?
        let result = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard result == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw SQLiteError(code: result, message: message, sql: "open \(path)")
        }
        sqlite3_busy_timeout(handle, 10_000)
        self.handle = handle
        trace = onStatement.map { Unmanaged.passRetained(Trace(body: $0)) }
        // The connection outlives its handle's use: `deinit` closes the handle.
        sqlite3_progress_handler(handle, 1000, { context in
            guard let context else { return 0 }
            return Unmanaged<ReadConnection>.fromOpaque(context).takeUnretainedValue().mustStop ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
        if let trace {
            sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_STMT), { _, context, statement, _ in
                if let context, let statement, let sql = sqlite3_sql(OpaquePointer(statement)) {
                    Unmanaged<Trace>.fromOpaque(context).takeUnretainedValue().body(String(cString: sql))
                }
                return 0
            }, trace.toOpaque())
        }
    }

    /// Statements on this connection.
    var reader: SQLiteReader { SQLiteReader(handle: handle, prepared: prepared) }

    /// Whether the running statement is to be abandoned: interrupted, or past its read's deadline.
    private var mustStop: Bool {
        if stop.load(ordering: .relaxed) { return true }
        guard let deadline else { return false }
        return ContinuousClock.now >= deadline
    }

    deinit {
        prepared.statements.values.forEach { sqlite3_finalize($0.statement) }
        sqlite3_close_v2(handle)
        trace?.release()
    }

    private final class Trace {
        let body: @Sendable (String) -> Void
        init(body: @escaping @Sendable (String) -> Void) { self.body = body }
    }
}
