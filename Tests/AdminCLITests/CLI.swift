import ConformanceSupport
import Foundation
import Testing

/// Runs the built `folio-admin` binary against a database in a fresh temporary folder.
final class CLI: Sendable {
    let folder: URL
    var database: String { folder.appending(path: "folio.sqlite").path }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "folio-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The binary next to the test bundle (both are products of the same build).
    static let binary: URL = {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Conformance.repository.appending(path: ".build/debug"),
        ]
        for case let folder? in candidates {
            for base in [folder, folder.deletingLastPathComponent()] {
                let url = base.appending(path: "folio-admin")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return Conformance.repository.appending(path: ".build/debug/folio-admin")
    }()

    /// Runs `folio-admin ARGS --database <temp>` (unless `withDatabase` is false).
    @discardableResult
    func run(_ arguments: String..., withDatabase: Bool = true) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = withDatabase ? arguments + ["--database", database] : arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
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
