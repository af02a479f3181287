import Foundation
import Synchronization

/// What the public can see of the content at some moment, as a value that caches key their
/// entries by: it moves on with every content write (from any process) and whenever a scheduled
/// article's publication time comes, the two things that change what a request is answered with.
/// Two moments with equal versions show the same content.
public struct ContentVersion: Hashable, Sendable {
    /// The sequence number of the latest change.
    public var change: Int64
    /// The newest publication instant (Unix seconds) that has passed: a published article
    /// scheduled for later becomes visible when this reaches its time.
    public var publishedThrough: Int64
}

/// The latest change sequence number and content version, asked for before every cached response,
/// at the cost of a look at shared memory, or of one SQLite pragma, instead of a pool read. It keeps
/// one read-only connection of its own and asks it for `PRAGMA data_version`, which changes whenever
/// another connection — the store's writer, an admin command in another process — has committed
/// since this connection last asked; only then is the sequence read again. The connection never
/// writes, so its own work never hides a change. A write committed between the two reads leaves
/// `data_version` changed for the next call, which reads again: the answer is never older than the
/// last commit before the call. Before asking, it looks at the WAL-index header (`WALIndexStamp`),
/// which every commit rewrites: while that is as it was at the last answer, the answer stands and
/// SQLite is not asked.
///
/// Between writes, what the public sees changes only at publication instants: the watch keeps the
/// window between the last one passed and the next one due, and looks again only when a moment
/// falls outside it.
///
/// The connection opens on first use and closes with `close()` (a large batch closes it so that it
/// may have the database to itself), reopening on the next call.
final class ChangeWatch: Sendable {
    private let path: String
    private let state = Mutex<Watcher?>(nil)

    init(path: String) {
        self.path = path
    }

    /// The publication instants around a moment: the last one at or before it and the next one
    /// after it (nil when nothing is scheduled).
    private struct PublicationWindow {
        var since: Int64
        var until: Int64?

        init(_ reader: SQLiteReader, at moment: Int64) throws {
            since = Int64(try reader.integer(
                "SELECT coalesce(max(published_at), 0) FROM articles WHERE status = 'published' AND published_at <= ?", [.integer(moment)]))
            until = try reader.one(
                "SELECT min(published_at) FROM articles WHERE status = 'published' AND published_at > ?", [.integer(moment)]) {
                $0.optionalInt64(0)
            } ?? nil
        }

        func contains(_ moment: Int64) -> Bool {
            since <= moment && until.map { moment < $0 } ?? true
        }
    }

    /// The connection and what it said last.
    private struct Watcher {
        let connection: ReadConnection
        /// The database's WAL-index header; nil when the database cannot be watched that way.
        let header: WALIndexStamp?
        var lastVersion: Int64?
        var lastSequence: Int64 = 0
        /// Valid for `lastSequence`; nil until asked for.
        var window: PublicationWindow?
        /// The header as it was just before `lastSequence` was last confirmed; nil: ask SQLite.
        var lastStamp: WALIndexStamp.Stamp?

        /// Asks SQLite only when the WAL-index header has changed since the last answer (a commit,
        /// by anyone): most requests then cost no system call and no statement,
        /// and the two event loops no longer queue on the lock while one of them asks SQLite.
        mutating func latest() throws -> Int64 {
            // Read before SQLite is asked: a commit after this moment changes the header, and the
            // next call asks again.
            let stamp = header?.current()
            if let stamp, stamp == lastStamp { return lastSequence }
            let reader = connection.reader
            let version = Int64(try reader.integer("PRAGMA data_version"))
            if version != lastVersion {
                lastSequence = Int64(try reader.integer(ContentStore.latestChangeSQL))
                lastVersion = version
                window = nil
            }
            lastStamp = stamp
            return lastSequence
        }

        mutating func version(at moment: Int64) throws -> ContentVersion {
            let change = try latest()
            if window?.contains(moment) != true { window = try PublicationWindow(connection.reader, at: moment) }
            return ContentVersion(change: change, publishedThrough: window!.since)
        }
    }

    /// Runs `body` on the watcher, opening its connection first when needed.
    private func withWatcher<T>(_ body: (inout Watcher) throws -> T) throws -> T {
        try state.withLock { watcher in
            if watcher == nil {
                let connection = try ReadConnection(path: path)
                watcher = Watcher(connection: connection, header: try WALIndexStamp(connection))
            }
            do {
                return try body(&watcher!)
            } catch {
                watcher = nil  // opened afresh next time
                throw error
            }
        }
    }

    func latest() throws -> Int64 {
        try withWatcher { try $0.latest() }
    }

    /// The content version at `moment`.
    func version(at moment: Date) throws -> ContentVersion {
        try withWatcher { try $0.version(at: Columns.seconds(moment)) }
    }

    func close() {
        state.withLock { $0 = nil }
    }
}
