@testable import GraphQLEngine
import GraphQLLanguage
import Testing

struct LimitRuleTests {
    func errors(_ query: String, _ rule: ValidationRule) throws -> [GraphQLError] {
        let schema = try Schema.build(sdl: StarWars.sdl)
        let source = Source(query)
        return Validator.validate(try Parser.parse(source), source: source, schema: schema, rules: [rule])
    }

    @Test func depthIsCountedThroughFragmentsButNotIntrospection() throws {
        let deep = "{ people { friends { friends { friends { name } } } } }"
        #expect(try errors(deep, maxDepthRule(5)).isEmpty)
        let refused = try errors(deep, maxDepthRule(4))
        #expect(refused.map(\.message) == ["Query depth 5 exceeds the maximum allowed depth of 4."])
        #expect(refused.first?.code == "MAX_DEPTH_EXCEEDED")
        let viaFragment = "{ people { ...F } } fragment F on Person { friends { friends { name } } }"
        #expect(try errors(viaFragment, maxDepthRule(3)).map(\.message) == ["Query depth 4 exceeds the maximum allowed depth of 3."])
        #expect(try errors(standardIntrospectionQuery, maxDepthRule(2)).isEmpty)
    }

    @Test func costMultipliesListSizes() throws {
        // people 1 + 10 × (name 1 + friends (1 + 10 × name 1)) = 1 + 10 × 12 = 121
        let query = "{ people { name friends { name } } }"
        #expect(try errors(query, maxCostRule(121)).isEmpty)
        let refused = try errors(query, maxCostRule(120))
        #expect(refused.map(\.message) == ["Query cost 121 exceeds the maximum allowed cost of 120."])
        #expect(refused.first?.code == "MAX_COST_EXCEEDED")
    }

    /// A field given a cost of its own (`ExecutableSchema.cost`) counts that much each time it is
    /// asked for, multiplied like any other.
    @Test func fieldsCostWhatTheExecutableSchemaSays() async throws {
        var executable = ExecutableSchema<Void>(schema: try Schema.build(sdl: StarWars.sdl))
        executable.cost("Person", "name", 5)
        // people 1 + 10 × (name 5 + friends (1 + 10 × name 5)) = 561
        let query = "{ people { name friends { name } } }"
        for (limit, refused) in [(561, false), (560, true)] {
            let service = GraphQLService(executable: executable, options: ServiceOptions(maxCost: limit))
            let response = await service.execute(GraphQLRequest(query: query), context: ())
            let refusals = response.errors.filter { $0.code == "MAX_COST_EXCEEDED" }.map(\.message)
            #expect(refusals == (refused ? ["Query cost 561 exceeds the maximum allowed cost of 560."] : []))
        }
    }

    /// A connection's `first` is the size of its lists (`nodes`, `edges`), which counted as 10
    /// whatever the connection was asked for; a list's own size still wins.
    @Test func connectionSizesCountForTheirLists() throws {
        let schema = try Schema.build(sdl: """
            type Query { people(first: Int): PersonConnection! }
            type PersonConnection { nodes: [Person!]! total: Int! }
            type Person { name: String! tags(first: Int): [String!]! }
            """)
        func cost(_ query: String, _ variables: [String: ConstValue]? = nil) throws -> Int? {
            let document = try Parser.parse(Source(query))
            var estimate = QueryCost(schema: schema, fragments: document.fragmentsByName, defaultListSize: 10, variables: variables)
            for case .operation(let operation) in document.definitions { return estimate.cost(of: operation) }
            return nil
        }
        // people 1 + nodes (1 + 100 × (name 1 + tags 1)) + total 1
        #expect(try cost("{ people(first: 100) { nodes { name tags } total } }") == 1 + (1 + 100 * 2) + 1)
        #expect(try cost("{ people(first: 100) { ...N } } fragment N on PersonConnection { nodes { tags(first: 2) } }")
            == 1 + 1 + 100 * (1 + 2 * 0))
        #expect(try cost("query ($n: Int) { people(first: $n) { nodes { name } } }", ["n": .int(50)]) == 1 + 1 + 50)
        #expect(try cost("query ($n: Int) { people(first: $n) { nodes { name } } }") == 1 + 1 + 10)
    }

    /// `__schema` costs what the whole schema can return and `__type` what the largest type can,
    /// whatever is selected below them, so one introspection query passes and aliases cannot
    /// multiply it (400 `__schema` aliases answered 10.6 MB in half a second).
    @Test func introspectionCostsWhatItCanReturn() throws {
        let schema = try Schema.build(sdl: StarWars.sdl)
        func cost(_ query: String) throws -> Int? {
            let document = try Parser.parse(Source(query))
            var estimate = QueryCost(schema: schema, fragments: document.fragmentsByName, defaultListSize: 10)
            for case .operation(let operation) in document.definitions { return estimate.cost(of: operation) }
            return nil
        }
        #expect(schema.introspectionSize > schema.largestTypeSize && schema.largestTypeSize > 1)
        #expect(try cost("{ __schema { types { name fields { name } } } }") == 1 + schema.introspectionSize)
        #expect(try cost("{ __type(name: \"Person\") { fields { name } } }") == 1 + schema.largestTypeSize)
        #expect(try cost("{ __typename people { __typename } }") == 1 + (1 + 10 * 1))
        let aliases = "{ " + (0..<400).map { "a\($0): __schema { types { name } }" }.joined(separator: " ") + " }"
        #expect(try errors(aliases, maxCostRule(5_000)).map(\.code) == ["MAX_COST_EXCEEDED"])
        #expect(try errors("{ __schema { types { name } } }", maxCostRule(5_000)).isEmpty)
        #expect(try errors(standardIntrospectionQuery, maxCostRule(5_000)).isEmpty)
    }

    /// A cost past `Int.max` is clamped, never an overflow (which trapped and took the server
    /// down: three lists of `first: 2147483647`); a negative size (refused when the field runs)
    /// counts as none rather than making the cost negative.
    @Test func costsAreClampedAndNeverNegative() throws {
        let huge = "{ people(first: 2147483647) { friends(first: 2147483647) { friends(first: 2147483647) { name } } } }"
        #expect(try errors(huge, maxCostRule(5_000)).map(\.message) == ["Query cost \(Int.max) exceeds the maximum allowed cost of 5000."])
        #expect(try errors("{ people(first: -5) { friends { name } } }", maxCostRule(0)).map(\.message)
            == ["Query cost 1 exceeds the maximum allowed cost of 0."])
    }

    /// Field merging in a selection set of thousands of fields under one response key: copies of
    /// one field are not compared with each other, and conflicts stop being looked for past the
    /// error limit (the answer is the same: the first 100 and "Too many validation errors"). Half
    /// of 3,000 fields conflicting with the other half ran for minutes in the server.
    @Test func overlappingFieldsAreFoundWithinTheErrorLimit() throws {
        let schema = try Schema.build(sdl: StarWars.sdl)
        func validate(_ query: String) throws -> [GraphQLError] {
            let source = Source(query)
            return Validator.validate(try Parser.parse(source, options: ParseOptions(maxTokens: 100_000)), source: source, schema: schema)
        }
        #expect(try validate("{ " + String(repeating: "a: __typename ", count: 6_000) + "}").isEmpty)
        let mixed = try validate("{ " + String(repeating: "a: __typename a: people { name } ", count: 1_500) + "}")
        #expect(mixed.count == 101)
        #expect(mixed.first?.message == "Fields \"a\" conflict because \"__typename\" and \"people\" are different fields. Use different aliases on the fields to fetch both if this was intentional.")
        #expect(mixed.first?.locations.map(\.column) == [3, 17])
        #expect(mixed.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
        // Distinct mergeable variants are compared pairwise; past 200,000 pairs the document is
        // refused (2,200 of them: 2.4 million pairs, 2.5 s in a release server).
        let variants = try validate("{ " + (0..<2_200).map { "a: people { x\($0): name }" }.joined(separator: " ") + " }")
        #expect(variants.map(\.code) == ["MAX_COMPLEXITY_EXCEEDED"])
        #expect(variants.first?.message
            == "The document has too many fields under one name to check that they can be merged (more than 200000 pairs).")
        #expect(try validate("{ " + (0..<300).map { "a: people { x\($0): name }" }.joined(separator: " ") + " }").isEmpty)
    }

    /// Validation stops at the error past the limit, as graphql-js's does: 15,000 unknown fields
    /// (139 KB) made 15,000 errors, each located by a scan from the start, to keep 100 (1.5 s).
    @Test func validationStopsPastTheErrorLimit() throws {
        // Mutated only by the validation below, on this test's thread, and read after it returns.
        final class Visits: ValidationVisitor, @unchecked Sendable {
            var fields = 0
            func enterField(_ field: Field) { fields += 1 }
        }
        let visits = Visits()
        let counting = ValidationRule(name: "Counting") { _ in visits }
        let query = "{ " + (0..<15_000).map { "unknown\($0)" }.joined(separator: " ") + " }"
        let source = Source(query)
        let errors = Validator.validate(try Parser.parse(source, options: ParseOptions(maxTokens: 100_000)), source: source,
                                        schema: try Schema.build(sdl: StarWars.sdl), rules: [fieldsOnCorrectTypeRule, counting])
        #expect(errors.count == 101)
        #expect(errors[99].message == "Cannot query field \"unknown99\" on type \"Query\".")
        #expect(errors.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
        #expect(visits.fields == 101, "fields visited after the limit was passed")
    }

    /// Fields alike but for something at the bottom of a deep nesting are compared level by
    /// level, each level's fields told apart by the shape of what they select (printing each field
    /// whole at every level made two 250-deep fields 29 s of validation in a release server).
    @Test func deepFieldsAreComparedByShape() throws {
        let schema = try Schema.build(sdl: StarWars.sdl)
        func validate(_ query: String) throws -> [GraphQLError] {
            let source = Source(query)
            return Validator.validate(try Parser.parse(source), source: source, schema: schema, rules: [overlappingFieldsCanBeMergedRule])
        }
        func nested(_ depth: Int, _ leaf: String) -> String {
            String(repeating: "best { ", count: depth) + leaf + String(repeating: " }", count: depth)
        }
        #expect(try validate("{ person(id: 1) { \(nested(250, "name")) \(nested(250, "id")) } }").isEmpty)
        let conflicting = try validate("{ person(id: 1) { \(nested(40, "a: name")) \(nested(40, "a: id")) } }")
        #expect(conflicting.count == 1)
        #expect(conflicting.first?.message.hasPrefix("Fields \"best\" conflict because subfields \"best\" conflict because") == true)
        #expect(conflicting.first?.message.contains("subfields \"a\" conflict because \"name\" and \"id\" are different fields") == true)
        #expect(try validate("{ person(id: 1) { \(nested(40, "a: name")) \(nested(40, "a: name")) } }").isEmpty)
    }

    /// Fragments spread side by side are compared pairwise even when no pair of their fields needs
    /// comparing; past 200,000 pairs of fragments the document is refused (1,500 fragments of
    /// `__typename`, 1.1 million pairs, held a release server for 2.3–2.7 s).
    @Test func fragmentsSideBySideAreComparedWithinALimit() throws {
        let schema = try Schema.build(sdl: StarWars.sdl)
        func fragments(_ count: Int) throws -> [GraphQLError] {
            let query = "{ " + (0..<count).map { "...F\($0)" }.joined(separator: " ") + " } "
                + (0..<count).map { "fragment F\($0) on Query { __typename }" }.joined(separator: " ")
            let source = Source(query)
            return Validator.validate(try Parser.parse(source, options: ParseOptions(maxTokens: 100_000)), source: source, schema: schema)
        }
        #expect(try fragments(600).isEmpty, "179,700 pairs")
        let refused = try fragments(1_500)
        #expect(refused.map(\.code) == ["MAX_COMPLEXITY_EXCEEDED"])
        #expect(refused.first?.message
            == "The document spreads too many fragments side by side to check that their fields can be merged (more than 200000 pairs of fragments).")
        #expect(refused.first?.locations.map(\.column) == [1])
    }

    /// Each fragment is measured once by the depth, cost and introspection-depth rules: a chain of
    /// 64 fragments that each spread the next twice (2⁶⁴ spreads expanded) is judged at once. Walked
    /// spread by spread, 24 of them held a server for 21 s; 64 would not finish.
    @Test func fragmentChainsAreMeasuredOncePerFragment() throws {
        func chain(_ type: String, _ leaf: String) -> String {
            (1...64).map { "fragment F\($0) on \(type) { ...F\($0 - 1) ...F\($0 - 1) }" }.joined(separator: " ")
                + " fragment F0 on \(type) { \(leaf) }"
        }
        let people = "{ ...F64 } " + chain("Query", "people { friends { name } }")
        #expect(try errors(people, maxCostRule(5_000)).map(\.message) == ["Query cost \(Int.max) exceeds the maximum allowed cost of 5000."])
        #expect(try errors(people, maxDepthRule(2)).map(\.message) == ["Query depth 3 exceeds the maximum allowed depth of 2."])
        let types = "{ __schema { types { ...F64 } } } " + chain("__Type", "fields { type { fields { type { fields { name } } } } }")
        #expect(try errors(types, maxIntrospectionDepthRule).map(\.message) == ["Maximum introspection depth exceeded"])
        let shallow = "{ __schema { types { ...F64 } } } " + chain("__Type", "fields { name }")
        #expect(try errors(shallow, maxIntrospectionDepthRule).isEmpty)
    }
}
