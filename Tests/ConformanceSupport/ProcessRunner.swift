public import Foundation

/// Runs a built executable of this package and captures what it prints.
public enum ProcessRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The product `name`, built next to the test bundle.
    public static func binary(_ name: String) -> URL {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Conformance.repository.appending(path: ".build/debug"),
        ]
        for case let folder? in candidates {
            for base in [folder, folder.deletingLastPathComponent()] {
                let url = base.appending(path: name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return Conformance.repository.appending(path: ".build/debug/\(name)")
    }

    /// `environment`: the program's whole environment (nil: this process's).
    public static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil,
                           environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension ProcessRunner {
    /// `run` on a thread of its own, so a long-running program (a browser) never blocks the
    /// concurrency pool that serves the requests it makes.
    public static func runInBackground(_ executable: URL, _ arguments: [String], in folder: URL? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try run(executable, arguments, in: folder) })
            }
        }
    }
}
