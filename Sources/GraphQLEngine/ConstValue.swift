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
