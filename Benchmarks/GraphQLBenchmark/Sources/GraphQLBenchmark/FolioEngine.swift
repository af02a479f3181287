import Foundation
import GraphQLEngine
import GraphQLLanguage

/// Folio: parse with GraphQLLanguage; validate + execute through GraphQLService, whose document
/// cache means repeated requests skip parsing and validation, as in production.
final class FolioEngine: Engine, @unchecked Sendable {
    // Safe: used from the benchmark's single task only.
    let name = "Folio"
    private var service: GraphQLService<Void>?
    private var query = ""
    private var root: ConstValue = .null

    func parse(_ text: String) throws {
        _ = try Parser.parse(text)
    }

    func prepare(schema: String, query: String, data: Data) async throws {
        service = GraphQLService(executable: ExecutableSchema(schema: try Schema.build(sdl: schema)))
        self.query = query
        root = try JSONReader.parse([UInt8](data))
    }

    func run() async throws -> Int {
        let request = GraphQLRequest(query: query, operationName: "ArticlePage",
                                     variables: [("slug", .string("mild-procedure-for-lumbar-spinal-stenosis"))])
        let response = await service!.execute(request, context: (), rootValue: root)
        guard response.errors.isEmpty else { throw NSError(domain: "folio", code: 1, userInfo: ["errors": "\(response.errors)"]) }
        return response.json().count
    }
}
