import Foundation
import GRDBSQLite
import Synchronization

/// The latest change sequence number, asked for before every cached response, at the cost of one
/// SQLite pragma instead of a pool read. It keeps one read-only connection of its own and asks it
/// for `PRAGMA data_version`, which changes whenever another connection — the store's writer, an
/// admin command in another process — has committed since this connection last asked; only then
/// is the sequence read again. The connection never writes, so its own work never hides a change.
/// A write committed between the two reads leaves `data_version` changed for the next call, which
/// reads again: the answer is never older than the last commit before the call.
///
/// The connection opens on first use and closes with `close()` (a large batch closes it so that it
/// may have the database to itself), reopening on the next call.
final class ChangeWatch: Sendable {
    private let path: String
    private let state = Mutex<Connection?>(nil)

    init(path: String) {
        self.path = path
    }

    /// A raw connection with its two statements prepared, and what they said last.
    private final class Connection {
        let handle: OpaquePointer
        let dataVersion: OpaquePointer
        let sequence: OpaquePointer
        var lastVersion: Int64?
        var lastSequence: Int64 = 0

        init(path: String) throws(ChangeWatchError) {
            var handle: OpaquePointer?
            guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
                  let handle else {
                sqlite3_close(handle)
                throw ChangeWatchError(message: "cannot open \(path)")
            }
            sqlite3_busy_timeout(handle, 10_000)
            var statements: [OpaquePointer] = []
            for sql in ["PRAGMA data_version", ContentStore.latestChangeSQL] {
                var statement: OpaquePointer?
                guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
                      let statement else {
                    let message = String(cString: sqlite3_errmsg(handle))
                    statements.forEach { sqlite3_finalize($0) }
                    sqlite3_close(handle)
                    throw ChangeWatchError(message: message)
                }
                statements.append(statement)
            }
            self.handle = handle
            (dataVersion, sequence) = (statements[0], statements[1])
        }

        deinit {
            sqlite3_finalize(dataVersion)
            sqlite3_finalize(sequence)
            sqlite3_close_v2(handle)
        }

        /// The single integer `statement` returns.
        func integer(_ statement: OpaquePointer) throws(ChangeWatchError) -> Int64 {
            defer { sqlite3_reset(statement) }
            guard sqlite3_step(statement) == SQLITE_ROW else {
                throw ChangeWatchError(message: String(cString: sqlite3_errmsg(handle)))
            }
            return sqlite3_column_int64(statement, 0)
        }

        func latest() throws(ChangeWatchError) -> Int64 {
            let version = try integer(dataVersion)
            if version != lastVersion {
                lastSequence = try integer(sequence)
                lastVersion = version
            }
            return lastSequence
        }
    }

    func latest() throws -> Int64 {
        try state.withLock { connection in
            if connection == nil { connection = try Connection(path: path) }
            do {
                return try connection!.latest()
            } catch {
                connection = nil  // opened afresh next time
                throw error
            }
        }
    }

    func close() {
        state.withLock { $0 = nil }
    }
}

struct ChangeWatchError: Error, CustomStringConvertible {
    var message: String
    var description: String { "Reading the change log failed: \(message)" }
}
