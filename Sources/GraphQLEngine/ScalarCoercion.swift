/// How a custom scalar turns values into and out of GraphQL (spec 3.5.1). Built-in scalars have
/// theirs in the engine; a custom scalar without one passes values through unchanged.
public struct ScalarCoercion: Sendable {
    /// A resolver's value to its response form; throws when it cannot be represented.
    public var serialize: @Sendable (Any) throws -> ConstValue
    /// A variable's JSON value to the internal value; throws with a message when invalid.
    public var parseValue: @Sendable (ConstValue) throws -> ConstValue
    /// A literal from the document to the internal value; nil or a thrown error when invalid.
    public var parseLiteral: @Sendable (ConstValue) throws -> ConstValue?

    public init(serialize: @escaping @Sendable (Any) throws -> ConstValue,
                parseValue: @escaping @Sendable (ConstValue) throws -> ConstValue,
                parseLiteral: @escaping @Sendable (ConstValue) throws -> ConstValue?) {
        self.serialize = serialize
        self.parseValue = parseValue
        self.parseLiteral = parseLiteral
    }
}

/// A coercion failure with a message for the client, e.g. `DateTime cannot represent "soon"`.
public struct CoercionError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Schema {
    /// The same schema with coercion rules for a custom scalar.
    public func withScalar(_ name: String, _ coercion: ScalarCoercion) -> Schema {
        var copy = self
        copy.types[name]?.coercion = coercion
        return copy
    }
}
