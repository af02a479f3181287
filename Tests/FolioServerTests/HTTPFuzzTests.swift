import ConformanceSupport
@testable import FolioServer
import Foundation
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import Testing

/// `/graphql` against mutated requests — bodies, query strings, methods and media types — through
/// the server's whole request path: every answer is one the GraphQL-over-HTTP spec allows for a bad
/// request (never a 500), a JSON answer is well-formed JSON with `data` or `errors`, and the server
/// answers a good request afterwards. `FUZZ_ITERATIONS` and `FUZZ_SEED` run more or other mutants.
struct HTTPFuzzTests {
    static let bodies = [
        #"{"query":"query ($s: String) { article(slug: $s) { title author { name } related { slug } } }","variables":{"s":"am-i-getting-tremors"}}"#,
        #"{"query":"{ articles(first: 2) { nodes { title } pageInfo { endCursor } } }","operationName":null,"extensions":{}}"#,
        #"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"}}}"#,
        #"{"query":"query A { __typename } query B { search(query: \"knee\") { totalCount } }","operationName":"B"}"#,
        #"{"query":"mutation { x }","variables":null}"#,
    ]
    static let pieces = ["{", "}", "[", "]", ":", ",", "\"", "\\", "\\u0000", "null", "true", "1e999", "-", "query", "variables",
                         "operationName", "extensions", "persistedQuery", "sha256Hash", "{ __schema { types { name } } }", "é"]
    static let accepts = ["application/graphql-response+json", "application/json", "*/*", "text/html", "application/xml",
                          "application/json;q=0, application/graphql-response+json;q=0.5", "", "application/*;q=0.1"]
    static let contentTypes = ["application/json", "application/json; charset=utf-8", "text/plain", "application/graphql", ""]

    /// Queries of every cost on the event loops, and then every query that costs anything on the
    /// store's lanes for long work (`longQueryCost` 1), where their executions hop between threads.
    @Test(arguments: [nil, 1]) func mutatedRequestsGetASpecAnswer(longQueryCost: Int?) async throws {
        let server = try await TestServer()
        let seed = Fuzzing.seed(default: 0x477_F022)
        let iterations = Fuzzing.iterations(default: 1_500)
        var options = ServerOptions()
        options.longQueryCost = longQueryCost
        try await server.test(options: options) { client in
            var mutator = Mutator(seed: seed, seeds: Self.bodies, pieces: Self.pieces)
            var random = SplitMix(seed: seed)
            for iteration in 0..<iterations {
                let mutant = mutator.mutant()
                var headers: HTTPFields = [.accept: Self.accepts.randomElement(using: &random)!]
                let method: HTTPRequest.Method = [.post, .post, .get, .head, .put].randomElement(using: &random)!
                var uri = "/graphql"
                var body: ByteBuffer?
                if method == .get || method == .head {
                    // The body's text as a query string: parameters, escapes and all, mutated.
                    let text = String(decoding: mutant, as: UTF8.self)
                    uri += "?query=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                        + ["", "&variables=%7B%22s%22%3A1%7D", "&variables=%7B", "&extensions=", "&query=x"].randomElement(using: &random)!
                } else {
                    headers[.contentType] = Self.contentTypes.randomElement(using: &random)!
                    body = ByteBuffer(bytes: mutant)
                }
                try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
                    let allowed: Set<Int> = [200, 400, 405, 406, 413, 415]
                    if !allowed.contains(response.status.code) {
                        Issue.record("mutant \(iteration): \(method) answered \(response.status.code): \(String(buffer: response.body))")
                    }
                    let type = response.headers[.contentType] ?? ""
                    guard method != .head, type.contains("json") else { return }
                    guard case .object(let fields)? = try? JSONReader.parse(Array(buffer: response.body)),
                          !fields.isEmpty, Set(fields.map(\.0)).isSubset(of: ["data", "errors", "extensions"]) else {
                        Issue.record("mutant \(iteration): not a GraphQL JSON answer: \(String(buffer: response.body))")
                        return
                    }
                }
            }
            try await client.execute(uri: "/graphql?query=%7B__typename%7D", method: .get,
                                     headers: [.accept: "application/json"]) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
