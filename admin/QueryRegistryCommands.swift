import ArgumentParser
import FolioStore
import Foundation
import GraphQLEngine
import GraphQLLanguage

struct QueriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queries", abstract: "Register the documents a --persisted-only server will run.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register .graphql files; prints each one's SHA-256 hash, the id clients send.",
            discussion: "Each file must parse and validate against the content schema.")
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Argument(help: "The .graphql files.") var files: [String]

        func run() async throws {
            let contentStore = try store.open()
            let service = try FolioAPIService.make()
            for path in files {
                guard let data = FileManager.default.contents(atPath: path) else { throw Problem("\(path) cannot be read") }
                let text = String(decoding: data, as: UTF8.self)
                let prepared = await service.prepare(text)
                if let error = prepared.errors.first {
                    let place = error.locations.first.map { ":\($0.line):\($0.column)" } ?? ""
                    throw Problem("\(path)\(place): \(error.message)")
                }
                let hash = try await contentStore.registerQuery(text, name: URL(fileURLWithPath: path).lastPathComponent)
                print("\(hash)  \(path)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered documents.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            Output.table(["HASH", "NAME", "ADDED"], try await store.open().persistedQueries().map {
                [$0.hash, $0.name ?? "", Output.date($0.createdAt)]
            })
        }
    }
}
