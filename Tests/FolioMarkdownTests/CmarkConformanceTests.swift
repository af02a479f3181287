import ConformanceSupport
import FolioMarkdown
import Foundation
import Testing

/// One upstream example file: how cmark-gfm's own test run invokes it, and its examples.
struct ExampleFile: Decodable, Sendable {
    struct Invocation: Decodable, Sendable {
        var flags: [String]
        var extensions: [String]
    }
    struct Example: Decodable, Sendable {
        var example: Int
        var section: String
        var extensions: [String]
        var disabled: Bool
        var markdown: String
        var html: String
    }
    var source_file: String
    var run_like_cmark_gfm_cli: Invocation
    var examples: [Example]

    static let names = ["spec", "extensions", "regression", "smart_punct", "extensions-full-info-string",
                        "extensions-table-prefer-style-attributes"]

    static func load(_ name: String) throws -> ExampleFile {
        let url = try Conformance.file("markdown/cmark-gfm-0.29.0.gfm.6/\(name).json")
        return try JSONDecoder().decode(ExampleFile.self, from: Data(contentsOf: url))
    }

    /// The options upstream runs an example with: the file's flags and extensions plus the example's own.
    func options(for example: Example) throws -> MarkdownOptions {
        let names = run_like_cmark_gfm_cli.extensions + example.extensions
        let extensions = try names.map { name in
            guard let known = MarkdownExtension(rawValue: name) else { throw MarkdownError.extensionUnavailable(name) }
            return known
        }
        let flags = Set(run_like_cmark_gfm_cli.flags)
        return MarkdownOptions(extensions: extensions, smartPunctuation: flags.contains("--smart"),
                               allowsUnsafeHTML: flags.contains("--unsafe"),
                               fullInfoString: flags.contains("--full-info-string"),
                               tablePreferStyleAttributes: flags.contains("--table-prefer-style-attributes"))
    }
}

@Suite(.enabled(if: Conformance.isAvailable, "../shared/conformance is absent"))
struct CmarkConformanceTests {
    /// Every enabled example of every file renders exactly as upstream expects.
    @Test(arguments: ExampleFile.names)
    func examplesPass(_ name: String) throws {
        let file = try ExampleFile.load(name)
        var failures: [String] = []
        var ran = 0
        for example in file.examples where !example.disabled {
            let rendered = try MarkdownRenderer(options: file.options(for: example)).render(example.markdown)
            ran += 1
            // Upstream's runner counts `<IGNORE>` examples as passed when rendering does not crash.
            if example.html.trimmingCharacters(in: .whitespacesAndNewlines) == "<IGNORE>" { continue }
            if rendered.html != example.html {
                failures.append("\(name) example \(example.example) (\(example.section))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(ran) failed: \(failures.prefix(10))")
        #expect(ran > 0)
    }

    @Test func exampleCountsMatchTheSuite() throws {
        let counts = try ExampleFile.names.map { try ExampleFile.load($0).examples.count }
        #expect(counts.reduce(0, +) == 749)
    }
}
