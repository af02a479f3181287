import ConformanceSupport
import Foundation
@testable import GraphQLEngine
import GraphQLLanguage
import Testing

/// The introspection query GraphQL clients send (graphql-js `getIntrospectionQuery` with
/// descriptions, specifiedByURL, repeatable directives and input value deprecation), written out.
let standardIntrospectionQuery = """
    query IntrospectionQuery {
      __schema {
        description
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types { ...FullType }
        directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
      }
    }
    fragment FullType on __Type {
      kind name description specifiedByURL isOneOf
      fields(includeDeprecated: true) {
        name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
      }
      inputFields(includeDeprecated: true) { ...InputValue }
      interfaces { ...TypeRef }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      possibleTypes { ...TypeRef }
    }
    fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
    fragment TypeRef on __Type {
      kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
    }
    """

struct IntrospectionTests {
    @Test func standardQueryRunsWithoutErrors() async throws {
        let starWars = StarWars()
        let response = try await starWars.service().execute(GraphQLRequest(query: standardIntrospectionQuery), context: starWars)
        #expect(response.errors.isEmpty, "\(response.errors)")
        let json = String(decoding: response.json(), as: UTF8.self)
        #expect(json.contains(#""name":"Episode""#))
        #expect(json.contains(#""deprecationReason":"Use NEWHOPE.""#))
        #expect(json.contains(#""defaultValue":"EMPIRE""#))
        #expect(json.contains(#""isOneOf":true"#))
    }

    @Test func typeLookupAndTypename() async throws {
        let json = try await StarWars().run(#"{ __type(name: "Node") { kind name possibleTypes { name } } __typename }"#)
        #expect(json == #"{"data":{"__type":{"kind":"INTERFACE","name":"Node","possibleTypes":[{"name":"Person"},{"name":"Droid"}]},"__typename":"Query"}}"#)
        #expect(try await StarWars().run(#"{ __type(name: "Nope") { name } }"#) == #"{"data":{"__type":null}}"#)
    }

    /// graphql-core (graphql-js's Python port) rebuilds a client schema from our introspection
    /// result and prints it: the same check clients and codegen tools make.
    @Test(.enabled(if: IntrospectionTests.hasGraphQLCore, "python3 with graphql-core is not installed"))
    func graphQLCoreBuildsAClientSchema() async throws {
        let starWars = StarWars()
        let response = try await starWars.service().execute(GraphQLRequest(query: standardIntrospectionQuery), context: starWars)
        let script = """
            import json, sys
            from graphql import build_client_schema, print_schema
            schema = build_client_schema(json.load(sys.stdin)["data"])
            print(print_schema(schema))
            """
        let printed = try Self.python(script, input: Data(response.json()))
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("union SearchResult = Person | Droid"))
        #expect(printed.stdout.contains("type Person implements Node {"))
        #expect(printed.stdout.contains("input Pick @oneOf {") || printed.stdout.contains("input Pick {"))
        #expect(printed.stdout.contains("echo(range: Range, episode: Episode = EMPIRE, pick: Pick): String"))
    }

    static let hasGraphQLCore: Bool = (try? python("import graphql", input: Data()).status) == 0

    static func python(_ script: String, input: Data) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
