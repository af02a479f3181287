import HTTPTypes
import Hummingbird

/// CORS (the Fetch standard's protocol), so that pages on other origins may call the API. In place
/// of Hummingbird's `CORSMiddleware`, for two things it did not do:
/// - `Access-Control-Expose-Headers` goes on the actual responses, where browsers read it; on the
///   preflight only, as before, it was ignored and scripts could not read `ETag` or `X-Request-Id`.
/// - A preflight allows the request headers the browser asks for, whatever they are (as Express's
///   `cors` package does by default). Front ends add headers of their own — Apollo Client's
///   `apollographql-client-name` and `-version`, tracing's `traceparent`, `sentry-trace` and
///   `baggage` — and with a fixed list the browser refused the preflight, and so every request of
///   such a front end. No credentials are allowed (cookies never count here), so naming a header
///   lets a page send nothing it could not send from a server of its own.
struct CrossOrigin<Context: RequestContext>: RouterMiddleware {
    /// The one origin allowed; nil: any (`*`).
    let allowedOrigin: String?

    static var allowedMethods: String { "GET, POST, OPTIONS" }
    /// Always allowed, asked for or not.
    static var allowedHeaders: [Substring] { ["accept", "authorization", "content-type", "if-none-match"] }
    static var exposedHeaders: String { "ETag, X-Request-Id" }
    /// Seconds a browser may keep a preflight's answer instead of asking again before nearly every
    /// POST (Chrome keeps it 5 s when not told).
    static var maxAge: String { "600" }

    func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers.contains(.origin) else { return try await next(request, context) }
        let origin = allowedOrigin ?? "*"
        if request.method == .options {
            var headers: HTTPFields = [.accessControlAllowOrigin: origin, .accessControlAllowMethods: Self.allowedMethods,
                                       .accessControlAllowHeaders: Self.allowHeaders(asked: request.headers.value(.accessControlRequestHeaders)),
                                       .accessControlMaxAge: Self.maxAge]
            // The answer depends on what was asked: a cache in between must keep answers apart.
            headers[.vary] = "Access-Control-Request-Headers"
            return Response(status: .noContent, headers: headers)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // An error answer a script may read too (a 404, say), with the same headers.
            response = try error.response(from: request, context: context)
        }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        return response
    }

    /// The headers always allowed, then those the browser asked for that are field names (RFC 9110
    /// tokens), lowercased, each once.
    static func allowHeaders(asked: String?) -> String {
        var names = allowedHeaders
        for name in asked?.lowercased().split(separator: ",").map(\.trimmingBlanks) ?? []
        where !name.isEmpty && name.utf8.allSatisfy(isTokenByte) && !names.contains(name) {
            names.append(name)
        }
        return names.joined(separator: ", ")
    }

    /// A byte of an RFC 9110 token: letters, digits and ``!#$%&'*+-.^_`|~``.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
