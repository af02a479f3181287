import ConformanceSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The GraphQL over HTTP audits (graphql-http), as data: each request is sent to the real router and
/// its expectations checked. MUST and SHOULD audits must all pass; MAY audits are counted.
struct Audit: Sendable, CustomTestStringConvertible {
    var id: String
    var level: String
    var checks: String
    var method: String
    var headers: [String: String]
    var body: Data?
    var query: String?
    var expect: [String: any Sendable]
    var testDescription: String { "\(level) \(id): \(checks)" }

    static func load() -> [Audit] {
        guard Conformance.isAvailable, let url = try? Conformance.file("graphql-over-http/audits.json"),
              let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let audits = root["audits"] as? [[String: Any]] else { return [] }
        return audits.compactMap { audit in
            guard let request = audit["request"] as? [String: Any], let expect = audit["expect"] as? [String: Any] else { return nil }
            var body: Data? = nil
            if let json = request["json_body"] { body = try? JSONSerialization.data(withJSONObject: json) }
            if let raw = request["raw_body"] as? String { body = Data(raw.utf8) }
            var query: String? = nil
            if let parameters = request["query_params"] as? [String: Any] {
                var components = URLComponents()
                components.queryItems = parameters.sorted { $0.key < $1.key }.map { key, value in
                    let text = (value as? String) ?? (try? JSONSerialization.data(withJSONObject: value))
                        .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
                    return URLQueryItem(name: key, value: text)
                }
                query = components.percentEncodedQuery
            }
            var sendableExpect: [String: any Sendable] = [:]
            for (key, value) in expect {
                switch value {
                case let number as Int: sendableExpect[key] = number
                case let text as String: sendableExpect[key] = text
                case let range as [Int]: sendableExpect[key] = range
                default: break
                }
            }
            return Audit(id: audit["id"] as? String ?? "?", level: audit["level"] as? String ?? "?",
                         checks: audit["checks"] as? String ?? "", method: request["method"] as? String ?? "GET",
                         headers: request["headers"] as? [String: String] ?? [:], body: body, query: query, expect: sendableExpect)
        }
    }

    /// Every unmet expectation of a response.
    func failures(status: Int, contentType: String?, body: Data) -> [String] {
        var failures: [String] = []
        if let expected = expect["status"] as? Int, expected != status { failures.append("status \(status), expected \(expected)") }
        if let range = expect["status_between"] as? [Int], range.count == 2, !(range[0]...range[1]).contains(status) {
            failures.append("status \(status), expected \(range[0])–\(range[1])")
        }
        if let fragment = expect["content_type_contains"] as? String, !(contentType ?? "").contains(fragment) {
            failures.append("content type \(contentType ?? "none"), expected \(fragment)")
        }
        if let key = expect["body_json_has_no_key"] as? String {
            let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            if object == nil || object?[key] != nil { failures.append("body has \"\(key)\" or is not a JSON object") }
        }
        return failures
    }
}

@Suite(.enabled(if: Conformance.isAvailable, "../shared/conformance is absent"))
struct GraphQLOverHTTPAuditTests {
    @Test func allMustAndShouldAuditsPass() async throws {
        let audits = Audit.load()
        #expect(audits.count == 60)
        let server = try await TestServer()
        let results = ResultsBox()
        try await server.test(.live) { client in
            for audit in audits {
                var headers = HTTPFields()
                for (name, value) in audit.headers {
                    if let field = HTTPField.Name(name) { headers[field] = value }
                }
                let uri = "/graphql" + (audit.query.map { "?" + $0 } ?? "")
                let method = HTTPRequest.Method(rawValue: audit.method) ?? .get
                let body = audit.body.map { ByteBuffer(bytes: $0) }
                try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
                    let failures = audit.failures(status: Int(response.status.code), contentType: response.headers[.contentType],
                                                  body: Data(response.body.readableBytesView))
                    results.record(audit, failures)
                }
            }
        }
        let summary = results.summary()
        print("GraphQL over HTTP audits: MUST \(summary["MUST"]!.passed)/\(summary["MUST"]!.total), SHOULD \(summary["SHOULD"]!.passed)/\(summary["SHOULD"]!.total), MAY \(summary["MAY"]!.passed)/\(summary["MAY"]!.total)")
        #expect(results.failedRequired().isEmpty, "\(results.failedRequired().joined(separator: "\n"))")
    }
}

/// Audit outcomes collected from the test client's callbacks.
final class ResultsBox: @unchecked Sendable {
    // Safe: the test client runs requests one after another; the lock guards against anything else.
    private let lock = NSLock()
    private var outcomes: [(level: String, line: String?)] = []

    func record(_ audit: Audit, _ failures: [String]) {
        lock.withLock { outcomes.append((audit.level, failures.isEmpty ? nil : "\(audit.testDescription): \(failures.joined(separator: "; "))")) }
    }

    func summary() -> [String: (passed: Int, total: Int)] {
        lock.withLock {
            var result: [String: (passed: Int, total: Int)] = ["MUST": (0, 0), "SHOULD": (0, 0), "MAY": (0, 0)]
            for outcome in outcomes {
                let current = result[outcome.level] ?? (0, 0)
                result[outcome.level] = (current.passed + (outcome.line == nil ? 1 : 0), current.total + 1)
            }
            return result
        }
    }

    func failedRequired() -> [String] {
        lock.withLock { outcomes.filter { $0.level != "MAY" }.compactMap(\.line) }
    }
}
