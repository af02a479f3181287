import Foundation
@testable import GraphQLEngine
import GraphQLLanguage
import Synchronization
import Testing

/// A small schema with every kind of type, and resolvers that count their calls.
final class StarWars: Sendable {
    struct Person: GraphQLTyped, Sendable {
        var id: String
        var name: String
        var friendIDs: [String]
        var graphQLTypeName: String { "Person" }
    }
    struct Droid: GraphQLTyped, Sendable {
        var id: String
        var model: String
        var graphQLTypeName: String { "Droid" }
    }

    static let sdl = """
        interface Node { id: ID! }
        union SearchResult = Person | Droid
        enum Episode { NEWHOPE EMPIRE JEDI @deprecated(reason: "Use NEWHOPE.") }
        input Range { from: Int! to: Int = 10 }
        input Pick @oneOf { id: ID name: String }
        type Person implements Node { id: ID! name: String! friends: [Person!]! best: Person }
        type Droid implements Node { id: ID! model: String! }
        type Query {
          people: [Person!]!
          person(id: ID!): Person
          node(id: ID!): Node
          search: [SearchResult]
          add(a: Int!, b: Int = 2): Int
          broken: String
          refused: String
          brokenNonNull: String!
          echo(range: Range, episode: Episode = EMPIRE, pick: Pick): String
        }
        """

    let people: [String: Person] = [
        "1": Person(id: "1", name: "Luke", friendIDs: ["2", "3"]),
        "2": Person(id: "2", name: "Leia", friendIDs: ["1"]),
        "3": Person(id: "3", name: "Han", friendIDs: ["1", "2"]),
    ]
    let friendBatches = Mutex(0)

    func service() throws -> GraphQLService<StarWars> {
        var executable = ExecutableSchema<StarWars>(schema: try Schema.build(sdl: Self.sdl))
        executable.resolve("Query", "people") { _, _, context, _ in context.people.values.sorted { $0.id < $1.id } }
        executable.resolve("Query", "person") { _, arguments, context, _ in context.people[arguments.string("id") ?? ""] }
        executable.resolve("Query", "node") { _, arguments, context, _ in
            let id = arguments.string("id") ?? ""
            if id == "r2" { return Droid(id: "r2", model: "Astromech") }
            return context.people[id]
        }
        // The types interleaved: each runtime type's objects are one batch, the answer in this order.
        executable.resolve("Query", "search") { _, _, context, _ in
            [context.people["1"]!, Droid(id: "r2", model: "Astromech"), context.people["2"]!, Droid(id: "c3", model: "Protocol")] as [Any]
        }
        executable.resolve("Query", "add") { _, arguments, _, _ in (arguments.int("a") ?? 0) + (arguments.int("b") ?? 0) }
        executable.resolve("Query", "broken") { _, _, _, _ in throw CoercionError("it broke") }
        executable.resolve("Query", "refused") { _, _, _, _ in throw GraphQLError("Not for you.", code: "FORBIDDEN") }
        executable.resolve("Query", "brokenNonNull") { _, _, _, _ in nil }
        executable.resolve("Query", "echo") { _, arguments, _, _ in
            arguments.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.json)" }.joined(separator: " ")
        }
        // One call for all the people of a level: the batching facility.
        executable.resolve("Person", "friends", .batch { sources, _, context, _ in
            context.friendBatches.withLock { $0 += 1 }
            return sources.map { source in
                (source as! Person).friendIDs.compactMap { context.people[$0] }
            }
        })
        return GraphQLService(executable: executable)
    }

    func run(_ query: String, variables: [(String, ConstValue)] = [], operation: String? = nil) async throws -> String {
        let response = try await service().execute(GraphQLRequest(query: query, operationName: operation, variables: variables),
                                                    context: self)
        return String(decoding: response.json(), as: UTF8.self)
    }
}

/// An executor for long work in tests: one serial queue, which a job's code can recognise.
final class TestLongWork: TaskExecutor, Sendable {
    static let marker = DispatchSpecificKey<Bool>()
    let queue = DispatchQueue(label: "long work")
    init() { queue.setSpecific(key: Self.marker, value: true) }
    static var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) == true }
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

struct ExecutionTests {
    /// A cancelled execution (a request past its time limit) stops within a level of many
    /// objects, not only between levels, and says why.
    @Test func cancellationStopsWithinALevel() async throws {
        let completed = Atomic<Int>(0)
        var executable = ExecutableSchema<Void>(schema: try Schema.build(sdl: "type Query { items: [Item!]! } type Item { n: Int! }"))
        executable.resolve("Query", "items") { _, _, _, _ in Array(repeating: 1, count: 200_000) }
        executable.resolve("Item", "n", .property { value in
            // The 5,000th object cancels the execution's task.
            if completed.add(1, ordering: .relaxed).newValue == 5_000 { withUnsafeCurrentTask { $0?.cancel() } }
            return value
        })
        let service = GraphQLService(executable: executable)
        let response = await Task { await service.execute(GraphQLRequest(query: "{ items { n } }"), context: ()) }.value
        #expect(response.errors.map(\.message) == ["The execution was cancelled."])
        let noData = response.data == .null
        #expect(noData)
        #expect(completed.load(ordering: .relaxed) < 7_000, "\(completed.load(ordering: .relaxed)) objects completed")
    }

    /// `ResolveInfo.selectedFields` sees through fragments and honours `@skip` and `@include`.
    @Test func resolversSeeTheFieldsSelectedBelowThem() async throws {
        let seen = Mutex<[Set<String>]>([])
        var executable = ExecutableSchema<Void>(schema: try Schema.build(sdl: StarWars.sdl))
        executable.resolve("Query", "person") { _, _, _, info in
            seen.withLock { $0.append(info.selectedFields(on: "Person")) }
            return StarWars.Person(id: "1", name: "Luke", friendIDs: [])
        }
        executable.resolve("Person", "friends") { _, _, _, _ in [StarWars.Person]() }
        let service = GraphQLService(executable: executable)
        let query = """
            query ($withBest: Boolean!) {
              person(id: "1") {
                id
                ... on Person { name }
                ... on Node { id }
                ...Friends
                best @include(if: $withBest) { id }
                friends @skip(if: true) { id }
                alias: id
              }
            }
            fragment Friends on Person { friends { name } }
            """
        for withBest in [false, true] {
            let response = await service.execute(GraphQLRequest(query: query, variables: [("withBest", .bool(withBest))]),
                                                 context: ())
            #expect(response.errors.isEmpty, "\(response.errors)")
        }
        #expect(seen.withLock { $0 } == [["id", "name", "friends"], ["id", "name", "friends", "best"]])
    }

    /// `ResolveInfo.selectedField` gives a field below with its arguments coerced (variables,
    /// defaults) and its own selection; nil when it is not asked for or asked under two keys.
    @Test func resolversSeeTheArgumentsOfFieldsBelowThem() async throws {
        let seen = Mutex<[String]>([])
        var executable = ExecutableSchema<Void>(schema: try Schema.build(sdl: """
            type Query { page: Page }
            type Page { title: String cards(first: Int = 4): [Card!]! }
            type Card { title: String author: String }
            """))
        executable.resolve("Query", "page") { _, _, _, info in
            let cards = info.selectedField("cards", on: "Page")
            let first = cards.map { "first=\($0.arguments.int("first").map(String.init) ?? "nil")" } ?? "none"
            let below = cards.map { $0.selectedFields(on: "Card").sorted().joined(separator: ",") } ?? ""
            seen.withLock { $0.append("\(first) [\(below)]") }
            return [String: Any]()
        }
        executable.resolve("Page", "cards") { _, _, _, _ in [Any]() }
        let service = GraphQLService(executable: executable)
        let queries: [(String, [(String, ConstValue)])] = [
            ("{ page { cards { title } } }", []),
            ("query ($n: Int) { page { ...P } } fragment P on Page { cards(first: $n) { title author } }", [("n", .int(2))]),
            ("query ($n: Int) { page { cards(first: $n) { title } } }", []),
            ("{ page { title } }", []),
            ("{ page { a: cards(first: 1) { title } b: cards(first: 2) { title } } }", []),
        ]
        for (query, variables) in queries {
            let response = await service.execute(GraphQLRequest(query: query, variables: variables), context: ())
            #expect(response.errors.isEmpty, "\(query): \(response.errors)")
        }
        #expect(seen.withLock { $0 } == ["first=4 [title]", "first=2 [author,title]", "first=4 [title]", "none []", "none []"])
    }

    @Test func fieldsAliasesAndKeyOrder() async throws {
        let json = try await StarWars().run("{ b: person(id: \"1\") { name id } a: add(a: 1) }")
        #expect(json == #"{"data":{"b":{"name":"Luke","id":"1"},"a":3}}"#)
    }

    @Test func variablesAndDefaults() async throws {
        let json = try await StarWars().run("query Q($a: Int!, $b: Int) { add(a: $a, b: $b) x: add(a: $a) }",
                                            variables: [("a", .int(40)), ("b", .int(2))])
        #expect(json == #"{"data":{"add":42,"x":42}}"#)
        let missing = try await StarWars().run("query Q($a: Int!) { add(a: $a) }")
        #expect(missing == #"{"errors":[{"message":"Variable \"$a\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":9}]}]}"#)
        let wrong = try await StarWars().run("query Q($a: Int!) { add(a: $a) }", variables: [("a", .string("x"))])
        #expect(wrong.contains(#"Variable \"$a\" got invalid value \"x\"; Int cannot represent non-integer value: \"x\""#))
        // Whole numbers that JSON wrote with a fraction or an exponent are integers, as in
        // graphql-js: taken in range (down to Int32.min), refused as too large out of it; a
        // fraction is not an integer.
        let whole = try await StarWars().run("query Q($a: Int!) { add(a: $a) }", variables: [("a", .float(-2_147_483_648))])
        #expect(whole == #"{"data":{"add":-2147483646}}"#)
        let large = try await StarWars().run("query Q($a: Int!) { add(a: $a) }", variables: [("a", .float(9_223_372_036_854_775_808))])
        #expect(large.contains(#"got invalid value 9223372036854776000; Int cannot represent non 32-bit signed integer value: 9223372036854776000"#),
                "\(large)")
        // An ID, likewise: a whole number is its digits, a fraction is refused.
        let id = try await StarWars().run("query Q($id: ID!) { person(id: $id) { name } }", variables: [("id", .float(1))])
        #expect(id == #"{"data":{"person":{"name":"Luke"}}}"#, "\(id)")
        let fractionalID = try await StarWars().run("query Q($id: ID!) { person(id: $id) { name } }", variables: [("id", .float(1.5))])
        #expect(fractionalID.contains("ID cannot represent value: 1.5"), "\(fractionalID)")
        let fraction = try await StarWars().run("query Q($a: Int!) { add(a: $a) }", variables: [("a", .float(2.5))])
        #expect(fraction.contains(#"got invalid value 2.5; Int cannot represent non-integer value: 2.5"#), "\(fraction)")
    }

    @Test func inputObjectsEnumsAndOneOf() async throws {
        let json = try await StarWars().run(#"{ echo(range: {from: 1}, pick: {id: 7}) }"#)
        #expect(json == #"{"data":{"echo":"episode=\"EMPIRE\" pick={\"id\":\"7\"} range={\"from\":1,\"to\":10}"}}"#)
        let variable = try await StarWars().run("query ($r: Range) { echo(range: $r) }",
                                                variables: [("r", .object([("from", .int(3)), ("extra", .int(1))]))])
        #expect(variable.contains(#"Field \"extra\" is not defined by type \"Range\"."#))
    }

    /// Variables are coerced as graphql-js coerces them: every invalid part of a value is an error
    /// of its own, naming the part (as graphql-js's `inspect` shows it) and where it sits; past 50
    /// errors one more says the rest were not looked at.
    @Test func variableErrorsNameEachInvalidPart() async throws {
        let service = try StarWars().service()
        func messages(_ query: String, _ variables: [(String, ConstValue)]) async -> [String] {
            let response = await service.execute(GraphQLRequest(query: query, variables: variables), context: StarWars())
            #expect(!response.executed, "\(query)")
            return response.errors.map(\.message)
        }
        let range = "query ($r: Range, $e: Episode) { echo(range: $r, episode: $e) }"
        #expect(await messages(range, [("r", .object([("from", .string("one")), ("to", .list([.int(1)])), ("extra", .bool(true))])),
                                       ("e", .int(2))]) == [
            #"Variable "$r" got invalid value "one" at "r.from"; Int cannot represent non-integer value: "one""#,
            #"Variable "$r" got invalid value [1] at "r.to"; Int cannot represent non-integer value: [1]"#,
            #"Variable "$r" got invalid value { from: "one", to: [1], extra: true }; Field "extra" is not defined by type "Range"."#,
            #"Variable "$e" got invalid value 2; Enum "Episode" cannot represent non-string value: 2."#,
        ])
        #expect(await messages(range, [("r", .object([("to", .null)]))]) == [
            #"Variable "$r" got invalid value { to: null }; Field "from" of required type "Int!" was not provided."#,
        ])
        // Deep values and long lists are shown as graphql-js shows them.
        let deep = ConstValue.object([("a", .object([("b", .object([("c", .int(1))])), ("l", .list([.list([.int(1)])]))]))])
        #expect(await messages("query ($a: Int!) { add(a: $a) }", [("a", deep)]) == [
            #"Variable "$a" got invalid value { a: { b: [Object], l: [Array] } }; Int cannot represent non-integer value: { a: { b: [Object], l: [Array] } }"#,
        ])
        let items = ConstValue.list((1...12).map { .int($0) })
        #expect(await messages("query ($p: Pick) { echo(pick: $p) }", [("p", .object([("name", items)]))]) == [
            #"Variable "$p" got invalid value [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items] at "p.name"; String cannot represent a non string value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]"#,
        ])
        #expect(await messages("query ($p: Pick) { echo(pick: $p) }", [("p", .object([("id", .null)]))]) == [
            #"Variable "$p" got invalid value null at "p.id"; Field "id" must be non-null."#,
        ])
        #expect(await messages("query ($p: Pick) { echo(pick: $p) }", [("p", .object([("id", .int(1)), ("name", .string("x"))]))]) == [
            #"Variable "$p" got invalid value { id: 1, name: "x" }; Exactly one key must be specified for OneOf type "Pick"."#,
        ])
        // Past graphql-js's inspect, objects stop after ten fields and strings after 200 characters:
        // each error repeats its value, and 60,000 unknown fields came back as 32 MB.
        let wide = ConstValue.object((0..<60_000).map { ("k\($0)", .int(1)) })
        let unknown = await messages(range, [("r", wide)])
        #expect(unknown.count == 51)
        #expect(unknown.first == #"Variable "$r" got invalid value { k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1, ... 59990 more fields }; Field "from" of required type "Int!" was not provided."#)
        #expect(unknown[1].hasSuffix(#"... 59990 more fields }; Field "k0" is not defined by type "Range"."#))
        let long = String(repeating: "x", count: 300)
        #expect(await messages("query ($a: Int!) { add(a: $a) }", [("a", .string(long))]) == [
            #"Variable "$a" got invalid value "\#(long.prefix(200))"... 100 more characters; Int cannot represent non-integer value: "\#(long.prefix(200))"... 100 more characters"#,
        ])
        // A number too large for a double is shown as JavaScript shows it, not as JSON's null.
        #expect(await messages("query ($a: Int!) { add(a: $a) }", [("a", .float(-.infinity))]) == [
            #"Variable "$a" got invalid value -Infinity; Int cannot represent non-integer value: -Infinity"#,
        ])
        // 60 bad variables: 50 errors, and the limit's.
        let names = (0..<60).map { "v\($0)" }
        let many = await messages("query (\(names.map { "$\($0): Int!" }.joined(separator: ", "))) { \(names.map { "\($0): add(a: $\($0))" }.joined(separator: " ")) }",
                                  names.map { ($0, .string("x")) })
        #expect(many.count == 51)
        #expect(many.first == #"Variable "$v0" got invalid value "x"; Int cannot represent non-integer value: "x""#)
        #expect(many[49] == #"Variable "$v49" got invalid value "x"; Int cannot represent non-integer value: "x""#)
        #expect(many.last == "Too many errors processing variables, error limit reached. Execution aborted.")
        // 80 bad items of one list: the same 50, and the rest of the list is not walked.
        var totals = ExecutableSchema<Void>(schema: try Schema.build(sdl: "type Query { total(of: [Int!]!): Int }"))
        totals.resolve("Query", "total") { _, _, _, _ in 0 }
        let list = await GraphQLService(executable: totals).execute(
            GraphQLRequest(query: "query ($of: [Int!]!) { total(of: $of) }", variables: [("of", .list((0..<80).map { .string("x\($0)") }))]),
            context: ())
        #expect(list.errors.count == 51)
        #expect(list.errors[49].message == #"Variable "$of" got invalid value "x49" at "of[49]"; Int cannot represent non-integer value: "x49""#)
        #expect(list.errors.last?.message == "Too many errors processing variables, error limit reached. Execution aborted.")
        #expect(list.errors.last?.locations.isEmpty == true)
    }

    @Test func errorsCarryPathsAndNullsPropagate() async throws {
        let json = try await StarWars().run("{ broken add(a: 1) }")
        #expect(json == #"{"errors":[{"message":"it broke","locations":[{"line":1,"column":3}],"path":["broken"]}],"data":{"broken":null,"add":3}}"#)
        // A GraphQLError a resolver throws keeps its extensions; the field's location and path are added.
        let refused = try await StarWars().run("{ refused }")
        #expect(refused == #"{"errors":[{"message":"Not for you.","locations":[{"line":1,"column":3}],"path":["refused"],"extensions":{"code":"FORBIDDEN"}}],"data":{"refused":null}}"#)
        let nonNull = try await StarWars().run("{ add(a: 1) brokenNonNull }")
        #expect(nonNull == #"{"errors":[{"message":"Cannot return null for non-nullable field Query.brokenNonNull.","locations":[{"line":1,"column":13}],"path":["brokenNonNull"]}],"data":null}"#)
    }

    /// The JSON written straight from the execution's tree and the `data` value agree, however far
    /// a null travels up: through non-null list items, non-null lists, objects and to the root.
    @Test func jsonFromTheTreeAgreesWithTheDataValue() async throws {
        struct Item { var name: String? }
        var executable = ExecutableSchema<Void>(schema: try Schema.build(sdl: """
            type Item { name: String! note: String child: Item tags: [String!] strict: [String!]! }
            type Query { items: [Item!] maybe: [Item] one: Item! list: [[Item!]!] n: Float }
            """))
        let items = [Item(name: "a"), Item(name: nil), Item(name: "c")]
        executable.resolve("Query", "items") { _, _, _, _ in items }
        executable.resolve("Query", "maybe") { _, _, _, _ in items }
        executable.resolve("Query", "one") { _, _, _, _ in Item(name: nil) }
        executable.resolve("Query", "list") { _, _, _, _ in [items, [Item(name: "d")]] }
        executable.resolve("Query", "n") { _, _, _, _ in 2.0 }
        executable.resolve("Item", "name") { source, _, _, _ in (source as? Item)?.name }
        executable.resolve("Item", "child") { source, _, _, _ in source }
        executable.resolve("Item", "tags") { source, _, _, _ in (source as? Item)?.name == nil ? ["x", nil] : ["x"] as [String?] }
        executable.resolve("Item", "strict") { source, _, _, _ in (source as? Item)?.name == nil ? nil : ["y"] }
        let service = GraphQLService(executable: executable)
        let expected = [
            "{ items { name } }": #"{"items":null}"#,
            "{ maybe { name } n }": #"{"maybe":[{"name":"a"},null,{"name":"c"}],"n":2}"#,
            "{ maybe { child { name } } }": #"{"maybe":[{"child":{"name":"a"}},{"child":null},{"child":{"name":"c"}}]}"#,
            "{ maybe { note tags } }": #"{"maybe":[{"note":null,"tags":["x"]},{"note":null,"tags":null},{"note":null,"tags":["x"]}]}"#,
            "{ items { strict } maybe { strict } }": #"{"items":null,"maybe":[{"strict":["y"]},null,{"strict":["y"]}]}"#,
            "{ list { name } n }": #"{"list":null,"n":2}"#,
            "{ n one { name } }": "null",
            "{ n maybe { child { child { tags } } } }":
                #"{"n":2,"maybe":[{"child":{"child":{"tags":["x"]}}},{"child":{"child":{"tags":null}}},{"child":{"child":{"tags":["x"]}}}]}"#,
        ]
        for (query, data) in expected {
            let response = await service.execute(GraphQLRequest(query: query), context: ())
            let json = String(decoding: response.json(), as: UTF8.self)
            #expect(json.hasSuffix(#""data":"# + data + "}"), "\(query)")
            let fromValue = GraphQLResponse(data: response.data, errors: response.errors, executed: true)
            #expect(response.json() == fromValue.json(), "\(query)")
        }
    }

    /// Objects whose fields' values are all at hand (leaves and lists read off them, what a
    /// `knownOrBatch` resolver knows) are completed straight to JSON, everything below them
    /// included: the JSON, the `data` value, the errors and their paths are what completing them
    /// level by level gives, however far a null travels. An object with a field that needs a
    /// resolver call, or a Float (whose JSON `1` would read back as an Int in `data`), is
    /// completed level by level, with each error reported once.
    @Test func objectsWithTheirValuesAtHandAreCompletedInline() async throws {
        struct Item { var name: String?; var rank: Int; var kind: String; var child: Int? }
        var executable = ExecutableSchema<Void>(schema: try Schema.build(sdl: """
            enum Kind { A B }
            type Item { name: String! label: String rank: Int kind: Kind score: Float child: Item others: [Item!] slow: String }
            type Query { items: [Item] strict: [Item!] }
            """))
        let items = [Item(name: "a", rank: 1, kind: "A", child: 1), Item(name: nil, rank: 2, kind: "C", child: nil),
                     Item(name: "c\"", rank: 3, kind: "B", child: 0)]
        executable.resolve("Query", "items") { _, _, _, _ in items }
        executable.resolve("Query", "strict") { _, _, _, _ in items }
        executable.resolve("Item", "name", .property { ($0 as? Item)?.name })
        executable.resolve("Item", "label", .property { ($0 as? Item)?.name })
        executable.resolve("Item", "rank", .scalar { ($0 as? Item).map { .int($0.rank) } })
        executable.resolve("Item", "kind", .property { ($0 as? Item)?.kind })
        executable.resolve("Item", "score", .property { ($0 as? Item).map { Double($0.rank) } })
        executable.resolve("Item", "child", .knownOrBatch(known: { source, _, _ in .some((source as? Item)?.child.map { items[$0] }) },
                                                          batch: { sources, _, _, _ in sources.map { _ in nil } }))
        executable.resolve("Item", "others", .property { source in items.filter { $0.rank != (source as? Item)?.rank } })
        executable.resolve("Item", "slow") { _, _, _, _ in "slow" }
        let service = GraphQLService(executable: executable)
        let expected: [String: (data: String, errors: [(String, [PathComponent])])] = [
            "{ items { rank child { rank child { name } } } }": (
                #"{"items":[{"rank":1,"child":{"rank":2,"child":null}},{"rank":2,"child":null},{"rank":3,"child":{"rank":1,"child":null}}]}"#,
                [("Cannot return null for non-nullable field Item.name.", [.key("items"), .index(2), .key("child"), .key("child"), .key("name")])]),
            "{ items { rank others { name } } }": (
                #"{"items":[{"rank":1,"others":null},{"rank":2,"others":[{"name":"a"},{"name":"c\""}]},{"rank":3,"others":null}]}"#,
                [("Cannot return null for non-nullable field Item.name.", [.key("items"), .index(0), .key("others"), .index(0), .key("name")]),
                 ("Cannot return null for non-nullable field Item.name.", [.key("items"), .index(2), .key("others"), .index(1), .key("name")])]),
            "{ items { kind slow } }": (
                #"{"items":[{"kind":"A","slow":"slow"},{"kind":null,"slow":"slow"},{"kind":"B","slow":"slow"}]}"#,
                [(#"Enum "Kind" cannot represent value: "C""#, [.key("items"), .index(1), .key("kind")])]),
            "{ items { __typename label rank kind } }": (
                #"{"items":[{"__typename":"Item","label":"a","rank":1,"kind":"A"},{"__typename":"Item","label":null,"rank":2,"kind":null},{"__typename":"Item","label":"c\"","rank":3,"kind":"B"}]}"#,
                [(#"Enum "Kind" cannot represent value: "C""#, [.key("items"), .index(1), .key("kind")])]),
            "{ items { name kind } }": (
                #"{"items":[{"name":"a","kind":"A"},null,{"name":"c\"","kind":"B"}]}"#,
                [("Cannot return null for non-nullable field Item.name.", [.key("items"), .index(1), .key("name")]),
                 (#"Enum "Kind" cannot represent value: "C""#, [.key("items"), .index(1), .key("kind")])]),
            "{ strict { rank name } }": (
                #"{"strict":null}"#,
                [("Cannot return null for non-nullable field Item.name.", [.key("strict"), .index(1), .key("name")])]),
            "{ items { rank score } }": (#"{"items":[{"rank":1,"score":1},{"rank":2,"score":2},{"rank":3,"score":3}]}"#, []),
        ]
        for (query, want) in expected {
            let response = await service.execute(GraphQLRequest(query: query), context: ())
            let json = String(decoding: response.json(), as: UTF8.self)
            #expect(json.hasSuffix(#""data":"# + want.data + "}"), "\(query): \(json)")
            #expect(response.errors.map(\.message) == want.errors.map(\.0), "\(query)")
            #expect(response.errors.map(\.path) == want.errors.map(\.1), "\(query)")
            let fromValue = GraphQLResponse(data: response.data, errors: response.errors, executed: true)
            #expect(response.json() == fromValue.json(), "\(query)")
        }
        let scores = await service.execute(GraphQLRequest(query: "{ items { rank score } }"), context: ())
        #expect(scores.data == .object([("items", .list(items.map { .object([("rank", .int($0.rank)), ("score", .float(Double($0.rank)))]) }))]))
    }

    /// Paths below the root: list indices, the field of an object in a list, and the path a resolver
    /// is told (the executor builds them only when they are needed).
    @Test func nestedErrorsCarryTheirFullPath() async throws {
        struct Item { var name: String? }
        var executable = ExecutableSchema<Void>(schema: try Schema.build(sdl: """
            type Item { name: String! note: String }
            type Query { items: [Item!]! maybe: [Item] }
            """))
        executable.resolve("Query", "items") { _, _, _, _ in [Item(name: "a"), Item(name: "b"), Item(name: "c")] }
        executable.resolve("Query", "maybe") { _, _, _, _ in [Item(name: "a"), Item(name: nil)] }
        executable.resolve("Item", "name") { source, _, _, _ in (source as? Item)?.name }
        executable.resolve("Item", "note") { source, _, _, info in
            if (source as? Item)?.name == "b" { throw GraphQLError("no note") }
            return info.path.map(\.description).joined(separator: ".")
        }
        let response = await GraphQLService(executable: executable)
            .execute(GraphQLRequest(query: "{ items { note } maybe { name } }"), context: ())
        #expect(String(decoding: response.json(), as: UTF8.self) == """
            {"errors":[{"message":"no note","locations":[{"line":1,"column":11}],"path":["items",1,"note"]},\
            {"message":"Cannot return null for non-nullable field Item.name.","locations":[{"line":1,"column":26}],"path":["maybe",1,"name"]}],\
            "data":{"items":[{"note":"items.0.note"},{"note":null},{"note":"items.2.note"}],"maybe":[{"name":"a"},null]}}
            """)
    }

    @Test func batchResolversRunOncePerLevel() async throws {
        let starWars = StarWars()
        let json = try await starWars.run("{ people { name friends { name friends { id } } } }")
        #expect(json.hasPrefix(#"{"data":{"people":[{"name":"Luke","friends":[{"name":"Leia","friends":[{"id":"1"}]}"#))
        // Three people, their friends, and the friends' friends: two levels, two calls.
        #expect(starWars.friendBatches.withLock { $0 } == 2)
    }

    /// A `knownOrBatch` field takes what `known` has at hand, and runs its batch, once for the
    /// level, for the objects whose values it lacks. (This batch answers differently from `known`
    /// only to show which gave each value; a real one must give the same.)
    @Test func knownValuesSpareTheBatch() async throws {
        let batches = Mutex<[[Int]]>([])
        var executable = ExecutableSchema<[Int: String]>(schema: try Schema.build(sdl: """
            type Query { items(ids: [Int!]!): [Item!]! }
            type Item { id: Int! label: String }
            """))
        executable.resolve("Query", "items") { _, arguments, _, _ in
            guard case .list(let ids)? = arguments["ids"] else { return [] }
            return ids.compactMap { if case .int(let id) = $0 { id } else { nil } }
        }
        executable.resolve("Item", "id", .property { $0 })
        executable.resolve("Item", "label", .knownOrBatch(known: { source, _, known in
            (source as? Int).flatMap { known[$0] }.map { $0 }
        }, batch: { sources, _, _, _ in
            let ids = sources.compactMap { $0 as? Int }
            batches.withLock { $0.append(ids) }
            return ids.map { "read \($0)" }
        }))
        let service = GraphQLService(executable: executable)
        let known = [1: "kept 1", 2: "kept 2"]
        let allKnown = await service.execute(GraphQLRequest(query: "{ items(ids: [1, 2]) { id label } }"), context: known)
        #expect(String(decoding: allKnown.json(), as: UTF8.self) == #"{"data":{"items":[{"id":1,"label":"kept 1"},{"id":2,"label":"kept 2"}]}}"#)
        #expect(batches.withLock { $0 }.isEmpty)
        let oneMissing = await service.execute(GraphQLRequest(query: "{ items(ids: [1, 3]) { id label } }"), context: known)
        #expect(String(decoding: oneMissing.json(), as: UTF8.self) == #"{"data":{"items":[{"id":1,"label":"kept 1"},{"id":3,"label":"read 3"}]}}"#)
        #expect(batches.withLock { $0 } == [[3]])
    }

    @Test func abstractTypesFragmentsAndTypename() async throws {
        let json = try await StarWars().run("""
            { search { __typename ... on Person { name } ...D } node(id: "r2") { id ... on Droid { model } } }
            fragment D on Droid { model }
            """)
        #expect(json == #"{"data":{"search":[{"__typename":"Person","name":"Luke"},{"__typename":"Droid","model":"Astromech"},{"__typename":"Person","name":"Leia"},{"__typename":"Droid","model":"Protocol"}],"node":{"id":"r2","model":"Astromech"}}}"#)
    }

    @Test func skipAndInclude() async throws {
        let json = try await StarWars().run("query ($no: Boolean!) { a: add(a: 1) @skip(if: true) b: add(a: 2) @include(if: $no) c: add(a: 3) }",
                                            variables: [("no", .bool(false))])
        #expect(json == #"{"data":{"c":5}}"#)
    }

    @Test func operationSelection() async throws {
        let document = "query A { add(a: 1) } query B { add(a: 2) }"
        #expect(try await StarWars().run(document, operation: "B") == #"{"data":{"add":4}}"#)
        #expect(try await StarWars().run(document).contains("Must provide operation name if query contains multiple operations."))
        #expect(try await StarWars().run(document, operation: "C").contains(#"Unknown operation named \"C\"."#))
    }

    @Test func validationAndSyntaxErrorsHaveNoData() async throws {
        let json = try await StarWars().run("{ nope }")
        #expect(json == #"{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\". Did you mean \"node\"?","locations":[{"line":1,"column":3}]}]}"#)
        let syntax = try await StarWars().run("{ add(a: 1) ")
        #expect(syntax == #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":13}],"extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}"#)
    }

    @Test func repeatedDocumentsComeFromTheCache() async throws {
        let starWars = StarWars()
        let service = try starWars.service()
        for _ in 0..<3 { _ = await service.execute(GraphQLRequest(query: "{ add(a: 1) }"), context: starWars) }
        #expect(service.cacheStatistics.hits == 2)
        #expect(service.cacheStatistics.misses == 1)
    }

    /// Documents are kept within an estimate of the memory they take (24 bytes a byte of text): a
    /// document estimated above the whole allowance is parsed afresh each time.
    @Test func documentsAreCachedWithinTheirMemoryAllowance() async throws {
        let executable = try StarWars().service().executable
        let service = GraphQLService(executable: executable, options: ServiceOptions(cacheMaxBytes: 24 * 100))
        let small = "{ add(a: 1) }", large = "{ add(a: 1) }" + String(repeating: " ", count: 100)
        for query in [small, small, large, large, small] { _ = await service.execute(GraphQLRequest(query: query), context: StarWars()) }
        #expect(service.cacheStatistics.hits == 2, "small twice from the cache, large never")
        #expect(service.cacheStatistics.misses == 3)
    }

    /// An operation estimated to cost at least `ServiceOptions.longWork.cost` executes on the
    /// executor given for long work, with its variables' list sizes counted; a cheaper one where
    /// it was asked. Without a cost limit too.
    @Test func costlyOperationsExecuteWhereLongWorkGoes() async throws {
        let seen = Mutex<[Bool]>([])
        var executable = ExecutableSchema<Void>(schema: try Schema.build(sdl: "type Query { items(first: Int): [Item!]! } type Item { n: Int! }"))
        executable.resolve("Query", "items") { _, arguments, _, _ in
            seen.withLock { $0.append(TestLongWork.isCurrent) }
            return Array(0..<(arguments.int("first") ?? 1))
        }
        executable.resolve("Item", "n", .property { value in value })
        let service = GraphQLService(executable: executable, options: ServiceOptions(longWork: .init(cost: 50, executor: TestLongWork())))
        let sized = "query ($k: Int) { items(first: $k) { n } }"
        // Costs: 1 + 100 × 1, 1 + 2 × 1, then the same from the variable.
        for (query, k, long) in [("{ items(first: 100) { n } }", 0, true), ("{ items(first: 2) { n } }", 0, false),
                                 (sized, 100, true), (sized, 2, false)] {
            let response = await service.execute(GraphQLRequest(query: query, variables: [("k", .int(k))]), context: ())
            #expect(response.errors.isEmpty, "\(response.errors)")
            #expect(seen.withLock { $0.popLast() } == long, "\(query) with k = \(k)")
        }
    }

    /// A large document not seen before is parsed and validated on the long-work executor too (a
    /// document slipping past every rule's limits then holds a lane, not an event loop); a small
    /// one, or one already prepared, where it was asked.
    @Test func largeNewDocumentsArePreparedWhereLongWorkGoes() async throws {
        final class Where: ValidationVisitor, Sendable {
            let seen = Mutex<[Bool]>([])
            func enterDocument(_ document: Document) { seen.withLock { $0.append(TestLongWork.isCurrent) } }
        }
        let visitor = Where()
        let rule = ValidationRule(name: "Where") { _ in visitor }
        let executable = try StarWars().service().executable
        let service = GraphQLService(executable: executable, options: ServiceOptions(extraRules: [rule],
                                                                                     longWork: .init(cost: .max, executor: TestLongWork())))
        let large = "{ add(a: 1) }" + String(repeating: " ", count: 4_096)
        for query in ["{ add(a: 1) }", large, large] {
            let response = await service.execute(GraphQLRequest(query: query), context: StarWars())
            #expect(response.errors.isEmpty)
        }
        #expect(visitor.seen.withLock { $0 } == [false, true], "the second large request comes from the cache")
    }

    /// A validation cut short because the request's time ran out is not kept as the document's.
    @Test func cancelledPreparationsAreNotKept() async throws {
        let service = try StarWars().service()
        let cancelled = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await service.execute(GraphQLRequest(query: "{ add(a: 1) nope }"), context: StarWars())
        }.value
        #expect(cancelled.errors.map(\.message) == ["The execution was cancelled."])
        let response = await service.execute(GraphQLRequest(query: "{ add(a: 1) nope }"), context: StarWars())
        #expect(response.errors.map(\.message) == ["Cannot query field \"nope\" on type \"Query\". Did you mean \"node\"?"])
        #expect(service.cacheStatistics.misses == 2)
    }

    /// `property` resolvers read the parent alone; their values complete like any other, nulls in
    /// non-null fields included.
    @Test func propertyResolversReadTheParent() async throws {
        var executable = ExecutableSchema<StarWars>(schema: try Schema.build(sdl: """
            type Query { people: [Person!]! }
            type Person { shout: String! missing: String! count: Int }
            """))
        executable.resolve("Query", "people") { _, _, context, _ in context.people.values.sorted { $0.id < $1.id } }
        executable.resolve("Person", "shout", .property { ($0 as? StarWars.Person)?.name.uppercased() })
        executable.resolve("Person", "missing", .property { _ in nil })
        executable.resolve("Person", "count", .property { _ in "many" })
        let service = GraphQLService(executable: executable)
        let shout = await service.execute(GraphQLRequest(query: "{ people { shout } }"), context: StarWars())
        #expect(String(decoding: shout.json(), as: UTF8.self) == #"{"data":{"people":[{"shout":"LUKE"},{"shout":"LEIA"},{"shout":"HAN"}]}}"#)
        let missing = await service.execute(GraphQLRequest(query: "{ people { missing } }"), context: StarWars())
        #expect(missing.errors.first?.message == "Cannot return null for non-nullable field Person.missing.")
        #expect(missing.errors.first?.path == [.key("people"), .index(0), .key("missing")])
        // A value its type cannot represent: the field is null, with an error at its path.
        let count = await service.execute(GraphQLRequest(query: "{ people { shout count } }"), context: StarWars())
        #expect(count.errors.map(\.message) == Array(repeating: #"Int cannot represent non-integer value: "many""#, count: 3))
        #expect(count.errors.last?.path == [.key("people"), .index(2), .key("count")])
        #expect(String(decoding: count.json(), as: UTF8.self).contains(#"{"shout":"HAN","count":null}"#))
    }

    /// `scalar` resolvers give values in their response form, which go into the response as they
    /// are; any other value is coerced as a `property` value would be, with the same errors, and a
    /// nil is null (an error in a non-null field). In a list or behind `__typename`'s neighbours too.
    @Test func scalarResolversGiveResponseValues() async throws {
        var executable = ExecutableSchema<StarWars>(schema: try Schema.build(sdl: """
            enum Side { LIGHT DARK }
            type Query { person: Person! }
            type Person { name: String! id: ID! age: Int height: Float tall: Boolean alias: String count: Int
                          huge: Int side: Side wrongSide: Side missing: String! tags: [String!] }
            """))
        executable.resolve("Query", "person", .property { _ in StarWars.Person(id: "1", name: "Luke", friendIDs: []) })
        let values: [String: ConstValue?] = [
            "name": .string("Luke"), "id": .string("1"), "age": .int(19), "height": .int(172), "tall": .bool(true),
            "alias": .int(7), "count": .string("many"), "huge": .int(1 << 40), "side": .string("LIGHT"),
            "wrongSide": .string("GREY"), "missing": nil, "tags": .list([.string("a"), .string("b")]),
        ]
        for (field, value) in values {
            executable.resolve("Person", field, .scalar { ($0 is StarWars.Person) ? value : .string("not a person") })
        }
        let response = await GraphQLService(executable: executable).execute(GraphQLRequest(query: """
            { person { __typename name id age height tall alias count huge side wrongSide tags } }
            """), context: StarWars())
        #expect(String(decoding: response.json(), as: UTF8.self) == """
            {"errors":[{"message":"Int cannot represent non-integer value: \\"many\\"","locations":[{"line":1,"column":53}],\
            "path":["person","count"]},{"message":"Int cannot represent non 32-bit signed integer value: 1099511627776",\
            "locations":[{"line":1,"column":59}],"path":["person","huge"]},{"message":"Enum \\"Side\\" cannot represent value: \\"GREY\\"",\
            "locations":[{"line":1,"column":69}],"path":["person","wrongSide"]}],\
            "data":{"person":{"__typename":"Person","name":"Luke","id":"1","age":19,"height":172,"tall":true,"alias":"7",\
            "count":null,"huge":null,"side":"LIGHT","wrongSide":null,"tags":["a","b"]}}}
            """)
        let missing = await GraphQLService(executable: executable).execute(GraphQLRequest(query: "{ person { name missing } }"),
                                                                           context: StarWars())
        #expect(missing.errors.map(\.message) == ["Cannot return null for non-nullable field Person.missing."])
        #expect(missing.errors.first?.path == [.key("person"), .key("missing")])
        #expect(String(decoding: missing.json(), as: UTF8.self).hasSuffix(#""data":null}"#))
    }

    /// A resolver's value may be an optional inside `Any` (from a `[String: Any]`, or a generic
    /// helper), or a JSON null: objects and lists complete as what the optional holds, null when
    /// it holds nothing, however deeply it is wrapped.
    @Test func optionalsHiddenInAnyCompleteAsWhatTheyHold() async throws {
        var executable = ExecutableSchema<StarWars>(schema: try Schema.build(sdl: """
            type Query { some: Person none: Person nested: Person nestedNone: Person constant: Person
                         list: [String] noList: [String] constantList: [String] items: [Person] }
            type Person { name: String! }
            """))
        let luke = StarWars.Person(id: "1", name: "Luke", friendIDs: [])
        nonisolated(unsafe) let values: [String: Any] = [
            "some": Optional(luke) as Any, "none": StarWars.Person?.none as Any,
            "nested": Optional(Optional(luke)) as Any, "nestedNone": Optional(StarWars.Person?.none) as Any,
            "constant": ConstValue.null, "list": Optional(["a", "b"]) as Any, "noList": [String]?.none as Any,
            "constantList": ConstValue.null, "items": [Optional(luke) as Any, StarWars.Person?.none as Any, ConstValue.null],
        ]
        for field in values.keys {
            executable.resolve("Query", field, .property { _ in values[field] ?? nil })
        }
        executable.resolve("Person", "name", .property { ($0 as? StarWars.Person)?.name })
        let response = await GraphQLService(executable: executable).execute(GraphQLRequest(query: """
            { some { name } none { name } nested { name } nestedNone { name } constant { name }
              list noList constantList items { name } }
            """), context: StarWars())
        #expect(String(decoding: response.json(), as: UTF8.self) == """
            {"data":{"some":{"name":"Luke"},"none":null,"nested":{"name":"Luke"},"nestedNone":null,"constant":null,\
            "list":["a","b"],"noList":null,"constantList":null,"items":[{"name":"Luke"},null,null]}}
            """)
    }

    /// A cached document keeps its field collections for the next execution, except where a
    /// variable decides `@skip`/`@include`; collections on different types stay apart.
    @Test func keptFieldCollectionsFollowVariablesAndTypes() async throws {
        let starWars = StarWars()
        let service = try starWars.service()
        func run(_ query: String, _ variables: [(String, ConstValue)] = []) async -> String {
            String(decoding: await service.execute(GraphQLRequest(query: query, variables: variables), context: starWars).json(),
                   as: UTF8.self)
        }
        let switched = "query ($yes: Boolean!) { person(id: \"1\") { id name @include(if: $yes) } }"
        #expect(await run(switched, [("yes", .bool(true))]) == #"{"data":{"person":{"id":"1","name":"Luke"}}}"#)
        #expect(await run(switched, [("yes", .bool(false))]) == #"{"data":{"person":{"id":"1"}}}"#)
        #expect(await run(switched, [("yes", .bool(true))]) == #"{"data":{"person":{"id":"1","name":"Luke"}}}"#)
        let typed = "{ search { ... on Person { name } ... on Droid { model } } }"
        for _ in 0..<2 {
            #expect(await run(typed) == #"{"data":{"search":[{"name":"Luke"},{"model":"Astromech"},{"name":"Leia"},{"model":"Protocol"}]}}"#)
        }
        #expect(service.cacheStatistics.hits == 3)
    }

    /// The first name given twice, among the names asked about: in short lists (compared
    /// pairwise) and long ones (through a set) alike, and in a view of an object's keys.
    @Test func repeatedNamesOfShortAndLongLists() {
        let long = (0..<20).map { "k\($0)" }
        #expect(["a", "b", "c"].firstRepeated() == nil)
        #expect(["a", "b", "a", "b"].firstRepeated() == "a")
        #expect(["x", "q", "x", "q"].firstRepeated(among: ["q"]) == "q")
        #expect(["x", "x"].firstRepeated(among: ["q"]) == nil)
        #expect(long.firstRepeated() == nil)
        #expect((long + ["k3", "k1"]).firstRepeated() == "k3")
        #expect((long + ["k3", "k1"]).firstRepeated(among: ["k1"]) == "k1")
        #expect([String]().firstRepeated() == nil)
        let members: [(String, ConstValue)] = [("query", .null), ("variables", .null), ("query", .null)]
        #expect(members.lazy.map(\.0).firstRepeated(among: ["query"]) == "query")
        #expect(members.dropFirst().lazy.map(\.0).firstRepeated() == nil)
    }

    @Test func jsonReaderKeepsOrderAndNumberKinds() throws {
        let value = try JSONReader.parse(#"{"b":1,"a":[1.5,"x\u00e9\ud83d\ude00",true,null],"c":{"d":-0}}"#)
        #expect(value == .object([("b", .int(1)), ("a", .list([.float(1.5), .string("xé😀"), .bool(true), .null])),
                                  ("c", .object([("d", .int(0))]))]))
        #expect(value.json == #"{"b":1,"a":[1.5,"xé😀",true,null],"c":{"d":0}}"#)
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse("[1,]") }
        #expect(try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .list([.int(1)]))
        // Only one mark, and only first; offsets count it.
        let second = #expect(throws: JSONReader.Failure.self) {
            try JSONReader.parse([0xEF, 0xBB, 0xBF, 0x20, 0xEF, 0xBB, 0xBF] + Array("1".utf8))
        }
        #expect(second?.description == "Unexpected character at byte 4")
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(String(repeating: "[", count: 10_000)) }
    }

    @Test func jsonWriterEscapesWhatJSONRequires() throws {
        let text = "<a href=\"x\">\\ é\n\r\t\u{1}\u{1F}end"
        let written = ConstValue.string(text).json
        #expect(written == #""<a href=\"x\">\\ é\n\r\t\u0001\u001fend""#)
        #expect(try JSONReader.parse(written) == .string(text))
        #expect(ConstValue.string("").json == #""""#)
        #expect(ConstValue.string("\"").json == #""\"""#)
        // Plain runs are looked through eight bytes at a time: every character that needs an escape,
        // at every place around a word's edges, and the bytes just outside the test (0x20, 0x7F, UTF-8).
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", " ", "\u{7F}", "é", "🙂"] {
            for offset in 0..<18 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 17 - offset)
                let written = ConstValue.string(text).json
                #expect(try JSONReader.parse(written) == .string(text))
                let escapes = written.utf8.filter { $0 == UInt8(ascii: "\\") }.count
                let expected = special == "\\" ? 2 : special == "\"" || special.unicodeScalars.first!.value < 0x20 ? 1 : 0
                #expect(escapes == expected,
                        "\(special.debugDescription) at \(offset): \(written)")
                #expect(!written.utf8.contains { $0 < 0x20 })
            }
        }
    }
}
