import ConformanceSupport
import FolioContent
import Foundation
import GraphQLEngine
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `folio serve` as people run it: the built binary in a process of its own.
struct ServeCommandTests {
    static let binary = ProcessRunner.binary("folio")

    /// A first start creates and seeds the database and says where it listens once it does (with
    /// port 0, the port the system chose); it answers; a second server on the same port says it
    /// cannot listen there; SIGTERM stops the first cleanly.
    @Test func firstStartServesAndStopsCleanlyOnSIGTERM() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "folio.sqlite").path
        let (process, port, lines) = try await Self.start(["--database", database])
        defer { if process.isRunning { process.terminate() } }
        #expect(lines.contains { $0.hasPrefix("Created \(database) with 21 seed entries") }, "\(lines)")
        #expect(lines.last == "Serving http://127.0.0.1:\(port)/graphql")

        let client = TestClient(host: "127.0.0.1", port: port)
        client.connect()
        #expect(try await client.get("/healthz").status == .ok)
        let answer = try await client.post("/graphql", headers: [.contentType: "application/json"],
                                           body: ByteBuffer(string: #"{"query":"{ articles { totalCount } }"}"#))
        #expect(answer.body.map { String(buffer: $0) } == #"{"data":{"articles":{"totalCount":10}}}"#)
        try await client.shutdown()

        let second = try ProcessRunner.run(Self.binary, ["serve", "--port", String(port), "--database", database])
        #expect(second.status == 1)
        #expect(second.stderr.contains("Error: cannot listen on 127.0.0.1:\(port): Address already in use."), "\(second.stderr)")

        process.terminate()  // SIGTERM
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }

    /// A connection idle between requests for longer than `--idle-timeout` is closed by the server.
    @Test func idleConnectionsAreClosed() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, port, _) = try await Self.start(["--database", folder.appending(path: "folio.sqlite").path, "--idle-timeout", "2"])
        defer { process.terminate() }
        let client = TestClient(host: "127.0.0.1", port: port)
        client.connect()
        #expect(try await client.get("/healthz").status == .ok)
        // Idle from here. Elapsed time, not a count of naps: on a busy machine a nap of 100 ms
        // takes longer (two seconds of idleness leave room for a test that is slow to look).
        let idleSince = ContinuousClock.now
        let channel = try await client.getChannel()
        while channel.isActive && ContinuousClock.now - idleSince < .seconds(15) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let waited = ContinuousClock.now - idleSince
        #expect(!channel.isActive, "still open after \(waited)")
        #expect(waited >= .seconds(1), "closed after \(waited), before the idle timeout of 2 s")
        try await client.shutdown()
    }

    /// Options out of range are refused with the rule they break, before any file is touched.
    @Test func optionsOutOfRangeAreRefusedBeforeAnythingStarts() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "folio.sqlite").path
        let cases = [
            (["--port", "99999"], "--port must be between 0 and 65535; got 99999."),
            (["--timeout", "0"], "--timeout must be at least 1; got 0."),
            (["--max-depth=-1"], "--max-depth must be at least 1; got -1."),
            (["--cache-max-age=-5"], "--cache-max-age must be 0 or more seconds; got -5."),
            (["--long-query-cost=-1"], "--long-query-cost must be 0 or more; got -1."),
            (["--idle-timeout", "0"], "--idle-timeout must be at least 1; got 0."),
            (["--log-format", "xml"], "--log-format must be json or text; got xml."),
            (["--log-level", "loud"], "--log-level must be one of trace, debug, info, notice, warning, error, critical; got loud."),
        ]
        for (options, message) in cases {
            let result = try ProcessRunner.run(Self.binary, ["serve"] + options + ["--database", database])
            #expect(result.status == 64, "\(options)")
            #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: database))
        }
    }

    /// The log on standard error: JSON lines when it is not a terminal, one per request with its
    /// id, method, path, status and duration; `--log-format text` and `--log-level` are obeyed.
    @Test func logsOneJSONLinePerRequestUnlessToldOtherwise() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "folio.sqlite").path
        func serve(_ options: [String], requests: Int) async throws -> [String] {
            let logPath = folder.appending(path: "log-\(UUID().uuidString)").path
            #expect(FileManager.default.createFile(atPath: logPath, contents: nil))
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
            let (process, port, _) = try await Self.start(["--database", database] + options, standardError: log)
            let client = TestClient(host: "127.0.0.1", port: port)
            client.connect()
            for _ in 0..<requests { #expect(try await client.get("/healthz").status == .ok) }
            #expect(try await client.get("/nowhere").status == .notFound)
            try await client.shutdown()
            process.terminate()
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            try log.close()
            return try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n").map(String.init)
        }

        let lines = try await serve([], requests: 2)
        let requests = try lines.map { try JSONReader.parse($0) }.filter { $0["message"] == .string("request") }
        #expect(requests.count == 3, "\(lines)")
        for (request, status) in zip(requests, [200, 200, 404]) {
            #expect(request["status"] == .int(status))
            #expect(request["level"] == .string("info"))
            #expect(request["method"] == .string("GET"))
            if case .string(let id)? = request["hb.request.id"] { #expect(!id.isEmpty) } else { Issue.record("no request id: \(request)") }
            switch request["duration_ms"] {
            case .int?, .float?: break
            default: Issue.record("duration_ms is not a number: \(request)")
            }
            if case .string(let time)? = request["time"] {
                #expect(time.utf8.count == 24 && time.hasSuffix("Z") && Timestamp.parse(time) != nil, "\(time)")
            } else {
                Issue.record("no time: \(request)")
            }
        }
        #expect(requests.map { $0["path"] } == [.string("/healthz"), .string("/healthz"), .string("/nowhere")])

        let text = try await serve(["--log-format", "text"], requests: 1)
        #expect(text.contains { $0.contains(" info request ") && $0.contains(" path=/healthz ") && $0.hasSuffix(" status=200") }, "\(text)")
        let quiet = try await serve(["--log-level", "warning"], requests: 1)
        #expect(quiet.isEmpty, "\(quiet)")
    }

    /// Starts `folio serve --port 0 --seeds <repository>/seeds ARGUMENTS` and waits until it says
    /// where it listens: the process, its port and what it printed up to then. A server that never
    /// says so within a minute is stopped, which ends its output and the wait.
    static func start(_ arguments: [String], standardError: FileHandle = .nullDevice) async throws -> (Process, Int, [String]) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--seeds", Conformance.repository.appending(path: "seeds").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = standardError
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            process.terminate()
        }
        defer { watchdog.cancel() }
        let lines = await linesUntilServing(output.fileHandleForReading)
        let serving = try #require(lines.last { $0.hasPrefix("Serving http://127.0.0.1:") }, "\(lines)")
        let port = try #require(Int(serving.dropFirst("Serving http://127.0.0.1:".count).prefix { $0.isNumber }))
        #expect(port > 0)
        return (process, port, lines)
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "folio-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The lines the server prints up to and including the one that says it serves (all of them
    /// if it ends first). Reading goes on, on the same thread, until the output ends, so the
    /// server never blocks on a full pipe.
    static func linesUntilServing(_ handle: FileHandle) async -> [String] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var text = ""
                var resumed = false
                while true {
                    let data = handle.availableData
                    if !resumed {
                        text += String(decoding: data, as: UTF8.self)
                        let lines = text.split(separator: "\n").map(String.init)
                        if data.isEmpty || lines.contains(where: { $0.hasPrefix("Serving ") }) {
                            continuation.resume(returning: lines)
                            resumed = true
                        }
                    }
                    if data.isEmpty { return }
                }
            }
        }
    }
}
