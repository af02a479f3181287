import Foundation

/// `map` spread over the machine's cores, results in input order. For CPU-bound, independent work
/// such as parsing content files or rendering Markdown.
public enum ParallelMap {
    public static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input],
                                                              _ transform: @Sendable (Input) -> Output) -> [Output] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, inputs.count))
        guard workers > 1 else { return inputs.map(transform) }
        let slots = Slots<Output>(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < inputs.count {
                slots.set(index, transform(inputs[index]))
                index += workers
            }
        }
        return slots.values()
    }
}

/// Result slots written by concurrent workers, each slot by exactly one of them.
private final class Slots<Value>: @unchecked Sendable {
    // Safe: every write goes through `lock`, and values are read only after all workers finished.
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }

    func values() -> [Value] { storage.map { $0! } }
}
