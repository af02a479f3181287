import FolioContent
import FolioStore
import Foundation

/// Content files read from disk and parsed, remembering where each entry came from so errors
/// found later (an unknown related slug) can still name the file and line.
struct ContentFiles {
    struct File {
        var path: String
        var entry: ContentEntry
    }
    var files: [File] = []

    /// Reads files and folders (recursively, `.md` files only). A file's kind comes from its
    /// folder name (`authors/`, `articles/`, `procedures/`) unless its front matter says `kind:`.
    static func read(_ paths: [String], progress: ProgressBar? = nil) throws -> ContentFiles {
        var urls: [URL] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw Problem("\(path) does not exist")
            }
            if isFolder.boolValue {
                let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: nil)
                while let url = enumerator?.nextObject() as? URL {
                    if url.pathExtension == "md" { urls.append(url) }
                }
            } else {
                urls.append(URL(fileURLWithPath: path))
            }
        }
        let paths = urls.map(\.relativePath).sorted()
        progress?.start(total: paths.count, label: "reading")
        // Reading and parsing are independent per file: spread them over the cores, then report the
        // first failure in file order so errors are deterministic.
        let parsed = ParallelMap.map(paths) { path in Result { try parse(path) } }
        var result = ContentFiles()
        var seen: [String: String] = [:]
        for (index, outcome) in parsed.enumerated() {
            let file = try outcome.get()
            let key = "\(file.entry.kind.rawValue)/\(file.entry.slug)"
            if let other = seen[key] {
                throw ContentFileError(path: file.path, line: Self.line(of: "slug", in: file.path), field: "slug",
                                       message: "\(other) already has the \(file.entry.kind.rawValue) slug \"\(file.entry.slug)\"")
            }
            seen[key] = file.path
            result.files.append(file)
            progress?.update(index + 1)
        }
        progress?.finish()
        return result
    }

    private static func parse(_ path: String) throws -> File {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem("\(path) cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw Problem("\(path) is not UTF-8 text") }
        let folderKind = ContentKind(folder: URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
        return File(path: path, entry: try ContentFile.parse(text, path: path, kind: folderKind))
    }

    /// Saves every entry in one transaction; an error names the file, line and field it came from.
    func save(into store: ContentStore, dryRun: Bool = false, progress: ProgressBar? = nil) async throws -> SaveSummary {
        progress?.start(total: files.count, label: "importing")
        do {
            var report: (@Sendable (Int) -> Void)? = nil
            if let progress {
                report = { done in progress.update(done) }
            }
            let summary = try await store.save(files.map(\.entry), dryRun: dryRun, progress: report)
            progress?.finish()
            return summary
        } catch let error as EntryError {
            progress?.finish()
            let file = files[error.index]
            let field: String
            switch error.error {
            case .unknownReference(let name, _, _), .invalidField(let name, _): field = name
            case .selfLink: field = "related"
            default: field = "slug"
            }
            throw ContentFileError(path: file.path, line: Self.line(of: field, in: file.path),
                                   field: field, message: Self.sentence(error.error))
        }
    }

    /// The line of a field in a file, read again only when an error needs it (texts are not kept,
    /// so a large import does not hold every file in memory).
    static func line(of field: String, in path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 1 }
        return ContentFile.line(of: field, in: String(decoding: data, as: UTF8.self)) ?? 1
    }

    /// The error without the field name, which the file error already shows.
    static func sentence(_ error: ContentError) -> String {
        switch error {
        case .unknownReference(_, let kind, let slug): "no \(kind.rawValue) has the slug \"\(slug)\""
        case .invalidField(_, let reason): reason
        default: error.description
        }
    }
}

/// A one-line progress bar with rate, drawn on standard error only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    // Safe: every mutable field is guarded by `lock`.
    private let lock = NSLock()
    private var total = 0
    private var label = ""
    private var started = Date()
    private var lastDraw = Date.distantPast

    /// Nil unless standard error is a terminal and there is enough work to watch.
    static func ifInteractive(expected: Int) -> ProgressBar? {
        isatty(2) == 1 && expected >= 500 ? ProgressBar() : nil
    }

    func start(total: Int, label: String) {
        lock.withLock {
            self.total = total
            self.label = label
            started = Date()
            lastDraw = .distantPast
        }
    }

    func update(_ done: Int) {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
            lastDraw = now
            let fraction = total > 0 ? Double(done) / Double(total) : 1
            let width = 30
            let filled = Int(fraction * Double(width))
            let rate = Double(done) / max(now.timeIntervalSince(started), 0.001)
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let line = "\r\(label) [\(bar)] \(done)/\(total)  \(Int(rate))/s "
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
