import ArgumentParser
import FolioContent
import FolioStore
import Foundation

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the database (if missing) and apply every migration.")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let contentStore = try store.create()
        try contentStore.migrate()
        print("Database ready at \(store.path).")
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations, or list them with --status.")
    @OptionGroup var store: StoreOptions
    @Flag(help: "List every migration and whether it is applied; change nothing.")
    var status = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: store.path) else {
            throw Problem("there is no database at \(store.path); create it with `folio-admin init`")
        }
        let contentStore = try ContentStore(path: store.path)
        if status {
            for migration in try contentStore.migrationStatus() {
                print("\(migration.applied ? "applied" : "pending")  \(migration.identifier)")
            }
            return
        }
        let pending = try contentStore.migrationStatus().filter { !$0.applied }.map(\.identifier)
        try contentStore.migrate()
        print(pending.isEmpty ? "Nothing to migrate." : "Applied \(pending.joined(separator: ", ")).")
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the seed content into an empty database.",
        discussion: "Refuses to touch a database that already holds content; use `import` to update one.")
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("The seed folder.", valueName: "dir"))
    var seeds = "seeds"

    func run() async throws {
        let contentStore = try store.open()
        guard try await contentStore.isEmpty() else {
            throw Problem("the database at \(store.path) already holds content; seed only loads into an empty one")
        }
        let (_, summary) = try await ContentFiles.save([seeds], into: contentStore)
        print("Seeded \(summary.created) entries from \(seeds).")
    }
}
