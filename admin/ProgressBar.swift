import Foundation

/// A one-line progress bar with rate, drawn on standard error only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    // Safe: every mutable field is guarded by `lock`.
    private let lock = NSLock()
    private let label: String
    private var started = Date()
    private var lastDraw = Date.distantPast

    private init(label: String) {
        self.label = label
    }

    /// Nil unless standard error is a terminal.
    static func ifInteractive(label: String) -> ProgressBar? {
        isatty(2) == 1 ? ProgressBar(label: label) : nil
    }

    /// Draws `done` of `total`, at most ten times a second and always at the end; 0 starts the bar,
    /// and the rate it shows, afresh.
    func show(_ done: Int, of total: Int) {
        lock.withLock {
            let now = Date()
            if done == 0 {
                started = now
                lastDraw = .distantPast
            }
            guard now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
            lastDraw = now
            let fraction = total > 0 ? Double(done) / Double(total) : 1
            let width = 30
            let filled = Int(fraction * Double(width))
            let rate = Double(done) / max(now.timeIntervalSince(started), 0.001)
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let line = "\r\(label) [\(bar)] \(done)/\(total)  \(Int(rate))/s "
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        lock.withLock {
            if lastDraw != .distantPast { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
