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

/// Numbers come out as JavaScript writes them (and so as graphql-js words them in messages): the
/// expected texts are what `String(x)` gives in JavaScript.
struct JSONWriterNumberTests {
    @Test(arguments: [
        (9_223_372_036_854_775_808.0, "9223372036854776000"), (1e15, "1000000000000000"), (1e16, "10000000000000000"),
        (1.2345678901234568e20, "123456789012345680000"), (1e21, "1e+21"), (1.5e21, "1.5e+21"), (-1.5e300, "-1.5e+300"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (123.456, "123.456"), (-0.5, "-0.5"), (0.1, "0.1"),
        (2.5360669079915725, "2.5360669079915725"), (0.000001, "0.000001"), (0.00001234, "0.00001234"), (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"), (-2.5e-10, "-2.5e-10"), (5e-324, "5e-324"), (-0.0, "0"), (3.0, "3"), (-42.0, "-42"),
    ])
    func doublesAreWrittenAsJavaScriptWritesThem(_ number: Double, _ expected: String) throws {
        #expect(ConstValue.float(number).json == expected, "\(number)")
        #expect(try JSONReader.parse(expected) == .float(number) || Double(expected) == number, "\(expected) reads back")
    }
}

/// The writer's string escaping, which looks at eight bytes at a time and jumps to the first byte
/// to escape: every character that needs escaping, alone or in pairs, at every position of strings
/// of up to 24 bytes among plain and non-ASCII text, is written as JSON that holds no raw control
/// character and reads back as the string.
struct JSONWriterEscapeTests {
    @Test func everyEscapeAtEveryPosition() throws {
        let special: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7}"]
        for filler in ["a", "é", " ", "!"] {
            for length in 1...24 {
                for position in 0..<length {
                    for (index, character) in special.enumerated() {
                        var characters = Array(repeating: Character(filler), count: length)
                        characters[position] = character
                        // A second one further on, where the first word's borrow could mislead.
                        if position + 1 < length { characters[position + 1] = special[(index + 3) % special.count] }
                        let text = String(characters)
                        var writer = JSONWriter()
                        writer.string(text)
                        #expect(!writer.bytes.contains { $0 < 0x20 }, "\(Array(text.utf8))")
                        #expect(try JSONReader.parse(writer.bytes) == .string(text), "\(Array(text.utf8))")
                    }
                }
            }
        }
    }
}
