import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// What every request leaves behind: one structured log line (request id, method, path, status,
/// duration) and its count and latency in the metrics. Query strings, bodies and headers are never
/// logged (they may hold tokens or personal data). Every response names the request id in
/// `X-Request-Id`, and an unexpected error becomes a 500 whose body names it too, so that a report
/// from a client can be found in the log.
struct RequestObserver<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    // `next` is `@concurrent` as Hummingbird's requirement has it (Hummingbird is built without
    // this package's nonisolated(nonsending) default).
    func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        // The id the server's logger carries (`context.id` traps where a logger has none).
        let id = context.logger[metadataKey: "hb.request.id"]?.description
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // A refusal thrown below (an unknown route, say) is made a response here, so that it
            // carries the request id like any other.
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            response = Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: "Internal error (request \(id ?? "unknown")).\n")))
        }
        if let id { response.headers[.requestID] = id }
        finish(request, context, status: response.status, since: start)
        return response
    }

    private func finish(_ request: Request, _ context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        metrics.record(path: request.uri.path, method: request.method.rawValue, status: status.code, duration: elapsed)
        // Milliseconds to a tenth; status and duration are numbers in a JSON log line.
        let tenths = elapsed.components.seconds * 10_000 + elapsed.components.attoseconds / 100_000_000_000_000
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(Self.logged(request.uri.path)),
            "status": .stringConvertible(status.code), "duration_ms": .stringConvertible(Double(tenths) / 10),
        ])
    }
}

extension RequestObserver {
    /// The most of a path a log line shows.
    static var loggedPathBytes: Int { 1024 }

    /// A path as its log line shows it: whole up to `loggedPathBytes`, else that much of it and how
    /// long it was. A path may be as long as a request head (80 KB), and each such request wrote a
    /// log line as long.
    static func logged(_ path: String) -> String {
        let bytes = path.utf8.count
        guard bytes > loggedPathBytes else { return path }
        return String(decoding: path.utf8.prefix(loggedPathBytes), as: UTF8.self) + "… (\(bytes) bytes)"
    }
}

extension HTTPField.Name {
    /// The request's id, as its log line gives it.
    static let requestID = HTTPField.Name("X-Request-Id")!
}
