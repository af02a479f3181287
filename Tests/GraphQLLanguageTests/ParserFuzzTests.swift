import ConformanceSupport
import Foundation
import GraphQLLanguage
import Testing

/// The parser and printer against tens of thousands of mutants of valid documents: every input is
/// either parsed or refused with a syntax error inside the input (never a crash, a hang or an
/// error without a place), and every document that parses prints as text that parses back to a
/// document printing the same (printing is canonical). `FUZZ_ITERATIONS` runs more, `FUZZ_SEED` others.
struct ParserFuzzTests {
    static let seeds = [
        #"query Page($slug: String!, $n: Int = 4) @cached { article(slug: $slug) { id ...Card related(first: $n) { ... on Article { title } } } }"#,
        #"fragment Card on Article { title summary author { name @include(if: true) } tags }"#,
        #"mutation { save(input: {title: "Knee \"pain\"", tags: ["a", "b"], n: -1.5e3, ok: true, none: null, e: ENUM}) { id } }"#,
        "subscription S { changed { id } }\n# a comment\n{ a(b: \"\"\"\n  block \\\"\"\" text\n    indented\n\"\"\") }",
        #"""
        "Described" type Article implements Node & Entity @key(fields: "id") { id: ID! "A field" title(lang: String = "en"): String @deprecated(reason: "no") list: [[Int!]]! }
        """#,
        #"""
        schema { query: Query mutation: Mutation } extend type Query { me: User } union U = | A | B enum E { ONE TWO } input I @oneOf { a: Int b: [String!] = ["x"] } directive @d(a: Int) repeatable on FIELD | QUERY scalar Date @specifiedBy(url: "https://example.com") interface Node implements Entity { id: ID! } extend schema @d(a: 1)
        """#,
    ]
    static let pieces = [
        "{", "}", "(", ")", "[", "]", ":", "!", "$", "@", "...", "..", "\"", "\"\"\"", "\\", "\\u", "\\u{1F600}", "\\uD83D",
        "#", "\n", "\r", "\r\n", ",", "&", "|", "=", " ", "\t", "on", "fragment", "query", "extend", "type", "0", "-",
        "-0", "1.5e", "0x1", "00", "1.", ".5", "\u{FEFF}", "é", "😀", "\u{0}", "\u{7F}", "\u{2028}", "true", "null",
    ]

    @Test func mutantsParseOrFailInPlaceAndPrintCanonically() throws {
        var seeds = Self.seeds
        if Conformance.isAvailable {
            for name in ["kitchen-sink-query.graphql", "kitchen-sink-sdl.graphql"] {
                seeds.append(try String(contentsOf: Conformance.file("graphql-parser/\(name)"), encoding: .utf8))
            }
        } else {
            print("ParserFuzzTests: ../shared/conformance is absent; mutating the built-in seeds only")
        }
        let iterations = Fuzzing.iterations(default: 20_000)
        var mutator = Mutator(seed: Fuzzing.seed(default: 0x5EED_F011_0001), seeds: seeds, pieces: Self.pieces)
        var parsed = 0
        for iteration in 0..<iterations {
            let bytes = mutator.mutant()
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let document = try Parser.parse(Source(bytes: bytes))
                parsed += 1
                let printed = Printer.print(document)
                let again: Document
                do {
                    again = try Parser.parse(printed)
                } catch {
                    Issue.record("mutant \(iteration) parsed, but its printed form did not: \(error)\n\(text)\n---\n\(printed)")
                    continue
                }
                if Printer.print(again) != printed {
                    Issue.record("mutant \(iteration) prints differently the second time:\n\(text)\n---\n\(printed)")
                }
            } catch {
                if !(0...bytes.count).contains(error.offset) || error.location.line < 1 {
                    Issue.record("mutant \(iteration): error outside the input (offset \(error.offset) of \(bytes.count)): \(error)")
                }
            }
        }
        // Mutants must exercise both outcomes, or the test proves little.
        #expect(parsed > iterations / 20)
        #expect(parsed < iterations)
    }
}
