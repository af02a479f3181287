import ArgumentParser
import FolioContent
import FolioStore
import Foundation

/// `--database`, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (default: $FOLIO_DATABASE, else data/folio.sqlite).",
                                            valueName: "path"))
    var database: String?

    var path: String {
        database ?? ProcessInfo.processInfo.environment["FOLIO_DATABASE"] ?? "data/folio.sqlite"
    }

    /// Opens an existing, migrated database.
    func open() throws -> ContentStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Problem("there is no database at \(path); create it with `folio-admin init`")
        }
        let store = try ContentStore(path: path)
        if try store.migrationStatus().contains(where: { !$0.applied }) {
            throw Problem("the database at \(path) needs migrating; run `folio-admin migrate`")
        }
        return store
    }

    /// Opens the database, creating its folder and file when missing.
    func create() throws -> ContentStore {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.makeFolders(at: folder)
        return try ContentStore(path: path)
    }
}
