import FolioMarkdown
import Testing

struct SafeRenderingTests {
    let renderer = MarkdownRenderer()

    @Test(arguments: [
        "<script>alert(1)</script>",
        "Hello <script>alert(1)</script> world",
        "<img src=x onerror=alert(1)>",
        "<a href=\"#\" onclick=\"steal()\">click</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
    ])
    func rawHTMLNeverReachesOutput(_ markdown: String) throws {
        let html = try renderer.render(markdown).html
        for forbidden in ["<script", "onerror", "onclick", "<iframe", "<img src=x", "<div", "javascript:"] {
            #expect(!html.contains(forbidden), "\(forbidden) in \(html)")
        }
    }

    @Test(arguments: [
        "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x]( javascript:alert(1))",
        "[x](vbscript:msgbox)", "[x](data:text/html;base64,PHNjcmlwdD4=)", "![x](data:image/png;base64,AAAA)",
        "[x](file:///etc/passwd)", "<javascript:alert(1)>", "[x][r]\n\n[r]: javascript:alert(1)",
    ])
    func dangerousLinkTargetsAreRemoved(_ markdown: String) throws {
        let html = try renderer.render(markdown).html.lowercased()
        for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
            #expect(!html.contains("href=\"\(scheme)"), "\(html)")
            #expect(!html.contains("src=\"\(scheme)"), "\(html)")
        }
    }

    @Test func ordinaryLinksSurvive() throws {
        let html = try renderer.render("[site](https://example.com/a?b=1) and www.example.org").html
        #expect(html.contains("href=\"https://example.com/a?b=1\""))
        #expect(html.contains("href=\"http://www.example.org\""))
    }

    @Test func gfmExtensionsAreOn() throws {
        let html = try renderer.render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] todo\n").html
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("type=\"checkbox\""))
    }

    @Test func headingsGetStableUniqueAnchors() throws {
        let rendered = try renderer.render("# What is MILD?\n\ntext\n\n## Risks & Recovery\n\n## Recovery\n\n## Recovery\n")
        #expect(rendered.headings == [
            MarkdownHeading(level: 1, text: "What is MILD?", anchor: "what-is-mild"),
            MarkdownHeading(level: 2, text: "Risks & Recovery", anchor: "risks--recovery"),
            MarkdownHeading(level: 2, text: "Recovery", anchor: "recovery"),
            MarkdownHeading(level: 2, text: "Recovery", anchor: "recovery-1"),
        ])
        #expect(rendered.html.contains("<h1 id=\"what-is-mild\">What is MILD?</h1>"))
        #expect(rendered.html.contains("<h2 id=\"recovery-1\">Recovery</h2>"))
    }

    @Test func headingTagsInCodeAreNotTouched() throws {
        let rendered = try renderer.render("# Title\n\n    <h1>code</h1>\n")
        #expect(rendered.html.contains("&lt;h1&gt;code&lt;/h1&gt;"))
        #expect(rendered.html.contains("<h1 id=\"title\">Title</h1>"))
    }

    @Test func plainTextAndWordCount() throws {
        let rendered = try renderer.render("# Title\n\nSome *emphasised* text\nover two lines.\n\n- one\n- two\n")
        #expect(rendered.plainText == "Title\nSome emphasised text over two lines.\none\ntwo")
        #expect(rendered.wordCount == 9)
    }

    @Test func emptyAndHostileInputsDoNotCrash() throws {
        #expect(try renderer.render("").html == "")
        let deep = String(repeating: ">", count: 10_000) + " quote"
        #expect(try renderer.render(deep).html.contains("quote"))
        let brackets = String(repeating: "[", count: 50_000)
        #expect(try !renderer.render(brackets).html.isEmpty)
    }
}

