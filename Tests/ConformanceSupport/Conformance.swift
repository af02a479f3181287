public import Foundation

/// Finds the public conformance suites in `../shared/conformance` (beside the repository), or in
/// `FOLIO_CONFORMANCE` when set. Tests read them in place; none is copied into the repository.
public enum Conformance {
    /// The suite folder, or nil when it is absent.
    public static let root: URL? = {
        if let override = ProcessInfo.processInfo.environment["FOLIO_CONFORMANCE"] {
            return URL(fileURLWithPath: override)
        }
        // This file is Tests/ConformanceSupport/Conformance.swift: three levels below the repository.
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = repository.deletingLastPathComponent().appending(path: "shared/conformance")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()

    /// Whether the suites are present; when not, say so once on standard error, so a skipped suite is
    /// visible in the test output and never silently passes.
    public static var isAvailable: Bool {
        if root == nil { reportAbsence }
        return root != nil
    }

    private static let reportAbsence: Void = {
        FileHandle.standardError.write(Data(
            "warning: ../shared/conformance is absent (set FOLIO_CONFORMANCE to its path): conformance suites NOT run\n".utf8))
    }()

    /// The file at a path inside the suites (`graphql-parser/parse-errors.yaml`).
    public static func file(_ path: String) throws -> URL {
        guard let root else { throw CocoaError(.fileNoSuchFile) }
        return root.appending(path: path)
    }

    /// The repository's root folder (for tests that read `seeds/` or `schema/`).
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
