import ConformanceSupport
import FolioAPI
@testable import FolioServer
@testable import FolioStore
import Foundation
import GraphQLEngine
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// The `X-Request-Id` values responses carried, in order.
final class SentIDs: Sendable {
    let ids = Mutex<[String?]>([])
}

/// A response body's text, as a handler's response writes it.
final class BodyText: ResponseBodyWriter {
    var text = ""
    func write(_ buffer: ByteBuffer) async throws { text += String(buffer: buffer) }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Log records kept in memory, with the handler's own and the call's metadata merged.
final class LogRecords: Sendable {
    let records = Mutex<[(message: String, metadata: [String: String])]>([])

    var logger: Logger {
        Logger(label: "folio-test") { _ in Handler(records: self) }
    }

    struct Handler: LogHandler {
        let records: LogRecords
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }.mapValues(\.description)
            records.records.withLock { $0.append((event.message.description, merged)) }
        }
    }
}

struct ObservabilityTests {
    static let graphQL: HTTPFields = [.contentType: "application/json", .accept: "application/graphql-response+json"]

    @Test func metricsCountRequestsLatencyAndCacheHits() async throws {
        try await TestServer().test { client in
            let uri = "/graphql?query=%7Barticles%7BtotalCount%7D%7D"
            for _ in 0..<3 { try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok) } }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/nowhere", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let lines = Set(String(buffer: response.body).split(separator: "\n").map(String.init))
                #expect(lines.contains(#"folio_http_requests_total{route="/graphql",method="GET",status="200"} 3"#))
                #expect(lines.contains(#"folio_http_requests_total{route="/healthz",method="GET",status="200"} 1"#))
                #expect(lines.contains(#"folio_http_requests_total{route="other",method="GET",status="404"} 1"#))
                #expect(lines.contains(#"folio_http_request_duration_seconds_count{route="/graphql"} 3"#))
                #expect(lines.contains(#"folio_http_request_duration_seconds_bucket{route="/graphql",le="+Inf"} 3"#))
                // Kept from the second time on: the third is a hit.
                #expect(lines.contains("folio_response_cache_hits_total 1"))
                #expect(lines.contains("folio_response_cache_misses_total 2"))
                #expect(lines.contains("# TYPE folio_http_request_duration_seconds histogram"))
            }
        }
    }

    /// Each request logs one line with its id, status and duration (never its query), and the
    /// response names the same id in `X-Request-Id`, an unknown route's 404 included.
    @Test func everyRequestIsLoggedWithIdStatusAndDurationButNoQuery() async throws {
        let logs = LogRecords()
        let sentIDs = SentIDs()
        try await TestServer().test(logger: logs.logger) { client in
            try await client.execute(uri: "/graphql?query=%7Bsecret:__typename%7D", method: .get) { response in
                #expect(response.status == .ok)
                sentIDs.ids.withLock { $0.append(response.headers[.requestID]) }
            }
            try await client.execute(uri: "/graphql", method: .put, headers: Self.graphQL) { response in
                #expect(response.status == .methodNotAllowed)
                sentIDs.ids.withLock { $0.append(response.headers[.requestID]) }
            }
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                sentIDs.ids.withLock { $0.append(response.headers[.requestID]) }
            }
        }
        let requests = logs.records.withLock { $0 }.filter { $0.message == "request" }
        #expect(requests.count == 3)
        #expect(requests.map { $0.metadata["hb.request.id"] } == sentIDs.ids.withLock { $0 })
        for (index, (status, path)) in [("200", "/graphql"), ("405", "/graphql"), ("404", "/nowhere")].enumerated() where index < requests.count {
            let metadata = requests[index].metadata
            #expect(metadata["status"] == status)
            #expect(metadata["path"] == path)
            #expect(metadata["hb.request.id"]?.isEmpty == false)
            #expect(Double(metadata["duration_ms"] ?? "") != nil)
            #expect(!metadata.values.contains { $0.contains("secret") }, "query text must not be logged")
        }
        #expect(requests.count < 2 || requests[0].metadata["hb.request.id"] != requests[1].metadata["hb.request.id"])
    }

    /// The GraphQL endpoint over `executable` with a time limit (200 ms unless said) and no tokens.
    static func handler(_ executable: ExecutableSchema<APIContext>, store: ContentStore, cache: ResponseCache, maxAge: Int,
                        timeout: Duration = .milliseconds(200)) -> GraphQLHTTP {
        GraphQLHTTP(service: GraphQLService(executable: executable), timeout: timeout,
                    makeContext: { APIContext(store: store, now: $1, canPreview: $0) },
                    verifyToken: { _ in .failure(.unknown) }, maxBodyBytes: 1024, version: { try await store.version(at: $0) },
                    cache: cache, maxAge: maxAge, registeredQuery: { _ in nil },
                    automaticQueries: LRUCache(capacity: 1), persistedOnly: false, gzipLevel: 1, metrics: ServerMetrics())
    }

    /// A GET's document is prepared once: the look that refuses mutations over GET is the
    /// preparation the execution then uses (it was a second look-up in the document cache).
    @Test func getRequestsPrepareTheirDocumentOnce() async throws {
        let server = try await TestServer()
        var executable = ExecutableSchema<APIContext>(schema: try Schema.build(sdl: "type Query { greeting: String }"))
        executable.resolve("Query", "greeting") { _, _, _, _ in "hello" }
        // A time limit no busy machine reaches: the test is about the document cache.
        let http = Self.handler(executable, store: server.store, cache: ResponseCache(capacity: 10), maxAge: 60,
                                timeout: .seconds(60))
        for (index, path) in ["/graphql?query=%7Bgreeting%7D", "/graphql?query=%7Bgreeting%7D&x=2"].enumerated() {
            let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: path),
                                  body: RequestBody(buffer: ByteBuffer()))
            let response = try await http.handle(request)
            let body = BodyText()
            try await response.body.write(body)
            #expect(body.text == #"{"data":{"greeting":"hello"}}"#)
            // One miss for the first request; then one hit per request, not two.
            #expect(http.service.cacheStatistics.misses == 1)
            #expect(http.service.cacheStatistics.hits == index)
        }
    }

    /// An anonymous answer that may come out differently next time — a timeout, a field whose
    /// resolver failed without a code — is neither kept nor public to caches on the way; the next
    /// identical request runs again, and an answer that follows from the request and content is kept.
    @Test func transientFailuresAreNeverCached() async throws {
        let server = try await TestServer()
        let calls = Mutex(0)
        var executable = ExecutableSchema<APIContext>(schema: try Schema.build(sdl: "type Query { flaky: String }"))
        executable.resolve("Query", "flaky") { _, _, _, _ in
            switch calls.withLock({ $0 += 1; return $0 }) {
            case 1:
                try await Task.sleep(for: .seconds(30))
                return "late"
            case 2: throw CocoaError(.fileReadUnknown)
            default: return "fine"
            }
        }
        // Two endpoints on one response cache: the first request must time out, the later ones
        // must not, even when CPU-bound tests running in parallel hold both of the cooperative
        // pool's threads for a second or more (a one-second limit timed out the third request so).
        let cache = ResponseCache(capacity: 10)
        let quick = Self.handler(executable, store: server.store, cache: cache, maxAge: 60)
        let patient = Self.handler(executable, store: server.store, cache: cache, maxAge: 60, timeout: .seconds(60))
        func get(_ http: GraphQLHTTP? = nil) async throws -> (cacheControl: String?, body: String) {
            let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/graphql?query=%7Bflaky%7D"),
                                  body: RequestBody(buffer: ByteBuffer()))
            let response = try await (http ?? patient).handle(request)
            let body = BodyText()
            try await response.body.write(body)
            return (response.headers[.cacheControl], body.text)
        }
        let timedOut = try await get(quick)
        #expect(timedOut.cacheControl == "no-store")
        #expect(timedOut.body.contains(#""code":"TIMEOUT""#))
        let failed = try await get()
        #expect(failed.cacheControl == "no-store")
        #expect(failed.body.contains(#""data":{"flaky":null}"#))
        let fine = try await get()
        #expect(fine.cacheControl == "public, max-age=60")
        #expect(fine.body == #"{"data":{"flaky":"fine"}}"#)
        #expect(try await get().body == fine.body)
        #expect(try await get().body == fine.body)
        #expect(calls.withLock { $0 } == 4, "kept from its second good answer on, the fifth request is answered from the cache")
    }

    /// A request that runs past the limit is answered with a TIMEOUT error, and its work is
    /// stopped: a resolver waiting is cancelled, and a statement SQLite is running is interrupted
    /// (this one would count for many seconds), so the event loop it runs on is free again.
    @Test func slowRequestsTimeOut() async throws {
        let server = try await TestServer()
        var executable = ExecutableSchema<APIContext>(schema: try Schema.build(sdl: "type Query { slow: String slowRead: Int }"))
        executable.resolve("Query", "slow") { _, _, _, _ in
            try await Task.sleep(for: .seconds(30))
            return "late"
        }
        let readFailure = Mutex<Int32?>(nil)
        executable.resolve("Query", "slowRead") { _, _, context, _ in
            do {
                return try context.store.readStatement { db in
                    try db.integer("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM (SELECT x FROM n LIMIT 50000000)")
                }
            } catch {
                readFailure.withLock { $0 = (error as? SQLiteError)?.code }
                throw error
            }
        }
        let store = server.store
        let http = Self.handler(executable, store: store, cache: ResponseCache(capacity: 1), maxAge: 0)
        for query in ["{ slow }", "{ slowRead }"] {
            let started = ContinuousClock.now
            let response = await http.execute(GraphQLRequest(query: query), APIContext(store: store, canPreview: false))
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(String(decoding: response.json(), as: UTF8.self)
                == #"{"errors":[{"message":"The request took longer than 0.2 seconds to execute.","extensions":{"code":"TIMEOUT"}}]}"#)
        }
        #expect(readFailure.withLock { $0 } == 9, "SQLITE_INTERRUPT")
    }

    @Test func browsersGetTheExplorerAndClientsGetJSON() async throws {
        try await TestServer().test { client in
            let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
            try await client.execute(uri: "/graphql", method: .get, headers: [.accept: browser]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.vary] == "Accept, Accept-Encoding, Authorization")  // the same URL answers JSON clients
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                let page = String(buffer: response.body)
                #expect(page.contains("<textarea id=\"query\""))
                #expect(!page.contains("<script src"), "the explorer loads nothing from elsewhere")
                #expect(response.headers[.eTag] == EntityTag.of(Array(buffer: response.body)))
            }
            // Asked again with its tag, plain or gzipped, the page is not sent again.
            for encoding in ["identity", "gzip"] {
                var tag = ""
                try await client.execute(uri: "/graphql", method: .get, headers: [.accept: browser, .acceptEncoding: encoding]) {
                    tag = $0.headers[.eTag] ?? ""
                    #expect($0.headers[.contentEncoding] == (encoding == "gzip" ? "gzip" : nil))
                }
                try await client.execute(uri: "/graphql", method: .get,
                                         headers: [.accept: browser, .acceptEncoding: encoding, .ifNoneMatch: tag]) { response in
                    #expect(response.status == .notModified)
                    #expect(response.headers[.eTag] == tag && response.body.readableBytes == 0)
                }
            }
            // JSON named, or HTML only through `*/*` (curl's Accept): JSON. JSON named with q=0
            // beside HTML: the page.
            let answers = [("application/json, text/html", "application/json; charset=utf-8"), ("*/*", "application/json; charset=utf-8"),
                           ("application/json;q=0, */*", "application/graphql-response+json; charset=utf-8"),
                           ("text/html, application/json;q=0", "text/html; charset=utf-8")]
            for (accept, type) in answers {
                try await client.execute(uri: "/graphql?query=%7B__typename%7D", method: .get, headers: [.accept: accept]) { response in
                    #expect(response.status == .ok && response.headers[.contentType] == type, "\(accept)")
                }
            }
        }
    }
}

/// The explorer driven by a real browser: headless Chromium loads the page from the live server,
/// which fetches the schema by introspection and runs the query from the link.
@Suite(.serialized) struct ExplorerBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func explorerRunsAQueryAndBrowsesTheSchema() async throws {
        guard let chromium = Self.chromium else {
            Issue.record("Chromium is not installed (make test installs Debian's chromium); the explorer was not tested in a browser.")
            return
        }
        let server = try await TestServer()
        try await server.test(.live) { client in
            let port = try #require(client.port)
            let query = #"{ article(slug: "mild-procedure-for-lumbar-spinal-stenosis") { title related { slug } } }"#
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let url = "http://127.0.0.1:\(port)/graphql?type=Article&query=\(encoded)"
            let profile = server.folder.appending(path: "chromium-profile").path
            let result = try await ProcessRunner.runInBackground(URL(fileURLWithPath: chromium), [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=\(profile)", "--virtual-time-budget=15000", "--dump-dom", url,
            ])
            #expect(result.status == 0, "\(result.stderr.suffix(2000))")
            let dom = result.stdout
            // The query from the link ran, and its result is shown.
            #expect(dom.contains("HTTP 200"), "\(dom.suffix(3000))")
            #expect(dom.contains("MILD Procedure for Lumbar Spinal Stenosis"))
            #expect(dom.contains("3-types-of-headaches-and-how-theyre-treated"))
            // The schema browser opened Article from introspection, with its fields and descriptions.
            #expect(dom.contains("Article (object)"))
            #expect(dom.contains("readingTimeMinutes"))
            #expect(dom.contains("Editor-chosen related articles in their order"))
        }
    }
}
