import ConformanceSupport
@testable import GraphQLEngine
import Testing

/// The JSON reader (every POST body goes through it) against mutants of valid documents: each is
/// read or refused with a failure inside the input, never a crash; whatever is read is written as
/// JSON that reads back and writes the same text (a whole float such as `1E+2` is written as `100`,
/// as JavaScript writes it, so the text, not the value's kind, is what stays).
/// `FUZZ_ITERATIONS` and `FUZZ_SEED` run more or other mutants.
struct JSONReaderFuzzTests {
    static let seeds = [
        #"{"query":"query ($slug: String!) { article(slug: $slug) { title } }","variables":{"slug":"knee-pain","n":-12,"f":1.5e-3},"operationName":null}"#,
        #"[true,false,null,0,-0,1E+2,0.5,"\u00e9\ud83d\ude00\n\t\"\\\/",{"a":[[],{}]},"",12345678901234567890]"#,
        #"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab12"}},"nested":{"a":{"b":{"c":[1,[2,[3]]]}}}}"#,
    ]
    static let pieces = ["{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\ud800", "\\udc00", "-", "0", "1e", ".", "+",
                         "true", "nul", "NaN", " ", "\n", "\u{0}", "é", "\u{FEFF}", String(repeating: "[", count: 600)]

    @Test func mutantsAreReadOrRefusedAndReadBackTheSame() {
        var mutator = Mutator(seed: Fuzzing.seed(default: 0x7507_0001), seeds: Self.seeds, pieces: Self.pieces)
        var read = 0
        let iterations = Fuzzing.iterations(default: 20_000)
        for iteration in 0..<iterations {
            let bytes = mutator.mutant()
            do {
                let value = try JSONReader.parse(bytes)
                read += 1
                let written = value.json
                guard let again = try? JSONReader.parse(written), again.json == written else {
                    Issue.record("mutant \(iteration) does not read back as itself: \(written)")
                    continue
                }
            } catch {
                if !(0...bytes.count).contains(error.offset) {
                    Issue.record("mutant \(iteration): failure outside the input (\(error.offset) of \(bytes.count))")
                }
            }
        }
        #expect(read > iterations / 20 && read < iterations)
    }
}
