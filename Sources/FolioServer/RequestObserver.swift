import Foundation
import Hummingbird
import Logging

/// What every request leaves behind: one structured log line (request id, method, path, status,
/// duration) and its count and latency in the metrics. Query strings, bodies and headers are never
/// logged (they may hold tokens or personal data). An unexpected error becomes a 500 whose body
/// names the request id, so a report can be traced.
struct RequestObserver<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    // `next` is `@concurrent` as Hummingbird's requirement has it (Hummingbird is built without
    // this package's nonisolated(nonsending) default).
    func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            finish(request, context, status: error.status, since: start)
            throw error
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            finish(request, context, status: .internalServerError, since: start)
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "Internal error (request \(context.id)).\n")))
        }
        finish(request, context, status: response.status, since: start)
        return response
    }

    private func finish(_ request: Request, _ context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        metrics.record(path: request.uri.path, method: request.method.rawValue, status: status.code, duration: elapsed)
        // Tenths of a millisecond, written without Foundation's printf formatting (per request).
        let tenths = elapsed.components.seconds * 10_000 + elapsed.components.attoseconds / 100_000_000_000_000
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status.code)",
            "duration_ms": "\(tenths / 10).\(tenths % 10)",
        ])
    }
}
