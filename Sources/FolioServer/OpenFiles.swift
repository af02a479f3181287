#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files, which bounds how many connections the server can hold:
/// each is a file descriptor, and SQLite needs its own (a database file and its write-ahead log
/// per read connection) on top. A server out of descriptors can accept no one, and its reads fail.
public enum OpenFiles {
    /// Descriptors kept for everything but connections: SQLite's connections (8 kept for reads,
    /// more while many requests read at once, the writer, the change watch), the listening socket,
    /// standard streams, and files opened by the import commands sharing the process in tests.
    public static let reserve = 256

    /// Raises the soft limit on open files as far as `connections` and the reserve need, up to the
    /// hard limit, and returns how many connections then fit: `connections`, or fewer when the hard
    /// limit is lower. Never lowers the limit.
    public static func allow(connections: Int) -> (connections: Int, limit: Int) {
        var limits = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return (connections, Int.max) }
        // Saturating: `--max-connections` may be as large as Int allows.
        let (sum, overflowed) = connections.addingReportingOverflow(reserve)
        let wanted = overflowed ? rlim_t.max : rlim_t(clamping: sum)
        if limits.rlim_cur < wanted {
            var raised = limits
            raised.rlim_cur = limits.rlim_max == rlim_t.max ? wanted : min(wanted, limits.rlim_max)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limits = raised }
        }
        let limit = limits.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limits.rlim_cur)
        return (max(1, min(connections, limit - reserve)), limit)
    }
}
