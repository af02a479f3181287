import ConformanceSupport
import FolioMarkdown
import Foundation
import Testing

/// Article bodies as anyone might write them, and worse: mutants of the seed articles' Markdown
/// with raw HTML, dangerous link targets and Markdown syntax spliced in are each rendered — never
/// a crash — to HTML with no raw HTML element or event attribute of the input's, and no link or
/// image target in a scheme that runs code or embeds data. `FUZZ_ITERATIONS` and `FUZZ_SEED` run
/// more or other mutants.
struct MarkdownFuzzTests {
    static let pieces = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=//evil>", "<svg onload=alert(1)>", "<style>", "<!--", "-->", "<![CDATA[", "</div>", "<div>",
        "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))", "[x](&#106;avascript:alert(1))",
        "[x](data:text/html,<script>)", "![i](vbscript:x)", "<javascript:alert(1)>", "[r]: javascript:alert(1)\n", "[x][r]",
        "\n# ", "\n## ", "\n- ", "\n1. ", "\n> ", "\n```\n", "`", "*", "_", "~~", "|", "\n|---|\n", "- [ ] ", "\\",
        "&amp;", "&#0;", "&lt;", "\u{0}", "\r", "\t", "é", "\u{FEFF}", "www.", "https://", "    ",
    ]

    @Test func mutantsRenderToSafeHTML() throws {
        let folder = Conformance.repository.appending(path: "seeds/articles")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().prefix(4).map {
            try String(contentsOf: folder.appending(path: $0), encoding: .utf8)
        }
        let renderer = MarkdownRenderer()
        var mutator = Mutator(seed: Fuzzing.seed(default: 0x3D_F022), seeds: Array(seeds), pieces: Self.pieces)
        for iteration in 0..<Fuzzing.iterations(default: 2_000) {
            let markdown = String(decoding: mutator.mutant(), as: UTF8.self)
            let html: String
            do {
                html = try renderer.render(markdown).html.lowercased()
            } catch {
                Issue.record("mutant \(iteration) was not rendered: \(error)")
                continue
            }
            // Text is escaped (`&lt;`), so every `<` left in the HTML opens a tag the renderer wrote.
            for tag in html.split(separator: "<", omittingEmptySubsequences: false).dropFirst().map({ $0.prefix { $0 != ">" } }) {
                let name = tag.prefix { $0.isLetter || $0.isNumber || $0 == "/" }
                let attributes = tag.dropFirst(name.count)
                let unsafe = ["script", "iframe", "svg", "style", "object", "embed"].contains(name.trimmingPrefix("/"))
                    || attributes.contains(/\son[a-z]+\s*=/)
                    || attributes.contains(/(href|src)\s*=\s*"\s*(javascript|vbscript|data|file):/)
                if unsafe { Issue.record("mutant \(iteration) renders the tag <\(tag)>:\n\(markdown)") }
            }
        }
    }
}
