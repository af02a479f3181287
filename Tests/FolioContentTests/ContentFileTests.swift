import FolioContent
import Foundation
import Testing

struct ContentFileTests {
    static let article = """
        ---
        slug: am-i-getting-tremors
        title: "Am I Getting Tremors?"
        summary: Shaking hands are not always a sign of disease.
        author: neuro-team
        status: published
        published_at: 2026-02-03T09:00:00Z
        tags: [movement-disorders, tremor]
        related:
          - is-your-lifestyle-causing-back-pain
        ---

        # Tremors

        Body text.
        """

    @Test func parsesAnArticle() throws {
        let entry = try ContentFile.parse(Self.article, path: "articles/x.md", kind: .article)
        guard case .article(let article) = entry else {
            Issue.record("expected an article")
            return
        }
        #expect(article.slug == "am-i-getting-tremors")
        #expect(article.title == "Am I Getting Tremors?")
        #expect(article.status == .published)
        #expect(article.publishedAt == Timestamp.parse("2026-02-03T09:00:00Z"))
        #expect(article.tags == ["movement-disorders", "tremor"])
        #expect(article.relatedSlugs == ["is-your-lifestyle-causing-back-pain"])
        #expect(article.bodyMarkdown == "# Tremors\n\nBody text.")
    }

    @Test func writeThenParseGivesTheSameEntry() throws {
        let entries: [ContentEntry] = [
            try ContentFile.parse(Self.article, path: "a.md", kind: .article),
            .author(AuthorEntry(slug: "dr-lee", name: "Dr. \"Sam\" Lee: MD", role: "Neurologist\nand more",
                                avatarURL: "https://example.com/a.png", bioMarkdown: "Bio.",
                                updatedAt: Timestamp.parse("2026-01-01"))),
            .procedure(ProcedureEntry(slug: "mild", name: "MILD", fullName: "Minimally invasive lumbar decompression",
                                      conditions: ["Stenosis"], durationMinutes: 60, risks: ["a", "b: c", "#d"])),
        ]
        for entry in entries {
            let text = ContentFile.write(entry)
            let parsed = try ContentFile.parse(text, path: "x.md", kind: entry.kind)
            #expect(parsed == entry, "\(text)")
            #expect(ContentFile.write(parsed) == text)
        }
    }

    /// Each mistake is reported with the file, the line and the field.
    @Test(arguments: [
        ("---\ntitle: x\n---\nbody", "a.md:1: kind: say which kind"),
        ("no front matter", "a.md:1: a content file begins"),
        ("---\ntitle: x\nbody", "a.md:1: the front matter has no closing"),
        ("---\nkind: article\ntitle: x\ncolour: blue\n---\nbody", "a.md:4: colour: unknown field"),
        ("---\nkind: article\nsummary: x\n---\nbody", "a.md:1: title: is required"),
        ("---\nkind: article\ntitle: x\npublished_at: last tuesday\n---\nbody", "a.md:4: published_at: \"last tuesday\" is not a date"),
        ("---\nkind: article\ntitle: x\nstatus: live\n---\nbody", "a.md:4: status: must be draft, published or archived"),
        ("---\nkind: article\ntitle: x\nstatus: published\n---\nbody", "a.md:1: published_at: a published article needs"),
        ("---\nkind: article\ntitle: x\nauthor: Neuro Team\n---\nbody", "a.md:4: author: \"Neuro Team\" is not a slug"),
        ("---\nkind: article\ntitle: x\nslug: a\nrelated: [a]\n---\nbody", "a.md:5: related: an article cannot be related to itself"),
        ("---\nkind: article\ntitle: x\ntags: [a, a]\n---\nbody", "a.md:4: tags: \"a\" is listed twice"),
        ("---\nkind: article\ntitle: x\n---\n", "a.md:4: body: the article has no body"),
        ("---\nkind: article\ntitle: [unclosed\n---\nbody", "a.md:4: YAML:"),
        ("---\nkind: procedure\nname: x\nduration_minutes: soon\n---\n", "a.md:4: duration_minutes: \"soon\" is not a whole number"),
        // Larger than the API's Int can give back (every read of it was an error).
        ("---\nkind: procedure\nname: x\nduration_minutes: 2147483648\n---\n",
         "a.md:4: duration_minutes: \"2147483648\" is not a whole number from 0 to 2147483647"),
        ("---\nkind: author\nname: x\navatar_url: javascript:alert(1)\n---\n", "a.md:4: avatar_url: \"javascript:alert(1)\" is not an http(s) URL"),
        ("---\nkind: author\nname: x\nname: y\n---\n", "a.md:3: name: appears more than once"),
    ])
    func errorsNameFileLineAndField(_ text: String, _ expected: String) {
        do {
            _ = try ContentFile.parse(text, path: "a.md", kind: nil)
            Issue.record("expected an error for \(text.debugDescription)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test func windowsLineEndingsAndBOMAreAccepted() throws {
        let text = "\u{FEFF}---\r\nkind: author\r\nname: Neuro Team\r\n---\r\n\r\nBio\r\n"
        let entry = try ContentFile.parse(text, path: "authors/neuro-team.md", kind: nil)
        #expect(entry == .author(AuthorEntry(slug: "neuro-team", name: "Neuro Team", bioMarkdown: "Bio")))
    }

    @Test(arguments: [("mild-procedure", true), ("a", true), ("a--b", false), ("-a", false), ("a-", false),
                      ("A", false), ("é", false), ("", false), (String(repeating: "a", count: 121), false)])
    func slugs(_ text: String, _ valid: Bool) {
        #expect(Slug.isValid(text) == valid)
    }

    @Test func slugsFromTitles() {
        #expect(Slug.make(from: "3 Types of Headaches and How They're Treated") == "3-types-of-headaches-and-how-theyre-treated")
        #expect(Slug.make(from: "  Am I Getting Tremors?  ") == "am-i-getting-tremors")
    }

    @Test func timestamps() {
        #expect(Timestamp.parse("2026-11-24") == Date(timeIntervalSince1970: 1_795_478_400))
        #expect(Timestamp.parse("2026-11-24T10:30:00+01:00") == Timestamp.parse("2026-11-24T09:30:00Z"))
        #expect(Timestamp.parse("2026-11-24T09:30:00.250Z") != nil)
        #expect(Timestamp.parse("yesterday") == nil)
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_478_400)) == "2026-11-24T00:00:00Z")
    }

    /// RFC 3339 as written: every field in its range, so that a day that does not exist is an
    /// error rather than the next month's (Foundation's reader rolls 30 February over to 2 March,
    /// and hour 24 into the next day); `t` and `z` may be lower case (RFC 3339, 5.6).
    @Test(arguments: ["2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
                      "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T12:00:60Z", "2026-01-01T23:59:60+01:00",
                      "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+01:60", "2026-1-01", "2026-01-01T00:00Z",
                      "2026-01-01T00:00:00", "2026-01-01T00:00:00.Z", "2026-01-01 00:00:00Z", "+2026-01-01T00:00:00Z",
                      "2026-01-01T00:00:00Z trailing", "２０２６-01-01",
                      // In UTC these fall outside years 0000–9999, which four digits cannot write.
                      "9999-12-31T23:59:60Z", "9999-12-31T23:30:00-01:00", "0000-01-01T00:30:00+01:00"])
    func timestampsOutOfRangeAreRefused(_ text: String) {
        #expect(Timestamp.parse(text) == nil, "\(text)")
    }

    @Test func timestampsReadEveryRFC3339Form() {
        let noon = Timestamp.parse("2026-01-01T12:00:00Z")
        #expect(noon == Date(timeIntervalSince1970: 1_767_268_800))
        #expect(Timestamp.parse("2026-01-01t12:00:00z") == noon)
        #expect(Timestamp.parse("2026-01-01T13:30:00+01:30") == noon)
        #expect(Timestamp.parse("2026-01-01T12:00:00-00:00") == noon)
        #expect(Timestamp.parse("2026-01-01T12:00:00.123456789Z").map(Timestamp.truncate) == noon)
        #expect(Timestamp.parse(" 2026-01-01T12:00:00Z ") == noon)
        #expect(Timestamp.parse("2024-02-29") != nil && Timestamp.parse("2000-02-29") != nil)
        // A leap second, at 23:59:60 UTC only: read as the next day's first instant.
        #expect(Timestamp.parse("2026-12-31T23:59:60Z") == Timestamp.parse("2027-01-01T00:00:00Z"))
        #expect(Timestamp.parse("2027-01-01T00:59:60+01:00") == Timestamp.parse("2027-01-01T00:00:00Z"))
        // The first and last instants four digits can write, and back.
        for text in ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.999Z"] {
            #expect(Timestamp.parse(text).map(Timestamp.format) == String(text.prefix(19)) + "Z", "\(text)")
        }
    }

    /// The hand-written formatter against Foundation's ISO 8601 style: leap days, century years,
    /// dates before 1970 and before the Gregorian reform (left to Foundation), fractions of a
    /// second (truncated), and a spread over years 1–9999.
    @Test func formatMatchesFoundation() {
        var instants: [Double] = [0, -1, 86_399.9, 951_782_400, 4_107_542_399, -2_208_988_800, -62_135_596_800,
                                  253_402_300_799, 1_795_478_400.75, 68_256_000, -12_219_292_800, -12_219_292_801]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 { instants.append(Double.random(in: -62_135_596_800...253_402_300_799, using: &generator).rounded(.down)) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.format(date) == Timestamp.truncate(date).formatted(.iso8601), "\(seconds)")
        }
    }
}
