import FolioContent
import Foundation
import GraphQLEngine
public import Logging
import Synchronization

/// The server's log: one line per event on standard error, as JSON (a log collector's input) or as
/// `key=value` text (a person at a terminal). Each line is written whole by one `write`, under a
/// lock, so lines from the event loops never interleave; its time is UTC with milliseconds, made
/// without the C library's local-time conversion (which looks at `/etc/localtime` again on every
/// call when `TZ` is unset, a system call per request).
public struct LogLineHandler: LogHandler {
    public enum Format: String, CaseIterable, Sendable {
        /// `{"time":"…","level":"info","label":"…","message":"request","method":"GET",…}`
        case json
        /// `2026-11-27T11:33:49.123Z info request method=GET path=/healthz status=200 …`
        case text
    }

    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let label: String
    private let format: Format
    private let output: LogOutput

    /// A handler for the logger named `label`, writing to `output` (standard error by default).
    public init(label: String, format: Format, level: Logger.Level = .info, output: LogOutput = .standardError) {
        self.label = label
        self.format = format
        self.output = output
        logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // The handler's metadata, the provider's and the event's, a later value of a key replacing
        // an earlier one: gathered in one small array rather than merged dictionaries (a request's
        // line has six fields, and merging them was most of the handler's own time).
        var fields: [(key: String, value: Logger.MetadataValue)] = []
        fields.reserveCapacity(8)
        func set(_ key: String, _ value: Logger.MetadataValue) {
            if let index = fields.firstIndex(where: { $0.key == key }) { fields[index].value = value } else { fields.append((key, value)) }
        }
        for (key, value) in metadata { set(key, value) }
        for (key, value) in metadataProvider?.get() ?? [:] { set(key, value) }
        for (key, value) in event.metadata ?? [:] { set(key, value) }
        if let error = event.error { set("error", .string(String(describing: error))) }
        // Keys in order, so that lines of one kind read alike.
        fields.sort { $0.key < $1.key }
        let time = Timestamp.format(Date(), withMilliseconds: true)
        output.write(format == .json ? Self.json(time, event.level, label, event.message.description, fields)
                                     : Self.text(time, event.level, event.message.description, fields))
    }

    static func json(_ time: String, _ level: Logger.Level, _ label: String, _ message: String,
                     _ fields: [(key: String, value: Logger.MetadataValue)]) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.raw("{\"time\":\"\(time)\",\"level\":\"\(level.rawValue)\",\"label\":")
        writer.string(label)
        writer.raw(",\"message\":")
        writer.string(message)
        for (key, value) in fields {
            writer.raw(",")
            writer.string(key)
            writer.raw(":")
            write(value, to: &writer)
        }
        writer.raw("}\n")
        return writer.bytes
    }

    /// A metadata value as JSON: integers and finite numbers given as such stay numbers.
    static func write(_ value: Logger.MetadataValue, to writer: inout JSONWriter) {
        switch value {
        case .string(let text): writer.string(text)
        case .stringConvertible(let convertible):
            switch convertible {
            case let integer as Int: writer.write(.int(integer))
            case let number as Double where number.isFinite: writer.write(.float(number))
            case let flag as Bool: writer.write(.bool(flag))
            default: writer.string(convertible.description)
            }
        case .array(let values):
            writer.raw("[")
            for (index, item) in values.enumerated() {
                if index > 0 { writer.raw(",") }
                write(item, to: &writer)
            }
            writer.raw("]")
        case .dictionary(let entries):
            writer.raw("{")
            for (index, entry) in entries.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { writer.raw(",") }
                writer.string(entry.key)
                writer.raw(":")
                write(entry.value, to: &writer)
            }
            writer.raw("}")
        }
    }

    static func text(_ time: String, _ level: Logger.Level, _ message: String,
                     _ fields: [(key: String, value: Logger.MetadataValue)]) -> [UInt8] {
        var line = "\(time) \(level.rawValue) \(quotedIfNeeded(message))"
        for (key, value) in fields {
            line += " \(key)=\(quotedIfNeeded(value.description))"
        }
        line += "\n"
        return Array(line.utf8)
    }

    /// The text as it is when it has no space, quote, `=` or control character, else as a JSON
    /// string: each `key=value` of a text line stays one token.
    static func quotedIfNeeded(_ text: String) -> String {
        let plain = !text.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "=") && $0 != 0x7f }
        return plain ? text : ConstValue.string(text).json
    }
}

/// Where log lines go: standard error, or (in tests) a closure. Shared by every handler made for
/// it, with one lock, so that each line is written whole.
public final class LogOutput: Sendable {
    private let lock = Mutex(())
    private let sink: @Sendable ([UInt8]) -> Void

    public init(_ sink: @escaping @Sendable ([UInt8]) -> Void) {
        self.sink = sink
    }

    public static let standardError = LogOutput { line in
        line.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // Nowhere to report a log that cannot be written.
                }
                offset += written
            }
        }
    }

    func write(_ line: [UInt8]) {
        lock.withLock { _ in sink(line) }
    }

    /// The format that suits standard error: text at a terminal, JSON otherwise.
    public static var standardErrorFormat: LogLineHandler.Format {
        isatty(STDERR_FILENO) == 1 ? .text : .json
    }
}
