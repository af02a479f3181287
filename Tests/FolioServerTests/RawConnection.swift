import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to 127.0.0.1 for tests that must send a request in pieces, hold a
/// connection open without a request, or see exactly what the server writes and when it closes.
final class RawConnection {
    private let socket: Int32
    private var isOpen = true

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let failure = Failure("connect: errno \(errno)")
            // Closed here, and only here: a class whose initializer throws once every property is
            // set is deinitialized, and `deinit` closing it again would close whatever file had
            // been given that descriptor number since — another test's database, say, dropping
            // SQLite's locks on it.
            close()
            throw failure
        }
    }

    deinit { close() }

    func close() {
        if isOpen { Glibc.close(socket) }
        isOpen = false
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw Failure("send: errno \(errno)") }
    }

    /// Ends what this side sends (a half close): the server reads the end of the stream.
    func finishSending() {
        shutdown(socket, Int32(SHUT_WR))
    }

    /// What the server writes until it closes the connection or `within` passes, and whether it
    /// closed: reads in slices of 50 ms so the caller's clock, not the socket's, decides.
    func read(within: Duration, until stop: (String) -> Bool = { _ in false }) -> (text: String, closed: Bool) {
        var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let end = ContinuousClock.now + within
        while ContinuousClock.now < end {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if count > 0 {
                received += buffer[..<count]
                if stop(String(decoding: received, as: UTF8.self)) { break }
            } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                return (String(decoding: received, as: UTF8.self), true)
            }
        }
        return (String(decoding: received, as: UTF8.self), false)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
