import ConformanceSupport
import Foundation
import GraphQLLanguage
import Testing

@Suite(.enabled(if: Conformance.isAvailable, "../shared/conformance is absent"))
struct KitchenSinkTests {
    static func text(_ name: String) throws -> String {
        try String(contentsOf: Conformance.file("graphql-parser/\(name)"), encoding: .utf8)
    }

    @Test(arguments: [("kitchen-sink-query.graphql", 6), ("kitchen-sink-sdl.graphql", 38)])
    func parsesAndRoundTrips(_ file: String, definitions: Int) throws {
        let document = try Parser.parse(Self.text(file))
        #expect(document.definitions.count == definitions)
        let printed = Printer.print(document)
        let reparsed = try Parser.parse(printed)
        #expect(reparsed == document)
        // Printing is canonical: a second round prints the same text.
        #expect(Printer.print(reparsed) == printed)
    }

    @Test func queryPrintsAsGraphQLJSPrintsIt() throws {
        let printed = Printer.print(try Parser.parse(Self.text("kitchen-sink-query.graphql")))
        #expect(printed.contains("query queryName($foo: ComplexType, $site: Site = MOBILE) @onQuery {"))
        #expect(printed.contains("subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition) @onSubscription {"))
        #expect(printed.contains("fragment frag on Friend @onFragmentDefinition {"))
        #expect(printed.contains("{\n  unnamed(truthy: true, falsy: false, nullish: null)\n  query\n}"))
    }
}
