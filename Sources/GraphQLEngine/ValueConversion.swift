import GraphQLLanguage

/// Literal values from the AST as `ConstValue`s, without a type to guide them.
enum ValueConversion {
    /// A constant literal (variables, which constants cannot hold, become null).
    static func constant(_ value: Value) -> ConstValue {
        switch value {
        case .variable: .null
        case .int(let text, _): Int(text).map(ConstValue.int) ?? .float(Double(text) ?? 0)
        case .float(let text, _): .float(Double(text) ?? 0)
        case .string(let string): .string(string.value)
        case .boolean(let flag, _): .bool(flag)
        case .null: .null
        case .enumValue(let name): .enumValue(name.value)
        case .list(let values, _): .list(values.map(constant))
        case .object(let fields, _): .object(fields.map { ($0.name.value, constant($0.value)) })
        }
    }

    /// Whether a variable appears anywhere in a literal.
    static func mentionsVariable(_ value: Value) -> Bool {
        switch value {
        case .variable: true
        case .list(let items, _): items.contains(where: mentionsVariable)
        case .object(let fields, _): fields.contains { mentionsVariable($0.value) }
        default: false
        }
    }

    /// A constant as a GraphQL literal, as introspection's `defaultValue` shows it.
    static func literal(_ value: ConstValue) -> Value {
        let none = SourceRange(start: 0, end: 0)
        switch value {
        case .null: return .null(none)
        case .bool(let flag): return .boolean(flag, none)
        case .int(let number): return .int(String(number), none)
        case .float(let number):
            let text = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
            return text.contains(".") || text.contains("e") ? .float(text, none) : .int(text, none)
        case .string(let text): return .string(StringValue(value: text, isBlock: false))
        case .enumValue(let name): return .enumValue(Name(name))
        case .list(let values): return .list(values.map(literal), none)
        case .object(let fields):
            return .object(fields.map { ObjectField(name: Name($0.0), value: literal($0.1), range: none) }, none)
        }
    }
}
