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

/// Seconds taken by `iterations` calls. Like `alternate`, it runs off the main actor, so calls of
/// an engine's async `run` do not hop between threads.
func measure(_ iterations: Int, _ body: @Sendable () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    for _ in 0..<iterations { try await body() }
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Each engine's seconds per round: a round gives every engine `slices` slices in turn, and
/// `slice(index)` runs one slice of engine `index`, returning its seconds.
func alternate(_ engines: Int, rounds: Int, slices: Int, _ slice: @Sendable (Int) async throws -> Double) async rethrows
    -> [[Double]] {
    var totals = Array(repeating: [Double](), count: engines)
    for _ in 0..<rounds {
        var round = Array(repeating: 0.0, count: engines)
        for _ in 0..<slices {
            for index in 0..<engines { round[index] += try await slice(index) }
        }
        for index in 0..<engines { totals[index].append(round[index]) }
    }
    return totals
}

/// The middle value of a sorted array (of an odd count, as the rounds are).
func median(_ sorted: [Double]) -> Double { sorted[sorted.count / 2] }

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

        // The engines take turns every ~10 ms (a slice), so both meet the same moments of this
        // shared machine, whose speed wanders by tens of percent from second to second; a round is
        // 20 slices of each, and its ratio compares the two engines' totals. Figures are medians of
        // the rounds, ranges in brackets.
        let rounds = 9, slices = 20
        let sliceSeconds = 0.01 * Double(scale)
        print("Parse throughput (higher is better; medians of \(rounds) rounds of \(slices) alternating ~10 ms slices, range in brackets)")
        for (label, text) in documents {
            var calibrated: [Int] = []
            for engine in engines {
                for _ in 0..<200 { try engine.parse(text) }  // warm up
                // Parsing is synchronous: a slice is one call that parses `iterations` times, so no
                // async call is timed with each parse.
                let perParse = try await measure(1) { for _ in 0..<200 { try engine.parse(text) } } / 200
                calibrated.append(max(1, Int(sliceSeconds / perParse)))
            }
            let iterations = calibrated
            let rates = try await alternate(engines.count, rounds: rounds, slices: slices) { index in
                try await measure(1) { for _ in 0..<iterations[index] { try engines[index].parse(text) } }
            }.enumerated().map { index, seconds in
                seconds.map { Double(text.utf8.count * iterations[index] * slices) / 1_000_000 / $0 }
            }
            for (index, engine) in engines.enumerated() {
                let sorted = rates[index].sorted()
                print(String(format: "  %@  %-13@ %8.1f MB/s  %7.2f µs/parse  [%.1f–%.1f MB/s]", label, engine.name,
                             median(sorted), Double(text.utf8.count) / median(sorted), sorted.first!, sorted.last!))
            }
            if engines.count == 2 {
                let ratios = zip(rates[0], rates[1]).map { $0 / $1 }.sorted()
                print(String(format: "  %@  ratio Folio / GraphQLSwift: %.1fx  [%.1f–%.1fx]", label, median(ratios),
                             ratios.first!, ratios.last!))
            }
        }

        print("Validate + execute the article-page operation, document already parsed (lower is better; medians of \(rounds) rounds as above)")
        let schema = try input("schema.graphql"), query = try input("article-page.graphql")
        let data = try Data(contentsOf: Bundle.module.url(forResource: "Inputs/data", withExtension: "json")!)
        var sizes: [Int] = []
        for engine in engines {
            try await engine.prepare(schema: schema, query: query, data: data)
            for _ in 0..<100 { _ = try await engine.run() }
            sizes.append(try await engine.run())
        }
        var calibrated: [Int] = []
        for engine in engines {
            let perRequest = try await measure(50) { _ = try await engine.run() } / 50
            calibrated.append(max(1, Int(sliceSeconds / perRequest)))
        }
        let iterations = calibrated
        let seconds = try await alternate(engines.count, rounds: rounds, slices: slices) { index in
            try await measure(iterations[index]) { _ = try await engines[index].run() }
        }.enumerated().map { index, totals in totals.map { $0 / Double(iterations[index] * slices) } }
        for (index, engine) in engines.enumerated() {
            let sorted = seconds[index].sorted()
            print(String(format: "  %-13@ %8.1f µs/request (%d-byte response)  [%.1f–%.1f µs]", engine.name, median(sorted) * 1e6,
                         sizes[index], sorted.first! * 1e6, sorted.last! * 1e6))
        }
        if engines.count == 2 {
            let ratios = zip(seconds[1], seconds[0]).map { $0 / $1 }.sorted()
            print(String(format: "  ratio GraphQLSwift / Folio: %.1fx  [%.1f–%.1fx]", median(ratios), ratios.first!, ratios.last!))
        }
    }
}
