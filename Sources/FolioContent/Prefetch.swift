import Foundation

/// Values `0..<count` produced in order on a background thread, at most `lookahead` ahead of the
/// consumer: while the caller works on one value, the next ones are being made. An import uses it
/// to render Markdown while the database writes the previous chunk.
public final class Prefetch<Value: Sendable>: @unchecked Sendable {
    // Safe: every stored property below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var ready: [Int: Value] = [:]
    private var consumed = 0
    private var cancelled = false
    private let count: Int

    public init(count: Int, lookahead: Int = 2, produce: @escaping @Sendable (Int) -> Value) {
        self.count = count
        Thread.detachNewThread { [self] in
            for index in 0..<count {
                condition.lock()
                while !cancelled, index - consumed >= lookahead { condition.wait() }
                let stop = cancelled
                condition.unlock()
                if stop { return }
                let value = produce(index)
                condition.lock()
                ready[index] = value
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// The next value, waiting for it if needed; nil after the last one.
    public func next() -> Value? {
        condition.lock()
        defer { condition.unlock() }
        guard consumed < count else { return nil }
        while ready[consumed] == nil { condition.wait() }
        let value = ready.removeValue(forKey: consumed)
        consumed += 1
        condition.broadcast()
        return value
    }

    /// Stops the producer after the value it is making. A consumer that stops before the last value
    /// must call this: the producer thread holds the instance until it is done.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
