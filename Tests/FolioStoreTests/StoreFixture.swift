import FolioContent
import FolioStore
import Foundation
import Synchronization

/// A migrated store in a fresh temporary folder, removed when the fixture goes away.
final class StoreFixture: Sendable {
    let folder: URL
    let store: ContentStore

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "folio-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try ContentStore(path: folder.appending(path: "folio.sqlite").path)
        try store.migrate()
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A second store on the fixture's database that notes the SQL of every statement it runs.
    func recordingStore() throws -> (store: ContentStore, statements: StatementLog) {
        let statements = StatementLog()
        return (try ContentStore(path: store.path, onStatement: statements.add), statements)
    }

    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    /// The instant `days` days after `t0`.
    static func at(_ days: Double) -> Date { t0.addingTimeInterval(days * 86_400) }

    static func author(_ slug: String = "neuro-team", name: String = "Neuro Team") -> ContentEntry {
        .author(AuthorEntry(slug: slug, name: name, role: "Neurology practice", bioMarkdown: "We treat **nerves**."))
    }

    static func procedure(_ slug: String = "mild") -> ContentEntry {
        .procedure(ProcedureEntry(slug: slug, name: "MILD", fullName: "Minimally invasive lumbar decompression",
                                  bodyMarkdown: "## How it works\n\nA small port.", conditions: ["Lumbar spinal stenosis"],
                                  durationMinutes: 60, risks: ["Bleeding", "Infection"]))
    }

    static func article(_ slug: String, title: String? = nil, summary: String? = nil, status: ContentStatus = .published,
                        publishedAt: Date? = t0, related: [String] = [], tags: [String] = ["spine"],
                        procedures: [String] = [], body: String = "# Heading\n\nSome words about the spine.") -> ContentEntry {
        .article(ArticleEntry(slug: slug, title: title ?? slug.capitalized, summary: summary ?? "About \(slug).", bodyMarkdown: body,
                              status: status, publishedAt: status == .published ? publishedAt : nil,
                              authorSlug: "neuro-team", tags: tags, procedureSlugs: procedures, relatedSlugs: related))
    }
}

/// The SQL of the statements a store ran, in order.
final class StatementLog: Sendable {
    private let statements = Mutex<[String]>([])

    var all: [String] { statements.withLock { $0 } }
    func add(_ sql: String) { statements.withLock { $0.append(sql) } }
    func clear() { statements.withLock { $0 = [] } }
}
