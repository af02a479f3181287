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

extension ConstValue {
    /// The value as graphql-js's `inspect` shows it in messages: strings quoted as JSON, objects as
    /// `{ key: value }`, at most ten items of a list (then how many more), and a list or object
    /// nested two deep inside the value as `[Array]` or `[Object]`.
    var inspected: String { inspect(depth: 0) }

    private func inspect(depth: Int) -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .int(let value): return String(value)
        case .float, .string: return json
        case .enumValue(let name): return name
        case .list(let items):
            if items.isEmpty { return "[]" }
            if depth > 1 { return "[Array]" }
            var shown = items.prefix(10).map { $0.inspect(depth: depth + 1) }
            switch items.count - shown.count {
            case 0: break
            case 1: shown.append("... 1 more item")
            case let more: shown.append("... \(more) more items")
            }
            return "[" + shown.joined(separator: ", ") + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            if depth > 1 { return "[Object]" }
            return "{ " + fields.map { "\($0.0): \($0.1.inspect(depth: depth + 1))" }.joined(separator: ", ") + " }"
        }
    }
}
