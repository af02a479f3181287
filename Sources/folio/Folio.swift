import ArgumentParser
import FolioContent
import FolioServer
import FolioStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// `folio`: the server.
@main
struct Folio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "folio", abstract: "Folio's content API server.",
                                                     subcommands: [Serve.self])

    static func main() async {
        // Swift concurrency's jobs run on the server's event loops (NIO's singleton group, which
        // Hummingbird serves on) instead of a pool of their own, so a request's handler and its
        // connection's I/O no longer hand the request to each other across threads: +20 % executed
        // article pages, +9 % /healthz, measured side by side. The store's reads are synchronous
        // SQLite calls of well under a millisecond; they hold an event loop as they held a pool thread.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the content API at http://HOST:PORT/graphql.",
        discussion: "A missing database is created, migrated and seeded from --seeds on first start.")
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @Option(help: "The SQLite database.") var database = ProcessInfo.processInfo.environment["FOLIO_DATABASE"] ?? "data/folio.sqlite"
    @Option(help: "Seed folder used when the database is created (default: seeds, if there is one).") var seeds: String?
    @Option(help: "Cache-Control max-age (seconds) of anonymous responses.") var cacheMaxAge = 60
    @Option(help: "Maximum query depth (introspection excluded).") var maxDepth = 10
    @Option(help: "Maximum estimated query cost.") var maxCost = 5_000
    @Option(help: "Queries estimated to cost at least this run on threads for long work, not on the event loops (0: never).")
    var longQueryCost = 300
    @Option(help: "Maximum request body size in bytes.") var maxBody = 1 << 20
    @Option(help: "Seconds a request's body may take to arrive, and again to execute.") var timeout = 10
    @Option(help: "Seconds a connection may sit idle between requests before it is closed.") var idleTimeout = 75
    @Option(help: "Connections served at once; more wait until one closes.") var maxConnections = 4096
    @Option(help: "Compression level (1-12) of answers gzipped for clients that accept gzip (0: never gzip).") var gzipLevel = 1
    @Option(help: "The one origin CORS allows (default: any).") var corsOrigin: String?
    @Flag(help: "Run only documents registered with `folio-admin queries add`.") var persistedOnly = false
    @Option(help: "Log lines as json or text (default: text at a terminal, else json).") var logFormat: String?
    @Option(help: "Least severe level logged: trace, debug, info, notice, warning, error or critical.") var logLevel = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535; got \(port).") }
        guard longQueryCost >= 0 else { throw ValidationError("--long-query-cost must be 0 or more; got \(longQueryCost).") }
        guard (0...12).contains(gzipLevel) else { throw ValidationError("--gzip-level must be between 0 and 12; got \(gzipLevel).") }
        guard cacheMaxAge >= 0 else { throw ValidationError("--cache-max-age must be 0 or more seconds; got \(cacheMaxAge).") }
        for (name, value) in [("--max-depth", maxDepth), ("--max-cost", maxCost), ("--max-body", maxBody), ("--timeout", timeout),
                              ("--idle-timeout", idleTimeout), ("--max-connections", maxConnections)] where value < 1 {
            throw ValidationError("\(name) must be at least 1; got \(value).")
        }
        if let logFormat, LogLineHandler.Format(rawValue: logFormat) == nil {
            throw ValidationError("--log-format must be json or text; got \(logFormat).")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")); got \(logLevel).")
        }
        // Files and the address are checked here too, before anything is created: a database made
        // and seeded for a server that then could not start was left behind.
        if FileManager.default.isFolder(atPath: database) { throw ValidationError("--database \(database) is a folder; name a database file.") }
        if let seeds, !FileManager.default.isFolder(atPath: seeds) { throw ValidationError("--seeds \(seeds) is not a folder.") }
        do {
            _ = try SocketAddress.makeAddressResolvingHost(host, port: port)
        } catch {
            throw ValidationError("cannot listen on \(host):\(port): no such host or address.")
        }
    }

    func run() async throws {
        let format = logFormat.flatMap(LogLineHandler.Format.init) ?? LogOutput.standardErrorFormat
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { LogLineHandler(label: $0, format: format, level: level) }
        let isNew = !FileManager.default.fileExists(atPath: database)
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
        do {
            try FileManager.default.makeFolders(at: folder)
        } catch {
            throw ServeError(description: "cannot make the folder for the database \(database): \(FileSystemFailure.reason(error)).")
        }
        let seedFolder = seeds ?? (FileManager.default.isFolder(atPath: "seeds") ? "seeds" : nil)
        let store: ContentStore
        do {
            store = try ContentStore(path: database)
            try store.migrate()
        } catch {
            throw ServeError(description: "cannot open the database \(database): \(FileSystemFailure.reason(error)).")
        }
        if isNew, try await store.isEmpty() {
            if let seedFolder {
                // Read and saved as `folio-admin seed` does: an error names the file, line and field.
                let seeded: Int
                do {
                    seeded = try await ContentFiles.save([seedFolder], into: store).summary.created
                } catch {
                    // The database is this start's own: gone again, the next start seeds afresh
                    // (an empty one left behind would never be seeded).
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
                    throw error
                }
                print("Created \(database) with \(seeded) seed entries from \(seedFolder).")
            } else {
                print("Created \(database), empty: there is no seed folder (seeds/ here, or --seeds).")
            }
            fflush(nil)
        }
        var options = ServerOptions()
        options.host = host
        options.port = port
        options.cacheMaxAge = cacheMaxAge
        options.maxDepth = maxDepth
        options.maxCost = maxCost
        options.longQueryCost = longQueryCost == 0 ? nil : longQueryCost
        options.maxBodyBytes = maxBody
        options.requestTimeout = .seconds(timeout)
        options.idleTimeout = .seconds(idleTimeout)
        let files = OpenFiles.allow(connections: maxConnections)
        if files.connections < maxConnections {
            Logger(label: "Folio").warning("""
                --max-connections \(maxConnections) lowered to \(files.connections): the process may open \(files.limit) \
                files (ulimit -n), \(OpenFiles.reserve) of them kept for the database.
                """)
        }
        options.maxConnections = files.connections
        options.allowedOrigin = corsOrigin
        options.persistedOnly = persistedOnly
        options.gzipLevel = gzipLevel
        let application = try FolioServer.application(store: store, options: options) { [host] listening in
            // Said once the port is open, with the port it is (port 0 lets the system choose), and
            // flushed: a pipe would otherwise hold the line back.
            print("Serving http://\(host):\(listening)/graphql")
            fflush(nil)
        }
        do {
            try await application.runService()
        } catch let error as IOError where [EADDRINUSE, EADDRNOTAVAIL, EACCES].contains(error.errnoCode) {
            throw ServeError(description: "cannot listen on \(host):\(port): \(String(cString: strerror(error.errnoCode))).")
        }
    }
}

/// Why `folio serve` stopped, in one sentence (ArgumentParser prints it after "Error: ").
struct ServeError: Error, CustomStringConvertible {
    var description: String
}
