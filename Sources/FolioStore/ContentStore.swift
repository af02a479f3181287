public import FolioContent
public import Foundation
import GRDB

/// Folio's content in one SQLite file, through GRDB in WAL mode: many readers while one writer
/// works. Every write is one transaction and leaves a trace in the `changes` table.
public final class ContentStore: Sendable {
    let pool: DatabasePool
    /// The path of the database file.
    public let path: String
    let changeWatch: ChangeWatch
    /// The connections of `readNow` and `readStatement`.
    let reads: ReadPool
    /// Where `readLong` runs reads: off the calling thread, a few at a time.
    let longReads = LongReads()
    /// Threads for work that would hold the caller's thread too long, shared with the store's long
    /// reads (see `LongReads`): a server runs costly queries' executions here, with
    /// `withTaskExecutorPreference`, rather than on its event loops. Reads made there run in place.
    public var longWork: any TaskExecutor { longReads }
    /// Related-article lists already chosen, and related articles' cards already read, at the
    /// current content version. Full, the two hold about 20 MB (peak RSS of the server at 100,000
    /// articles under the benchmark's load: 85 MB on glibc's allocator, 90–91 MB on tcmalloc;
    /// 63 MB when only lists were kept, dropped whenever the memory filled).
    let relatedMemo = RelatedMemo(capacity: 50_000, cardCapacity: 10_000)

    /// Opens (creating when missing) the database at `path`. Call `migrate()` before first use.
    /// `onStatement` sees the SQL of every statement run (never its arguments): for tests that
    /// count queries and for debugging.
    /// `onRead` is called at the start of each read the request path makes (`readNow`,
    /// `readStatement`): for tests that count them.
    /// `patience` is how long opening waits while another connection has the database to itself
    /// (a large import) before it gives up with `DatabaseBusyError`.
    public init(path: String, patience: Duration = .seconds(10), onStatement: (@Sendable (String) -> Void)? = nil,
                onRead: (@Sendable () -> Void)? = nil) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "folio"
        configuration.prepareDatabase { db in
            // Safe with WAL and much faster than FULL; a power cut loses at most the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Sorting and grouping scratch space in memory rather than temporary files.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if let onStatement {
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { onStatement(statement.sql) }
                }
            }
        }
        self.path = path
        self.changeWatch = ChangeWatch(path: path)
        self.reads = ReadPool(path: path, onStatement: onStatement, onRead: onRead)
        self.pool = try Self.open(path, configuration, patience: patience)
    }

    /// Opens the pool. Opening sets WAL mode, which cannot happen while a large batch holds the
    /// database through a rollback journal; SQLite answers that at once with SQLITE_BUSY, without
    /// its busy timeout, so the wait is here.
    private static func open(_ path: String, _ configuration: Configuration, patience: Duration) throws -> DatabasePool {
        let start = ContinuousClock.now
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                let waited = ContinuousClock.now - start
                guard waited < patience else { throw DatabaseBusyError(path: path, waited: waited) }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Migrations embedded from `schema/migrations`, in file-name order, each in its own transaction.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        for migration in embeddedMigrations {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.text)
            }
        }
        return migrator
    }()

    /// Applies every migration not yet applied.
    ///
    /// Another process may be migrating the same file at the same moment (two servers started
    /// together after an upgrade, a server and `folio-admin`). GRDB's migrator reads which
    /// migrations are applied before the transaction each one runs in, so it can run one the
    /// other process has just applied: that transaction fails on what the other made (a table
    /// that exists, a duplicate identifier) and rolls back, leaving the database as the other
    /// left it. So a failure is looked at again: when more migrations are applied than before
    /// the attempt, someone else is migrating, and the rest is tried afresh (each retry needs
    /// another migration applied, so this ends); when none are, the failure is this one's own.
    /// A database with every migration applied (every start but the first after an upgrade) is
    /// told so by that first read alone, and the migrator is not run.
    public func migrate() throws {
        let applied = { [pool] in try pool.read { try Self.migrator.appliedIdentifiers($0) } }
        var before = try applied()
        if before.isSuperset(of: Self.migrator.migrations) { return }
        while true {
            do {
                return try Self.migrator.migrate(pool)
            } catch {
                let now = try applied()
                guard now.count > before.count else { throw error }
                before = now
            }
        }
    }

    /// Every known migration and whether this database has it.
    public func migrationStatus() throws -> [(identifier: String, applied: Bool)] {
        let applied = try pool.read { db in try Self.migrator.appliedIdentifiers(db) }
        return Self.migrator.migrations.map { ($0, applied.contains($0)) }
    }

    /// Runs a read on the calling thread, in one read transaction (one snapshot for all its
    /// statements). Every read a request makes is short and CPU-bound on a WAL snapshot that never
    /// waits for the writer, so running it in place costs less than the two thread switches of an
    /// asynchronous read (measured: about 7 reads per article page). The statements go straight
    /// through SQLite's C API (`SQLiteReader`), on read-only connections of their own.
    /// Not for long reads: those belong in `readLong`, off the request's thread.
    func readNow<T>(_ body: (SQLiteReader) throws -> T) throws -> T {
        try reads.read(snapshot: true, body)
    }

    /// `readNow` for a read that is a single SQL statement. SQLite runs each statement on one
    /// consistent snapshot by itself, so the BEGIN and COMMIT of a read transaction around it buy
    /// nothing but two more statements (three per read instead of one, on every request).
    func readStatement<T>(_ body: (SQLiteReader) throws -> T) throws -> T {
        try reads.read(snapshot: false, body)
    }

    /// `readNow` (with `snapshot`) or `readStatement` for a read that can run long, on a thread of
    /// its own rather than the caller's (see `LongReads`): a full-text search.
    func readLong<T: Sendable>(snapshot: Bool, _ body: @escaping @Sendable (SQLiteReader) throws -> T) async throws -> T {
        let reads = self.reads
        return try await longReads.run { try reads.read(snapshot: snapshot, body) }
    }

    /// `readStatement` for a read of one statement, `readNow` for one of more.
    func read<T>(statements: Int, _ body: (SQLiteReader) throws -> T) throws -> T {
        try reads.read(snapshot: statements > 1, body)
    }

    /// True when no author, article or procedure is stored.
    public func isEmpty() async throws -> Bool {
        try readStatement { db in
            try db.integer("SELECT (SELECT count(*) FROM authors) + (SELECT count(*) FROM articles) + (SELECT count(*) FROM procedures)") == 0
        }
    }

    /// The sequence number of the latest change: it moves on with every content write, from any
    /// process, so caches keyed by it are never stale. Cheap: see `ChangeWatch`.
    public func lastChange() async throws -> Int64 {
        try changeWatch.latest()
    }

    /// What the public can see at `instant`, as a value for caches to key by: it moves on with
    /// every content write, from any process, and when a scheduled article's time comes. Cheap
    /// between those: see `ChangeWatch`.
    public func version(at instant: Date) async throws -> ContentVersion {
        try changeWatch.version(at: instant)
    }

    /// Whether the readers that serve requests can read: one statement through the pool.
    public func checkReadable() async throws {
        _ = try readStatement { db in try db.integer(Self.latestChangeSQL) }
    }

    static let latestChangeSQL = "SELECT coalesce(max(seq), 0) FROM changes"

    /// Counts of what is stored, for `check` and status output.
    public func counts() async throws -> [ContentKind: Int] {
        try readNow { db in
            var counts: [ContentKind: Int] = [:]
            for kind in ContentKind.allCases {
                counts[kind] = try db.integer("SELECT count(*) FROM \(kind.table)")
            }
            return counts
        }
    }
}

extension ContentKind {
    /// The table that holds this kind.
    var table: String { folder }
}
