import Synchronization

/// Deadlines of the requests being executed, enforced by one sweeping task for all of them rather
/// than a sleeping timer task per request (which cost a third of an article page's throughput).
/// The sweep runs only while some request is being watched, every 20 ms, so a request is stopped
/// at most that long after its deadline.
final class DeadlineWatch: Sendable {
    private struct State {
        var next = 0
        var watched: [Int: (deadline: ContinuousClock.Instant, expire: @Sendable () -> Void)] = [:]
        var sweeping = false
    }

    private let state = Mutex(State())
    private static let interval: Duration = .milliseconds(20)

    /// Calls `expire` once `deadline` has passed, unless `release` came first; returns the ticket.
    func watch(until deadline: ContinuousClock.Instant, expire: @escaping @Sendable () -> Void) -> Int {
        let (ticket, startSweep) = state.withLock { state in
            state.next += 1
            state.watched[state.next] = (deadline, expire)
            defer { state.sweeping = true }
            return (state.next, !state.sweeping)
        }
        if startSweep { Task.detached { await self.sweep() } }
        return ticket
    }

    func release(_ ticket: Int) {
        state.withLock { _ = $0.watched.removeValue(forKey: ticket) }
    }

    private func sweep() async {
        while true {
            try? await Task.sleep(for: Self.interval)
            let now = ContinuousClock.now
            let (expired, idle) = state.withLock { state in
                let due = state.watched.filter { $0.value.deadline <= now }
                for ticket in due.keys { state.watched[ticket] = nil }
                if state.watched.isEmpty { state.sweeping = false }
                return (due.values.map(\.expire), state.watched.isEmpty)
            }
            for expire in expired { expire() }
            if idle { return }
        }
    }
}
