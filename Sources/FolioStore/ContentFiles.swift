public import FolioContent
public import Foundation
import Synchronization

/// The content files of an import, read and parsed as the save asks for them (`EntrySource`).
///
/// A file's kind comes from its folder name (`authors/`, `articles/`, `procedures/`) unless its front
/// matter says `kind:`. Files outside `articles/` folders (authors, procedures, single files) are read
/// up front, because articles name them; files in `articles/` folders are read a chunk at a time
/// while the store writes the previous chunk, so an import of any size holds only a few chunks in
/// memory. Errors are reported for the first bad file in save order, naming file, line and field.
public final class ContentFiles: EntrySource {
    struct File {
        var path: String
        var entry: ContentEntry
    }

    /// The streamed order cannot settle the import: a file in an `articles/` folder turned out to
    /// be an author or procedure (which articles read earlier may have named), or an article names
    /// an author or procedure that no up-front file defines (a streamed file still might). The
    /// import is then rolled back and run again with every file read up front, in kind order,
    /// which either succeeds or reports the error as a fully read batch would.
    struct NeedsUpFrontRead: Error {}

    /// Every file in save order: the up-front ones (authors, procedures, then articles), then the
    /// streamed ones in path order.
    public let paths: [String]
    /// Entries of the files read up front: save positions `0..<early.count`.
    private let early: [ContentEntry]
    /// Slug → file, per kind, to refuse a slug given twice.
    private let seen: Mutex<[String: String]>

    public var count: Int { paths.count }

    /// Finds the files under `inputs` (files and folders, recursively, `.md` only). With
    /// `streaming` false every file is read up front.
    public init(_ inputs: [String], streaming: Bool = true) throws {
        var urls: [URL] = []
        for path in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ContentFilesProblem("\(path) does not exist")
            }
            if isFolder.boolValue {
                let found = urls.count
                let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: nil)
                while let url = enumerator?.nextObject() as? URL {
                    if url.pathExtension == "md" { urls.append(url) }
                }
                // Most likely the wrong folder: said, rather than "Imported 0 files".
                if urls.count == found { throw ContentFilesProblem("\(path) holds no .md files (nor do its folders)") }
            } else {
                urls.append(URL(fileURLWithPath: path))
            }
        }
        // Each file with the kind its folder gives it, worked out once.
        let all = urls.map(\.relativePath).sorted().map { (path: $0, kind: Self.folderKind($0)) }
        let streamed = streaming ? all.filter { $0.kind == .article }.map(\.path) : []
        let upFront = streaming ? all.filter { $0.kind != .article } : all
        var files: [File] = []
        var seen: [String: String] = [:]
        // Independent per file: spread over the cores, then checked in path order so the error
        // reported is always the same one.
        for outcome in ParallelMap.map(upFront, { file in Result { try Self.parse(file.path, kind: file.kind) } }) {
            let file = try outcome.get()
            try Self.note(file, in: &seen)
            files.append(file)
        }
        self.seen = Mutex(seen)
        let ordered = ContentKind.inSaveOrder(files) { $0.entry.kind }
        early = ordered.map(\.entry)
        paths = ordered.map(\.path) + streamed
    }

    public func entries(_ range: Range<Int>) throws -> [ContentEntry] {
        var entries = Array(early[range.clamped(to: 0..<early.count)])
        let streamed = Array(paths[range.clamped(to: early.count..<paths.count)])
        for outcome in ParallelMap.map(streamed, { path in Result { try Self.parse(path, kind: .article) } }) {
            let file = try outcome.get()
            guard file.entry.kind == .article else { throw NeedsUpFrontRead() }
            try seen.withLock { seen in try Self.note(file, in: &seen) }
            entries.append(file.entry)
        }
        return entries
    }

    /// Refuses a second file with the same kind and slug.
    private static func note(_ file: File, in seen: inout [String: String]) throws {
        let key = "\(file.entry.kind.rawValue)/\(file.entry.slug)"
        if let other = seen[key] {
            throw ContentFileError(path: file.path, line: ContentFile.line(of: "slug", inFileAt: file.path), field: "slug",
                                   message: "\(other) already has the \(file.entry.kind.rawValue) slug \"\(file.entry.slug)\"")
        }
        seen[key] = file.path
    }

    private static func folderKind(_ path: String) -> ContentKind? {
        ContentKind(folder: URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
    }

    private static func parse(_ path: String, kind folderKind: ContentKind?) throws -> File {
        guard let data = FileManager.default.contents(atPath: path) else { throw ContentFilesProblem("\(path) cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw ContentFilesProblem("\(path) is not UTF-8 text") }
        return File(path: path, entry: try ContentFile.parse(text, path: path, kind: folderKind))
    }

    /// Imports the files under `inputs` in one transaction; an error names the file, line and field
    /// it came from. `progress` hears how many of how many entries are saved, from 0 on (again from
    /// 0 when the files are read a second time, all up front: see `NeedsUpFrontRead`).
    public static func save(_ inputs: [String], into store: ContentStore, dryRun: Bool = false,
                            progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> (files: Int, summary: SaveSummary) {
        do {
            let files = try ContentFiles(inputs)
            return (files.count, try await files.save(into: store, dryRun: dryRun, progress: progress))
        } catch is NeedsUpFrontRead {
            let files = try ContentFiles(inputs, streaming: false)
            return (files.count, try await files.save(into: store, dryRun: dryRun, progress: progress))
        }
    }

    private func save(into store: ContentStore, dryRun: Bool,
                      progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) async throws -> SaveSummary {
        let total = count
        progress?(0, total)
        do {
            var saved: (@Sendable (Int) -> Void)? = nil
            if let progress { saved = { done in progress(done, total) } }
            return try await store.save(self, dryRun: dryRun, progress: saved)
        } catch let error as EntryError {
            if case .unknownReference(_, let kind, _) = error.error, kind != .article, paths.count > early.count {
                throw NeedsUpFrontRead()
            }
            throw error.located(in: paths[error.index])
        }
    }
}

/// A file or folder an import cannot use: not there, holding no `.md` file, unreadable, or not
/// UTF-8 text. Said in one sentence that names it.
public struct ContentFilesProblem: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
