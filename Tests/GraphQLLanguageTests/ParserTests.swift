import GraphQLLanguage
import Testing

struct ParserTests {
    @Test func fieldsAliasesArgumentsAndValues() throws {
        let document = try Parser.parse(#"{ a: b(x: 1, y: -2.5e3, s: "é\u00e9\u{1F600}\uD83D\uDE00", l: [A, true, null], o: {k: $v}) }"#)
        guard case .operation(let operation) = document.definitions.first,
              case .field(let field) = operation.selectionSet.selections.first else {
            Issue.record("expected one operation with one field")
            return
        }
        #expect(field.alias?.value == "a")
        #expect(field.name.value == "b")
        #expect(field.responseKey == "a")
        #expect(field.arguments.map(\.name.value) == ["x", "y", "s", "l", "o"])
        guard case .string(let string) = field.arguments[2].value else {
            Issue.record("expected a string")
            return
        }
        #expect(string.value == "éé😀😀")
        guard case .float(let text, _) = field.arguments[1].value else {
            Issue.record("expected a float")
            return
        }
        #expect(text == "-2.5e3")
    }

    /// Names, numbers and strings without escapes are made from the source bytes; ASCII ones without
    /// a UTF-8 check. Short and long (heap) forms, ASCII and not, and tabs must all come out as written.
    @Test func unescapedTextComesOutAsWritten() throws {
        let long = String(repeating: "n", count: 40)
        let document = try Parser.parse("{ \(long)(a: \"plain\", b: \"tab\there\", c: \"é and 😀, longer than fifteen bytes\", d: \"\(long)\", e: 1234567890123456789) }")
        guard case .operation(let operation) = document.definitions.first,
              case .field(let field) = operation.selectionSet.selections.first else {
            Issue.record("expected one operation with one field")
            return
        }
        #expect(field.name.value == long && field.name.value.utf8.count == 40)
        let strings = field.arguments.compactMap { argument -> String? in
            if case .string(let string) = argument.value { return string.value }
            return nil
        }
        #expect(strings == ["plain", "tab\there", "é and 😀, longer than fifteen bytes", long])
        // UTF-16 counts are where a String wrongly marked ASCII goes wrong (it would count bytes).
        #expect(strings.map { $0.utf16.count } == [5, 8, 35, 40])
        guard case .int(let number, _) = field.arguments[4].value else {
            Issue.record("expected an int")
            return
        }
        #expect(number == "1234567890123456789")
    }

    @Test func blockStringsDedent() throws {
        let document = try Parser.parse("{ f(s: \"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\") }")
        guard case .operation(let op) = document.definitions[0], case .field(let field) = op.selectionSet.selections[0],
              case .string(let string) = field.arguments[0].value else {
            Issue.record("expected a string argument")
            return
        }
        #expect(string.value == "Hello,\n  World!\n\nYours,\n  GraphQL.")
        #expect(string.isBlock)
    }

    @Test(arguments: ["Hello", "  leading space", "a\nb", "ends with quote\"", "has \"\"\" inside", "back\\slash\\",
                      "\n\nfirst\n  indented\n", String(repeating: "x", count: 90),
                      // A combining mark after `"""` makes one character of the last quote; the
                      // quotes must be escaped all the same.
                      "accent \"\"\"\u{301} after quotes",
                      // Long, so printed on lines of its own, and starting with a space that a
                      // combining mark joins: the space must not be taken for indentation.
                      " \u{301}" + String(repeating: "x", count: 80)])
    func blockStringsPrintBackToTheSameValue(_ value: String) throws {
        let printed = BlockString.print(value)
        let document = try Parser.parse("{ f(s: \(printed)) }")
        guard case .operation(let op) = document.definitions[0], case .field(let field) = op.selectionSet.selections[0],
              case .string(let string) = field.arguments[0].value else {
            Issue.record("expected a string argument")
            return
        }
        // Leading and trailing blank lines are not representable in a block string (the spec drops them).
        let trimmed = value.split(separator: "\n", omittingEmptySubsequences: false)
            .drop(while: { $0.allSatisfy { $0 == " " } }).reversed().drop(while: { $0.allSatisfy { $0 == " " } })
            .reversed().joined(separator: "\n")
        #expect(string.value == trimmed)
    }

    /// Lengths are counted as graphql-js counts them, in UTF-16 code units: a block string longer
    /// than 70 goes on lines of its own, field arguments longer than 80 go one per line.
    @Test func layoutCountsUTF16UnitsAsGraphQLJSDoes() throws {
        let faces = String(repeating: "\u{1F600}", count: 36)  // 72 units, 36 characters
        #expect(BlockString.print(faces) == "\"\"\"\n\(faces)\n\"\"\"")
        let shorter = String(repeating: "\u{1F600}", count: 35)  // 70 units
        #expect(BlockString.print(shorter) == "\"\"\"\(shorter)\"\"\"")
        // `f(s: "…")` of 80 units on one line (152 bytes), of 81 one argument per line.
        let accents = String(repeating: "\u{E9}", count: 72)
        #expect(Printer.print(try Parser.parse("{ f(s: \"\(accents)\") }")) == "{\n  f(s: \"\(accents)\")\n}")
        #expect(Printer.print(try Parser.parse("{ f(s: \"\(accents)\u{E9}\") }")) == "{\n  f(\n    s: \"\(accents)\u{E9}\"\n  )\n}")
    }

    @Test func descriptionsOnExecutableDefinitions() throws {
        // The 2025 edition allows descriptions on operations, fragments and variable definitions.
        let text = "\"Load one\"\nquery Q(\"the id\" $id: ID) { a }\n\n\"\"\"Frag\"\"\"\nfragment F on T { b }"
        let document = try Parser.parse(text)
        guard case .operation(let op) = document.definitions[0], case .fragment(let fragment) = document.definitions[1] else {
            Issue.record("expected an operation and a fragment")
            return
        }
        #expect(op.description?.value == "Load one")
        #expect(op.variableDefinitions[0].description?.value == "the id")
        #expect(fragment.description?.value == "Frag")
        #expect(try Parser.parse(Printer.print(document)) == document)
        #expect(throws: GraphQLSyntaxError.self) { try Parser.parse("\"no\" { a }") }
    }

    @Test func locationsCountLinesAndUTF16Columns() throws {
        // BOM, CRLF, multi-byte text before the error: columns count UTF-16 units as graphql-js does.
        let cases: [(String, Int, Int)] = [
            ("\u{FEFF}{ a ", 1, 6),
            ("{\r\n  a\r\n  \"é😀\" }", 3, 3),
            ("{ a(x: \"é😀\") ~ }", 1, 15),
            ("\r\r{ ~", 3, 3),
        ]
        for (text, line, column) in cases {
            do {
                _ = try Parser.parse(text)
                Issue.record("expected a syntax error for \(text.debugDescription)")
            } catch {
                #expect(error.location == GraphQLLanguage.SourceLocation(line: line, column: column), "\(text.debugDescription)")
            }
        }
    }

    /// Locations come from tables made once per source; they agree with a scan from the start at
    /// every offset of texts mixing LF, CR, CRLF, ASCII, two-, three- and four-byte characters.
    @Test func locationsAgreeWithAScanFromTheStart() {
        func scanned(_ bytes: [UInt8], _ offset: Int) -> GraphQLLanguage.SourceLocation {
            var line = 1, lineStart = 0, index = 0
            let end = min(offset, bytes.count)
            while index < end {
                if bytes[index] == 0x0A {
                    line += 1
                    lineStart = index + 1
                } else if bytes[index] == 0x0D {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
            var column = 1
            for byte in bytes[min(lineStart, end)..<end] {
                if byte >= 0xF0 { column += 2 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return GraphQLLanguage.SourceLocation(line: line, column: column)
        }
        let pieces = ["a", "\n", "\r", "\r\n", "é", "€", "😀", "{ x }"]
        // Every text of up to four pieces.
        var texts = [""]
        for _ in 0..<4 { texts += texts.flatMap { text in pieces.map { text + $0 } } }
        for text in Set(texts) {
            let source = Source(text)
            for offset in 0...(source.bytes.count + 1) {
                #expect(source.location(of: offset) == scanned(source.bytes, offset), "\(text.debugDescription) at \(offset)")
            }
        }
    }

    @Test func errorMessagesHaveNoLocation() {
        do {
            _ = try Parser.parse("{ a", name: "q.graphql")
        } catch {
            #expect(error.message == "Syntax Error: Expected Name, found <EOF>.")
            #expect(error.description == "q.graphql:1:4: Syntax Error: Expected Name, found <EOF>.")
        }
    }

    @Test(arguments: [
        String(repeating: "{a", count: 100_000),
        "{ a(x: " + String(repeating: "[", count: 100_000) + ") }",
        "{ a(x: " + String(repeating: "{a:", count: 100_000) + ") }",
        "query ($v: " + String(repeating: "[", count: 100_000) + "Int) { a }",
        "type T { f: " + String(repeating: "[", count: 100_000) + "Int }",
    ])
    func deepNestingIsASyntaxErrorNotACrash(_ text: String) {
        #expect(throws: GraphQLSyntaxError.self) { try Parser.parse(text) }
        do { _ = try Parser.parse(text) } catch {
            #expect(error.message == "Syntax Error: Document exceeds the maximum nesting depth of 256.")
        }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let text = String(repeating: "{a", count: 256) + String(repeating: "}", count: 256)
        #expect(throws: Never.self) { try Parser.parse(text) }
    }

    @Test func tokenLimit() {
        let options = ParseOptions(maxTokens: 5)
        #expect(throws: Never.self) { try Parser.parse("{ a b c }", options: options) }
        do {
            _ = try Parser.parse("{ a b c d }", options: options)
            Issue.record("expected the token limit to stop the parse")
        } catch {
            #expect(error.message == "Syntax Error: Document contains more than 5 tokens. Parsing aborted.")
            #expect(error.location == GraphQLLanguage.SourceLocation(line: 1, column: 11))
        }
    }

    @Test func lonesValuesAndTypes() throws {
        #expect(Printer.print(try Parser.parseValue(Source("{a: [1, \"x\"], b: $c}"))) == "{a: [1, \"x\"], b: $c}")
        #expect(Printer.print(try Parser.parseType(Source("[String!]!"))) == "[String!]!")
        #expect(throws: GraphQLSyntaxError.self) { try Parser.parseType(Source("[String")) }
    }

    @Test func quotedStringsEscapeControls() {
        #expect(Printer.quoted("a\"b\\c\n\u{1}\u{85}é") == #""a\"b\\c\n\u0001\u0085é""#)
    }
}
