import ArgumentParser
import FolioContent
import Foundation

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write N synthetic, realistic articles (plus the authors and procedures they cite) for benchmarks.",
        discussion: """
            The output imports into an empty database as it is. The same --seed gives the same files.

              folio-admin generate --articles 10000 --out /tmp/folio-10k
              folio-admin import /tmp/folio-10k
            """)
    @Option(help: "How many articles.") var articles: Int
    @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir")) var out: String
    @Option(help: "Random seed, for repeatable output.") var seed: UInt64 = 42

    func validate() throws {
        guard articles >= 1 else { throw ValidationError("--articles must be at least 1") }
    }

    func run() async throws {
        var generator = SyntheticContent(seed: seed)
        let root = URL(fileURLWithPath: out)
        for kind in ContentKind.allCases {
            try FileManager.default.makeFolders(at: root.appending(path: kind.folder))
        }
        var entries = generator.authors() + generator.procedures()
        for index in 0..<articles { entries.append(generator.article(index)) }
        for entry in entries {
            let url = root.appending(path: entry.kind.folder).appending(path: entry.slug + ".md")
            try Data(ContentFile.write(entry).utf8).write(to: url)
        }
        print("Wrote \(articles) articles, \(SyntheticContent.authorCount) authors and \(SyntheticContent.procedureCount) procedures to \(out).")
    }
}

/// Deterministic synthetic content: varied lengths, headings, lists, tables, tags, links.
struct SyntheticContent {
    static let authorCount = 8
    static let procedureCount = 6
    private var state: UInt64
    private var slugs: [String] = []

    init(seed: UInt64) { state = seed }

    /// SplitMix64: small, fast and the same on every platform.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    static let words = """
        nerve spine pain walking posture muscle exercise therapy doctor patient symptom treatment recovery
        injection imaging stretch strength balance sleep diet weight disc ligament canal pressure relief
        movement tremor headache migraine numbness tingling weakness fatigue stiffness inflammation joint
        routine habit daily activity comfort support care plan visit question result test option choice
        gentle steady gradual common rare mild severe chronic acute early simple careful regular healthy
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let topics = ["Back Pain", "Neck Pain", "Sciatica", "Tremor", "Migraine", "Neuropathy", "Balance",
                         "Spinal Stenosis", "Sleep", "Posture", "Headaches", "Nerve Health", "Recovery", "Exercise"]
    static let openers = ["Understanding", "Living With", "5 Facts About", "What to Know About", "A Guide to",
                          "Common Questions About", "Treating", "Preventing", "Early Signs of", "Myths About"]
    static let tags = ["back-pain", "spine", "neuropathy", "tremor", "headache", "migraine", "exercise", "sleep",
                       "recovery", "surgery", "injections", "nerves", "balance", "lifestyle", "posture",
                       "spinal-stenosis", "testing", "telehealth", "nutrition", "aging"]

    private mutating func sentence() -> String {
        let count = int(6...18)
        var words = (0..<count).map { _ in pick(Self.words) }
        words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
        return words.joined(separator: " ") + pick([".", ".", ".", "?", "!"])
    }

    private mutating func paragraph() -> String {
        (0..<int(2...6)).map { _ in sentence() }.joined(separator: " ")
    }

    private mutating func body(words target: Int) -> String {
        var blocks: [String] = [paragraph()]
        var length = blocks[0].split(separator: " ").count
        while length < target {
            let block: String
            switch int(0...9) {
            case 0: block = "## " + pick(Self.topics) + " and " + pick(Self.words)
            case 1: block = (0..<int(3...6)).map { _ in "- " + sentence() }.joined(separator: "\n")
            case 2: block = (1...int(3...5)).map { "\($0). " + sentence() }.joined(separator: "\n")
            case 3 where int(0...3) == 0:
                block = "| Option | Typical time |\n| --- | --- |\n" +
                    (0..<int(2...4)).map { _ in "| \(pick(Self.words)) | \(int(1...12)) weeks |" }.joined(separator: "\n")
            case 4: block = "> " + sentence() + " **" + pick(Self.words) + "** matters."
            default: block = paragraph()
            }
            blocks.append(block)
            length += block.split(separator: " ").count
        }
        return blocks.joined(separator: "\n\n")
    }

    mutating func authors() -> [ContentEntry] {
        let names = ["Ada Brooks", "Ben Okafor", "Carla Nguyen", "Dev Patel", "Elena Rossi", "Farid Haddad",
                     "Grace Kim", "Hugo Lindqvist"]
        return names.prefix(Self.authorCount).map { name in
            .author(AuthorEntry(slug: Slug.make(from: name), name: "Dr. " + name, role: pick(["Neurologist", "Physiatrist", "Physical therapist", "Pain specialist"]),
                                bioMarkdown: paragraph(), updatedAt: Date(timeIntervalSince1970: 1_767_225_600)))
        }
    }

    mutating func procedures() -> [ContentEntry] {
        let names = ["Nerve block", "Radiofrequency ablation", "Spinal cord stimulation", "Botox for migraine",
                     "Deep brain stimulation", "Vestibular therapy"]
        return names.prefix(Self.procedureCount).map { name in
            .procedure(ProcedureEntry(slug: Slug.make(from: name), name: name, summary: sentence(), bodyMarkdown: paragraph(),
                                      conditions: [pick(Self.topics)], durationMinutes: int(15...180),
                                      risks: [pick(Self.words), pick(Self.words)].uniqued(),
                                      updatedAt: Date(timeIntervalSince1970: 1_767_225_600)))
        }
    }

    /// Article `index`: related links point only to earlier articles, so any prefix imports alone.
    mutating func article(_ index: Int) -> ContentEntry {
        let title = "\(pick(Self.openers)) \(pick(Self.topics))"
        let slug = "\(Slug.make(from: title))-\(index + 1)"
        // Mostly short and medium articles with a long tail, as real sites have.
        let words = pick([150, 250, 350, 450, 600, 800, 1200, 2000])
        let base = 1_704_067_200 + index * 600  // from 2024-01-01, ten minutes apart
        let roll = int(0...99)
        let status: ContentStatus = roll < 85 ? .published : roll < 97 ? .draft : .archived
        let scheduled = roll < 2
        let publishedAt = status == .draft ? nil
            : Date(timeIntervalSince1970: TimeInterval(scheduled ? 1_900_000_000 + index : base))
        var related: [String] = []
        if !slugs.isEmpty {
            for _ in 0..<int(0...4) {
                let candidate = slugs[int(max(0, slugs.count - 500)...slugs.count - 1)]
                if !related.contains(candidate) { related.append(candidate) }
            }
        }
        slugs.append(slug)
        let procedures = int(0...2) == 0 ? [Slug.make(from: pick(["Nerve block", "Radiofrequency ablation", "Vestibular therapy"]))] : []
        let authors = ["ada-brooks", "ben-okafor", "carla-nguyen", "dev-patel", "elena-rossi", "farid-haddad", "grace-kim",
                       "hugo-lindqvist"]
        return .article(ArticleEntry(
            slug: slug, title: title, summary: sentence(), bodyMarkdown: body(words: words), status: status,
            publishedAt: publishedAt, updatedAt: Date(timeIntervalSince1970: TimeInterval(base + 3600)),
            authorSlug: pick(authors), tags: (0..<int(1...4)).map { _ in pick(Self.tags) }.uniqued(),
            procedureSlugs: procedures, relatedSlugs: related))
    }
}

extension Array where Element: Hashable {
    /// The elements in order, without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
