import ConformanceSupport
import FolioContent
import Foundation
import Testing

/// Content files as editors leave them, and worse: mutants of the repository's seed files are each
/// read or refused with an error naming the file and, where it has one, a line inside it — never
/// a crash — and whatever is read writes back as a file that reads as the same entry.
/// `FUZZ_ITERATIONS` and `FUZZ_SEED` run more or other mutants.
struct ContentFileFuzzTests {
    static let pieces = ["---", "---\n", "\n", ":", ": ", "- ", "  - ", "#", "\"", "'", "[", "]", "{", "}", "|", ">", "\t",
                         "title:", "slug:", "status:", "published_at:", "tags:", "related:", "2026-02-30", "draft",
                         "published", "null", "~", "&anchor", "*anchor", "!!binary", "é", "\u{0}", "\u{FEFF}", "\r\n"]

    @Test func mutantsAreReadOrRefusedWithTheirPlace() throws {
        var seeds: [(text: String, kind: ContentKind)] = []
        for kind in ContentKind.allCases {
            let folder = Conformance.repository.appending(path: "seeds/\(kind.folder)")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().prefix(3) {
                seeds.append((try String(contentsOf: folder.appending(path: name), encoding: .utf8), kind))
            }
        }
        var read = 0
        let iterations = Fuzzing.iterations(default: 3_000)
        for kind in ContentKind.allCases {
            let ofKind = seeds.filter { $0.kind == kind }.map(\.text)
            var mutator = Mutator(seed: Fuzzing.seed(default: 0xC0_47E7) &+ UInt64(ofKind.count), seeds: ofKind, pieces: Self.pieces)
            for iteration in 0..<iterations / ContentKind.allCases.count {
                let text = String(decoding: mutator.mutant(), as: UTF8.self)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
                do {
                    let entry = try ContentFile.parse(text, path: "m.md", kind: kind)
                    read += 1
                    let written = ContentFile.write(entry)
                    guard let again = try? ContentFile.parse(written, path: "m.md", kind: kind), again == entry else {
                        Issue.record("\(kind) mutant \(iteration) does not read back as itself:\n\(written)")
                        continue
                    }
                } catch {
                    if error.path != "m.md" || !(1...max(lines, 1)).contains(error.line ?? 1) {
                        Issue.record("\(kind) mutant \(iteration): \(error) is not placed in the file (\(lines) lines)")
                    }
                }
            }
        }
        #expect(read > iterations / 20 && read < iterations)
    }
}
