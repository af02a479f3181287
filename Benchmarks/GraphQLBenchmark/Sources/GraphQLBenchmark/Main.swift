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
        let engines: [any Engine] = [FolioEngine(), GraphQLSwiftEngine()]
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

        print("Parse throughput (higher is better)")
        for (label, text) in documents {
            var rates: [Double] = []
            for engine in engines {
                for _ in 0..<200 { try engine.parse(text) }  // warm up
                let iterations = 20_000 * scale
                let seconds = try measure(iterations) { try engine.parse(text) }
                let megabytesPerSecond = Double(text.utf8.count * iterations) / 1_000_000 / seconds
                rates.append(megabytesPerSecond)
                print(String(format: "  %@  %-13@ %8.1f MB/s  %7.2f µs/parse", label, engine.name, megabytesPerSecond,
                             seconds / Double(iterations) * 1e6))
            }
            print(String(format: "  %@  ratio Folio / GraphQLSwift: %.1fx", label, rates[0] / rates[1]))
        }

        print("Validate + execute the article-page operation, document already parsed (lower is better)")
        let schema = try input("schema.graphql"), query = try input("article-page.graphql")
        let data = try Data(contentsOf: Bundle.module.url(forResource: "Inputs/data", withExtension: "json")!)
        var times: [Double] = []
        for engine in engines {
            try await engine.prepare(schema: schema, query: query, data: data)
            for _ in 0..<100 { _ = try await engine.run() }
            let iterations = 2_000 * scale
            let size = try await engine.run()
            let seconds = try await measureAsync(iterations) { _ = try await engine.run() }
            times.append(seconds / Double(iterations))
            print(String(format: "  %-13@ %8.1f µs/request (%d-byte response)", engine.name, seconds / Double(iterations) * 1e6, size))
        }
        print(String(format: "  ratio GraphQLSwift / Folio: %.1fx", times[1] / times[0]))
    }
}
