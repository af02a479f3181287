/// Value[Const] :: Variable | IntValue | FloatValue | StringValue | BooleanValue | NullValue | EnumValue
/// | ListValue | ObjectValue (spec 2.9)
///
/// Not `indirect`: lists and objects already hold their children in arrays, so no case needs a box
/// of its own, and a scalar value costs no heap allocation.
public enum Value: Sendable, Hashable {
    /// A variable's name, without `$`.
    case variable(Name)
    /// The literal digits, as written (the engine decides whether they fit its Int).
    case int(String, SourceRange)
    case float(String, SourceRange)
    case string(StringValue)
    case boolean(Bool, SourceRange)
    case null(SourceRange)
    case enumValue(Name)
    case list([Value], SourceRange)
    case object([ObjectField], SourceRange)

    public var range: SourceRange {
        switch self {
        case .variable(let name), .enumValue(let name): name.range
        case .int(_, let range), .float(_, let range), .boolean(_, let range), .null(let range): range
        case .string(let string): string.range
        case .list(_, let range), .object(_, let range): range
        }
    }
}

/// StringValue, either quoted or block; `value` has escapes and indentation resolved.
public struct StringValue: Sendable, Hashable {
    public var value: String
    public var isBlock: Bool
    public var range: SourceRange
    public init(value: String, isBlock: Bool, range: SourceRange = SourceRange(start: 0, end: 0)) {
        self.value = value
        self.isBlock = isBlock
        self.range = range
    }
}

/// ObjectField :: Name : Value
public struct ObjectField: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var range: SourceRange

    public init(name: Name, value: Value, range: SourceRange) {
        self.name = name
        self.value = value
        self.range = range
    }
}
