/// Built-in scalar and enum coercion (spec 3.5, 3.9), worded as graphql-js words it.
enum LeafCoercion {
    /// A variable's JSON value to the internal value of the scalar or enum `name`, of kind `kind`.
    /// A built-in scalar is coerced by its name alone, with no copy of its `SchemaType` (which
    /// retains a dozen references, for every variable of every request); an enum or a custom
    /// scalar by its type.
    static func parseValue(_ input: ConstValue, _ name: String, _ kind: TypeKind, in schema: Schema) throws(CoercionError) -> ConstValue {
        if kind == .SCALAR, let builtIn = try parseBuiltIn(input, named: name) { return builtIn }
        guard let type = schema.type(name) else { return input }
        if kind == .ENUM {
            guard case .string(let value) = input, type.enumValue(value) != nil else {
                let shown = input.inspected
                if case .string(let value) = input {
                    throw CoercionError("Value \"\(value)\" does not exist in \"\(name)\" enum."
                                        + Suggestions.didYouMean(Suggestions.list(value, type.enumValues.map(\.name)), subMessage: "the enum value"))
                }
                throw CoercionError("Enum \"\(name)\" cannot represent non-string value: \(shown).")
            }
            return .enumValue(value)
        }
        guard let coercion = type.coercion else { return input }
        do {
            return try coercion.parseValue(input)
        } catch let error as CoercionError {
            throw error
        } catch {
            throw CoercionError("\(error)")
        }
    }

    /// `parseValue` for a scalar named `name`: the built-in scalars' coercion, by name; nil for any
    /// other scalar, whose coercion is its type's own.
    private static func parseBuiltIn(_ input: ConstValue, named name: String) throws(CoercionError) -> ConstValue? {
        switch (name, input) {
        case ("Int", .int(let number)):
            guard number >= Int(Int32.min), number <= Int(Int32.max) else {
                throw CoercionError("Int cannot represent non 32-bit signed integer value: \(input.inspected)")
            }
            return input
        case ("Int", .float(let number)) where number.isFinite && number == number.rounded():
            // A whole number written with a fraction or an exponent (JSON `1.0`, `1e2`) is an
            // integer to graphql-js (JavaScript has one number type): in range it is taken, out
            // of range it is refused as too large, not as a fraction.
            guard number >= Double(Int32.min), number <= Double(Int32.max) else {
                throw CoercionError("Int cannot represent non 32-bit signed integer value: \(input.inspected)")
            }
            return .int(Int(number))
        case ("Int", _): throw CoercionError("Int cannot represent non-integer value: \(input.inspected)")
        case ("Float", .int(let number)): return .float(Double(number))
        case ("Float", .float): return input
        case ("Float", _): throw CoercionError("Float cannot represent non numeric value: \(input.inspected)")
        case ("String", .string): return input
        case ("String", _): throw CoercionError("String cannot represent a non string value: \(input.inspected)")
        case ("Boolean", .bool): return input
        case ("Boolean", _): throw CoercionError("Boolean cannot represent a non boolean value: \(input.inspected)")
        case ("ID", .string): return input
        case ("ID", .int(let number)): return .string(String(number))
        case ("ID", .float(let number)) where number.isFinite && number == number.rounded():
            return .string(JSONWriter.javaScriptText(number))
        case ("ID", _): throw CoercionError("ID cannot represent value: \(input.inspected)")
        default: return nil
        }
    }

    /// A valid literal's constant as the internal value (`Float` from an int literal, `ID` as text).
    static func normalize(_ value: ConstValue, _ type: SchemaType) -> ConstValue {
        switch (type.name, value) {
        case ("Float", .int(let number)): .float(Double(number))
        case ("ID", .int(let number)): .string(String(number))
        default: value
        }
    }

    /// A resolver's value to its response form (spec 3.5 "Result Coercion"). Each type tries the
    /// Swift type resolvers usually return first, then `ConstValue` (JSON-backed data), then the rest:
    /// every failed cast costs a trip through the runtime, and this runs for every leaf.
    static func serialize(_ value: Any, _ type: borrowing SchemaType) throws(CoercionError) -> ConstValue {
        if type.kind == .ENUM {
            let name: String? = switch value {
            case let text as String: text
            case .enumValue(let text) as ConstValue, .string(let text) as ConstValue: text
            case let raw as any RawRepresentable<String>: raw.rawValue
            default: nil
            }
            guard let name, type.enumValue(name) != nil else {
                throw CoercionError("Enum \"\(type.name)\" cannot represent value: \(describe(value))")
            }
            return .string(name)
        }
        switch ScalarKind(type) {
        case .int:
            let number: Int? = switch value {
            case let int as Int: int
            case .int(let int) as ConstValue: int
            case let int as Int64: Int(int)
            case let int as Int32: Int(int)
            case let flag as Bool: flag ? 1 : 0
            case let double as Double where double == double.rounded() && abs(double) < 1e18: Int(double)
            default: nil
            }
            guard let number else { throw CoercionError("Int cannot represent non-integer value: \(describe(value))") }
            guard Int32(exactly: number) != nil else {
                throw CoercionError("Int cannot represent non 32-bit signed integer value: \(number)")
            }
            return .int(number)
        case .float:
            switch value {
            case let double as Double where double.isFinite: return .float(double)
            case .float(let double) as ConstValue: return .float(double)
            case .int(let int) as ConstValue: return .float(Double(int))
            case let int as Int: return .float(Double(int))
            case let int as Int64: return .float(Double(int))
            default: throw CoercionError("Float cannot represent non numeric value: \(describe(value))")
            }
        case .string:
            switch value {
            case let text as String: return .string(text)
            case .string(let text) as ConstValue: return .string(text)
            case .int(let int) as ConstValue: return .string(String(int))
            case let int as Int: return .string(String(int))
            case let int as Int64: return .string(String(int))
            case let flag as Bool where type.name == "String": return .string(flag ? "true" : "false")
            case let double as Double where type.name == "String": return .string(String(double))
            default: throw CoercionError("\(type.name) cannot represent value: \(describe(value))")
            }
        case .boolean:
            switch value {
            case let flag as Bool: return .bool(flag)
            case .bool(let flag) as ConstValue: return .bool(flag)
            default: throw CoercionError("Boolean cannot represent a non boolean value: \(describe(value))")
            }
        case .coerced:
            // Called where it is kept: bound, the coercion's closures were retained for each value.
            if type.coercion != nil {
                do { return try type.coercion!.serialize(value) } catch { throw CoercionError("\(error)") }
            }
            switch value {
            case let constant as ConstValue: return constant
            case let text as String: return .string(text)
            case let int as Int: return .int(int)
            case let double as Double: return .float(double)
            case let flag as Bool: return .bool(flag)
            default: throw CoercionError("\(type.name) cannot represent value: \(describe(value))")
            }
        }
    }

    private static func describe(_ value: Any) -> String {
        if let constant = value as? ConstValue { return constant.inspected }
        if let text = value as? String { return ConstValue.string(text).inspected }
        return "\(value)"
    }
}

/// The response form of a built-in scalar's values, which a `scalar` resolver's value in that
/// form skips coercion for (see `FieldResolver.scalar`). Enums and custom scalars are `.coerced`:
/// their values are always coerced.
enum ScalarKind: Sendable {
    case string, int, float, boolean, coerced

    /// The built-in scalar `type` is, by name: the one place that maps names to kinds. Borrowed:
    /// an initializer owns its arguments, and a copy of a schema type retains a dozen references.
    init(_ type: borrowing SchemaType) {
        self = switch (type.kind, type.name) {
        case (.SCALAR, "String"), (.SCALAR, "ID"): .string
        case (.SCALAR, "Int"): .int
        case (.SCALAR, "Float"): .float
        case (.SCALAR, "Boolean"): .boolean
        default: .coerced
        }
    }

    /// Whether `value` is already what coercion would make of it.
    func takes(_ value: ConstValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.boolean, .bool): true
        case (.int, .int(let number)): Int32(exactly: number) != nil
        case (.float, .float(let number)): number.isFinite
        default: false
        }
    }
}
