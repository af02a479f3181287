import Hummingbird
import Logging

/// One structured log line per request: request id, method, path, status and duration. Query
/// strings, bodies and headers are never logged (they may hold tokens or personal data). An
/// unexpected error becomes a 500 whose body names the request id, so a report can be traced.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let status: HTTPResponse.Status
        let response: Response
        do {
            response = try await next(request, context)
            status = response.status
        } catch let error as any HTTPResponseError {
            log(request, context, status: error.status, since: start)
            throw error
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            log(request, context, status: .internalServerError, since: start)
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "Internal error (request \(context.id)).\n")))
        }
        log(request, context, status: status, since: start)
        return response
    }

    private func log(_ request: Request, _ context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status.code)",
            "duration_ms": "\(Int(milliseconds.rounded()))",
        ])
    }
}
