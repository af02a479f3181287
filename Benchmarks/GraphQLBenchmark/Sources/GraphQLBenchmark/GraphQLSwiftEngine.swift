import Foundation
import GraphQL

/// GraphQLSwift 4.3.0, the baseline: parse once, then `validate` + `execute` per request (it has
/// no document cache of its own).
final class GraphQLSwiftEngine: Engine, @unchecked Sendable {
    // Safe: used from the benchmark's single task only.
    let name = "GraphQLSwift"
    private var schema: GraphQLSchema?
    private var document: Document?
    private var root: [String: any Sendable] = [:]

    func parse(_ text: String) throws {
        _ = try GraphQL.parse(source: Source(body: text))
    }

    func prepare(schema text: String, query: String, data: Data) async throws {
        schema = try buildSchema(source: Source(body: text))
        document = try GraphQL.parse(source: Source(body: query))
        root = Self.convert(try JSONSerialization.jsonObject(with: data)) as? [String: any Sendable] ?? [:]
    }

    /// Foundation JSON to the dictionaries and arrays GraphQLSwift's default resolver reads.
    static func convert(_ value: Any) -> any Sendable {
        switch value {
        case let dictionary as [String: Any]: return dictionary.mapValues { convert($0) }
        case let array as [Any]: return array.map { convert($0) }
        case let string as String: return string
        case let number as NSNumber: return number.intValue  // the data holds integers only
        default: return Optional<String>.none
        }
    }

    func run() async throws -> Int {
        let errors = validate(schema: schema!, ast: document!)
        guard errors.isEmpty else { throw NSError(domain: "baseline", code: 1, userInfo: ["errors": "\(errors)"]) }
        let result = try await execute(schema: schema!, documentAST: document!, rootValue: root, context: (),
                                       variableValues: ["slug": .string("mild-procedure-for-lumbar-spinal-stenosis")],
                                       operationName: "ArticlePage")
        guard result.errors.isEmpty else { throw NSError(domain: "baseline", code: 2, userInfo: ["errors": "\(result.errors)"]) }
        return try JSONEncoder().encode(result).count
    }
}
