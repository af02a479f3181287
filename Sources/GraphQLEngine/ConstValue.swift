/// A JSON-like value: variables from a request, defaults from a schema, and coerced arguments.
/// Object keys keep their order. Not `indirect`: lists and objects hold their children in arrays,
/// so a scalar — most values of every response — costs no heap box of its own.
public enum ConstValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// An enum value by name (literal defaults keep the distinction from strings).
    case enumValue(String)
    case list([ConstValue])
    case object([(String, ConstValue)])

    public static func == (lhs: ConstValue, rhs: ConstValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.float(let a), .float(let b)): a == b
        case (.string(let a), .string(let b)), (.enumValue(let a), .enumValue(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(value)
        case .float(let value): hasher.combine(value)
        case .string(let value), .enumValue(let value): hasher.combine(value)
        case .list(let values): hasher.combine(values)
        case .object(let fields):
            for (key, value) in fields {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// The value of a key of an object; nil when absent or not an object.
    public subscript(key: String) -> ConstValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }
}

extension Collection<String> {
    /// The first name that comes a second time (only names in `among`, when given); nil if none:
    /// the keys of an object's members, or of a URL's parameters. JSON readers differ on which of
    /// two members with one key counts (JavaScript's takes the last), so requests that repeat a
    /// member or parameter GraphQL reads are refused rather than read one way here.
    /// Inlinable, so a caller's collection type is known where it runs: unspecialized, each of a
    /// POST's look-ups went through the runtime's generic metadata, some 4 µs a request.
    @inlinable
    public func firstRepeated(among: Set<String>? = nil) -> String? {
        // A request has a handful of members: comparing each with those before it costs less than
        // the set (an allocation and a hash of each key) that a long list needs.
        if count <= 8 {
            for index in indices where among?.contains(self[index]) ?? true {
                let name = self[index]
                if self[..<index].contains(name) { return name }
            }
            return nil
        }
        var seen: Set<String> = []
        for name in self where among?.contains(name) ?? true {
            if !seen.insert(name).inserted { return name }
        }
        return nil
    }
}

extension ConstValue {
    /// The value as graphql-js's `inspect` shows it in messages: strings quoted as JSON, objects as
    /// `{ key: value }`, at most ten items of a list (then how many more), and a list or object
    /// nested two deep inside the value as `[Array]` or `[Object]`. Unlike graphql-js it also stops
    /// an object after ten fields and a string after 200 characters: a variable error repeats its
    /// value, and a 769 KB object of 60,000 unknown fields came back as 32 MB of errors.
    var inspected: String { inspect(depth: 0) }

    private static let shownItems = 10, shownCharacters = 200

    private func inspect(depth: Int) -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .int(let value): return String(value)
        case .float(let value):
            // A JSON number too large for a double is infinite, which JSON itself would write as null.
            guard value.isFinite else { return value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity" }
            return json
        case .string(let text):
            guard text.count > Self.shownCharacters else { return json }
            return ConstValue.string(String(text.prefix(Self.shownCharacters))).json
                + "... \(text.count - Self.shownCharacters) more characters"
        case .enumValue(let name): return name
        case .list(let items):
            if items.isEmpty { return "[]" }
            if depth > 1 { return "[Array]" }
            let shown = items.prefix(Self.shownItems).map { $0.inspect(depth: depth + 1) }
            return "[" + Self.joined(shown, more: items.count - shown.count, of: "item") + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            if depth > 1 { return "[Object]" }
            let shown = fields.prefix(Self.shownItems).map { "\($0.0): \($0.1.inspect(depth: depth + 1))" }
            return "{ " + Self.joined(shown, more: fields.count - shown.count, of: "field") + " }"
        }
    }

    private static func joined(_ shown: [String], more: Int, of noun: String) -> String {
        let rest = switch more {
        case 0: [String]()
        case 1: ["... 1 more \(noun)"]
        default: ["... \(more) more \(noun)s"]
        }
        return (shown + rest).joined(separator: ", ")
    }
}

extension ConstValue {
    /// Whether the value's JSON reads back as another value: a Float (1.0 is written `1`, an Int
    /// when read) or an enum value (read as a string), or a list or object holding one.
    var changesThroughJSON: Bool {
        switch self {
        case .float, .enumValue: true
        case .list(let items): items.contains { $0.changesThroughJSON }
        case .object(let fields): fields.contains { $0.1.changesThroughJSON }
        case .null, .bool, .int, .string: false
        }
    }
}
