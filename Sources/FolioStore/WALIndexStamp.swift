import GRDBSQLite
import Synchronization

/// Whether anyone has committed to a WAL database since some earlier moment, answered from the
/// WAL-index header in the database's `-shm` file without a system call or a SQLite statement.
///
/// The header is part of SQLite's documented file format (walformat.html, "the WAL-index header"):
/// 48 bytes, kept twice at the start of the `-shm` file, holding among others a counter every
/// transaction's commit increments (`iChange`), the last valid frame and the WAL's salts. Every
/// commit, by any connection of any process, rewrites it — the second copy, a barrier, then the
/// first — so two equal reads of it at different times mean nothing was committed in between. A
/// read made while a writer is between the two copies finds them different, and says nothing.
///
/// The header is read where `connection` itself has the `-shm` file mapped: SQLite's own mapping of
/// its first region, asked of the connection's file through the VFS (`xShmMap`, without extending
/// it). Opening the file again would not do: POSIX record locks belong to a process and a file, and
/// closing any descriptor of the file drops every lock the process holds on it, among them the
/// shared "DMS" lock under which no other process may truncate, rebuild or delete the file (see
/// `walIndexStampKeepsTheProcessLocksOnTheSharedMemoryFile`). The mapping is asked for after the
/// connection has read (so that it has found the WAL, and the region exists and is initialised) and
/// lives as long as the connection, which the stamp holds.
final class WALIndexStamp: @unchecked Sendable {
    /// The first header copy's six words, compared whole.
    struct Stamp: Equatable {
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2
                && a.words.3 == b.words.3 && a.words.4 == b.words.4 && a.words.5 == b.words.5
        }
    }

    private static let headerBytes = 48
    /// The size of a WAL-index region (walformat.html): what `xShmMap` is asked for.
    private static let regionBytes: Int32 = 32_768
    private let connection: ReadConnection
    private let base: UnsafeRawPointer

    /// The stamp of `connection`'s database; nil when the database is not in WAL mode or SQLite has
    /// no shared memory mapped for it (then a caller asks SQLite every time).
    init?(_ connection: ReadConnection) throws {
        // A read first: until its first read a connection reports the journal mode it opened with.
        _ = try connection.reader.integer("PRAGMA schema_version")
        guard try connection.reader.one("PRAGMA journal_mode", [], { $0.optionalText(0) }) ?? nil == "wal" else { return nil }
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(connection.handle, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK,
              let file, let methods = file.pointee.pMethods, methods.pointee.iVersion >= 2,
              let map = methods.pointee.xShmMap else { return nil }
        var region: UnsafeMutableRawPointer?
        guard map(file, 0, Self.regionBytes, 0, &region) == SQLITE_OK, let region else { return nil }
        base = UnsafeRawPointer(region)
        self.connection = connection
    }

    /// The header as it is now; nil while a commit is rewriting it, or before SQLite has
    /// initialised it (`isInit`, byte 12, is 0).
    func current() -> Stamp? {
        let first = copy(at: 0)
        atomicMemoryFence(ordering: .acquiring)
        let second = copy(at: Self.headerBytes)
        guard first == second, base.load(fromByteOffset: 12, as: UInt8.self) != 0 else { return nil }
        return first
    }

    private func copy(at offset: Int) -> Stamp {
        let word = { (index: Int) in self.base.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self) }
        return Stamp(words: (word(0), word(1), word(2), word(3), word(4), word(5)))
    }
}
