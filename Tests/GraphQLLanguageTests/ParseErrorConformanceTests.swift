import ConformanceSupport
import Foundation
@testable import GraphQLLanguage
import Testing
import Yams

/// graphql-js's syntax-error cases: message and 1-based location must match exactly.
struct ParseErrorCase: Decodable, CustomTestStringConvertible, Sendable {
    struct Expected: Decodable, Sendable {
        var message: String
        var locations: [GraphQLLanguage.SourceLocation]
    }
    var id: String
    var api: String
    var source: String
    var error: Expected
    var parse_error_same: Bool
    var parse_error: Expected?

    var testDescription: String { id }

    static func load() throws -> [ParseErrorCase] {
        guard Conformance.isAvailable else { return [] }
        struct File: Decodable { var count: Int; var cases: [ParseErrorCase] }
        let text = try String(contentsOf: Conformance.file("graphql-parser/parse-errors.yaml"), encoding: .utf8)
        let file = try YAMLDecoder().decode(File.self, from: text)
        #expect(file.cases.count == file.count)
        return file.cases
    }
}

/// The first syntax error the lexer meets, reading tokens to the end.
func firstLexError(_ source: Source) -> GraphQLSyntaxError? {
    source.bytes.withUnsafeBufferPointer { buffer -> GraphQLSyntaxError? in
        var lexer = Lexer(bytes: buffer, source: source)
        do throws(GraphQLSyntaxError) {
            while try lexer.next().kind != .endOfFile {}
            return nil
        } catch {
            return error
        }
    }
}

@Suite(.enabled(if: Conformance.isAvailable, "../shared/conformance is absent"))
struct ParseErrorConformanceTests {
    @Test(arguments: try ParseErrorCase.load())
    func matchesGraphQLJS(_ testCase: ParseErrorCase) throws {
        let source = Source(testCase.source)
        if testCase.api == "lex" {
            let error = try #require(firstLexError(source))
            #expect(error.message == testCase.error.message)
            #expect([error.location] == testCase.error.locations)
        }
        let expected = testCase.parse_error_same ? testCase.error : try #require(testCase.parse_error)
        #expect(throws: GraphQLSyntaxError.self) { try Parser.parse(source) }
        do {
            _ = try Parser.parse(source)
        } catch {
            #expect(error.message == expected.message)
            #expect([error.location] == expected.locations)
        }
    }

    @Test func allNinetyFourCasesAreThere() throws {
        #expect(try ParseErrorCase.load().count == 94)
    }

    /// Lone UTF-16 surrogates cannot be a Swift String; encoded as WTF-8 bytes they reach the lexer,
    /// which must report them as graphql-js does.
    @Test func loneSurrogateCases() throws {
        struct File: Decodable { var cases: [Case] }
        struct Case: Decodable { var id: String; var error: ParseErrorCase.Expected }
        let url = try Conformance.file("graphql-parser/parse-errors-lone-surrogates.json")
        let data = try Data(contentsOf: url)
        let file = try JSONDecoder().decode(File.self, from: data)
        // The sources hold lone surrogates, which JSONDecoder would replace: read them as raw JSON text.
        let raw = try #require(String(data: data, encoding: .utf8))
        let sources = rawSourceLiterals(in: raw)
        try #require(sources.count == file.cases.count)
        #expect(file.cases.count == 8)
        for (testCase, bytes) in zip(file.cases, sources) {
            let error = try #require(firstLexError(Source(bytes: bytes)), "\(testCase.id)")
            #expect(error.message == testCase.error.message, "\(testCase.id)")
            #expect([error.location] == testCase.error.locations, "\(testCase.id)")
        }
    }
}

/// The `"source": "…"` strings of a JSON text, decoded to WTF-8 bytes (lone surrogates kept).
func rawSourceLiterals(in json: String) -> [[UInt8]] {
    let scalars = Array(json.unicodeScalars)
    let key = Array("\"source\": \"".unicodeScalars)
    var result: [[UInt8]] = []
    var index = 0
    while index + key.count <= scalars.count {
        guard Array(scalars[index..<index + key.count]) == key else {
            index += 1
            continue
        }
        index += key.count
        var units: [UInt32] = []
        while scalars[index] != "\"" {
            if scalars[index] == "\\" {
                let escape = scalars[index + 1]
                index += 2
                switch escape {
                case "u":
                    units.append(UInt32(String(String.UnicodeScalarView(scalars[index..<index + 4])), radix: 16)!)
                    index += 4
                case "n": units.append(0x0A)
                case "r": units.append(0x0D)
                case "t": units.append(0x09)
                default: units.append(escape.value)
                }
            } else {
                units.append(scalars[index].value)
                index += 1
            }
        }
        result.append(wtf8(units))
    }
    return result
}

/// Encodes code points and UTF-16 units; a valid surrogate pair becomes one code point, a lone
/// surrogate becomes its own three-byte sequence.
func wtf8(_ units: [UInt32]) -> [UInt8] {
    var points: [UInt32] = []
    var index = 0
    while index < units.count {
        let unit = units[index]
        if (0xD800...0xDBFF).contains(unit), index + 1 < units.count, (0xDC00...0xDFFF).contains(units[index + 1]) {
            points.append(0x10000 + ((unit - 0xD800) << 10) + (units[index + 1] - 0xDC00))
            index += 2
        } else {
            points.append(unit)
            index += 1
        }
    }
    var bytes: [UInt8] = []
    for point in points {
        switch point {
        case 0..<0x80: bytes.append(UInt8(point))
        case 0x80..<0x800: bytes += [UInt8(0xC0 | point >> 6), UInt8(0x80 | point & 0x3F)]
        case 0x800..<0x10000:
            bytes += [UInt8(0xE0 | point >> 12), UInt8(0x80 | (point >> 6) & 0x3F), UInt8(0x80 | point & 0x3F)]
        default:
            bytes += [UInt8(0xF0 | point >> 18), UInt8(0x80 | (point >> 12) & 0x3F),
                      UInt8(0x80 | (point >> 6) & 0x3F), UInt8(0x80 | point & 0x3F)]
        }
    }
    return bytes
}
