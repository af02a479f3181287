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
    private let state = Mutex<Watcher?>(nil)

    init(path: String) {
        self.path = path
    }

    /// The connection and what it said last.
    private struct Watcher {
        let connection: ReadConnection
        var lastVersion: Int64?
        var lastSequence: Int64 = 0

        mutating func latest() throws -> Int64 {
            let reader = connection.reader
            let version = Int64(try reader.integer("PRAGMA data_version"))
            if version != lastVersion {
                lastSequence = Int64(try reader.integer(ContentStore.latestChangeSQL))
                lastVersion = version
            }
            return lastSequence
        }
    }

    func latest() throws -> Int64 {
        try state.withLock { watcher in
            if watcher == nil { watcher = Watcher(connection: try ReadConnection(path: path)) }
            do {
                return try watcher!.latest()
            } catch {
                watcher = nil  // opened afresh next time
                throw error
            }
        }
    }

    func close() {
        state.withLock { $0 = nil }
    }
}
