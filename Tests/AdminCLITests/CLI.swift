import ConformanceSupport
import Foundation
import Testing

/// Runs the built `folio-admin` binary against a database in a fresh temporary folder.
final class CLI: Sendable {
    let folder: URL
    var database: String { folder.appending(path: "folio.sqlite").path }

    typealias Result = ProcessRunner.Result

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "folio-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    static let binary = ProcessRunner.binary("folio-admin")

    /// Runs `folio-admin ARGS --database <temp>` (unless `withDatabase` is false).
    @discardableResult
    func run(_ arguments: String..., withDatabase: Bool = true) throws -> Result {
        try ProcessRunner.run(Self.binary, withDatabase ? arguments + ["--database", database] : arguments, in: folder)
    }

    /// An initialised database holding the repository's seed content.
    static func seeded() throws -> CLI {
        let cli = try CLI()
        try #require(try cli.run("init").status == 0)
        let seeded = try cli.run("seed", "--seeds", Conformance.repository.appending(path: "seeds").path)
        try #require(seeded.status == 0, "\(seeded.stderr)")
        return cli
    }

    func write(_ relativePath: String, _ text: String) throws -> String {
        let url = folder.appending(path: relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
