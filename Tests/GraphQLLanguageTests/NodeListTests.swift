import GraphQLLanguage
import Testing

/// The lists of a parsed document live in its `SyntaxStorage`; these tests hold the parts that the
/// validator, executor and printer rely on: every list in source order, siblings apart from the
/// items of nested sets, nodes usable after their document is gone, equality by content.
struct NodeListTests {
    /// The first field of the first operation of a document parsed here; the document itself is not
    /// kept anywhere.
    static func firstField(_ text: String) throws -> Field {
        guard case .operation(let operation) = try Parser.parse(text).definitions.first,
              case .field(let field) = operation.selectionSet.selections.first else {
            throw ListError.unexpectedShape
        }
        return field
    }

    enum ListError: Error { case unexpectedShape }

    @Test func nestedSetsKeepEachListInSourceOrder() throws {
        let document = try Parser.parse("""
            query Q @a(x: 1) @b {
              one(p: 1, q: 2) @c(y: 3) { two { three(r: 4) } four }
              ...F @d
              ... on T @e { five six }
              seven
            }
            """)
        guard case .operation(let operation) = document.definitions.first else {
            Issue.record("expected an operation")
            return
        }
        #expect(operation.directives.map(\.name.value) == ["a", "b"])
        #expect(operation.directives[0].arguments.map(\.name.value) == ["x"])
        #expect(operation.directives[1].arguments.isEmpty)
        let selections = operation.selectionSet.selections
        #expect(selections.count == 4)
        guard case .field(let one) = selections[0], case .fragmentSpread(let spread) = selections[1],
              case .inlineFragment(let inline) = selections[2], case .field(let seven) = selections[3] else {
            Issue.record("expected field, spread, inline fragment, field; got \(selections.map(\.range))")
            return
        }
        #expect(one.arguments.map(\.name.value) == ["p", "q"])
        #expect(one.directives.map(\.name.value) == ["c"])
        #expect(one.directives[0].arguments.map(\.name.value) == ["y"])
        let inner = try #require(one.selectionSet).selections
        #expect(inner.compactMap { if case .field(let field) = $0 { field.name.value } else { nil } } == ["two", "four"])
        guard case .field(let two) = inner[0], case .field(let three) = try #require(two.selectionSet).selections[0] else {
            Issue.record("expected two { three }")
            return
        }
        #expect(three.arguments.map(\.name.value) == ["r"])
        #expect(spread.name.value == "F")
        #expect(spread.directives.map(\.name.value) == ["d"])
        #expect(inline.typeCondition?.value == "T")
        #expect(inline.directives.map(\.name.value) == ["e"])
        #expect(inline.selectionSet.selections.count == 2)
        #expect(seven.name.value == "seven")
        #expect(seven.selectionSet == nil && seven.arguments.isEmpty && seven.directives.isEmpty)
    }

    @Test func nodesOutliveTheirDocument() throws {
        // Only the field leaves `firstField`: its lists must keep what they read from alive.
        let field = try Self.firstField("{ a(x: [1, 2], y: {k: \"v\"}) @skip(if: false) { b(z: 3) { c } } }")
        #expect(field.arguments.map(\.name.value) == ["x", "y"])
        #expect(field.directives.first?.arguments.first?.name.value == "if")
        guard case .field(let b) = try #require(field.selectionSet).selections.first else {
            Issue.record("expected field b")
            return
        }
        #expect(b.arguments.first.map { Printer.print($0.value) } == "3")
    }

    @Test func listsCompareByContentNotByStorage() throws {
        let first = try Parser.parse("{ a(x: 1) @d { b } }")
        let again = try Parser.parse("query {\n  a(x: 1) @d {\n    b\n  }\n}")
        let other = try Parser.parse("{ a(x: 2) @d { b } }")
        #expect(first == again)
        #expect(first.hashValue == again.hashValue)
        #expect(first != other)
        let empty = try Self.firstField("{ a }")
        #expect(empty.arguments == NodeList<Argument>())
        #expect(empty.directives.isEmpty)
    }
}
