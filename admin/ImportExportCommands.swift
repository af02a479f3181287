import ArgumentParser
import FolioContent
import FolioStore
import Foundation

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or update entries from front-matter Markdown files, all or nothing.",
        discussion: """
            Entries are matched by slug. The whole run is one transaction: if any file is wrong, nothing is
            written and the error names the file, line and field.

              folio-admin import seeds/articles/new-article.md
              folio-admin import exported/ --dry-run
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("Files or folders of .md files.", valueName: "path"))
    var paths: [String]
    @Flag(help: "Check everything, including references, and report what would change; write nothing.")
    var dryRun = false

    func run() async throws {
        let contentStore = try store.open()
        let bar = ProgressBar.ifInteractive(label: "importing")
        var progress: (@Sendable (Int, Int) -> Void)? = nil
        if let bar { progress = { done, total in bar.show(done, of: total) } }
        let (files, summary): (Int, SaveSummary)
        do {
            // The bar's line ends before the summary or an error is written, not after.
            defer { bar?.finish() }
            (files, summary) = try await ContentFiles.save(paths, into: contentStore, dryRun: dryRun, progress: progress)
        }
        let verb = dryRun ? "Would import" : "Imported"
        print("\(verb) \(files) \(files == 1 ? "file" : "files"): \(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged.")
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every entry as a front-matter Markdown file under DIR (authors/, articles/, procedures/).",
        discussion: "Importing an export into an empty database and exporting again gives identical files.")
    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
    var directory: String

    func run() async throws {
        // Into a new or empty folder only: a file left from an earlier export, of an entry deleted
        // since, would come back with the next import of the folder.
        if FileManager.default.fileExists(atPath: directory), !FileManager.default.isFolder(atPath: directory) {
            throw Problem("\(directory) is a file; export into a new or empty folder")
        }
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw Problem("\(directory) is not empty; export into a new or empty folder")
        }
        let contentStore = try store.open()
        let entries = try await contentStore.allEntries()
        let root = URL(fileURLWithPath: directory)
        for kind in ContentKind.allCases {
            try FileManager.default.makeFolders(at: root.appending(path: kind.folder))
        }
        for entry in entries {
            let url = root.appending(path: entry.kind.folder).appending(path: entry.slug + ".md")
            try Data(ContentFile.write(entry).utf8).write(to: url)
        }
        print("Exported \(entries.count) entries to \(directory).")
    }
}
