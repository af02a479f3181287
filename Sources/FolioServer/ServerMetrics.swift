import Prometheus
import Synchronization

/// The server's Prometheus metrics, served as text at `GET /metrics`: requests by route, method
/// and status; a latency histogram by route; response-cache hits and misses. Each server has its
/// own registry, so several servers in one process (tests) never share counts.
final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let cacheHits: Counter
    private let cacheMisses: Counter
    /// Latency histograms by route, made once.
    private let durations: [String: DurationHistogram]
    /// Request counters by route, method and status, made on first use: the registry builds and
    /// looks up its key on every `make` call, which cost about 1 % of a request.
    private let requests = Mutex<[String: Counter]>([:])
    /// Latency buckets from half a millisecond to ten seconds (the default request time limit).
    private static let buckets: [Duration] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
        .map { Duration.microseconds(Int64($0 * 1_000_000)) }
    /// Paths counted under their own name; anything else is "other", so scanners cannot grow the label set.
    private static let routes: Set<String> = ["/graphql", "/healthz", "/metrics"]

    init() {
        cacheHits = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "folio", metricName: "response_cache_hits", unitName: "total",
            helpText: "Anonymous GraphQL requests answered from the response cache."))
        cacheMisses = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "folio", metricName: "response_cache_misses", unitName: "total",
            helpText: "Anonymous GraphQL requests not found in the response cache."))
        var durations: [String: DurationHistogram] = [:]
        for route in Self.routes.union(["other"]) {
            durations[route] = registry.makeDurationHistogram(descriptor: MetricNameDescriptor(
                namespace: "folio", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time from request to response, by route."),
                labels: [("route", route)], buckets: Self.buckets)
        }
        self.durations = durations
    }

    /// Counts one finished request and its duration.
    func record(path: String, method: String, status: Int, duration: Duration) {
        let route = Self.routes.contains(path) ? path : "other"
        let key = "\(route) \(method) \(status)"
        let counter = requests.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = registry.makeCounter(descriptor: MetricNameDescriptor(
                namespace: "folio", metricName: "http_requests", unitName: "total", helpText: "HTTP requests served."),
                labels: [("route", route), ("method", method), ("status", String(status))])
            counters[key] = counter
            return counter
        }
        counter.increment()
        durations[route]?.record(duration)
    }

    func cacheLookup(hit: Bool) {
        (hit ? cacheHits : cacheMisses).increment()
    }

    /// The Prometheus text exposition of every metric.
    func text() -> [UInt8] { registry.emitToBuffer() }
}
