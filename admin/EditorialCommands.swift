public import ArgumentParser
import FolioContent
import FolioStore
import Foundation

struct Link: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add RELATED to an article's \"You might also enjoy\" list (at the end, or at --position).",
        discussion: """
            A link already in the list stays where it is unless --position moves it.

              folio-admin link mild-procedure-for-lumbar-spinal-stenosis am-i-getting-tremors --position 1
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The article that shows the link.") var slug: String
    @Argument(help: "The article it recommends.") var related: String
    @Option(help: "1-based place in the list; an existing link moves there.") var position: Int?

    func validate() throws {
        if let position, position < 1 { throw ValidationError("--position counts from 1") }
    }

    func run() async throws {
        let (changed, placed) = try await store.open().link(slug, to: related, position: position)
        print(changed ? "Linked \(slug) → \(related), at position \(placed)."
                      : "\(slug) links to \(related) already, at position \(placed); nothing changed.")
    }
}

struct Unlink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove RELATED from an article's related list.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The article that shows the link.") var slug: String
    @Argument(help: "The article to remove from its list.") var related: String

    func run() async throws {
        try await store.open().unlink(slug, from: related)
        print("Unlinked \(slug) → \(related).")
    }
}

extension ContentKind: ExpressibleByArgument {}

struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the earlier versions of an entry (an article unless --kind says otherwise).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The entry's slug.") var slug: String
    @Option(help: "author, article or procedure.") var kind: ContentKind = .article
    @Flag(help: "Print JSON, with each version's full text.") var json = false

    func run() async throws {
        let revisions = try await store.open().history(kind, slug: slug)
        if json {
            struct RevisionJSON: Encodable { var revision: Int; var createdAt: Date; var content: String }
            return try Output.json(revisions.map { RevisionJSON(revision: $0.number, createdAt: $0.createdAt, content: $0.content) })
        }
        if revisions.isEmpty {
            print("No earlier versions of \(kind.rawValue) \(slug).")
            return
        }
        // Each version is its content file's text: read back, it gives the title (or name) as the
        // API shows it, and for articles the status, which tells publish and unpublish apart.
        let articles = kind == .article
        Output.table(["REVISION", "REPLACED AT"] + (articles ? ["STATUS", "TITLE"] : ["NAME"]), revisions.map { revision in
            let entry = try? ContentFile.parse(revision.content, path: "revision \(revision.number)", kind: kind)
            let described: [String] = switch entry {
            case .article(let article)?: [article.status.rawValue, article.title]
            case .author(let author)?: [author.name]
            case .procedure(let procedure)?: [procedure.name]
            case nil: articles ? ["?", "?"] : ["?"]
            }
            return [String(revision.number), Output.date(revision.createdAt)] + described
        })
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring back an earlier version of an entry; the current one becomes a revision.",
        discussion: "folio-admin history am-i-getting-tremors\nfolio-admin restore am-i-getting-tremors --revision 2")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The entry's slug.") var slug: String
    @Option(help: "The revision number from `history`.") var revision: Int
    @Option(help: "author, article or procedure.") var kind: ContentKind = .article

    func run() async throws {
        print(try await store.open().restore(kind, slug: slug, revision: revision)
              ? "Restored revision \(revision) of \(kind.rawValue) \(slug)."
              : "\(kind.rawValue.capitalized) \(slug) is as revision \(revision) already; nothing changed.")
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to FILE with SQLite's online backup (safe while others read and write).")
    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("Where to write the copy; must not exist yet.", valueName: "file")) var file: String

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw Problem("\(file) already exists; choose a new file") }
        // SQLite alone would say "unable to open database file".
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        guard FileManager.default.isFolder(atPath: folder) else {
            throw Problem("\(file) cannot be written: there is no folder \(folder)")
        }
        try store.open().backup(to: file)
        print("Backed up \(store.path) to \(file).")
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check integrity, foreign keys, related links and the search index; exit 1 on any problem.")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let contentStore = try store.open()
        let problems = try await contentStore.check()
        guard problems.isEmpty else {
            for problem in problems { print(problem) }
            throw Problem("\(problems.count) problem(s) found in \(store.path)")
        }
        let counts = try await contentStore.counts()
        print("OK: \(counts[.article] ?? 0) articles, \(counts[.author] ?? 0) authors, \(counts[.procedure] ?? 0) procedures.")
    }
}
