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
}
