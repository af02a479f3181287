import Foundation

/// One engine under test.
protocol Engine: Sendable {
    var name: String { get }
    /// Parses the text once; throws on a syntax error.
    func parse(_ text: String) throws
    /// Prepares the article-page request so `run` can validate and execute it repeatedly.
    func prepare(schema: String, query: String, data: Data) async throws
    /// Validates and executes the prepared document once, returning the response size.
    func run() async throws -> Int
}

/// Seconds taken by `iterations` calls.
func measure(_ iterations: Int, _ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    for _ in 0..<iterations { try body() }
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func measureAsync(_ iterations: Int, _ body: @Sendable () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    for _ in 0..<iterations { try await body() }
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func input(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: "Inputs/\(name)", withExtension: nil) else {
        throw CocoaError(.fileNoSuchFile)
    }
    return try String(contentsOf: url, encoding: .utf8)
}

@main
enum Benchmark {
    static func main() async throws {
        let scale = Int(ProcessInfo.processInfo.environment["BENCH_SCALE"] ?? "1") ?? 1
        // PROFILE=folio runs only Folio's engine (for perf record); ratios need both.
        let profileOnly = ProcessInfo.processInfo.environment["PROFILE"] == "folio"
        let engines: [any Engine] = profileOnly ? [FolioEngine()] : [FolioEngine(), GraphQLSwiftEngine()]
        var documents: [(String, String)] = [("article-page query (\(try input("article-page.graphql").utf8.count) B)",
                                              try input("article-page.graphql"))]
        let kitchenSink = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "shared/conformance/graphql-parser/kitchen-sink-query.graphql")
        if let text = try? String(contentsOf: kitchenSink, encoding: .utf8) {
            documents.insert(("kitchen-sink query (\(text.utf8.count) B)", text), at: 0)
        } else {
            print("note: ../shared/conformance is absent; the kitchen-sink input is skipped")
        }

        // Each figure is the median of five rounds, and the engines take turns round by round, so
        // both see the same moments of this shared machine.
        let rounds = 5
        print("Parse throughput (higher is better; median of \(rounds) interleaved rounds, range in brackets)")
        for (label, text) in documents {
            for engine in engines { for _ in 0..<200 { try engine.parse(text) } }  // warm up
            let iterations = 4_000 * scale
            var seconds = Array(repeating: [Double](), count: engines.count)
            for _ in 0..<rounds {
                for (index, engine) in engines.enumerated() {
                    seconds[index].append(try measure(iterations) { try engine.parse(text) })
                }
            }
            var rates: [Double] = []
            for (index, engine) in engines.enumerated() {
                let perRound = seconds[index].map { Double(text.utf8.count * iterations) / 1_000_000 / $0 }.sorted()
                rates.append(perRound[rounds / 2])
                print(String(format: "  %@  %-13@ %8.1f MB/s  %7.2f µs/parse  [%.1f–%.1f MB/s]", label, engine.name, perRound[rounds / 2],
                             Double(text.utf8.count) / perRound[rounds / 2], perRound.first!, perRound.last!))
            }
            if rates.count == 2 { print(String(format: "  %@  ratio Folio / GraphQLSwift: %.1fx", label, rates[0] / rates[1])) }
        }

        print("Validate + execute the article-page operation, document already parsed (lower is better; median of \(rounds) rounds)")
        let schema = try input("schema.graphql"), query = try input("article-page.graphql")
        let data = try Data(contentsOf: Bundle.module.url(forResource: "Inputs/data", withExtension: "json")!)
        var sizes: [Int] = []
        for engine in engines {
            try await engine.prepare(schema: schema, query: query, data: data)
            for _ in 0..<100 { _ = try await engine.run() }
            sizes.append(try await engine.run())
        }
        let iterations = 400 * scale
        var seconds = Array(repeating: [Double](), count: engines.count)
        for _ in 0..<rounds {
            for (index, engine) in engines.enumerated() {
                seconds[index].append(try await measureAsync(iterations) { _ = try await engine.run() })
            }
        }
        var times: [Double] = []
        for (index, engine) in engines.enumerated() {
            let perRequest = seconds[index].map { $0 / Double(iterations) }.sorted()
            times.append(perRequest[rounds / 2])
            print(String(format: "  %-13@ %8.1f µs/request (%d-byte response)  [%.1f–%.1f µs]", engine.name, perRequest[rounds / 2] * 1e6,
                         sizes[index], perRequest.first! * 1e6, perRequest.last! * 1e6))
        }
        if times.count == 2 { print(String(format: "  ratio GraphQLSwift / Folio: %.1fx", times[1] / times[0])) }
    }
}
