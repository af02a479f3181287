import ConformanceSupport
import FolioContent
import Foundation
import GraphQLEngine
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `folio serve` as people run it: the built binary in a process of its own. One at a time: each
/// test starts a debug server that seeds its database, and several at once on two cores, beside
/// the other suites, stretched the timings these tests depend on past their margins.
@Suite(.serialized) struct ServeCommandTests {
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
        // The server's idle time runs from the moment it read the request, which may be well before
        // the answer arrives on a busy machine: the clock starts before the request is sent, so
        // the time measured is never shorter than the server's. Elapsed time, not a count of naps:
        // on a busy machine a nap of 100 ms takes longer.
        let idleSince = ContinuousClock.now
        #expect(try await client.get("/healthz").status == .ok)
        let channel = try await client.getChannel()
        while channel.isActive && ContinuousClock.now - idleSince < .seconds(15) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let waited = ContinuousClock.now - idleSince
        #expect(!channel.isActive, "still open after \(waited)")
        #expect(waited >= .seconds(1), "closed after \(waited), before the idle timeout of 2 s")
        try await client.shutdown()
    }

    /// A request body still arriving `--timeout` after its head is answered with 408 and a TIMEOUT
    /// error, and the connection closes (a client sending a byte at a time would otherwise hold it
    /// for as long as it liked); a body sent in pieces within the limit is read as usual.
    @Test func bodiesThatArriveTooSlowlyAreRefused() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, port, _) = try await Self.start(["--database", folder.appending(path: "folio.sqlite").path, "--timeout", "1"])
        defer { process.terminate() }
        let head = "POST /graphql HTTP/1.1\r\nHost: folio\r\nContent-Type: application/json\r\n"
        let query = #"{"query":"{ articles { totalCount } }"}"#
        let answered = #"{"data":{"articles":{"totalCount":10}}}"#

        let prompt = try RawConnection(port: port)
        try prompt.send(head + "Content-Length: \(query.utf8.count)\r\n\r\n" + query.prefix(10))
        try await Task.sleep(for: .milliseconds(300))
        try prompt.send(String(query.dropFirst(10)))
        let answer = prompt.read(within: .seconds(10)) { $0.hasSuffix(answered) }
        #expect(answer.text.hasPrefix("HTTP/1.1 200 OK\r\n") && answer.text.hasSuffix(answered), "\(answer.text)")

        // A byte every 200 ms of a 1,000-byte body: never whole within the second.
        let slow = try RawConnection(port: port)
        try slow.send(head + "Content-Length: 1000\r\n\r\n{")
        let sent = ContinuousClock.now
        var reply = "", closed = false
        while !closed && ContinuousClock.now - sent < .seconds(10) {
            try? slow.send(" ")
            let read = slow.read(within: .milliseconds(200))
            reply += read.text
            closed = read.closed
        }
        let waited = ContinuousClock.now - sent
        #expect(reply.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(reply)")
        #expect(reply.lowercased().contains("\r\nconnection: close\r\n"), "\(reply)")
        #expect(reply.hasSuffix(#"{"errors":[{"message":"The request body did not arrive within 1.0 seconds.","extensions":{"code":"TIMEOUT"}}]}"#),
                "\(reply)")
        #expect(closed, "the connection stayed open after \(waited)")
        #expect(waited >= .milliseconds(900), "answered after \(waited), before the limit of 1 s")

        // The server goes on answering.
        let client = TestClient(host: "127.0.0.1", port: port)
        client.connect()
        #expect(try await client.get("/healthz").status == .ok)
        try await client.shutdown()
    }

    /// `Expect: 100-continue` is answered with `100 Continue` at once, before the body is sent; the
    /// final answer follows the body as usual. (Unanswered, curl waited a second before each such
    /// POST, and with `--timeout 1` its body arrived too late.)
    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, port, _) = try await Self.start(["--database", folder.appending(path: "folio.sqlite").path])
        defer { process.terminate() }
        let query = #"{"query":"{ articles { totalCount } }"}"#
        let connection = try RawConnection(port: port)
        try connection.send("POST /graphql HTTP/1.1\r\nHost: folio\r\nContent-Type: application/json\r\n"
                            + "Expect: 100-continue\r\nContent-Length: \(query.utf8.count)\r\n\r\n")
        let interim = connection.read(within: .seconds(5)) { $0.hasSuffix("\r\n\r\n") }
        #expect(interim.text == "HTTP/1.1 100 Continue\r\n\r\n", "\(interim)")
        try connection.send(query)
        let answered = #"{"data":{"articles":{"totalCount":10}}}"#
        let answer = connection.read(within: .seconds(10)) { $0.hasSuffix(answered) }
        #expect(answer.text.hasPrefix("HTTP/1.1 200 OK\r\n") && answer.text.hasSuffix(answered), "\(answer.text)")
    }

    /// Past `--max-connections` a new connection waits, unanswered, until one of those held closes:
    /// however many connections come, the server keeps descriptors for its database.
    @Test func connectionsPastTheCapWaitForOneToClose() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, port, _) = try await Self.start(["--database", folder.appending(path: "folio.sqlite").path,
                                                       "--max-connections", "2"])
        defer { process.terminate() }
        let request = "GET /healthz HTTP/1.1\r\nHost: folio\r\n\r\n"
        let held = try [RawConnection(port: port), RawConnection(port: port)]
        for connection in held {
            try connection.send(request)
            let answer = connection.read(within: .seconds(10)) { $0.hasSuffix("\r\n\r\nok\n") }
            #expect(answer.text.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer.text)")
        }
        let third = try RawConnection(port: port)
        try third.send(request)
        let early = third.read(within: .seconds(1))
        #expect(early.text.isEmpty && !early.closed, "\(early)")
        held[0].close()
        let answer = third.read(within: .seconds(10)) { $0.hasSuffix("\r\n\r\nok\n") }
        #expect(answer.text.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer.text)")
    }

    /// A process allowed fewer open files than `--max-connections` needs (with the database's
    /// reserve) raises its limit as far as it may, then serves fewer connections and says so.
    /// Also for the largest cap there is, whose sum with the reserve overflowed and crashed the
    /// server before it listened.
    @Test(arguments: ["1000", "9223372036854775807"])
    func aLowOpenFileLimitLowersTheCap(_ cap: String) async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appending(path: "log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -n 400 && exec \"$0\" serve --port 0 --max-connections \"$3\" --database \"$1\" --seeds \"$2\"",
                             Self.binary.path, folder.appending(path: "folio.sqlite").path,
                             Conformance.repository.appending(path: "seeds").path, cap]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        defer { process.terminate() }
        let lines = await Self.linesUntilServing(output.fileHandleForReading)
        #expect(lines.last?.hasPrefix("Serving http://127.0.0.1:") == true, "\(lines)")
        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(logged.contains(#""level":"warning""#) && logged.contains(
            "--max-connections \(cap) lowered to 144: the process may open 400 files (ulimit -n), 256 of them kept for the database."),
            "\(logged)")
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
            (["--max-connections", "0"], "--max-connections must be at least 1; got 0."),
            (["--gzip-level", "13"], "--gzip-level must be between 0 and 12; got 13."),
            (["--log-format", "xml"], "--log-format must be json or text; got xml."),
            (["--log-level", "loud"], "--log-level must be one of trace, debug, info, notice, warning, error, critical; got loud."),
        ]
        for (options, message) in cases {
            let result = try ProcessRunner.run(Self.binary, ["serve"] + options + ["--database", database])
            #expect(result.status == 64, "\(options)")
            #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: database))
        }
        // So are an address that names no host, a seed folder that is not there and a database
        // that is a folder: each used to be found only after the database was made and seeded.
        let files = [
            (["--host", "999.1.1.1", "--database", database], "cannot listen on 999.1.1.1:8080: no such host or address."),
            (["--seeds", folder.appending(path: "no-seeds").path, "--database", database],
             "--seeds \(folder.appending(path: "no-seeds").path) is not a folder."),
            (["--database", folder.path], "--database \(folder.path) is a folder; name a database file."),
        ]
        for (options, message) in files {
            let result = try ProcessRunner.run(Self.binary, ["serve"] + options)
            #expect(result.status == 64, "\(options)")
            #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: database))
        }
        // Seeds that cannot be saved (an article naming an author there is not) stop the first
        // start, naming the file, and leave no database: the next start seeds afresh.
        let seeds = folder.appending(path: "bad-seeds/articles")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: seeds.appending(path: "lost.md").path,
                                               contents: Data("---\ntitle: Lost\nauthor: nobody\n---\nText.\n".utf8)))
        let unsaved = try ProcessRunner.run(Self.binary, ["serve", "--port", "0", "--database", database,
                                                          "--seeds", seeds.deletingLastPathComponent().path])
        #expect(unsaved.status == 1)
        #expect(unsaved.stderr.contains("lost.md:3: author: no author has the slug \"nobody\""), "\(unsaved.stderr)")
        #expect(!FileManager.default.fileExists(atPath: database))
        // Seeds are read as `folio-admin seed` reads them: two files giving one slug are refused,
        // naming both, where the later one used to replace the earlier.
        let twins = folder.appending(path: "twin-seeds/articles")
        try FileManager.default.createDirectory(at: twins, withIntermediateDirectories: true)
        for name in ["one.md", "two.md"] {
            #expect(FileManager.default.createFile(atPath: twins.appending(path: name).path,
                                                   contents: Data("---\nslug: twin\ntitle: Twin\n---\nText.\n".utf8)))
        }
        let twice = try ProcessRunner.run(Self.binary, ["serve", "--port", "0", "--database", database,
                                                        "--seeds", twins.deletingLastPathComponent().path])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("two.md:2: slug:") && twice.stderr.contains("one.md already has the article slug \"twin\""),
                "\(twice.stderr)")
        #expect(!FileManager.default.fileExists(atPath: database))
        // A file that is not a database is named as such, and left as it was.
        let junk = folder.appending(path: "junk.sqlite").path
        #expect(FileManager.default.createFile(atPath: junk, contents: Data("not a database".utf8)))
        // A database under a file: the file is named (Foundation said "File exists").
        let underFile = try ProcessRunner.run(Self.binary, ["serve", "--port", "0", "--database", junk + "/data/folio.sqlite"])
        #expect(underFile.status == 1)
        #expect(underFile.stderr.hasPrefix("Error: cannot make the folder for the database \(junk)/data/folio.sqlite: \(junk) is a file, not a folder.\n"),
                "\(underFile.stderr)")
        let result = try ProcessRunner.run(Self.binary, ["serve", "--port", "0", "--database", junk])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: cannot open the database \(junk): "), "\(result.stderr)")
        #expect(FileManager.default.contents(atPath: junk) == Data("not a database".utf8))
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
            #expect(try await client.get("/" + String(repeating: "a", count: 5_000)).status == .notFound)
            try await client.shutdown()
            process.terminate()
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            try log.close()
            return try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n").map(String.init)
        }

        let lines = try await serve([], requests: 2)
        let requests = try lines.map { try JSONReader.parse($0) }.filter { $0["message"] == .string("request") }
        #expect(requests.count == 4, "\(lines)")
        for (request, status) in zip(requests, [200, 200, 404, 404]) {
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
        // A long path is cut short in the log (a request head may be 80 KB, and so was its line).
        #expect(requests.map { $0["path"] } == [.string("/healthz"), .string("/healthz"), .string("/nowhere"),
                                                .string("/" + String(repeating: "a", count: 1_023) + "… (5001 bytes)")])

        let text = try await serve(["--log-format", "text"], requests: 1)
        #expect(text.contains { $0.contains(" info request ") && $0.contains(" path=/healthz ") && $0.hasSuffix(" status=200") }, "\(text)")
        let quiet = try await serve(["--log-level", "warning"], requests: 1)
        #expect(quiet.isEmpty, "\(quiet)")
    }

    /// The README's curl examples, run as written but for the port, by bash in a folder whose
    /// `data/folio.sqlite` (`folio-admin`'s default database) is the server's, with `folio-admin`
    /// on the PATH: every answer has data and no errors, the preview token's request sees drafts,
    /// and the ETag sent back gets 304. Examples that drift from the server fail here.
    @Test func readmeExamplesWork() async throws {
        let curl = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "command -v curl"])
        try #require(curl.status == 0, "curl is not installed (make test installs it)")
        let readme = try String(contentsOf: Conformance.repository.appending(path: "README.md"), encoding: .utf8)
        let examples = try #require(Self.shellBlocks(readme).first { $0.contains("curl -s http://127.0.0.1:8080/graphql") },
                                    "the README has no block of curl examples")
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "data/folio.sqlite")
        try FileManager.default.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let (process, port, _) = try await Self.start(["--database", database.path])
        defer { if process.isRunning { process.terminate() } }

        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = ProcessRunner.binary("folio-admin").deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let script = examples.replacingOccurrences(of: "http://127.0.0.1:8080", with: "http://127.0.0.1:\(port)")
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-euo", "pipefail", "-c", script], in: folder,
                                           environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        // One answer for each command that prints one: curl without `-o`, and local queries.
        let answering = examples.split(separator: "\n").filter {
            ($0.hasPrefix("curl -s ") && !$0.contains(" -o ")) || $0.hasPrefix("folio-admin query ")
        }
        #expect(answering.count >= 5)
        #expect(result.stdout.components(separatedBy: #"{"data":"#).count - 1 == answering.count, "\(result.stdout)")
        #expect(!result.stdout.contains(#""errors""#), "\(result.stdout)")
        #expect(result.stdout.contains(#""status":"DRAFT""#), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("}304\n"), "\(result.stdout)")
    }

    /// The text of each ```sh block of a Markdown document.
    static func shellBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = [], current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```sh" {
                current = []
            } else if let lines = current, line.hasPrefix("```") {
                blocks.append(lines.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
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
