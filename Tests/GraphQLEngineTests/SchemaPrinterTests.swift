@testable import GraphQLEngine
import Testing

struct SchemaPrinterTests {
    @Test func printingIsStableAndRebuildsTheSameSchema() throws {
        let schema = try Schema.build(sdl: StarWars.sdl)
        let printed = schema.printed()
        let again = try Schema.build(sdl: printed)
        #expect(again.printed() == printed)
        #expect(printed.contains("enum Episode {\n  NEWHOPE\n  EMPIRE\n  JEDI @deprecated(reason: \"Use NEWHOPE.\")\n}"))
        #expect(printed.contains("input Range {\n  from: Int!\n  to: Int = 10\n}"))
        #expect(printed.contains("input Pick @oneOf {"))
        #expect(printed.contains("echo(range: Range, episode: Episode = EMPIRE, pick: Pick): String"))
        #expect(!printed.contains("__Schema"))
        #expect(!printed.contains("directive @include"))
    }

    @Test func descriptionsAndCustomRoots() throws {
        let sdl = """
            "The root."
            schema { query: Root }
            "A multi-line\\ndescription."
            type Root {
              "One line."
              hello(
                "The name."
                name: String = "world"
              ): String
            }
            """
        let printed = try Schema.build(sdl: sdl).printed()
        #expect(printed.hasPrefix("\"The root.\"\nschema {\n  query: Root\n}"))
        #expect(printed.contains("\"\"\"\nA multi-line\ndescription.\n\"\"\"\ntype Root {"))
        #expect(printed.contains("  \"One line.\"\n  hello(\n    \"The name.\"\n    name: String = \"world\"\n  ): String"))
        #expect(try Schema.build(sdl: printed).printed() == printed)
    }
}
