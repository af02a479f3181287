import ConformanceSupport
import Foundation
import Testing

@Suite(.serialized)
struct AdminCLITests {
    @Test func initMigrateAndSeed() throws {
        let cli = try CLI()
        #expect(try cli.run("init").stdout.contains("Database ready"))
        #expect(try cli.run("migrate", "--status").stdout == "applied  0001_content\napplied  0002_tokens\napplied  0003_persisted_queries\napplied  0004_article_visibility_index\napplied  0005_deferred_full_text\napplied  0006_article_texts_last\napplied  0007_article_tag_lists\napplied  0008_author_list_index\napplied  0009_preview_publication_index\napplied  0010_order_indexes_hold_filters\napplied  0011_token_names_reusable\n")
        #expect(try cli.run("migrate").stdout == "Nothing to migrate.\n")
        let seeded = try CLI.seeded()
        let again = try seeded.run("seed", "--seeds", "seeds")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds content"))
        #expect(try seeded.run("check").stdout.contains("OK: 14 articles, 3 authors, 4 procedures."))
    }

    @Test func commandsWithoutADatabaseSaySo() throws {
        let cli = try CLI()
        let result = try cli.run("article", "list")
        #expect(result.status == 1)
        #expect(result.stderr == "folio-admin: there is no database at \(cli.database); create it with `folio-admin init`\n")
    }

    @Test func seededArticleHasItsRelatedArticlesInOrder() throws {
        let cli = try CLI.seeded()
        let show = try cli.run("article", "show", "mild-procedure-for-lumbar-spinal-stenosis", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(json["related"] as? [String] == ["am-i-getting-tremors", "7-signs-you-have-peripheral-neuropathy",
                                                 "is-your-lifestyle-causing-back-pain",
                                                 "3-types-of-headaches-and-how-theyre-treated"])
        #expect(json["author"] as? String == "neuro-team")
        #expect((json["procedures"] as? [String])?.first == "mild")
        #expect((json["bodyHtml"] as? String)?.contains("<h2 id=\"risks\">Risks</h2>") == true)
    }

    @Test func listsFilterAndPrintJSON() throws {
        let cli = try CLI.seeded()
        let drafts = try cli.run("article", "list", "--status", "draft", "--json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(drafts.stdout.utf8)) as? [[String: Any]])
        #expect(Set(list.compactMap { $0["slug"] as? String }) == ["understanding-nerve-conduction-studies", "migraine-triggers-to-track"])
        let byTag = try cli.run("article", "list", "--tag", "migraine")
        #expect(byTag.stdout.contains("3-types-of-headaches-and-how-theyre-treated"))
        #expect(!byTag.stdout.contains("am-i-getting-tremors"))
        let byAuthor = try cli.run("article", "list", "--author", "dr-samuel-reed")
        #expect(byAuthor.stdout.contains("am-i-getting-tremors"))
        #expect(!byAuthor.stdout.contains("mild-procedure"))
        #expect(try cli.run("article", "list").stdout.contains("scheduled  2027-01-12T09:00:00Z  recovering-after-mild"))
        #expect(try cli.run("author", "list").stdout.contains("neuro-team"))
        #expect(try cli.run("author", "show", "neuro-team", "--json").stdout.contains("\"name\" : \"Neuro Team\""))
        #expect(try cli.run("procedure", "list").stdout.contains("mild"))
        #expect(try cli.run("procedure", "show", "mild").stdout.contains("duration:"))
        #expect(try cli.run("procedure", "show", "mild", "--json").stdout.contains("\"durationMinutes\" : 60"))
    }

    @Test func publishUnpublishArchiveDeleteHistoryRestore() throws {
        let cli = try CLI.seeded()
        #expect(try cli.run("article", "publish", "migraine-triggers-to-track").stdout.hasPrefix("Published"))
        #expect(try cli.run("article", "publish", "understanding-nerve-conduction-studies", "--at", "2031-01-01").stdout
            == "Scheduled understanding-nerve-conduction-studies for 2031-01-01T00:00:00Z.\n")
        #expect(try cli.run("article", "unpublish", "migraine-triggers-to-track").stdout
            == "Unpublished migraine-triggers-to-track; it is a draft again.\n")
        #expect(try cli.run("article", "archive", "am-i-getting-tremors").stdout == "Archived am-i-getting-tremors.\n")
        // Asked for what already is, a command says so and records nothing (no revision below).
        #expect(try cli.run("article", "unpublish", "migraine-triggers-to-track").stdout
            == "migraine-triggers-to-track is a draft already; nothing changed.\n")
        #expect(try cli.run("article", "archive", "am-i-getting-tremors").stdout
            == "am-i-getting-tremors is archived already; nothing changed.\n")
        #expect(try cli.run("article", "publish", "understanding-nerve-conduction-studies", "--at", "2031-01-01").stdout
            == "understanding-nerve-conduction-studies is scheduled already for 2031-01-01T00:00:00Z; nothing changed.\n")
        // The versions replaced by publish and by unpublish: told apart by their status, titled
        // as the API shows them (not as their front-matter lines).
        let history = try cli.run("history", "migraine-triggers-to-track").stdout.split(separator: "\n")
        #expect(history.count == 3)
        #expect(history.first?.split(separator: " ", omittingEmptySubsequences: true) == ["REVISION", "REPLACED", "AT", "STATUS", "TITLE"])
        #expect(history.dropFirst().map { $0.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) } }
            .map { [$0[0], $0[2], $0[3]] } == [["1", "draft", "Migraine Triggers Worth Tracking"], ["2", "published", "Migraine Triggers Worth Tracking"]])
        #expect(try cli.run("history", "dr-maya-ortiz", "--kind", "author").stdout == "No earlier versions of author dr-maya-ortiz.\n")
        #expect(try cli.run("restore", "migraine-triggers-to-track", "--revision", "2").status == 0)
        #expect(try cli.run("article", "show", "migraine-triggers-to-track").stdout.contains("status:       published"))
        #expect(try cli.run("article", "delete", "am-i-getting-tremors").status == 0)
        #expect(try cli.run("article", "show", "am-i-getting-tremors").status == 1)
        let related = try cli.run("article", "show", "mild-procedure-for-lumbar-spinal-stenosis", "--json").stdout
        #expect(!related.contains("\"am-i-getting-tremors\""))
        let revisions = try cli.run("history", "am-i-getting-tremors").stdout
        let last = try #require(revisions.split(separator: "\n").last?.split(separator: " ").first)
        #expect(try cli.run("restore", "am-i-getting-tremors", "--revision", String(last)).stdout
            == "Restored revision \(last) of article am-i-getting-tremors.\n")
        #expect(try cli.run("article", "show", "am-i-getting-tremors").status == 0)
        // The article that linked to it kept its version with the link: restoring it brings the
        // link back. Restoring what already is says so.
        let linker = try cli.run("history", "mild-procedure-for-lumbar-spinal-stenosis").stdout
        let linked = try #require(linker.split(separator: "\n").last?.split(separator: " ").first)
        #expect(try cli.run("restore", "mild-procedure-for-lumbar-spinal-stenosis", "--revision", String(linked)).status == 0)
        #expect(try cli.run("article", "show", "mild-procedure-for-lumbar-spinal-stenosis", "--json").stdout.contains("\"am-i-getting-tremors\""))
        #expect(try cli.run("restore", "mild-procedure-for-lumbar-spinal-stenosis", "--revision", String(linked)).stdout
            == "Article mild-procedure-for-lumbar-spinal-stenosis is as revision \(linked) already; nothing changed.\n")
        let badDate = try cli.run("article", "publish", "am-i-getting-tremors", "--at", "soon")
        #expect(badDate.status == 2)
        #expect(try cli.run("restore", "am-i-getting-tremors", "--revision", "99").stderr
            == "folio-admin: \"am-i-getting-tremors\" has no revision 99\n")
    }

    @Test func linkAndUnlink() throws {
        let cli = try CLI.seeded()
        let slug = "mild-procedure-for-lumbar-spinal-stenosis"
        let linked = try cli.run("link", slug, "preparing-for-your-mild-procedure", "--position", "1")
        #expect(linked.status == 0 && linked.stdout == "Linked \(slug) → preparing-for-your-mild-procedure, at position 1.\n", "\(linked.stdout)")
        let again = try cli.run("link", slug, "preparing-for-your-mild-procedure")
        #expect(again.status == 0 && again.stdout == "\(slug) links to preparing-for-your-mild-procedure already, at position 1; nothing changed.\n",
                "\(again.stdout)")
        #expect(try cli.run("unlink", slug, "am-i-getting-tremors").status == 0)
        let related = try cli.run("article", "show", slug).stdout
        #expect(related.contains("  1. preparing-for-your-mild-procedure\n  2. 7-signs-you-have-peripheral-neuropathy"))
        let selfLink = try cli.run("link", slug, slug)
        #expect(selfLink.status == 1)
        #expect(selfLink.stderr.contains("cannot be related to itself"))
        #expect(try cli.run("unlink", slug, "am-i-getting-tremors").status == 1)
        #expect(try cli.run("link", slug, "no-such-article").stderr.contains("no article has the slug \"no-such-article\""))
        #expect(try cli.run("link", slug, "x", "--position", "0").status == 2)
    }

    @Test func importIsAllOrNothingAndNamesFileLineAndField() throws {
        let cli = try CLI.seeded()
        let good = try cli.write("batch/articles/new-one.md",
                                 "---\ntitle: New One\nauthor: neuro-team\nstatus: draft\n---\n\nHello.\n")
        _ = good
        let bad = try cli.write("batch/articles/broken.md",
                                "---\ntitle: Broken\nstatus: draft\nrelated: [does-not-exist]\n---\n\nHello.\n")
        let before = try cli.run("article", "list").stdout
        let result = try cli.run("import", cli.folder.appending(path: "batch").path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.md:4: related: no article has the slug \"does-not-exist\""))
        #expect(try cli.run("article", "list").stdout == before)
        try FileManager.default.removeItem(atPath: bad)
        let dry = try cli.run("import", "--dry-run", cli.folder.appending(path: "batch").path)
        #expect(dry.stdout == "Would import 1 file: 1 created, 0 updated, 0 unchanged.\n")
        #expect(try cli.run("article", "list").stdout == before)
        #expect(try cli.run("import", cli.folder.appending(path: "batch").path).stdout.contains("1 created"))
        #expect(try cli.run("article", "show", "new-one").status == 0)
        let listed = try cli.run("article", "list").stdout
        let unknown = try cli.write("other/articles/odd.md", "---\ntitle: Odd\nflavour: lime\n---\n\nx\n")
        #expect(try cli.run("import", unknown).stderr.contains("odd.md:3: flavour: unknown field"))
        // Saved with CRLF line ends, as Windows editors save: the same line is named.
        let crlf = try cli.write("crlf/articles/broken.md",
                                 "---\r\ntitle: Broken\r\nstatus: draft\r\nrelated: [does-not-exist]\r\n---\r\n\r\nHello.\r\n")
        let crlfResult = try cli.run("import", crlf)
        #expect(crlfResult.stderr.contains("broken.md:4: related: no article has the slug \"does-not-exist\""), "\(crlfResult.stderr)")
        // A folder with no .md files anywhere below it is most likely the wrong one: said, and
        // nothing imported (it used to print "Imported 0 files" and exit 0).
        _ = try cli.write("notes/readme.txt", "Not content.\n")
        let none = try cli.run("import", cli.folder.appending(path: "batch").path, cli.folder.appending(path: "notes").path)
        #expect(none.status == 1 && none.stderr == "folio-admin: \(cli.folder.appending(path: "notes").path) holds no .md files (nor do its folders)\n",
                "\(none.stderr)")
        #expect(try cli.run("article", "list").stdout == listed)
    }

    /// Article files are read a chunk (256) at a time while earlier chunks are written: an error in a
    /// late chunk must still leave the database as it was and name its file.
    @Test func largeImportsStreamAndStayAllOrNothing() throws {
        let cli = try CLI.seeded()
        let before = try cli.run("article", "list").stdout
        for number in 0..<600 {
            _ = try cli.write("big/articles/a\(String(format: "%03d", number)).md",
                              "---\ntitle: Article \(number)\nauthor: neuro-team\nstatus: draft\nrelated: [a\(String(format: "%03d", (number + 1) % 600))]\n---\n\nText \(number).\n")
        }
        let folder = cli.folder.appending(path: "big").path
        // A slug given twice, the second time in a later chunk.
        let twin = try cli.write("big/articles/z-twin.md", "---\nslug: a001\ntitle: Twin\nstatus: draft\n---\n\nx\n")
        var result = try cli.run("import", folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("z-twin.md:2: slug:") && result.stderr.contains("a001.md already has the article slug \"a001\""),
                "\(result.stderr)")
        try FileManager.default.removeItem(atPath: twin)
        // A bad file in the last chunk.
        let late = try cli.write("big/articles/z-late.md", "---\ntitle: Late\nstatus: sometimes\n---\n\nx\n")
        result = try cli.run("import", folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("z-late.md:3: status:"), "\(result.stderr)")
        #expect(try cli.run("article", "list").stdout == before)
        try FileManager.default.removeItem(atPath: late)
        // A file in articles/ that says it is an author, named by articles read before it: the
        // import falls back to reading everything up front, in kind order.
        _ = try cli.write("big/articles/zz-author.md", "---\nkind: author\nslug: late-author\nname: Late Author\n---\n\nBio.\n")
        _ = try cli.write("big/articles/a000.md", "---\ntitle: Article 0\nauthor: late-author\nstatus: draft\n---\n\nText 0.\n")
        result = try cli.run("import", folder)
        #expect(result.stdout == "Imported 601 files: 601 created, 0 updated, 0 unchanged.\n", "\(result.stderr)")
        #expect(try cli.run("check").status == 0)
        #expect(try cli.run("article", "show", "a599").stdout.contains("related:\n  1. a000"))
    }

    /// An import large enough to take the database to itself (a rollback journal), killed while its
    /// commit writes pages into the database file: the next command rolls the hot journal back,
    /// finds the database as it was and puts it back in WAL mode.
    @Test func aLargeImportKilledMidwayLeavesTheDatabaseAsItWas() async throws {
        let generated = try CLI()
        #expect(try generated.run("generate", "--articles", "5000", "--out", "gen", withDatabase: false).status == 0)
        let content = generated.folder.appending(path: "gen").path
        // The commit lasts a fraction of a second; should the import finish before it is caught
        // writing, try again on a fresh database.
        for _ in 1...3 {
            let cli = try CLI.seeded()
            let before = try cli.run("article", "list").stdout
            let size = { (try? FileManager.default.attributesOfItem(atPath: cli.database)[.size] as? Int) ?? 0 }
            let initialSize = size()
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["import", content, "--database", cli.database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            while process.isRunning, size() < initialSize + 1_000_000 { usleep(500) }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard process.terminationReason == .uncaughtSignal else { continue }
            let journal = cli.database + "-journal"
            #expect(FileManager.default.fileExists(atPath: journal), "a killed write leaves a hot journal")
            let check = try cli.run("check")
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(try cli.run("article", "list").stdout == before)
            #expect(!FileManager.default.fileExists(atPath: journal))
            // Bytes 18 and 19 of the header are 2 in a WAL database, 1 with a rollback journal.
            let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: cli.database)).read(upToCount: 20)
            #expect(header.map { Array($0.suffix(2)) } == [2, 2])
            return
        }
        Issue.record("three imports finished before they could be killed while committing")
    }

    @Test func exportImportExportIsByteIdentical() throws {
        let cli = try CLI.seeded()
        #expect(try cli.run("export", "first").status == 0)
        let second = try CLI()
        try #require(try second.run("init").status == 0)
        #expect(try second.run("import", cli.folder.appending(path: "first").path).status == 0)
        #expect(try second.run("export", "second").status == 0)
        let first = cli.folder.appending(path: "first")
        let again = second.folder.appending(path: "second")
        let files = try FileManager.default.subpathsOfDirectory(atPath: first.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(files.count == 21)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: again.path).filter { $0.hasSuffix(".md") }.sorted() == files)
        for file in files {
            #expect(try Data(contentsOf: first.appending(path: file)) == Data(contentsOf: again.appending(path: file)), "\(file)")
        }
        // Not into a folder that holds anything: a file of an entry deleted since an earlier export
        // would come back with the next import.
        let refused = try cli.run("export", "first")
        #expect(refused.status == 1 && refused.stderr.contains("first is not empty; export into a new or empty folder"), "\(refused.stderr)")
        // A file given as the folder, or a folder under a file: said in a sentence, not as
        // Foundation's error dump.
        let file = "first/articles/am-i-getting-tremors.md"
        #expect(try cli.run("export", file).stderr == "folio-admin: \(file) is a file; export into a new or empty folder\n")
        let under = try cli.run("export", file + "/more")
        #expect(under.status == 1)
        #expect(under.stderr == "folio-admin: \(cli.folder.appending(path: file).path) is a file, not a folder\n", "\(under.stderr)")
        // So for a database under a file, for `init`.
        let database = try cli.run("init", "--database", file + "/folio.sqlite", withDatabase: false)
        #expect(database.status == 1 && database.stderr == "folio-admin: \(cli.folder.appending(path: file).path) is a file, not a folder\n",
                "\(database.stderr)")
    }

    @Test func backupAndCheck() throws {
        let cli = try CLI.seeded()
        let copy = cli.folder.appending(path: "copy.sqlite").path
        #expect(try cli.run("backup", copy).status == 0)
        #expect(try cli.run("backup", copy).status == 1)  // refuses to overwrite
        let nowhere = try cli.run("backup", cli.folder.appending(path: "no-such-folder/copy.sqlite").path)
        #expect(nowhere.status == 1 && nowhere.stderr.contains("cannot be written: there is no folder"), "\(nowhere.stderr)")
        let checked = try cli.run("check", "--database", copy, withDatabase: false)
        #expect(checked.stdout.contains("OK: 14 articles"))
    }

    @Test func generateWritesImportableContent() throws {
        let cli = try CLI()
        #expect(try cli.run("generate", "--articles", "200", "--out", "gen", withDatabase: false).status == 0)
        #expect(try cli.run("init").status == 0)
        let imported = try cli.run("import", cli.folder.appending(path: "gen").path)
        #expect(imported.stdout == "Imported 214 files: 214 created, 0 updated, 0 unchanged.\n")
        #expect(try cli.run("check").status == 0)
        let again = try CLI()
        #expect(try again.run("generate", "--articles", "200", "--out", "gen", withDatabase: false).status == 0)
        let name = "articles/" + (try FileManager.default.contentsOfDirectory(atPath: cli.folder.appending(path: "gen/articles").path).sorted().first ?? "")
        #expect(try Data(contentsOf: cli.folder.appending(path: "gen/\(name)")) == Data(contentsOf: again.folder.appending(path: "gen/\(name)")))
    }

    @Test func usageMistakesExitWithTwoAndHelpWithZero() throws {
        let cli = try CLI()
        #expect(try cli.run("frobnicate", withDatabase: false).status == 2)
        #expect(try cli.run("article", "show", withDatabase: false).status == 2)
        let help = try cli.run("--help", withDatabase: false)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes: 0 done, 1 a problem"))
    }
}

@Suite(.serialized)
struct TokenCLITests {
    @Test func createListRevoke() throws {
        let cli = try CLI()
        #expect(try cli.run("init").status == 0)
        let created = try cli.run("token", "create", "--name", "staging", "--scope", "preview", "--expires", "7d")
        #expect(created.status == 0)
        #expect(created.stdout.hasPrefix("folio_preview_"))
        #expect(created.stdout.count == "folio_preview_".count + 64 + 1)
        #expect(created.stderr.contains("cannot be shown again"))
        let list = try cli.run("token", "list").stdout
        #expect(list.contains("staging  preview"))
        #expect(list.contains("active"))
        #expect(!list.contains(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let taken = try cli.run("token", "create", "--name", "staging", "--scope", "partner")
        #expect(taken.status == 1 && taken.stderr == "folio-admin: name: a token named \"staging\" is in force; revoke it first or choose another name\n",
                "\(taken.stderr)")
        // A name that could not be listed or revoked by is refused, and no token is made.
        for (name, reason) in [("", "a token needs a name to be listed and revoked by"), ("  ", "a token needs a name to be listed and revoked by"),
                               ("two\nlines", "must not hold control characters such as line breaks or tabs")] {
            let refused = try cli.run("token", "create", "--name", name, "--scope", "preview")
            #expect(refused.status == 1 && refused.stdout.isEmpty)
            #expect(refused.stderr == "folio-admin: name: \(reason)\n")
        }
        #expect(try cli.run("token", "create", "--name", "x", "--scope", "preview", "--expires", "soon").status == 2)
        // Whole numbers of hours, days or weeks up to ten years; a lifetime past Int64 seconds
        // crashed the command, and fractions, exponents and `inf` passed as numbers.
        for duration in ["9223372036854775807d", "1e300d", "infd", "1.5d", "0d", "3651d", "87601h", "522w", "+7d", "7 d"] {
            let refused = try cli.run("token", "create", "--name", "x", "--scope", "preview", "--expires=\(duration)")
            #expect(refused.status == 2 && refused.stderr.contains("is not a duration"), "\(duration): \(refused.stderr)")
        }
        #expect(try cli.run("token", "create", "--name", "decade", "--scope", "partner", "--expires", "3650d").status == 0)
        #expect(try cli.run("token", "revoke", "staging").stdout == "Revoked staging.\n")
        #expect(try cli.run("token", "list").stdout.contains("revoked"))
        #expect(try cli.run("token", "revoke", "staging").status == 1)
        // A revoked token's name may be given again (rotation: revoke, then create); the list
        // shows both, the old one revoked, and revoking by the name reaches the new one only.
        let rotated = try cli.run("token", "create", "--name", "staging", "--scope", "preview")
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let states = try cli.run("token", "list").stdout.split(separator: "\n").filter { $0.hasPrefix("staging ") }.map { $0.split(separator: " ").last.map(String.init) }
        #expect(states == ["revoked", "active"])
        #expect(try cli.run("token", "revoke", "staging").stdout == "Revoked staging.\n")
        // Only the hash is stored.
        let database = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        #expect(database.range(of: Data(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines).utf8)) == nil)
    }
}

@Suite(.serialized)
struct QueryRegistryCLITests {
    @Test func addValidatesAndLists() throws {
        let cli = try CLI()
        #expect(try cli.run("init").status == 0)
        let good = try cli.write("q/list.graphql", "{ articles(first: 2) { nodes { slug } } }")
        let bad = try cli.write("q/bad.graphql", "{ articles { nope } }")
        let added = try cli.run("queries", "add", good)
        #expect(added.status == 0)
        #expect(added.stdout.split(separator: " ").first?.count == 64)
        let refused = try cli.run("queries", "add", bad)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("bad.graphql:1:14: Cannot query field \"nope\" on type \"ArticleConnection\"."))
        // The content API has no mutations: a mutation is no document to register (it was).
        let mutation = try cli.run("queries", "add", try cli.write("q/change.graphql", "mutation { publish }"))
        #expect(mutation.status == 1)
        #expect(mutation.stderr.contains("change.graphql:1:1: The mutation operation is not supported by the schema."), "\(mutation.stderr)")
        #expect(try cli.run("queries", "list").stdout.contains("list.graphql"))
        #expect(try cli.run("schema", withDatabase: false).stdout.hasPrefix("\"An instant in UTC"))
        let query = try cli.run("query", "{ articles { totalCount } }")
        #expect(query.stdout == #"{"data":{"articles":{"totalCount":0}}}"# + "\n")
        // Variables that are not JSON say where they stop being JSON.
        let badVariables = try cli.run("query", "{ __typename }", "--variables", "{bad")
        #expect(badVariables.status == 2)
        #expect(badVariables.stderr.hasPrefix("Error: --variables is not valid JSON: Expected a string key at byte 1.\n"))
        // A variable given twice is refused, as the server refuses it.
        let twice = try cli.run("query", "query ($n: Int) { articles(first: $n) { totalCount } }", "--variables", #"{"n": 1, "n": 2}"#)
        #expect(twice.status == 2)
        #expect(twice.stderr.hasPrefix("Error: --variables gives \"n\" more than once.\n"), "\(twice.stderr)")
    }
}
