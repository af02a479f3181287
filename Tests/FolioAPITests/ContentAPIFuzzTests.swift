import ConformanceSupport
import FolioAPI
import Foundation
import GraphQLEngine
import Testing

/// The content API against thousands of mutants of real queries, run on the seeded database:
/// whatever arrives is parsed, validated and executed or refused within the limits, and the answer
/// is always a well-formed response — JSON with `data` or `errors`, every error with a message —
/// never a crash or a hang. `FUZZ_ITERATIONS` and `FUZZ_SEED` run more or other mutants.
struct ContentAPIFuzzTests {
    static let seeds = [
        #"query ArticlePage($slug: String!) { article(slug: $slug) { id slug title summary bodyHtml publishedAt headings { level text anchor } author { slug name role } reviewer { name } procedures { slug name fullName } related(first: 3) { slug title author { name } } } }"#,
        #"{ articles(first: 3, filter: {tag: "spine", publishedAfter: "2020-01-01T00:00:00Z"}, orderBy: TITLE_ASC) { totalCount edges { cursor node { title tags } } pageInfo { hasNextPage endCursor } } }"#,
        #"query ($after: String, $n: Int = 2) { articles(first: $n, after: $after) { nodes { ...Card } } } fragment Card on Article { id title readingTimeMinutes status }"#,
        #"{ search(query: "spinal stenosis", first: 2) { totalCount nodes { score snippet article { slug } } } }"#,
        #"{ authors(first: 5) { nodes { name articles(first: 2) { totalCount nodes { title } } } } procedures { nodes { name conditions risks articles { totalCount } } } }"#,
        #"{ node(id: "QXJ0aWNsZToy") { __typename id ... on Article { title } ... on Author { name } } author(slug: "dr-maya-ortiz") { bioHtml avatarUrl } }"#,
        #"{ __schema { queryType { name } types { name kind fields(includeDeprecated: true) { name type { name ofType { name } } } } } __type(name: "Article") { name } }"#,
        #"query ($skip: Boolean = false) { articles(last: 2, before: "djEsUFVCTElTSEVEX0FUX0RFU0MsMCww") @skip(if: $skip) { nodes { title @include(if: true) } } }"#,
    ]
    static let pieces = [
        "{", "}", "(", ")", "[", "]", ":", "!", "$", "@", "...", "\"", "\\", "#", "\n", ",", "=", " ", "on", "fragment",
        "query", "mutation", "subscription", "0", "-1", "100", "101", "2147483648", "1.5", "null", "true", "\"\"", "$slug", "$n",
        "__typename", "__schema", "__type", "first:", "last:", "after:", "before:", "filter:", "orderBy:", "TITLE_ASC",
        "articles", "article", "related", "author", "search", "node", "id", "slug", "title", "nodes", "edges", "node {",
        "totalCount", "pageInfo", "...Card", "@skip(if: true)", "@include(if: $n)", "@deprecated", "é", "\u{0}",
    ]

    @Test func mutantsAlwaysGetAWellFormedAnswer() async throws {
        let api = try await SeededAPI()
        var mutator = Mutator(seed: Fuzzing.seed(default: 0xF011_0A91), seeds: Self.seeds, pieces: Self.pieces)
        let variables: [(String, ConstValue)] = [("slug", .string("what-is-lumbar-spinal-stenosis")), ("n", .int(2)),
                                                 ("after", .null), ("skip", .bool(false))]
        var executed = 0, refused = 0
        for iteration in 0..<Fuzzing.iterations(default: 2_000) {
            let query = String(decoding: mutator.mutant(), as: UTF8.self)
            let response = await api.run(query, variables: variables)
            let json = response.json()
            guard case .object(let fields)? = try? JSONReader.parse(json) else {
                Issue.record("mutant \(iteration): the answer is not a JSON object\n\(query)\n---\n\(String(decoding: json, as: UTF8.self))")
                continue
            }
            let keys = Set(fields.map(\.0))
            if keys.isEmpty || !keys.isSubset(of: ["data", "errors", "extensions"]) {
                Issue.record("mutant \(iteration): unexpected answer keys \(keys.sorted())\n\(query)")
            }
            if response.errors.contains(where: { $0.message.isEmpty }) {
                Issue.record("mutant \(iteration): an error without a message\n\(query)")
            }
            if response.executed { executed += 1 } else { refused += 1 }
        }
        // Both outcomes must be exercised, or the test proves little.
        #expect(executed > 0 && refused > 0)
    }

    /// Valid queries with mutated variable values — sizes, cursors, dates, slugs, search text —
    /// which reach coercion, the resolvers and the store: every error is a refusal with a code or
    /// a variable's coercion error, never a failure inside (a store error, a trap).
    @Test func mutatedVariablesAreRefusedOrAnswered() async throws {
        let api = try await SeededAPI(extraArticles: 30)
        let query = """
            query ($slug: String!, $n: Int, $m: Int, $after: String, $before: String, $text: String!, $tag: String,
                   $since: DateTime, $order: ArticleOrder, $id: ID!) {
              article(slug: $slug) { title related(first: $n) { slug } }
              articles(first: $n, last: $m, after: $after, before: $before, filter: {tag: $tag, publishedAfter: $since},
                       orderBy: $order) { totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage endCursor } }
              search(query: $text, first: $n, after: $after) { totalCount nodes { snippet } }
              node(id: $id) { id }
              authors(first: $n, after: $after) { nodes { articles(first: $m, after: $before) { nodes { slug } } } }
            }
            """
        let texts = ["", "spine", "what-is-lumbar-spinal-stenosis", "extra-3", "\"a\" OR b*", "NEAR(a b)", "é😀", "\u{0}",
                     "djEsUFVCTElTSEVEX0FUX0RFU0MsMCww", "2026-11-25T12:00:00Z", "2026-02-30T25:61:00Z", "0", "-1",
                     String(repeating: "a ", count: 40), "QXJ0aWNsZToy", "Author:1", "%%%", "v1,TITLE_ASC,,0"]
        let numbers = [0, 1, 2, 3, 100, 101, -1, Int(Int32.max), Int(Int32.min)]
        let orders = ["PUBLISHED_AT_DESC", "PUBLISHED_AT_ASC", "TITLE_ASC", "UPDATED_AT_DESC", "SIDEWAYS"]
        var random = SplitMix(seed: Fuzzing.seed(default: 0xF011_0B47))
        func text() -> ConstValue {
            var value = Array(texts.randomElement(using: &random)!.utf8)
            if Bool.random(using: &random), !value.isEmpty {
                value[Int.random(in: 0..<value.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            return Int.random(in: 0..<8, using: &random) == 0 ? .null : .string(String(decoding: value, as: UTF8.self))
        }
        func number() -> ConstValue {
            Int.random(in: 0..<6, using: &random) == 0 ? .null : .int(numbers.randomElement(using: &random)!)
        }
        var answered = 0
        let iterations = Fuzzing.iterations(default: 1_000)
        for iteration in 0..<iterations {
            // Each variable keeps a good value or, one time in three, gets an odd one.
            var variables: [(String, ConstValue)] = [
                ("slug", .string("what-is-lumbar-spinal-stenosis")), ("n", .int(2)), ("m", .null), ("after", .null), ("before", .null),
                ("text", .string("spine")), ("tag", .null), ("since", .null), ("order", .string("TITLE_ASC")), ("id", .string("QXJ0aWNsZToy")),
            ]
            for index in variables.indices where Int.random(in: 0..<3, using: &random) == 0 {
                variables[index].1 = switch variables[index].0 {
                case "n", "m": number()
                case "order": .string(orders.randomElement(using: &random)!)
                default: text()
                }
            }
            let response = await api.run(query, variables: variables)
            for error in response.errors where error.code == nil && !error.message.hasPrefix("Variable \"$") {
                Issue.record("iteration \(iteration): \(error.message)\n\(variables.map { "\($0.0)=\($0.1.json)" }.joined(separator: " "))")
            }
            if response.data != nil { answered += 1 }
        }
        // Most requests must get past coercion to the store, or the test proves little.
        #expect(answered > iterations / 4)
    }
}
