import ConformanceSupport
@testable import FolioContent
import Foundation
import Testing

/// The quick front-matter reader (`FrontMatterLines`) must mean exactly what Yams means, or refuse.
struct FrontMatterTests {
    /// What both readers make of `yaml`: the quick reader's fields or nil, and Yams's fields or error.
    static func both(_ yaml: String) -> (quick: [FrontMatterField]?, yams: Result<[FrontMatterField], ContentFileError>) {
        let quick = FrontMatterLines.read(yaml, firstLine: 2)
        let yams = Result { () throws(ContentFileError) in try FrontMatterFields.compose(yaml, path: "x.md") }
        return (quick, yams)
    }

    /// Texts the quick reader takes, each compared with Yams.
    @Test(arguments: [
        "slug: a\ntitle: Hello world\n",
        "title: \"Quoted \\\"text\\\" with \\\\ and \\n and \\t and \\u00e9 and \\u0001\"\n",
        "title: 'It''s single-quoted'\n",
        "title: They're plain, with [brackets] and {braces}, commas, C# and a-colon:inside\n",
        "title: trailing spaces   \nsummary:    leading spaces\n",
        "tags: [a, b-c, \"d e\", 'f']\ntags2: []\ntags3: [ spaced , out ]\n",
        "published_at: 2026-02-03T09:00:00Z\nurl: https://example.com/a?b=c#d\n",
        "empty:\nnull1: ~\nnull2: null\nquotedNull: \"null\"\n",
        "\n\nslug: after-blank-lines\n\n",
        "title: Ünïcödé — “quotes” and emoji 🙂\n",
        "duration_minutes: 45\nnegative: 5-3\nyes: yes\n",
        "",
        "tags:\n  - a\n  - \"b c\"\n  -   d  \nslug: x\n",
        "tags:\n- a\n- b\n",
        "preparation:\n    - Work out, with care, what to do\n    - 'Quoted'\n",
    ])
    func quickReaderAgreesWithYams(_ yaml: String) throws {
        let (quick, yams) = Self.both(yaml)
        let expected = try yams.get()
        #expect(quick == expected, "\(yaml.debugDescription)")
    }

    /// Texts with YAML features the quick reader leaves to Yams; whatever Yams says stands.
    @Test(arguments: [
        "# a comment\nslug: a\n",
        "slug: a # a comment\n",
        "tags:\n  - a\n   - b\n",
        "tags:\n  - a\n\n  - b\n",
        "tags:\n  - [a, b]\n",
        "tags:\n  - - a\n",
        "tags:\n  - a: b\n",
        "tags:\n  -\n",
        "summary: a long text\n  continued on the next line\n",
        "summary: >\n  folded\n",
        "summary: |\n  literal\n",
        "title: \"spans\n  two lines\"\n",
        "anchor: &a value\nalias: *a\n",
        "tagged: !!str 5\n",
        "nested:\n  key: value\n",
        "flow: {a: b}\n",
        "title: a: b\n",
        "title: ends with a colon:\n",
        "slug: a\nslug: b\n",
        "\"quoted key\": value\n",
        "key:value\n",
        "tags: [a, b,]\n",
        "tags: [a\n",
        "title: \"bad escape \\x41\"\n",
        "title: \"surrogate \\ud800\"\n",
        "title: tab\there\n",
        "  indented: value\n",
        "- a list\n",
        "title: \"unterminated\n",
        "tags: [a:b]\n",
        "title: line\u{2028}separator\n",
    ])
    func quickReaderRefusesWhatItDoesNotKnow(_ yaml: String) {
        #expect(Self.both(yaml).quick == nil, "\(yaml.debugDescription)")
    }

    /// Every seed file and the canonical form `ContentFile.write` produces go the quick way, with
    /// the same meaning as under Yams.
    @Test func seedsAndWrittenFilesTakeTheQuickWay() throws {
        var texts: [String] = []
        let seeds = Conformance.repository.appending(path: "seeds")
        for (folder, kind) in [("authors", ContentKind.author), ("articles", .article), ("procedures", .procedure)] {
            for name in try FileManager.default.contentsOfDirectory(atPath: seeds.appending(path: folder).path) {
                let text = try String(contentsOf: seeds.appending(path: "\(folder)/\(name)"), encoding: .utf8)
                texts += [text, ContentFile.write(try ContentFile.parse(text, path: name, kind: kind))]
            }
        }
        #expect(texts.count >= 2 * 19)  // 12 articles, 3 authors and 4 procedures at least
        for text in texts {
            let yaml = try ContentFile.split(text, path: "x.md").yaml
            let (quick, yams) = Self.both(yaml)
            #expect(quick != nil, "the quick reader refused:\n\(yaml)")
            if let quick { #expect(quick == (try yams.get())) }
        }
    }
}
