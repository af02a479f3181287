import ConformanceSupport
import CLibDeflate
import FolioContent
@testable import FolioServer
@testable import FolioStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// The server in process, over a temporary database holding the seeds.
final class TestServer: Sendable {
    let folder: URL
    let store: ContentStore

    /// `onStatement` sees the SQL of each statement the store runs (see `ContentStore.init`).
    init(onStatement: (@Sendable (String) -> Void)? = nil) async throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "folio-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try ContentStore(path: folder.appending(path: "f.sqlite").path, onStatement: onStatement)
        try store.migrate()
        var entries: [ContentEntry] = []
        for kind in ContentKind.allCases {
            let directory = Conformance.repository.appending(path: "seeds/\(kind.folder)")
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                entries.append(try ContentFile.parse(try String(contentsOf: directory.appending(path: name), encoding: .utf8),
                                                     path: name, kind: kind))
            }
        }
        try await store.save(entries)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Runs `body` against the server: in process through the router, or `.live` on a real socket.
    func test(_ setup: TestingSetup = .router, options: ServerOptions = ServerOptions(), logger: Logger? = nil,
              _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try FolioServer.router(store: store, options: options),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              logger: logger ?? Logger(label: "folio-test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await app.test(setup, body)
    }
}

struct GraphQLHTTPTests {
    static let json: HTTPFields = [.contentType: "application/json", .accept: "application/graphql-response+json"]

    @Test func postReturnsGraphQLResponseJSON() async throws {
        try await TestServer().test { client in
            let body = ByteBuffer(string: #"{"query":"query ($s: String) { article(slug: $s) { title } }","variables":{"s":"am-i-getting-tremors"}}"#)
            try await client.execute(uri: "/graphql", method: .post, headers: Self.json, body: body) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/graphql-response+json; charset=utf-8")
                #expect(String(buffer: response.body) == #"{"data":{"article":{"title":"Am I Getting Tremors?"}}}"#)
            }
        }
    }

    @Test func getRunsQueriesButNotMutations() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/graphql?query=%7B__typename%7D", method: .get,
                                     headers: [.accept: "application/graphql-response+json"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"data":{"__typename":"Query"}}"#)
            }
            try await client.execute(uri: "/graphql?query=mutation%7Bx%7D", method: .get,
                                     headers: [.accept: "application/graphql-response+json"]) { response in
                // Mutations may not travel over GET (GraphQL over HTTP): 405 with Allow.
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD, POST")
            }
        }
    }

    /// GET parameters are `application/x-www-form-urlencoded`, as `URLSearchParams` writes them:
    /// `+` is a space. Malformed escapes, bytes that are not UTF-8 and a parameter given twice are
    /// the client's error, said as such.
    @Test func getReadsTheQueryStringAsAForm() async throws {
        let accept: HTTPFields = [.accept: "application/json"]
        try await TestServer().test { client in
            let form = "query=query+Q(%24n%3A+String!)+%7B+__type(name%3A+%24n)+%7B+name+%7D+%7D&variables=%7B%22n%22%3A+%22Article%22%7D&operationName=Q&other"
            try await client.execute(uri: "/graphql?" + form, method: .get, headers: accept) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"data":{"__type":{"name":"Article"}}}"#)
            }
            let refused: [(String, String)] = [
                ("query=%7B__typename%ZZ",
                 #"The URL parameter \"query\" is not valid percent-encoding: \"%ZZ\" at character 14 is not a \"%\" and two hexadecimal digits."#),
                ("query=%7B__typename%7D%", #"The URL parameter \"query\" is not valid percent-encoding: \"%\" at character 17"#),
                ("qu%Gry=x", #"A URL parameter name is not valid percent-encoding: \"%Gr\" at character 3"#),
                ("query=%E2%28%A1", #"The URL parameter \"query\" is not UTF-8 once its percent-encoding is decoded."#),
                ("query=%7B__typename%7D&query=%7Bx%7D", #"The URL parameter \"query\" is given more than once."#),
                ("query=%7B__typename%7D&variables=%7B%7D&variables=%7B%7D", #"The URL parameter \"variables\" is given more than once."#),
                ("query=%7B__typename%7D&variables=%7B%22s%22%3A1%2C%22s%22%3A2%7D", #"The variable \"s\" is given more than once."#),
            ]
            for (form, message) in refused {
                try await client.execute(uri: "/graphql?" + form, method: .get, headers: accept) { response in
                    #expect(response.status == .badRequest, "\(form)")
                    let body = String(buffer: response.body)
                    #expect(body.contains(message), "\(form): \(body)")
                    #expect(body.contains(#""code":"BAD_REQUEST""#), "\(form): \(body)")
                }
            }
        }
    }

    /// A POST body that gives a request parameter or a variable twice is refused: JSON readers
    /// differ on which of the two counts, so the server does not pick one.
    @Test func repeatedMembersOfABodyAreRefused() async throws {
        try await TestServer().test { client in
            let refused: [(String, String)] = [
                (#"{"query":"{ __typename }","query":"{ nope }"}"#, #"The request body gives \"query\" more than once."#),
                (#"{"query":"{ __typename }","operationName":null,"operationName":"A"}"#,
                 #"The request body gives \"operationName\" more than once."#),
                (#"{"query":"query ($s: String) { article(slug: $s) { title } }","variables":{"s":"a","s":"b"}}"#,
                 #"The variable \"s\" is given more than once."#),
            ]
            for (body, message) in refused {
                try await client.execute(uri: "/graphql", method: .post, headers: Self.json, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    let text = String(buffer: response.body)
                    #expect(text.contains(message) && text.contains(#""code":"BAD_REQUEST""#), "\(body): \(text)")
                }
            }
            // Members GraphQL does not read may repeat, as in any JSON.
            try await client.execute(uri: "/graphql", method: .post, headers: Self.json,
                                     body: ByteBuffer(string: #"{"query":"{ __typename }","x":1,"x":2}"#)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// A body longer than `--max-body` is refused with 413 and PAYLOAD_TOO_LARGE; one of exactly
    /// that length runs, in process and over a real connection.
    @Test func bodiesPastTheLimitAreRefused() async throws {
        let query = #"{"query":"{ __typename }"}"#
        for setup in [TestingSetup.router, .live] {
            var options = ServerOptions()
            let limit = query.utf8.count + 10
            options.maxBodyBytes = limit
            try await TestServer().test(setup, options: options) { client in
                let fits = #"{"query":"{ __typename }"}          "#
                #expect(fits.utf8.count == limit)
                try await client.execute(uri: "/graphql", method: .post, headers: Self.json, body: ByteBuffer(string: fits)) { response in
                    #expect(response.status == .ok, "\(setup)")
                    #expect(String(buffer: response.body) == #"{"data":{"__typename":"Query"}}"#)
                }
                let long = fits + " "
                try await client.execute(uri: "/graphql", method: .post, headers: Self.json, body: ByteBuffer(string: long)) { response in
                    #expect(response.status == .contentTooLarge, "\(setup)")
                    let text = String(buffer: response.body)
                    #expect(text.contains("The request body is larger than \(limit) bytes.") && text.contains(#""code":"PAYLOAD_TOO_LARGE""#),
                            "\(text)")
                }
            }
        }
    }

    /// A body that does not come whole — its chunked framing broken, or the stream ended before
    /// its length — is the client's error (400, BAD_REQUEST, saying why), not a body too large, and
    /// the connection closes, since what follows on it cannot be told apart.
    @Test func bodiesThatDoNotComeWholeAreBadRequests() async throws {
        let head = "POST /graphql HTTP/1.1\r\nHost: folio\r\nContent-Type: application/json\r\n"
        try await TestServer().test(.live) { client in
            let port = try #require(client.port)
            for (request, reason, halfClose) in [
                (head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"que\r\nZZZ\r\n\r\n", "invalid character in chunk size header", false),
                (head + "Content-Length: 100\r\n\r\n{\"query\":", "stream ended at an unexpected time", true),
            ] {
                let connection = try RawConnection(port: port)
                try connection.send(request)
                if halfClose { connection.finishSending() }
                let answer = connection.read(within: .seconds(10)) { $0.hasSuffix("}]}") }
                #expect(answer.text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer.text)")
                #expect(answer.text.lowercased().contains("\r\nconnection: close\r\n"), "\(answer.text)")
                #expect(answer.text.hasSuffix(#"{"errors":[{"message":"The request body could not be read: \#(reason).","extensions":{"code":"BAD_REQUEST"}}]}"#),
                        "\(answer.text)")
            }
            // The server goes on answering.
            try await client.execute(uri: "/graphql", method: .post, headers: Self.json,
                                     body: ByteBuffer(string: #"{"query":"{ __typename }"}"#)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func statusCodesFollowTheSpec() async throws {
        try await TestServer().test { client in
            // A document that fails validation never executes: 400 with graphql-response+json ...
            try await client.execute(uri: "/graphql", method: .post, headers: Self.json,
                                     body: ByteBuffer(string: #"{"query":"{ nope }"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).hasPrefix(#"{"errors":[{"message":"Cannot query field \"nope\""#))
            }
            // ... and 200 for a client that only accepts application/json.
            try await client.execute(uri: "/graphql", method: .post,
                                     headers: [.contentType: "application/json", .accept: "application/json"],
                                     body: ByteBuffer(string: #"{"query":"{ nope }"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            }
            // Content-Type is read as a media type with parameters: JSON in UTF-8 only.
            for (contentType, refusal) in [
                ("text/plain", "POST a JSON body with Content-Type: application/json."),
                ("application/jsonp", "POST a JSON body with Content-Type: application/json."),
                ("application/json-seq", "POST a JSON body with Content-Type: application/json."),
                ("application/json; charset=latin1", "Content-Type charset latin1 is not supported: send the JSON body as UTF-8."),
                (#"application/json;charset="ISO-8859-1""#, "Content-Type charset ISO-8859-1 is not supported: send the JSON body as UTF-8."),
                ("Application/JSON ; Charset=\"UTF-8\"", nil), ("application/json;charset=utf8", nil),
                ("application/json; boundary=x", nil),
            ] {
                try await client.execute(uri: "/graphql", method: .post, headers: [.contentType: contentType, .accept: "*/*"],
                                         body: ByteBuffer(string: #"{"query":"{ __typename }"}"#)) { response in
                    if let refusal {
                        #expect(response.status == .unsupportedMediaType, "\(contentType)")
                        #expect(String(buffer: response.body) == refusal + "\n")
                    } else {
                        #expect(response.status == .ok, "\(contentType)")
                    }
                }
            }
            // A compressed body is refused for what it is, not as JSON that does not parse.
            try await client.execute(uri: "/graphql", method: .post,
                                     headers: [.contentType: "application/json", .contentEncoding: "gzip"],
                                     body: ByteBuffer(bytes: [0x1F, 0x8B, 0x08, 0x00])) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.headers[.acceptEncoding] == "identity")
                #expect(String(buffer: response.body) == "Content-Encoding gzip is not supported: send the body uncompressed.\n")
            }
            try await client.execute(uri: "/graphql", method: .get, headers: [.accept: "text/xml"]) { response in
                #expect(response.status == .notAcceptable)
                #expect(response.headers[.eTag] == EntityTag.of(Array(buffer: response.body)), "every response is tagged")
            }
            // A body or parameter that is not JSON says where it stops being JSON.
            for (method, uri, body, message) in [
                (HTTPRequest.Method.post, "/graphql", #"{"query": "#, "The request body is not valid JSON: Unexpected end of JSON at byte 10."),
                (.post, "/graphql", "[1]", "The request body is not a JSON object."),
                (.get, "/graphql?query=%7B__typename%7D&variables=%7Bbad", "", "The variables parameter is not valid JSON: Expected a string key at byte 1."),
            ] {
                try await client.execute(uri: uri, method: method, headers: Self.json, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest)
                    #expect(String(buffer: response.body) == #"{"errors":[{"message":"\#(message)","extensions":{"code":"BAD_REQUEST"}}]}"#)
                    #expect(response.headers[.eTag] == EntityTag.of(Array(buffer: response.body)))
                }
            }
            try await client.execute(uri: "/graphql", method: .put, headers: Self.json, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD, POST")
            }
            try await client.execute(uri: "/graphql", method: .post, headers: Self.json,
                                     body: ByteBuffer(string: #"{"variables":{}}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("The request has no query string."))
            }
            try await client.execute(uri: "/graphql", method: .post, headers: Self.json, body: ByteBuffer(string: "[1")) { response in
                #expect(response.status == .badRequest)
            }
            // A body saved with a UTF-8 byte order mark (as some Windows tools write it) is read past it.
            try await client.execute(uri: "/graphql", method: .post, headers: Self.json,
                                     body: ByteBuffer(bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"query":"{ __typename }"}"#.utf8))) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"data":{"__typename":"Query"}}"#)
            }
        }
    }

    @Test func depthLimitIsOnByDefault() async throws {
        try await TestServer().test { client in
            let deep = "{ articles { nodes { related { related { related { related { related { related { related { related { slug } } } } } } } } } } }"
            let body = ConstValueJSON.object(["query": deep])
            try await client.execute(uri: "/graphql", method: .post, headers: Self.json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("MAX_DEPTH_EXCEEDED"))
            }
        }
    }

    /// Introspection lists nest at most three deep, as graphql-js's specified rules have it: a
    /// short query whose fragments nest `fields { type { ofType } }` ten times (millions of
    /// objects; it kept the server busy past its time limit) is refused before it runs, while the
    /// standard introspection query of every client still passes (the explorer test runs it).
    @Test func explodingIntrospectionIsRefused() async throws {
        var fragments = ["fragment F0 on __Type { name }"]
        for level in 1...10 {
            let inner = "...F\(level - 1)"
            fragments.append("fragment F\(level) on __Type { name fields { type { \(inner) ofType { \(inner) ofType { \(inner) } } } } }")
        }
        let query = "{ __schema { types { ...F10 } } } " + fragments.joined(separator: " ")
        try await TestServer().test { client in
            let body = ConstValueJSON.object(["query": query])
            try await client.execute(uri: "/graphql", method: .post, headers: Self.json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Maximum introspection depth exceeded"))
            }
        }
    }

    @Test func healthz() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
                #expect(response.headers[.eTag] == nil, "a probe's answer: the benchmarks' baseline, untouched")
            }
            // A path that exists, asked with a method it does not take: 405 with Allow, not 404.
            for uri in ["/healthz", "/metrics"] {
                for method in [HTTPRequest.Method.post, .delete] {
                    try await client.execute(uri: uri, method: method) { response in
                        #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                        #expect(response.headers[.allow] == "GET, HEAD")
                        #expect(String(buffer: response.body) == "Use GET.\n")
                    }
                }
            }
            try await client.execute(uri: "/nowhere", method: .delete) { #expect($0.status == .notFound) }
        }
    }
}

/// Accept headers as `/graphql` reads them: types without their parameters, in any case, between
/// blanks and commas, with their weights; a type that only starts like one of them is not it.
/// Content-Type headers as a POST's body is read by them: JSON in any case and between blanks,
/// UTF-8 as the charset's only accepted value (quoted or not, either spelling), other parameters
/// ignored.
@Test func jsonBodyTypes() {
    let utf8 = ["application/json", "Application/JSON", " application/json ; charset=utf-8", "application/json;charset=\"UTF8\"",
                "application/json; boundary=x", "application/json;", "application/json; charset", "application/json;\tcharset = utf-8 "]
    for header in utf8 {
        guard case .utf8 = JSONBodyType(header) else { Issue.record("\(header)"); continue }
    }
    for header in [nil, "", "text/plain", "application/jsonx", "application/json-seq", "application/graphql"] as [String?] {
        guard case .otherType = JSONBodyType(header) else { Issue.record("\(header ?? "nil")"); continue }
    }
    // The first charset that is not UTF-8 is the one reported.
    for (header, named) in [("application/json; charset=latin1", "latin1"), ("application/json; charset=\"ISO-8859-1\"", "ISO-8859-1"),
                            ("application/json; charset=utf-8; charset=utf-16; charset=x", "utf-16")] {
        guard case .otherCharset(let charset) = JSONBodyType(header) else {
            Issue.record("\(header)")
            continue
        }
        #expect(charset == named)
    }
}

/// A header's value read in one pass: none, one field, and several joined as the subscript joins
/// them (a client may send `Accept` on two lines).
@Test func headerValuesReadInOnePass() {
    var fields: HTTPFields = [.contentType: "application/json"]
    #expect(fields.value(.accept) == nil)
    #expect(fields.value(.contentType) == "application/json")
    fields.append(HTTPField(name: .accept, value: "text/html"))
    fields.append(HTTPField(name: .accept, value: "application/json;q=0.9"))
    #expect(fields.value(.accept) == "text/html, application/json;q=0.9")
    #expect(fields.value(.accept) == fields[.accept])
}

@Test func acceptedMediaTypes() {
    let cases: [(String, AcceptedTypes)] = [
        ("application/graphql-response+json", AcceptedTypes(graphQLResponse: 1000)),
        ("Application/JSON; charset=utf-8", AcceptedTypes(json: 1000)),
        (" text/html ,application/xhtml+xml;q=0.9,\t*/*;q=0.8", AcceptedTypes(anything: 800, html: 1000)),
        ("application/*", AcceptedTypes(anyApplication: 1000)),
        ("application/jsonx, text/htm, application/json-seq", AcceptedTypes()),
        ("application/graphql-response+json;charset=utf-8, application/json;q=0.9", AcceptedTypes(graphQLResponse: 1000, json: 900)),
        (",, ;q=1,", AcceptedTypes()),
        ("TEXT/HTML", AcceptedTypes(html: 1000)),
        // Weights: any case of `q`, blanks, three decimals (more are ignored), capped at 1; a
        // weight that is no number counts as 0; a type named twice keeps its higher weight.
        ("application/json;Q=0.25", AcceptedTypes(json: 250)),
        ("application/json ; charset=utf-8 ; q=0 ", AcceptedTypes(json: 0)),
        ("application/json;q=1.000, */*;q=0.001", AcceptedTypes(json: 1000, anything: 1)),
        ("application/json;q=7, text/html;q=high", AcceptedTypes(json: 1000, html: 0)),
        ("application/json;q=0.50001, */*;q=99999999999999999999999", AcceptedTypes(json: 500, anything: 1000)),
        ("application/json;q=0, application/json;q=0.5", AcceptedTypes(json: 500)),
        // Blanks around a parameter's `=` are read past, as around the parameter.
        ("application/json; q = 0.5, text/html;q=", AcceptedTypes(json: 500, html: 0)),
    ]
    for (header, types) in cases {
        #expect(AcceptedTypes(header) == types, "\(header)")
    }
    let response = GraphQLHTTP.responseMediaType, json = GraphQLHTTP.jsonMediaType
    let chosen: [(String?, String?)] = [
        (nil, json),
        ("text/html", nil),
        ("*/*", json),
        ("application/json, application/graphql-response+json", response),
        // q=0 refuses a type, whether named or covered by a range.
        ("application/graphql-response+json;q=0, application/json", json),
        ("application/graphql-response+json;q=0", nil),
        ("application/json;q=0, */*", response),
        ("*/*;q=0", nil),
        ("application/json;q=0, application/*;q=0.5", response),
        // The higher weight wins; a tie goes to graphql-response+json.
        ("application/graphql-response+json;q=0.5, application/json", json),
        ("application/graphql-response+json;q=0.5, application/json;q=0.5", response),
        ("application/graphql-response+json;q=0.9, application/json;q=0.8", response),
    ]
    for (header, type) in chosen {
        #expect(GraphQLHTTP.responseType(header.map(AcceptedTypes.init)) == type, "\(header ?? "no Accept")")
    }
}

/// Accept-Encoding as the gzip choice reads it (RFC 9110, 12.5.3).
@Test func acceptedEncodings() {
    let cases: [(String?, Bool)] = [
        (nil, false), ("", false), ("gzip", true), ("GZIP", true), ("x-gzip", true), ("deflate, gzip;q=0.5", true),
        ("gzip;q=0", false), ("gzip;q=0.000", false), ("*", true), ("*;q=0", false), ("gzip;q=0, *", false),
        ("br, *;q=0.1", true), ("identity", false), ("gzip;q=nope", false), ("gzipx", false),
    ]
    for (header, accepted) in cases {
        #expect(Gzip.accepted(by: header) == accepted, "\(header ?? "no Accept-Encoding")")
    }
}

/// A tiny JSON object writer for request bodies in tests.
enum ConstValueJSON {
    static func object(_ fields: [String: String]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: fields)
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

struct CachingTests {
    /// Every one-byte change of a body, and a longer body, gives another tag; the same body the same.
    /// The body's 107 bytes go through every part of the hash: three 32-byte blocks, a word and
    /// three bytes.
    @Test func entityTagsFollowEveryByte() {
        let body = Array("{\"data\":{\"article\":{\"title\":\"Tremors\",\"summary\":\"Why hands shake, and what helps: a neurologist's note.\"}}}".utf8)
        #expect(body.count == 107)
        var tags: Set<String> = [EntityTag.of(body)]
        #expect(EntityTag.of(body) == EntityTag.of(Array(body)))
        for index in body.indices {
            var changed = body
            changed[index] ^= 0x01
            tags.insert(EntityTag.of(changed))
        }
        tags.insert(EntityTag.of(body + [0]))
        tags.insert(EntityTag.of([]))
        #expect(tags.count == body.count + 3)
        #expect(tags.allSatisfy { $0.count == 18 && $0.hasPrefix("\"") && $0.hasSuffix("\"") })
        // The hash in sixteen lowercase hex digits, leading zeros kept (values the tags had when
        // they were made with `String(_:radix:)` and padded).
        let known = [("page 153", #""008ea28accdad051""#), ("page 120", #""0da9a28aa5e2d051""#), ("", #""cbf29ce484222325""#),
                     (String(repeating: "A", count: 40), #""e0d72f77e2f2add8""#)]
        for (text, tag) in known {
            #expect(EntityTag.of(Array(text.utf8)) == tag, "\(text)")
        }
    }

    @Test func etagsAnd304() async throws {
        try await TestServer().test { client in
            let uri = "/graphql?query=%7Barticles%7BtotalCount%7D%7D"
            var etag = ""
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "public, max-age=60")
                // A shared cache keeps the answers to other Accept, Accept-Encoding and Authorization headers apart.
                #expect(response.headers[.vary] == "Accept, Accept-Encoding, Authorization")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                etag = response.headers[.eTag] ?? ""
                #expect(etag.hasPrefix("\"") && etag.count == 18)
            }
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.vary] == "Accept, Accept-Encoding, Authorization")
            }
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"0000000000000000\""]) { response in
                #expect(response.status == .ok)
            }
            // HEAD answers as GET does, without the body.
            try await client.execute(uri: uri, method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == etag)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/healthz", method: .head) { #expect($0.status == .ok) }
        }
    }

    /// The cache finds a response by the request as sent: the same POST body answers from it (from
    /// its third time on: a request is kept from its second), the same body asking for the other
    /// media type does not, nor does anything with a token.
    @Test func identicalRequestsAreAnsweredFromTheCache() async throws {
        try await TestServer().test { client in
            let body = ByteBuffer(string: #"{"query":"{ articles { totalCount } }"}"#)
            var etags: [String] = []
            let graphQLResponse = "application/graphql-response+json"
            for accept in [graphQLResponse, graphQLResponse, graphQLResponse, "application/json"] {
                try await client.execute(uri: "/graphql", method: .post, headers: [.contentType: "application/json", .accept: accept],
                                         body: body) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix(accept) == true)
                    #expect(String(buffer: response.body) == #"{"data":{"articles":{"totalCount":10}}}"#)
                    etags.append(response.headers[.eTag] ?? "")
                }
            }
            #expect(Set(etags).count == 1)
            try await client.execute(uri: "/graphql", method: .post, headers: [.contentType: "application/json", .authorization: "Bearer nope"],
                                     body: body) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let lines = Set(String(buffer: response.body).split(separator: "\n").map(String.init))
                #expect(lines.contains("folio_response_cache_hits_total 1"))
                #expect(lines.contains("folio_response_cache_misses_total 3"))
            }
        }
    }

    /// Requests that differ only in how an accented letter is encoded (composed "é" against "e" and
    /// a combining accent: equal as Swift strings) are different requests: each is answered from
    /// its own document and its own cached answer, which echo its own bytes back.
    @Test func cachesTellCanonicallyEqualTextsApart() async throws {
        try await TestServer().test { client in
            let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
            #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
            // With the text inline (the document cache and the response cache) and as a variable
            // (the response cache alone), each sent three times so it is kept.
            for form in [#"{"query":"{ articles(after: \"X\") { totalCount } }"}"#,
                         #"{"query":"query ($c: String) { articles(after: $c) { totalCount } }","variables":{"c":"X"}}"#] {
                for text in [composed, composed, composed, decomposed, decomposed, decomposed, composed] {
                    let body = ByteBuffer(string: form.replacingOccurrences(of: "X", with: text))
                    try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json, body: body) { response in
                        let echoed = Array(String(buffer: response.body).utf8)
                        #expect(echoed.firstRange(of: Array(text.utf8)) != nil, "\(String(buffer: response.body))")
                    }
                }
            }
        }
    }

    /// Answers are kept within `responseCacheBytes` (request and body together): one larger than
    /// the whole allowance is never kept, however often it is asked for.
    @Test func responseCacheIsBoundedInBytes() async throws {
        var options = ServerOptions()
        options.responseCacheBytes = 200
        try await TestServer().test(options: options) { client in
            for query in ["{ articles { totalCount } }", "{ articles { nodes { bodyHtml } } }"] {
                for _ in 0..<3 {
                    try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                             body: ByteBuffer(string: ConstValueJSON.object(["query": query]))) { #expect($0.status == .ok) }
                }
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let lines = Set(String(buffer: response.body).split(separator: "\n").map(String.init))
                #expect(lines.contains("folio_response_cache_hits_total 1"), "the small answer's third time only")
                #expect(lines.contains("folio_response_cache_misses_total 5"))
            }
        }
    }

    /// A content write in between, by anyone, changes the answer at once.
    @Test func contentWritesInvalidateTheResponseCache() async throws {
        let server = try await TestServer()
        try await server.test { client in
            let uri = "/graphql?query=%7Barticles%7BtotalCount%7D%7D"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(String(buffer: response.body) == #"{"data":{"articles":{"totalCount":10}}}"#)
            }
            // A second store on the same file stands in for folio-admin in another process.
            let other = try ContentStore(path: server.folder.appending(path: "f.sqlite").path)
            try await other.unpublish("am-i-getting-tremors")
            try await client.execute(uri: uri, method: .get) { response in
                #expect(String(buffer: response.body) == #"{"data":{"articles":{"totalCount":9}}}"#)
            }
        }
    }

    /// A scheduled article appears when its time comes, with no write in between: the cached answer
    /// from before that moment is not served after it.
    @Test func scheduledArticlesAppearWhenTheirTimeComesDespiteTheCache() async throws {
        // Publication instants are whole seconds. What follows holds when the three answers before
        // the moment all come back before it: on a machine busy with the other suites three seconds
        // were once too few (CI, session 27), and the scenario then runs again with more room.
        for margin in [3.0, 12.0] {
            let server = try await TestServer()
            let inTime = Mutex(true)
            try await server.test { client in
                let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + margin).rounded(.up))
                try await server.store.publish("am-i-getting-tremors", at: due)
                let uri = "/graphql?query=%7Barticles%7BtotalCount%7D%7D"
                var before: [String] = []
                for _ in 0..<3 {
                    before.append(try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) })
                }
                guard Date() < due else {
                    inTime.withLock { $0 = false }
                    return
                }
                #expect(before == Array(repeating: #"{"data":{"articles":{"totalCount":9}}}"#, count: 3))
                try await Task.sleep(until: .now + .seconds(due.timeIntervalSinceNow + 0.05), clock: .continuous)
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(String(buffer: response.body) == #"{"data":{"articles":{"totalCount":10}}}"#)
                }
                try await client.execute(uri: "/metrics", method: .get) { response in
                    let lines = Set(String(buffer: response.body).split(separator: "\n").map(String.init))
                    #expect(lines.contains("folio_response_cache_hits_total 1"))
                    #expect(lines.contains("folio_response_cache_misses_total 3"))
                }
            }
            if inTime.withLock({ $0 }) { return }
        }
        Issue.record("Three requests took longer than 12 seconds twice running: the machine is too busy for this test.")
    }
}

/// gzip for clients that accept it: the same JSON, under a tag of its own, kept compressed in the
/// response cache.
struct CompressionTests {
    /// The bytes a gzip stream holds (up to 1 MiB), nil when it is not one.
    static func gunzip(_ buffer: ByteBuffer) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        let input = Array(buffer: buffer)
        var output = [UInt8](repeating: 0, count: 1 << 20), length = 0
        let result = input.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { output in
                libdeflate_gzip_decompress(decompressor, input.baseAddress, input.count, output.baseAddress, output.count, &length)
            }
        }
        return result == LIBDEFLATE_SUCCESS ? Array(output[..<length]) : nil
    }

    @Test func acceptEncodingIsRead() {
        for header in ["gzip, deflate, br, zstd", "br;q=1.0, GZIP;q=0.5", "x-gzip", "*", "br, *;q=0.1"] {
            #expect(Gzip.accepted(by: header), "\(header)")
        }
        for header in [nil, "", "identity", "gzip;q=0", "gzip; q=0.000, *", "br, deflate", "*;q=0", "gzip;q=zero"] {
            #expect(!Gzip.accepted(by: header), "\(header ?? "none")")
        }
    }

    @Test func keptAnswersHoldTheirGzippedBody() {
        let long = Array(#"{"data":{"articles":[\#(String(repeating: #"{"title":"Tremors"},"#, count: 100))null]}}"#.utf8)
        let response = CachedResponse(status: 200, contentType: GraphQLHTTP.jsonMediaType, plain: TaggedBody(long), version: nil)
        let kept = response.keptForm(level: 9)
        #expect(kept.gzipped.map { Self.gunzip($0.body) } == long)
        #expect(kept.gzipped?.etag == kept.gzipped.map { EntityTag.of(Array(buffer: $0.body)) })
        #expect(kept.weight == long.count + kept.gzipped!.body.readableBytes)
        let short = CachedResponse(status: 200, contentType: GraphQLHTTP.jsonMediaType, plain: TaggedBody(Array("{}".utf8)), version: nil)
        #expect(short.keptForm(level: 9).gzipped == nil)
        #expect(short.weight == 2)
    }

    /// Compressors are kept between calls and shared by the threads that gzip: each call must
    /// have one to itself. Bodies of 200–300 KB, long enough for calls to overlap, each of its own
    /// made-up words, compressed at once at the per-request level and the cache's, then at the
    /// explorer page's (whose compressors are not kept), and each read back whole.
    @Test func compressorsServeOneCallAtATime() async {
        let bodies = (0..<16).map { index in
            var state = UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
            var bytes: [UInt8] = []
            while bytes.count < 200_000 + index * 6_000 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes += Array("{\"word\":\"w\(state >> 52)\",\"n\":\(state >> 40 & 0xFFF)},".utf8)
            }
            return bytes
        }
        for levels in [[Int32(1), 9], [12]] {
            let results = await withTaskGroup(of: (Int, [UInt8]?).self) { group in
                for (index, body) in bodies.enumerated() {
                    group.addTask {
                        let gzipped = body.withUnsafeBytes { Gzip.compress($0, level: levels[index % levels.count]) }
                        return (index, Self.gunzip(ByteBuffer(bytes: gzipped)))
                    }
                }
                var results: [Int: [UInt8]?] = [:]
                for await (index, bytes) in group { results[index] = bytes }
                return results
            }
            for (index, body) in bodies.enumerated() {
                #expect(results[index] == .some(body), "body \(index) at level \(levels[index % levels.count])")
            }
        }
    }

    @Test func longAnswersAreGzippedForClientsThatAcceptIt() async throws {
        let server = try await TestServer()
        let token = try await server.store.createToken(name: "preview", scope: .preview, expiresAt: nil)
        let gzip: HTTPFields = [.acceptEncoding: "gzip, deflate, br"]
        try await server.test { client in
            let uri = "/graphql?query=" + ("{ articles(first: 20) { nodes { slug title summary } } }"
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            var plain: [UInt8] = [], tag = ""
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.headers[.contentEncoding] == nil, "no Accept-Encoding: identity")
                plain = Array(buffer: response.body)
                tag = response.headers[.eTag] ?? ""
            }
            #expect(plain.count >= Gzip.minimumBytes)
            // Kept with the answer (its second time), then from the cache: the same bytes, under a
            // tag of their own.
            var gzipTag = ""
            for time in 0..<2 {
                try await client.execute(uri: uri, method: .get, headers: gzip) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentEncoding] == "gzip")
                    let sent = response.headers[.eTag] ?? ""
                    #expect(sent == EntityTag.of(Array(buffer: response.body)) && sent != tag)
                    if time == 0 { gzipTag = sent } else { #expect(sent == gzipTag) }
                    #expect(response.headers[.vary] == "Accept, Accept-Encoding, Authorization")
                    #expect(response.body.readableBytes < plain.count / 2)
                    #expect(Self.gunzip(response.body) == plain)
                }
            }
            // Each representation is validated by its own tag.
            var revalidate = gzip
            revalidate[.ifNoneMatch] = gzipTag
            try await client.execute(uri: uri, method: .get, headers: revalidate) { response in
                #expect(response.status == .notModified)
                #expect(response.headers[.eTag] == gzipTag)
            }
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: gzipTag]) { response in
                #expect(response.status == .ok)
                #expect(Array(buffer: response.body) == plain)
            }
            try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip;q=0, br"]) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(response.headers[.eTag] == tag)
            }
            // A short answer goes out as it is.
            try await client.execute(uri: "/graphql?query=%7B__typename%7D", method: .get, headers: gzip) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(String(buffer: response.body) == #"{"data":{"__typename":"Query"}}"#)
            }
            // A token holder's answer: private, tagged, gzipped too.
            var preview = gzip
            preview[.authorization] = "Bearer \(token)"
            try await client.execute(uri: uri, method: .get, headers: preview) { response in
                #expect(response.headers[.cacheControl] == "private, no-store")
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[.eTag] == EntityTag.of(Array(buffer: response.body)), "gzipped at --gzip-level, tagged so")
                #expect(Self.gunzip(response.body).map { String(decoding: $0, as: UTF8.self).contains(#""nodes":["#) } == true)
            }
            // The explorer page, to a browser.
            var browser = gzip
            browser[.accept] = "text/html"
            try await client.execute(uri: "/graphql", method: .get, headers: browser) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(Self.gunzip(response.body) == Array(ExplorerPage.html.utf8))
            }
        }
        // `--gzip-level 0`: nothing is gzipped.
        var options = ServerOptions()
        options.gzipLevel = 0
        try await server.test(options: options) { client in
            for accept in ["application/json", "text/html"] {
                let uri = "/graphql?query=%7Barticles%7Bnodes%7Btitle%20summary%7D%7D%7D"
                try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .accept: accept]) { response in
                    #expect(response.status == .ok)
                    #expect(response.body.readableBytes >= Gzip.minimumBytes)
                    #expect(response.headers[.contentEncoding] == nil)
                }
            }
        }
    }
}

struct TokenTests {
    @Test func previewTokensSeeDraftsAndBadTokensGet401() async throws {
        let server = try await TestServer()
        let preview = try await server.store.createToken(name: "preview", scope: .preview, expiresAt: nil)
        let partner = try await server.store.createToken(name: "partner", scope: .partner, expiresAt: nil)
        let expired = try await server.store.createToken(name: "old", scope: .preview, expiresAt: Date(timeIntervalSince1970: 1_000))
        let revoked = try await server.store.createToken(name: "gone", scope: .preview, expiresAt: nil)
        try await server.store.revokeToken(name: "gone")
        try await server.test { client in
            let uri = "/graphql?query=%7Barticle(slug:%22migraine-triggers-to-track%22)%7Bstatus%7D%7D"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(String(buffer: response.body) == #"{"data":{"article":null}}"#)
            }
            try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(preview)"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"data":{"article":{"status":"DRAFT"}}}"#)
                #expect(response.headers[.cacheControl] == "private, no-store")
                #expect(response.headers[.eTag]?.count == 18, "a private answer has its tag too")
            }
            try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(partner)"]) { response in
                #expect(String(buffer: response.body) == #"{"data":{"article":null}}"#)
            }
            for (token, message) in [(expired, "The token has expired."), (revoked, "The token has been revoked."),
                                     ("folio_preview_nope", "The token is not valid.")] {
                try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    #expect(String(buffer: response.body).contains(message))
                    #expect(String(buffer: response.body).contains("UNAUTHENTICATED"))
                }
            }
        }
    }
}

struct LimitsAndCORSTests {
    @Test func costLimitAndCORSHeaders() async throws {
        try await TestServer().test { client in
            let costly = "{ articles(first: 100) { nodes { related(first: 100) { related(first: 100) { slug } } } } }"
            try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                     body: ByteBuffer(string: ConstValueJSON.object(["query": costly]))) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("MAX_COST_EXCEEDED"))
            }
            // List sizes from variables count with the request's values (they counted as 10: this
            // ran a million objects, 60 s and 650 MB, with n = 100).
            let sized = "query ($n: Int) { articles(first: $n) { nodes { related(first: $n) { related(first: $n) { slug } } } } }"
            for (n, allowed) in [(100, false), (3, true)] {
                let body = try JSONSerialization.data(withJSONObject: ["query": sized, "variables": ["n": n]])
                try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                         body: ByteBuffer(bytes: body)) { response in
                    let text = String(buffer: response.body)
                    #expect(response.status == (allowed ? .ok : .badRequest), "n = \(n): \(text)")
                    // articles 1 + nodes (1 + 100 × related (1 + 100 × related (1 + 100 × slug 1)))
                    #expect(text.contains("Query cost 1010102 exceeds the maximum allowed cost of 5000.") == !allowed, "\(text)")
                    #expect(text.contains("MAX_COST_EXCEEDED") == !allowed)
                }
            }
            // Bodies weigh 10 each: twelve lists of 100 articles with all three (21 MB of JSON at
            // 10,000 articles when they counted 1) are refused; one list of 100 with its HTML is not.
            let bodies = "{ " + (0..<12).map { "a\($0): articles(first: 100) { nodes { bodyHtml bodyMarkdown bodyText } }" }
                .joined(separator: " ") + " }"
            for (query, cost) in [(bodies, 36_024), ("{ articles(first: 100) { nodes { bodyHtml } } }", nil)] {
                try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                         body: ByteBuffer(string: ConstValueJSON.object(["query": query]))) { response in
                    let text = String(buffer: response.body)
                    #expect(response.status == (cost == nil ? .ok : .badRequest), "\(text)")
                    if let cost { #expect(text.contains("Query cost \(cost) exceeds the maximum allowed cost of 5000."), "\(text)") }
                }
            }
            try await client.execute(uri: "/graphql?query=%7B__typename%7D", method: .get,
                                     headers: [.origin: "https://front.example"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                // Scripts may read these of a response only when the response itself says so.
                #expect(response.headers[.accessControlExposeHeaders] == "ETag, X-Request-Id")
            }
            try await client.execute(uri: "/nowhere", method: .get, headers: [.origin: "https://front.example"]) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.accessControlAllowOrigin] == "*", "an error answer is readable too")
            }
            try await client.execute(uri: "/graphql", method: .options,
                                     headers: [.origin: "https://front.example", .accessControlRequestMethod: "POST"]) { response in
                #expect(response.status == .noContent || response.status == .ok)
                #expect(response.headers[.accessControlAllowMethods]?.contains("POST") == true)
                #expect(response.headers[.accessControlMaxAge] == "600")
            }
            // Headers front ends add on their own (Apollo Client's, tracing's) are allowed when asked for.
            try await client.execute(uri: "/graphql", method: .options,
                                     headers: [.origin: "https://front.example", .accessControlRequestMethod: "POST",
                                               .accessControlRequestHeaders: "Content-Type, apollographql-client-name,traceparent, sentry-trace, bad header"]) { response in
                #expect(response.headers[.accessControlAllowHeaders]
                        == "accept, authorization, content-type, if-none-match, apollographql-client-name, traceparent, sentry-trace")
                #expect(response.headers[values: .vary].contains("Access-Control-Request-Headers"))
            }
        }
        // `--cors-origin`: that origin alone.
        var options = ServerOptions()
        options.allowedOrigin = "https://front.example"
        try await TestServer().test(options: options) { client in
            for method in [HTTPRequest.Method.get, .options] {
                try await client.execute(uri: "/graphql?query=%7B__typename%7D", method: method,
                                         headers: [.origin: "https://elsewhere.example", .accessControlRequestMethod: "GET"]) { response in
                    #expect(response.headers[.accessControlAllowOrigin] == "https://front.example")
                }
            }
        }
    }
}

extension LimitsAndCORSTests {
    /// A query estimated to cost at least `longQueryCost` executes on the store's lanes for long
    /// work, not on the event loop that received it; a cheaper one stays there.
    @Test func costlyQueriesRunOffTheEventLoops() async throws {
        let reads = Mutex<[(sql: String, onLane: Bool)]>([])
        let server = try await TestServer { sql in reads.withLock { $0.append((sql, LongReads.isCurrent)) } }
        var options = ServerOptions()
        options.longQueryCost = 50
        try await server.test(.live, options: options) { client in
            // 1 + (1 + 20 × (slug + author (1 + name))) = 62; then 1 + title = 2.
            for (query, long) in [("{ articles(first: 20) { nodes { slug author { name } } } }", true),
                                  ("{ article(slug: \"am-i-getting-tremors\") { title } }", false)] {
                reads.withLock { $0.removeAll() }
                try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                         body: ByteBuffer(string: ConstValueJSON.object(["query": query]))) { response in
                    #expect(response.status == .ok)
                    #expect(!String(buffer: response.body).contains("errors"))
                }
                let articleReads = reads.withLock { $0 }.filter { $0.sql.contains("FROM articles") }
                #expect(!articleReads.isEmpty && articleReads.allSatisfy { $0.onLane == long }, "\(query): \(articleReads)")
            }
        }
    }
}

struct PersistedQueryTests {
    static let document = "{ articles(first: 1) { totalCount } }"
    static var hash: String { ContentStore.sha256Hex(document) }

    static func body(_ query: String?, hash: String, version: Any = 1) -> ByteBuffer {
        var object: [String: Any] = ["extensions": ["persistedQuery": ["version": version, "sha256Hash": hash]]]
        if let query { object["query"] = query }
        return ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }

    @Test func automaticPersistedQueriesOverPOSTAndGET() async throws {
        try await TestServer().test { client in
            // Hash alone first: not known yet.
            try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                     body: Self.body(nil, hash: Self.hash)) { response in
                #expect(String(buffer: response.body).contains("PERSISTED_QUERY_NOT_FOUND"))
            }
            // Hash and document: registered and run.
            try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                     body: Self.body(Self.document, hash: Self.hash)) { response in
                #expect(String(buffer: response.body) == #"{"data":{"articles":{"totalCount":10}}}"#)
            }
            // Then the hash alone works, over GET too.
            let extensions = #"{"persistedQuery":{"version":1,"sha256Hash":"\#(Self.hash)"}}"#
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            try await client.execute(uri: "/graphql?extensions=\(extensions)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"data":{"articles":{"totalCount":10}}}"#)
            }
            try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                     body: Self.body("{ __typename }", hash: Self.hash)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("provided sha does not match query"))
            }
            // Only version 1 (SHA-256 of the text) is known; another is refused, not read as 1.
            for version in [2, "1"] as [Any] {
                try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                         body: Self.body(Self.document, hash: Self.hash, version: version)) { response in
                    #expect(response.status == .badRequest)
                    let shown = version is String ? #"\"1\""# : "2"  // as the JSON body writes it
                    #expect(String(buffer: response.body).contains(
                        "Unsupported persisted query version \(shown); this server knows version 1.\",\"extensions\":{\"code\":\"PERSISTED_QUERY_VERSION_NOT_SUPPORTED\""),
                            "\(String(buffer: response.body))")
                }
            }
        }
    }

    @Test func persistedOnlyRunsRegisteredDocumentsOnly() async throws {
        let server = try await TestServer()
        try await server.store.registerQuery(Self.document, name: "list.graphql")
        var options = ServerOptions()
        options.persistedOnly = true
        let app = Application(router: try FolioServer.router(store: server.store, options: options))
        try await app.test(.router) { client in
            try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                     body: ByteBuffer(string: #"{"query":"{ __typename }"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("PERSISTED_QUERY_REQUIRED"))
            }
            try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                     body: Self.body(nil, hash: Self.hash)) { response in
                #expect(String(buffer: response.body) == #"{"data":{"articles":{"totalCount":10}}}"#)
            }
            let other = "{ __typename }"
            try await client.execute(uri: "/graphql", method: .post, headers: GraphQLHTTPTests.json,
                                     body: Self.body(other, hash: ContentStore.sha256Hex(other))) { response in
                #expect(String(buffer: response.body).contains("PERSISTED_QUERY_NOT_REGISTERED"))
            }
        }
    }
}
