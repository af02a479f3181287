public import FolioAPI
public import FolioStore
import Foundation
import GraphQLEngine
public import Hummingbird

/// `folio serve` settings.
public struct ServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var maxBodyBytes = 1 << 20
    public init() {}
}

/// The HTTP layer: routes, and the one place where requests meet the content API.
public enum FolioServer {
    /// The router with `/graphql` and `/healthz`.
    public static func router(store: ContentStore, options: ServerOptions) throws -> Router<BasicRequestContext> {
        let graphQL = GraphQLHTTP(service: try ContentAPI.service(options: ServiceOptions(extraRules: [maxDepthRule(10)])),
                                  makeContext: { APIContext(store: store) }, maxBodyBytes: options.maxBodyBytes)
        let router = Router()
        router.on("graphql", method: .get) { request, _ in try await graphQL.handle(request) }
        router.on("graphql", method: .post) { request, _ in try await graphQL.handle(request) }
        for method in [HTTPRequest.Method.put, .delete, .patch] {
            router.on("graphql", method: method) { request, _ in try await graphQL.handle(request) }
        }
        router.get("healthz") { _, _ -> Response in
            do {
                _ = try await store.lastChange()
                return GraphQLHTTP.plain(.ok, "ok")
            } catch {
                return GraphQLHTTP.plain(.serviceUnavailable, "database unreachable")
            }
        }
        return router
    }

    /// The application; `runService()` serves until SIGINT or SIGTERM, then shuts down gracefully.
    public static func application(store: ContentStore, options: ServerOptions) throws -> some ApplicationProtocol {
        Application(router: try router(store: store, options: options),
                    configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Folio"))
    }
}
