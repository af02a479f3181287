import ArgumentParser
import FolioAPI
import FolioStore
import Foundation
import GraphQLEngine

struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the content API's GraphQL schema (what schema/schema.graphql holds).")

    func run() async throws {
        print(try ContentSchema.build().printed(), terminator: "")
    }
}

struct Query: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a GraphQL query against the database, as the API would answer it.",
        discussion: """
            folio-admin query '{ article(slug: "mild-procedure-for-lumbar-spinal-stenosis") { title related { title } } }'
            folio-admin query 'query ($n: Int) { articles(first: $n) { nodes { slug } } }' --variables '{"n": 3}' --preview
            """)
    @OptionGroup var store: StoreOptions
    @ArgumentParser.Argument(help: "The GraphQL document.") var document: String
    @Option(help: "Variables as a JSON object.") var variables: String?
    @Option(help: "Which operation to run, when the document has several.") var operation: String?
    @Flag(help: "See drafts and scheduled content, as a preview token would.") var preview = false

    func run() async throws {
        var values: [(String, ConstValue)] = []
        if let variables {
            let parsed: ConstValue
            do { parsed = try JSONReader.parse(variables) } catch { throw ValidationError("--variables is not valid JSON: \(error).") }
            guard case .object(let fields) = parsed else { throw ValidationError("--variables must be a JSON object.") }
            if let name = fields.lazy.map(\.0).firstRepeated() { throw ValidationError("--variables gives \"\(name)\" more than once.") }
            values = fields
        }
        let service = try ContentAPI.service()
        let context = APIContext(store: try store.open(), canPreview: preview)
        let response = await service.execute(GraphQLRequest(query: document, operationName: operation, variables: values),
                                             context: context)
        print(String(decoding: response.json(), as: UTF8.self))
        if !response.errors.isEmpty { throw ExitCode(1) }
    }
}

/// The content API service the admin commands use.
enum FolioAPIService {
    static func make() throws -> GraphQLService<APIContext> { try ContentAPI.service() }
}
