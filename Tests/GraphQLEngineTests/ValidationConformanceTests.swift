import ConformanceSupport
import Foundation
@testable import GraphQLEngine
import GraphQLLanguage
import Testing
import Yams

/// graphql-js's validation test suite, recorded as data: one rule, one schema, one document, and
/// the exact errors (message, locations, order).
struct ValidationSuite: Decodable, Sendable {
    struct Location: Decodable, Sendable, Equatable { var line: Int; var column: Int }
    struct ExpectedError: Decodable, Sendable { var message: String; var locations: [Location] }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var id: String
        var rule: String
        var kind: String
        var schema: String?
        var document: String
        var errors: [ExpectedError]
        var testDescription: String { id }
    }
    struct Counts: Decodable, Sendable { var cases: Int }
    var counts: Counts
    var schemas: [String: String]
    var cases: [Case]

    static let shared: ValidationSuite? = {
        guard Conformance.isAvailable,
              let text = try? String(contentsOf: Conformance.file("graphql-validation/validation-cases.yaml"), encoding: .utf8)
        else { return nil }
        return try? YAMLDecoder().decode(ValidationSuite.self, from: text)
    }()

    static var rules: [String] {
        Array(Set(shared?.cases.map(\.rule) ?? [])).sorted()
    }
}

/// Every rule the engine offers, by graphql-js name.
let allRules: [String: ValidationRule] = Dictionary(
    (Validator.specifiedRules + Validator.specifiedSDLRules
        + [maxIntrospectionDepthRule, noDeprecatedCustomRule, noSchemaIntrospectionCustomRule]).map { ($0.name, $0) },
    uniquingKeysWith: { first, _ in first })

@Suite(.enabled(if: Conformance.isAvailable, "../shared/conformance is absent"))
struct ValidationConformanceTests {
    @Test func theSuiteIsComplete() throws {
        let suite = try #require(ValidationSuite.shared)
        #expect(suite.cases.count == suite.counts.cases)
        #expect(suite.cases.count == 534)
        #expect(Set(suite.cases.map(\.rule)).subtracting(allRules.keys).isEmpty)
    }

    /// All cases of one rule give exactly the expected errors.
    @Test(arguments: ValidationSuite.rules)
    func rule(_ name: String) throws {
        let suite = try #require(ValidationSuite.shared)
        let rule = try #require(allRules[name], "no rule named \(name)")
        var schemas: [String: Schema] = [:]
        var failures: [String] = []
        let cases = suite.cases.filter { $0.rule == name }
        for testCase in cases {
            var schema: Schema? = nil
            if let schemaName = testCase.schema {
                if schemas[schemaName] == nil {
                    schemas[schemaName] = try Schema.build(sdl: try #require(suite.schemas[schemaName]), validatingTypes: false)
                        .withTestScalars()
                }
                schema = schemas[schemaName]
            }
            let source = Source(testCase.document)
            let document = try Parser.parse(source)
            let errors = testCase.kind == "sdl"
                ? Validator.validateSDL(document, source: source, extending: schema, rules: [rule])
                : Validator.validate(document, source: source, schema: try #require(schema), rules: [rule])
            let got = errors.map { "\($0.message) @ \($0.locations.map { "\($0.line):\($0.column)" })" }
            let want = testCase.errors.map { "\($0.message) @ \($0.locations.map { "\($0.line):\($0.column)" })" }
            if got != want {
                failures.append("\(testCase.id)\n  got:  \(got)\n  want: \(want)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) cases differ:\n\(failures.joined(separator: "\n"))")
    }
}

/// graphql-js's tests give two custom scalars literal parsers that fail; SDL cannot say that, so
/// the same behaviour is attached here.
struct AlwaysInvalid: Error, CustomStringConvertible {
    var value: ConstValue
    var description: String {
        if case .int(let number) = value { return "Invalid scalar is always invalid: \(number)" }
        return "Invalid scalar is always invalid"
    }
}

extension Schema {
    func withTestScalars() -> Schema {
        var schema = self
        let passThrough: @Sendable (any Sendable) throws -> ConstValue = { _ in .null }
        if type("Invalid") != nil {
            schema = schema.withScalar("Invalid", ScalarCoercion(serialize: passThrough, parseValue: { $0 },
                                                                 parseLiteral: { throw AlwaysInvalid(value: $0) }))
        }
        if type("CustomScalar") != nil {
            schema = schema.withScalar("CustomScalar", ScalarCoercion(serialize: passThrough, parseValue: { $0 },
                                                                      parseLiteral: { _ in nil }))
        }
        return schema
    }
}

/// Spec "Operation Type Existence" (September 2025; graphql-js 17's `KnownOperationTypesRule`,
/// which the recorded graphql-js 16 suite above predates): an operation whose type has no root
/// type in the schema is invalid. It used to pass validation and fail only when executed.
@Test func operationTypesMustExistInTheSchema() throws {
    let queriesOnly = try Schema.build(sdl: "type Query { a: Int }")
    let withMutations = try Schema.build(sdl: "type Query { a: Int } type Mutation { b: Int }")
    func errors(_ text: String, _ schema: Schema) throws -> [String] {
        let source = Source(text)
        return Validator.validate(try Parser.parse(source), source: source, schema: schema, rules: [knownOperationTypesRule])
            .map { "\($0.message) @ \($0.locations.map { "\($0.line):\($0.column)" })" }
    }
    #expect(try errors("{ a } query Q { a }", queriesOnly) == [])
    #expect(try errors("mutation { b }", withMutations) == [])
    #expect(try errors("query Q { a }\nmutation M { b }\nsubscription S { c }", queriesOnly) == [
        "The mutation operation is not supported by the schema. @ [\"2:1\"]",
        "The subscription operation is not supported by the schema. @ [\"3:1\"]",
    ])
    #expect(try errors("subscription { c }", withMutations) == ["The subscription operation is not supported by the schema. @ [\"1:1\"]"])
    // Among the rules every document is checked with.
    #expect(Validator.specifiedRules.contains { $0.name == "KnownOperationTypesRule" })
}
