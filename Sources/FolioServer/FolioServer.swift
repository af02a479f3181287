import FolioAPI
public import FolioStore
import Foundation
import GraphQLEngine
import GraphQLLanguage
public import Hummingbird
import HummingbirdCore
import NIOCore

/// `folio serve` settings.
public struct ServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var maxBodyBytes = 1 << 20
    /// Seconds anonymous responses may be cached by browsers and proxies.
    public var cacheMaxAge = 60
    /// How many anonymous responses the server keeps, and how many bytes they may take together
    /// (bodies and the requests they answer): a thousand answers of a hundred articles with their
    /// texts would otherwise hold 1.7 GB.
    public var responseCacheCapacity = 1000
    public var responseCacheBytes = 32 << 20
    /// Query limits: nesting depth (introspection excluded), estimated cost, tokens, time.
    public var maxDepth = 10
    public var maxCost = 5_000
    /// Queries estimated to cost at least this much execute on the store's threads for long work
    /// (`ContentStore.longWork`), not on the event loop that received them: at 100,000 articles a
    /// query of cost 500 (a hundred articles with their authors) executes in about 1.5 ms, one of
    /// cost 1,200 (with ten related articles each) in about 7 ms, against 0.15 ms for an article
    /// page (cost 162). nil: every query on its event loop.
    public var longQueryCost: Int? = 300
    public var maxTokens = 20_000
    public var requestTimeout: Duration = .seconds(10)
    /// Run only documents registered with `folio-admin queries add`.
    public var persistedOnly = false
    /// The origin CORS allows: nil for any origin (`*`), else exactly this one.
    public var allowedOrigin: String? = nil
    /// How long a connection may sit idle between requests before the server closes it: longer than
    /// the usual load balancer's 60 s, so that the balancer, not the server, ends an idle connection.
    public var idleTimeout: Duration = .seconds(75)
    /// How many connections the server holds at once; further ones wait in the listen queue until
    /// one closes. Keeps descriptors for SQLite however many clients come (see `OpenFiles`).
    public var maxConnections = 4096
    /// The libdeflate level (1–12) of answers gzipped as they go out: 1, the fastest; 0, nothing
    /// is gzipped. Answers the response cache keeps are gzipped once, at 9 or this level if higher.
    public var gzipLevel = 1
    public init() {}
}

/// The HTTP layer: routes, and the one place where requests meet the content API.
public enum FolioServer {
    /// The router with `/graphql` (and its explorer page), `/healthz` and `/metrics`.
    public static func router(store: ContentStore, options: ServerOptions) throws -> Router<BasicRequestContext> {
        let metrics = ServerMetrics()
        let limits = ServiceOptions(parse: ParseOptions(maxTokens: options.maxTokens),
                                    extraRules: [maxDepthRule(options.maxDepth)], maxCost: options.maxCost,
                                    longWork: options.longQueryCost.map { ServiceOptions.LongWork(cost: $0, executor: store.longWork) })
        let graphQL = GraphQLHTTP(service: try ContentAPI.service(options: limits), timeout: options.requestTimeout,
                                  makeContext: { APIContext(store: store, now: $1, canPreview: $0) },
                                  verifyToken: { try await store.verifyToken($0) }, maxBodyBytes: options.maxBodyBytes,
                                  version: { try await store.version(at: $0) },
                                  cache: ResponseCache(capacity: options.responseCacheCapacity, maxWeight: options.responseCacheBytes) {
                                      $0.text.utf8.count + $1.weight
                                  },
                                  maxAge: options.cacheMaxAge, registeredQuery: registeredQueries(store),
                                  // Up to 10,000 documents, up to 8 MB of text: each may be the
                                  // whole 1 MiB body (300 such held 660 MB when only counted).
                                  automaticQueries: LRUCache(capacity: 10_000, maxWeight: 8 << 20) { $0.utf8.count + $1.utf8.count },
                                  persistedOnly: options.persistedOnly, gzipLevel: Int32(options.gzipLevel),
                                  metrics: metrics)
        // HEAD is answered as GET without the body, on every GET route (HTTP requires both).
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestObserver(metrics: metrics))
        // Browsers on any origin (or the configured one) may GET and POST JSON.
        router.add(middleware: CrossOrigin(allowedOrigin: options.allowedOrigin))
        router.on("graphql", method: .get) { request, _ in try await graphQL.handle(request) }
        router.on("graphql", method: .post) { request, _ in try await graphQL.handle(request) }
        for method in [HTTPRequest.Method.put, .delete, .patch] {
            router.on("graphql", method: method) { request, _ in try await graphQL.handle(request) }
        }
        router.get("healthz") { _, _ -> Response in
            do {
                try await store.checkReadable()
                return GraphQLHTTP.plain(.ok, "ok", tagged: false)
            } catch {
                return GraphQLHTTP.plain(.serviceUnavailable, "database unreachable", tagged: false)
            }
        }
        router.get("metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.text())))
        }
        // Other methods on these two are refused as RFC 9110 (15.5.6) has it: 405 with Allow, not
        // the router's 404 for a path that exists.
        for path in ["healthz", "metrics"] {
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    var response = GraphQLHTTP.plain(.methodNotAllowed, "Use GET.", tagged: false)
                    response.headers[.allow] = "GET, HEAD"
                    return response
                }
            }
        }
        return router
    }

    /// Registered documents by hash, remembered once read: a hash names its text forever, so the
    /// store is asked once per document, not once per request.
    static func registeredQueries(_ store: ContentStore) -> @Sendable (String) async throws -> String? {
        let known = LRUCache<String, String>(capacity: 10_000)
        return { hash in
            if let document = known.get(hash) { return document }
            let document = try await store.persistedQuery(hash: hash)
            if let document { known.put(hash, document) }
            return document
        }
    }

    /// The application; `runService()` serves until SIGINT or SIGTERM, then shuts down gracefully.
    /// `onListening` gets the port the server listens on once it does (the one asked for, or the
    /// one the system chose for port 0).
    public static func application(store: ContentStore, options: ServerOptions,
                                   onListening: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        Application(router: try router(store: store, options: options),
                    server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinue(),
                                                                                    ArrivalDeadline(limit: options.requestTimeout)],
                                                        idleTimeout: TimeAmount(options.idleTimeout))),
                    configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Folio",
                                         availableConnectionsDelegate: MaximumAvailableConnections(options.maxConnections)),
                    onServerRunning: { channel in await onListening(channel.localAddress?.port ?? options.port) })
    }
}
