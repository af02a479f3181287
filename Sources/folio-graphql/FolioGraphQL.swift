import ArgumentParser
import Foundation
import GraphQLEngine
import GraphQLLanguage

/// `folio-graphql`: Folio's GraphQL engine on the command line, for front-end teams and tools.
@main
struct FolioGraphQL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio-graphql",
        abstract: "Parse, validate and execute GraphQL documents with Folio's engine.",
        discussion: "Errors are printed as GraphQL JSON ({\"errors\":[…]}) on standard output; the exit code is 1 when there are any.",
        subcommands: [Parse.self, Validate.self, Execute.self])
}

/// Reads a file as text, or fails with a one-sentence message.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw ValidationError("cannot read \(path) as UTF-8 text")
    }
    return text
}

/// `{"errors":[…]}` for a list of errors.
func errorsJSON(_ errors: [GraphQLError]) -> String {
    ConstValue.object([("errors", .list(errors.map(\.json)))]).json
}

struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse a document; print its canonical form with --print.")
    @ArgumentParser.Argument(help: "The .graphql file.") var file: String
    @Flag(help: "Print the document in canonical form.") var print = false
    @Option(help: "Parse N times and report elapsed seconds and MB/s.") var `repeat`: Int?

    func run() async throws {
        let source = Source(try readText(file), name: file)
        do {
            let document = try Parser.parse(source)
            if let count = `repeat`, count > 0 {
                let start = ContinuousClock.now
                for _ in 0..<count { _ = try Parser.parse(source) }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let megabytes = Double(source.bytes.count * count) / 1_000_000
                Swift.print(String(format: "%d parses in %.3f s: %.1f MB/s", count, seconds, megabytes / seconds))
            }
            if self.print { Swift.print(Printer.print(document)) }
        } catch {
            Swift.print(errorsJSON([GraphQLError(error.message, locations: [error.location])]))
            throw ExitCode(1)
        }
    }
}

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate documents against a schema; one JSON line per document.")
    @Option(help: "The schema in SDL.") var schema: String
    @ArgumentParser.Argument(help: "The .graphql documents.") var documents: [String]

    func run() async throws {
        let built = try Schema.build(sdl: try readText(schema), name: schema)
        var failed = false
        for path in documents {
            let source = Source(try readText(path), name: path)
            var errors: [GraphQLError]
            do {
                errors = Validator.validate(try Parser.parse(source), source: source, schema: built)
            } catch {
                errors = [GraphQLError(error.message, locations: [error.location])]
            }
            failed = failed || !errors.isEmpty
            print(ConstValue.object([("document", .string(path)), ("errors", .list(errors.map(\.json)))]).json)
        }
        if failed { throw ExitCode(1) }
    }
}

struct Execute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Execute a document against a schema, resolving each field from a JSON root value by name.",
        discussion: "Values of interface or union type name their type with a \"__typename\" key in the JSON.")
    @Option(help: "The schema in SDL.") var schema: String
    @Option(help: "The root value as a JSON file.") var data: String
    @ArgumentParser.Argument(help: "The .graphql document.") var document: String
    @Option(help: "Variables as a JSON object.") var variables: String?
    @Option(help: "Which operation to run.") var operation: String?

    func run() async throws {
        let built = try Schema.build(sdl: try readText(schema), name: schema)
        let root = try JSONReader.parse(Array(try readText(data).utf8))
        var variableValues: [(String, ConstValue)] = []
        if let variables {
            guard case .object(let fields) = try JSONReader.parse(variables) else {
                throw ValidationError("--variables must be a JSON object")
            }
            variableValues = fields
        }
        let service = GraphQLService<Void>(executable: ExecutableSchema(schema: built))
        let response = await service.execute(
            GraphQLRequest(query: try readText(document), operationName: operation, variables: variableValues),
            context: (), rootValue: root)
        print(String(decoding: response.json(), as: UTF8.self))
        if !response.errors.isEmpty { throw ExitCode(1) }
    }
}
