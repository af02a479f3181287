import ConformanceSupport
import Foundation
import Testing

/// `folio-graphql`, run as a built binary on files in a temporary folder.
struct FolioGraphQLCLITests {
    let folder: URL
    let binary = ProcessRunner.binary("folio-graphql")

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "folio-graphql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = [
            "schema.graphql": "type Query { hello(name: String = \"world\"): String items: [Item!]! }\ntype Item { id: ID! tags: [String!] }",
            "data.json": #"{"hello":"hi","items":[{"id":1,"tags":["a"]},{"id":"x"}]}"#,
            "ok.graphql": "query Q($n: String) { hello(name: $n) items { id tags } }",
            "bad.graphql": "{ items { nope } }",
            "broken.graphql": "{ hello(",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appending(path: name)) }
    }

    func run(_ arguments: String...) throws -> ProcessRunner.Result {
        try ProcessRunner.run(binary, arguments, in: folder)
    }

    @Test func parsePrintsCanonicalFormOrAnError() throws {
        let printed = try run("parse", "ok.graphql", "--print")
        #expect(printed.status == 0)
        #expect(printed.stdout == "query Q($n: String) {\n  hello(name: $n)\n  items {\n    id\n    tags\n  }\n}\n")
        let broken = try run("parse", "broken.graphql")
        #expect(broken.status == 1)
        #expect(broken.stdout == #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":9}]}]}"# + "\n")
        let timed = try run("parse", "ok.graphql", "--repeat", "100")
        #expect(timed.stdout.contains("100 parses in"))
        #expect(timed.stdout.contains("MB/s"))
    }

    @Test func validateReportsEachDocument() throws {
        let result = try run("validate", "--schema", "schema.graphql", "ok.graphql", "bad.graphql")
        #expect(result.status == 1)
        #expect(result.stdout == """
            {"document":"ok.graphql","errors":[]}
            {"document":"bad.graphql","errors":[{"message":"Cannot query field \\"nope\\" on type \\"Item\\".","locations":[{"line":1,"column":11}]}]}

            """)
        #expect(try run("validate", "--schema", "schema.graphql", "ok.graphql").status == 0)
    }

    @Test func executeResolvesFromTheJSONRoot() throws {
        let result = try run("execute", "--schema", "schema.graphql", "--data", "data.json", "ok.graphql",
                             "--variables", #"{"n":"Ada"}"#, "--operation", "Q")
        #expect(result.status == 0)
        #expect(result.stdout == #"{"data":{"hello":"hi","items":[{"id":"1","tags":["a"]},{"id":"x","tags":null}]}}"# + "\n")
        let invalid = try run("execute", "--schema", "schema.graphql", "--data", "data.json", "bad.graphql")
        #expect(invalid.status == 1)
        #expect(invalid.stdout.hasPrefix(#"{"errors":[{"message":"Cannot query field"#))
    }
}
