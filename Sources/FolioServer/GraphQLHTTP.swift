import FolioAPI
import FolioStore
import Foundation
import GraphQLEngine
import GraphQLLanguage
import HTTPTypes
import Hummingbird

/// GraphQL over HTTP (the graphql-over-http spec): POST JSON and GET at `/graphql`, media types
/// `application/graphql-response+json` and `application/json`, and the spec's status codes.
struct GraphQLHTTP: Sendable {
    static let responseMediaType = "application/graphql-response+json; charset=utf-8"
    static let jsonMediaType = "application/json; charset=utf-8"

    let service: GraphQLService<APIContext>
    /// How long one request may execute before it is answered with a TIMEOUT error.
    let timeout: Duration
    /// The request's context at its moment: preview rights when its bearer token has the preview scope.
    let makeContext: @Sendable (_ canPreview: Bool, _ now: Date) -> APIContext
    /// Checks a bearer token.
    let verifyToken: @Sendable (String) async throws -> Result<TokenScope, TokenRejection>
    let maxBodyBytes: Int
    /// The content version at a moment; cached responses made at another one are stale.
    let version: @Sendable (Date) async throws -> ContentVersion
    let cache: ResponseCache
    /// `Cache-Control: public, max-age=…` for anonymous responses.
    let maxAge: Int
    /// Documents registered with `folio-admin queries add`, by hash.
    let registeredQuery: @Sendable (String) async throws -> String?
    /// Documents clients registered through automatic persisted queries, by hash.
    let automaticQueries: LRUCache<String, String>
    /// When set, only registered documents run.
    let persistedOnly: Bool
    /// The level of answers gzipped as they go out; 0: none are (see `ServerOptions.gzipLevel`).
    let gzipLevel: Int32
    let metrics: ServerMetrics
    /// Stops executions that pass `timeout`.
    let deadlines = DeadlineWatch()

    /// Which response media type the client accepts: graphql-response+json when it names it and
    /// wants it no less than JSON; application/json when it names that, accepts anything, or sends
    /// no Accept header (as the spec says servers should, for older clients); nil when it accepts
    /// neither (406). Weights count: `q=0` refuses a type.
    static func responseType(_ accepted: AcceptedTypes?) -> String? {
        guard let accepted else { return jsonMediaType }
        let (graphQLResponse, json) = (accepted.graphQLResponseWeight, accepted.jsonWeight)
        // Named outright and wanted at least as much as JSON; a range alone (`*/*`) gets JSON.
        if accepted.graphQLResponse != nil, graphQLResponse > 0, graphQLResponse >= json { return responseMediaType }
        if json > 0 { return jsonMediaType }
        return graphQLResponse > 0 ? responseMediaType : nil
    }

    /// Whether a GET (or HEAD) comes from a browser navigating to the endpoint: it names HTML (not
    /// only through `*/*`) and neither JSON media type (or only with `q=0`).
    static func wantsExplorer(_ request: Request, _ accepted: AcceptedTypes?) -> Bool {
        guard request.method == .get || request.method == .head, let accepted else { return false }
        return (accepted.html ?? 0) > 0 && !accepted.namesJSON
    }

    /// What every answer at `/graphql` depends on besides the URL: the Accept header (the explorer
    /// page, JSON or GraphQL's own media type), Accept-Encoding (gzip or not) and Authorization (a
    /// preview token sees drafts). Said in `Vary` so that a shared cache in front of the server,
    /// which may keep public answers, keeps them apart and never hands a token holder the public
    /// answer.
    static let vary = "Accept, Accept-Encoding, Authorization"

    /// The methods `/graphql` answers (HEAD as GET without the body), for `Allow` on a 405.
    static let allowedMethods = "GET, HEAD, POST"

    func handle(_ request: Request) async throws -> Response {
        var response = try await respond(to: request)
        response.headers[.vary] = Self.vary
        // Browsers take the answer as the type it says it is, never as HTML sniffed from JSON.
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }

    private func respond(to request: Request) async throws -> Response {
        // The Accept header's media types, read once; nil when there is none.
        let accepted = request.headers.value(.accept).flatMap { $0.isEmpty ? nil : AcceptedTypes($0) }
        if Self.wantsExplorer(request, accepted) {
            // `no-cache`: the browser asks each time, and gets 304 while the page is the same.
            return send(200, [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache",
                              .contentSecurityPolicy: ExplorerPage.contentSecurityPolicy],
                        ExplorerPage.plain, gzipped: { ExplorerPage.gzipped }, to: request)
        }
        guard let mediaType = Self.responseType(accepted) else {
            return Self.plain(.notAcceptable, "Accept application/graphql-response+json or application/json.")
        }
        // Identical anonymous requests between two content writes are answered from the cache. The
        // entry is found by the request as sent (media type and query string, or body), before
        // anything is parsed; a request with a token never reads or fills it.
        let anonymous = !request.headers.contains(.authorization)
        // One moment for the whole request: the version it is cached under is the one it sees.
        let now = Date()
        // Set by the look-up: the request's key and the content version it was looked up at,
        // under which its response is then kept.
        var lookedUp: (key: RequestKey, version: ContentVersion)?
        func lookUp(_ text: String) async throws -> Response? {
            let current = try await self.version(now)
            let key = RequestKey(text)
            lookedUp = (key, current)
            let cached = cache.get(key, isFresh: { $0.version == current })
            metrics.cacheLookup(hit: cached != nil)
            return cached.map { finish($0, request) }
        }
        let parsed: GraphQLRequest
        // A GET's document, prepared to see whether it is a query, is not prepared again to run.
        var preparedGET: PreparedDocument?
        switch request.method {
        case .post:
            switch JSONBodyType(request.headers.value(.contentType)) {
            case .utf8: break
            case .otherType: return Self.plain(.unsupportedMediaType, "POST a JSON body with Content-Type: application/json.")
            case .otherCharset(let charset):
                return Self.plain(.unsupportedMediaType, "Content-Type charset \(charset) is not supported: send the JSON body as UTF-8.")
            }
            // A compressed body would only fail as JSON that does not parse at byte 0 (RFC 9110, 8.4).
            if let coding = request.headers.value(.contentEncoding), coding.lowercased() != "identity" {
                var response = Self.plain(.unsupportedMediaType, "Content-Encoding \(coding) is not supported: send the body uncompressed.")
                response.headers[.acceptEncoding] = "identity"
                return response
            }
            let body: ByteBuffer
            do {
                body = try await Self.body(of: request, upTo: maxBodyBytes)
            } catch let late as ArrivalDeadline.Expired {
                // The rest of the body is never read: the connection closes after this answer.
                var response = Self.graphQLError(.requestTimeout, late.description, code: "TIMEOUT", mediaType: mediaType)
                response.headers[.connection] = "close"
                return response
            } catch is BodyTooLarge {
                return Self.graphQLError(.contentTooLarge, "The request body is larger than \(maxBodyBytes) bytes.",
                                         code: "PAYLOAD_TOO_LARGE", mediaType: mediaType)
            } catch {
                // The body did not come whole: the connection ended before its length, or its
                // chunked framing broke. What follows on the connection cannot be told apart.
                var response = Self.graphQLError(.badRequest, "The request body could not be read: \(error).",
                                                 code: "BAD_REQUEST", mediaType: mediaType)
                response.headers[.connection] = "close"
                return response
            }
            if anonymous, let hit = try await lookUp("POST \(mediaType)\u{0}" + String(buffer: body)) { return hit }
            let fields: [(String, ConstValue)]
            do {
                guard case .object(let object) = try JSONReader.parse(Array(buffer: body)) else {
                    return Self.graphQLError(.badRequest, "The request body is not a JSON object.", code: "BAD_REQUEST", mediaType: mediaType)
                }
                // Refused, as a repeated URL parameter is (see `firstRepeated`).
                if let key = object.lazy.map(\.0).firstRepeated(among: Self.requestParameters) {
                    return Self.graphQLError(.badRequest, "The request body gives \"\(key)\" more than once.", code: "BAD_REQUEST",
                                             mediaType: mediaType)
                }
                fields = object
            } catch {
                return Self.graphQLError(.badRequest, "The request body is not valid JSON: \(error).", code: "BAD_REQUEST", mediaType: mediaType)
            }
            switch try await resolve(fields) {
            case .success(let request): parsed = request
            case .failure(let failure): return Self.graphQLError(.badRequest, failure.description, code: failure.code, mediaType: mediaType)
            }
        case .get, .head:
            if anonymous, let hit = try await lookUp("GET \(mediaType)\u{0}" + (request.uri.query ?? "")) { return hit }
            let parameters: [(name: String, value: String)]
            do {
                parameters = try FormQuery.parameters(request.uri.query ?? "")
            } catch {
                return Self.graphQLError(.badRequest, error.description, code: "BAD_REQUEST", mediaType: mediaType)
            }
            // A second `query` (or any parameter GraphQL reads) would leave the server to pick one.
            if let key = parameters.lazy.map(\.name).firstRepeated(among: Self.requestParameters) {
                return Self.graphQLError(.badRequest, "The URL parameter \"\(key)\" is given more than once.", code: "BAD_REQUEST",
                                         mediaType: mediaType)
            }
            var fields: [(String, ConstValue)] = []
            for (key, text) in parameters {
                if key == "variables" || key == "extensions" {
                    do {
                        fields.append((key, try JSONReader.parse(text)))
                    } catch {
                        return Self.graphQLError(.badRequest, "The \(key) parameter is not valid JSON: \(error).", code: "BAD_REQUEST",
                                                 mediaType: mediaType)
                    }
                } else {
                    fields.append((key, .string(text)))
                }
            }
            switch try await resolve(fields) {
            case .success(let request): parsed = request
            case .failure(let failure): return Self.graphQLError(.badRequest, failure.description, code: failure.code, mediaType: mediaType)
            }
            // Only queries may run over GET (spec: mutations need POST).
            let prepared = await service.prepare(parsed.query)
            preparedGET = prepared
            if let document = prepared.parsed, case .success(let operation) = service.operation(document, named: parsed.operationName),
               operation.operation != .query {
                var response = Self.graphQLError(.methodNotAllowed, "Only query operations may be sent with GET; use POST.",
                                                 code: "METHOD_NOT_ALLOWED", mediaType: mediaType)
                response.headers[.allow] = Self.allowedMethods
                return response
            }
        default:
            var response = Self.plain(.methodNotAllowed, "Use GET or POST.")
            response.headers[.allow] = Self.allowedMethods
            return response
        }
        // A token that is wrong, expired or revoked is refused outright, never treated as anonymous.
        var canPreview = false
        if !anonymous, let authorization = request.headers.value(.authorization) {
            guard authorization.lowercased().hasPrefix("bearer ") else {
                return Self.unauthorized("Use Authorization: Bearer <token>.", mediaType: mediaType)
            }
            switch try await verifyToken(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)) {
            case .success(let scope): canPreview = scope == .preview
            case .failure(let rejection): return Self.unauthorized(rejection.description, mediaType: mediaType)
            }
            // Responses for token holders are private: never cached here or elsewhere.
            let result = await execute(parsed, prepared: preparedGET, makeContext(canPreview, now))
            return finish(Self.response(result, mediaType, version: nil), request, cacheControl: "private, no-store")
        }
        var context = makeContext(false, now)
        context.version = lookedUp?.version
        let result = await execute(parsed, prepared: preparedGET, context)
        let stable = Self.isStable(result)
        var response = Self.response(result, mediaType, version: stable ? lookedUp?.version : nil)
        // Kept from a request's second time on (see `LRUCache.offer`), gzipped body and all.
        if stable, let lookedUp, let kept = cache.offer(lookedUp.key, making: { response.keptForm(level: max(gzipLevel, 9)) }) {
            response = kept
        }
        return finish(response, request)
    }

    /// The request's body, at most `limit` bytes (`BodyTooLarge` past that). Its parts are
    /// taken here rather than through `collect(upTo:)`, whose nested generic calls each left the
    /// event loop's executor and came back through the loop's queue: five trips a POST.
    private static func body(of request: Request, upTo limit: Int) async throws -> ByteBuffer {
        var parts = request.body.makeAsyncIterator()
        guard var body = try await parts.next() else { return ByteBuffer() }
        while true {
            guard body.readableBytes <= limit else { throw BodyTooLarge() }
            guard let part = try await parts.next() else { return body }
            body.writeImmutableBuffer(part)
        }
    }

    private struct BodyTooLarge: Error {}

    /// An execution's answer. With graphql-response+json a request that never executed is the
    /// client's error (400).
    static func response(_ result: GraphQLResponse, _ mediaType: String, version: ContentVersion?) -> CachedResponse {
        let status = mediaType == responseMediaType && !result.executed ? 400 : 200
        let body = result.json()
        return CachedResponse(status: status, contentType: mediaType, plain: TaggedBody(body), version: version)
    }

    /// Whether an anonymous answer follows from the request and the content alone, so that it may
    /// be kept and shared: not when the request timed out, nor when a field's resolver failed
    /// without a code (a store failure, say, rather than a refusal of the arguments), since the
    /// same request may then be answered next time.
    static func isStable(_ result: GraphQLResponse) -> Bool {
        guard result.executed else { return !result.errors.contains { $0.code == "TIMEOUT" } }
        return result.errors.allSatisfy { $0.code != nil }
    }

    /// Executes within the time limit; past it the execution is stopped — the statement SQLite is
    /// running is interrupted, no further read starts and the executor resolves no further level —
    /// and the client gets a TIMEOUT error and no data. A client that goes away stops it the same way.
    /// A statement also stops itself at the deadline (`ReadInterruption`): the watch's timer runs on
    /// the event loops, which the statement may be holding.
    func execute(_ request: GraphQLRequest, prepared: PreparedDocument? = nil, _ context: APIContext) async -> GraphQLResponse {
        let service = self.service
        let deadline = ContinuousClock.now + timeout
        let reads = ReadInterruption(deadline: deadline)
        let work = Task {
            await ReadInterruption.$current.withValue(reads) { await service.execute(request, prepared: prepared, context: context) }
        }
        let stop = { @Sendable in
            reads.interrupt()
            work.cancel()
        }
        let ticket = deadlines.watch(until: deadline, expire: stop)
        let response = await withTaskCancellationHandler { await work.value } onCancel: { stop() }
        deadlines.release(ticket)
        // The watch stops the work only once the deadline has passed, so this tells both apart.
        guard ContinuousClock.now >= deadline else { return response }
        let error = GraphQLError("The request took longer than \(timeout) to execute.", code: "TIMEOUT")
        return GraphQLResponse(data: nil, errors: [error], executed: false)
    }

    /// The HTTP response to an answer: Cache-Control public, or no-store for an answer not kept,
    /// unless `cacheControl` says otherwise; the body gzipped when it is long enough to gain from it.
    func finish(_ response: CachedResponse, _ request: Request, cacheControl: String? = nil) -> Response {
        send(response.status, [.contentType: response.contentType,
                               .cacheControl: cacheControl ?? (response.version == nil ? "no-store" : "public, max-age=\(maxAge)")],
             response.plain,
             gzipped: { response.compressible ? response.gzipForm(level: gzipLevel) : nil }, to: request)
    }

    /// `plain`, or the form `gzipped` makes (nil: none) when gzip is on and the client accepts it,
    /// with the chosen form's strong tag; 304 for a 200 whose form the client already has.
    private func send(_ status: Int, _ headers: HTTPFields, _ plain: TaggedBody, gzipped: () -> TaggedBody?,
                      to request: Request) -> Response {
        let compressed = gzipLevel > 0 && Gzip.accepted(by: request.headers.value(.acceptEncoding)) ? gzipped() : nil
        let form = compressed ?? plain
        var headers = headers
        headers[.eTag] = form.etag
        if status == 200, EntityTag.matches(request.headers.value(.ifNoneMatch), form.etag) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        if compressed != nil { headers[.contentEncoding] = "gzip" }
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: form.body))
    }

    /// The document a request runs: its `query`, or the persisted document its
    /// `extensions.persistedQuery.sha256Hash` names (the automatic persisted query protocol).
    func resolve(_ fields: [(String, ConstValue)]) async throws -> Result<GraphQLRequest, Failure> {
        var fields = fields
        let query: String?
        if case .string(let text)? = fields.first(where: { $0.0 == "query" })?.1 { query = text } else { query = nil }
        let extensions = fields.first(where: { $0.0 == "extensions" })?.1
        guard case .string(let sentHash)? = extensions?["persistedQuery"]?["sha256Hash"] else {
            if persistedOnly {
                return .failure(Failure("This server runs registered documents only: send extensions.persistedQuery.sha256Hash.",
                                        code: "PERSISTED_QUERY_REQUIRED"))
            }
            return Self.request(from: fields)
        }
        // Version 1 hashes the document's text with SHA-256; another version would mean another
        // hash, which this server cannot check (Apollo's servers refuse it alike). None: version 1.
        if let version = extensions?["persistedQuery"]?["version"], version != .int(1) {
            return .failure(Failure("Unsupported persisted query version \(version.json); this server knows version 1.",
                                    code: "PERSISTED_QUERY_VERSION_NOT_SUPPORTED"))
        }
        let hash = sentHash.lowercased()
        if let query {
            guard ContentStore.sha256Hex(query) == hash else {
                return .failure(Failure("provided sha does not match query", code: "PERSISTED_QUERY_HASH_MISMATCH"))
            }
            if persistedOnly, try await registeredQuery(hash) == nil {
                return .failure(Failure("This document is not registered on this server.", code: "PERSISTED_QUERY_NOT_REGISTERED"))
            }
            automaticQueries.put(hash, query)
            return Self.request(from: fields)
        }
        var document = try await registeredQuery(hash)
        if document == nil, !persistedOnly { document = automaticQueries.get(hash) }
        guard let document else {
            return .failure(Failure("PersistedQueryNotFound", code: "PERSISTED_QUERY_NOT_FOUND"))
        }
        fields.append(("query", .string(document)))
        return Self.request(from: fields)
    }

    /// The parameters of a GraphQL request (spec: GraphQL over HTTP, "Request Parameters").
    static let requestParameters: Set<String> = ["query", "operationName", "variables", "extensions"]

    /// The request parameters: `query` (string, required), `operationName`, `variables` (object).
    static func request(from fields: [(String, ConstValue)]) -> Result<GraphQLRequest, Failure> {
        let value = { (key: String) in fields.first { $0.0 == key }?.1 }
        guard case .string(let query)? = value("query") else {
            return .failure(Failure("The request has no query string."))
        }
        var operationName: String?
        switch value("operationName") {
        case .string(let name)?: operationName = name
        case .null?, nil: operationName = nil
        default: return .failure(Failure("operationName must be a string."))
        }
        var variables: [(String, ConstValue)] = []
        switch value("variables") {
        case .object(let object)?:
            if let name = object.lazy.map(\.0).firstRepeated() { return .failure(Failure("The variable \"\(name)\" is given more than once.")) }
            variables = object
        case .null?, nil: break
        default: return .failure(Failure("variables must be a JSON object."))
        }
        return .success(GraphQLRequest(query: query, operationName: operationName, variables: variables))
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        var code = "BAD_REQUEST"
        init(_ description: String, code: String = "BAD_REQUEST") {
            self.description = description
            self.code = code
        }
    }

    /// A GraphQL-shaped error response.
    static func graphQLError(_ status: HTTPResponse.Status, _ message: String, code: String, mediaType: String) -> Response {
        let body = GraphQLResponse(data: nil, errors: [GraphQLError(message, extensions: [("code", .string(code))])],
                                   executed: false).json()
        return Response(status: status, headers: [.contentType: mediaType, .eTag: EntityTag.of(body)],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// 401 with a GraphQL-shaped error and a Bearer challenge.
    static func unauthorized(_ message: String, mediaType: String) -> Response {
        var response = graphQLError(.unauthorized, message, code: "UNAUTHENTICATED", mediaType: mediaType)
        response.headers[.wwwAuthenticate] = "Bearer"
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    /// A line of text; tagged unless `tagged` is false (a health probe's answer is never revalidated).
    static func plain(_ status: HTTPResponse.Status, _ message: String, tagged: Bool = true) -> Response {
        let body = Array((message + "\n").utf8)
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        if tagged { headers[.eTag] = EntityTag.of(body) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension Substring {
    /// Without the spaces and tabs around it (the optional whitespace of RFC 9110's header lists).
    var trimmingBlanks: Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let start = drop(while: blank)
        guard let last = start.lastIndex(where: { !blank($0) }) else { return "" }
        return start[...last]
    }
}

/// What a POST's Content-Type says of its body (RFC 9110, 8.3): JSON is `application/json` in any
/// case, and its text UTF-8 — with no charset (RFC 8259 has JSON between systems in UTF-8) or with
/// `charset=utf-8`, quoted or not; other parameters are ignored. A body declared in another
/// charset would be read as UTF-8 and garbled, so it is refused rather than misread. Read from the
/// header's bytes, as `Accept` is (`HeaderItems`).
enum JSONBodyType {
    case utf8
    case otherType
    case otherCharset(String)

    init(_ header: String?) {
        guard var header else {
            self = .otherType
            return
        }
        self = header.withUTF8 { bytes in
            let typeEnd = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
            guard HeaderItems.same(HeaderItems.trimmed(bytes, 0, typeEnd), "application/json") else { return .otherType }
            var found = JSONBodyType.utf8
            HeaderItems.forEachParameter(bytes, from: typeEnd, to: bytes.count) { name, value in
                guard case .utf8 = found, HeaderItems.same(name, "charset") else { return }
                var charset = value
                if charset.count >= 2, charset.first == UInt8(ascii: "\""), charset.last == UInt8(ascii: "\"") {
                    charset = UnsafeBufferPointer(rebasing: charset.dropFirst().dropLast())
                }
                if !HeaderItems.same(charset, "utf-8"), !HeaderItems.same(charset, "utf8") {
                    found = .otherCharset(String(decoding: charset, as: UTF8.self))
                }
            }
            return found
        }
    }
}

/// The media types an Accept header names that matter at `/graphql`, compared without their
/// parameters and without regard to case, with their weights (RFC 9110, 12.5.1): a type given
/// `q=0` is one the client does not accept, and a type named outright counts over a range that
/// covers it (`application/json;q=0, */*` accepts anything but JSON). Read from the header's bytes
/// in one pass: most requests send one, and splitting it into lowercased strings cost a GraphQL
/// request a microsecond or two.
struct AcceptedTypes: Equatable {
    /// Each one's weight in thousandths (`HeaderItems`), nil when the header does not name it.
    var graphQLResponse: Int?
    var json: Int?
    /// `application/*`.
    var anyApplication: Int?
    /// `*/*`.
    var anything: Int?
    var html: Int?

    /// How much the client wants graphql-response+json and JSON: a type's own weight, else
    /// the weight of the narrowest range the header gives that covers it, else 0.
    var graphQLResponseWeight: Int { graphQLResponse ?? anyApplication ?? anything ?? 0 }
    var jsonWeight: Int { json ?? anyApplication ?? anything ?? 0 }

    /// Whether one of the two JSON media types is named outright with a weight above 0.
    var namesJSON: Bool { (graphQLResponse ?? 0) > 0 || (json ?? 0) > 0 }
}

// In an extension, so that the memberwise initializer stays.
extension AcceptedTypes {
    init(_ header: String) {
        var found = AcceptedTypes()
        HeaderItems.forEach(in: header) { item, weight in
            // A type named twice keeps its higher weight.
            func note(_ kept: inout Int?) { kept = max(kept ?? 0, weight) }
            if HeaderItems.same(item, "application/graphql-response+json") { note(&found.graphQLResponse) }
            else if HeaderItems.same(item, "application/json") { note(&found.json) }
            else if HeaderItems.same(item, "application/*") { note(&found.anyApplication) }
            else if HeaderItems.same(item, "*/*") { note(&found.anything) }
            else if HeaderItems.same(item, "text/html") { note(&found.html) }
        }
        self = found
    }
}

extension HTTPFields {
    /// The value of the field `name`, the values of several joined as the subscript joins them;
    /// nil when there is none. One pass over the fields: the subscript makes a sequence of the
    /// matching fields and joins it through generic code even for the one field a request has, and
    /// a GraphQL POST reads seven headers.
    func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if found != nil { return self[name] }
            found = field.value
        }
        return found
    }
}

/// A header read as bytes: the items of a comma-separated one whose items may carry a weight, `q`
/// (RFC 9110, 12.4.2) — `Accept`, `Accept-Encoding` — and the parameters after a value
/// (`Content-Type`'s `charset`).
enum HeaderItems {
    /// Calls `body` with each item's value — without its parameters and the blanks around it — and
    /// its weight in thousandths: 1000 when it has no `q`, the value of its `q` read as a number
    /// (up to 1000, three decimals), and 0 for a `q` that is no number.
    static func forEach(in header: String, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        var header = header
        header.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
                let parametersStart = bytes[start..<end].firstIndex(of: UInt8(ascii: ";")) ?? end
                var weight = 1000
                forEachParameter(bytes, from: parametersStart, to: end) { name, value in
                    if same(name, "q") { weight = thousandths(value) }
                }
                body(trimmed(bytes, start, parametersStart), weight)
                start = end + 1
            }
        }
    }

    /// Calls `body` with the name and value of each parameter in `bytes[from..<to]`, where `from`
    /// is the `;` that starts the first (RFC 9110, 5.6.6: `; name=value`), both without the blanks
    /// around them. A parameter without `=` is skipped.
    static func forEachParameter(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int,
                                 _ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        var parameter = from
        while parameter < end {
            let next = bytes[(parameter + 1)..<end].firstIndex(of: UInt8(ascii: ";")) ?? end
            if let equals = bytes[(parameter + 1)..<next].firstIndex(of: UInt8(ascii: "=")) {
                body(trimmed(bytes, parameter + 1, equals), trimmed(bytes, equals + 1, next))
            }
            parameter = next
        }
    }

    /// `bytes[from..<to]` without blanks (space, tab) at either end.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
        var (first, last) = (from, to)
        while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
        while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[first..<last])
    }

    /// A weight such as `0`, `0.5`, `1.000` in thousandths, at most 1000 (digits past the third
    /// decimal are ignored); 0 when it is no number.
    private static func thousandths(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var value = 0, index = 0
        while index < text.count, (0x30...0x39).contains(text[index]) {
            value = min(value * 10 + Int(text[index] - 0x30), 1000)
            index += 1
        }
        guard index > 0 else { return 0 }
        value *= 1000
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 100
            while index < text.count, (0x30...0x39).contains(text[index]) {
                value += Int(text[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        return index == text.count ? min(value, 1000) : 0
    }

    /// Whether `item` is `name` (lowercase ASCII) in any case.
    static func same(_ item: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard item.count == name.utf8CodeUnitCount else { return false }
        let lower = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for index in item.indices {
            let byte = item[index]
            if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != lower[index] { return false }
        }
        return true
    }
}
