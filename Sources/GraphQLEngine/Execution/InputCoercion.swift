import GraphQLLanguage

/// Input coercion (spec 6.1.2, 6.4.1, 3.10): variables from JSON and literals from the document,
/// to values of the expected input types, with graphql-js's messages.
struct InputCoercion {
    let schema: Schema

    struct Failure: Error { var message: String }

    /// graphql-js's `execute` stops coercing variables past this many errors.
    static let maxVariableErrors = 50

    /// CoerceVariableValues, worded as graphql-js words it: each invalid part of a variable's value
    /// is an error of its own, naming the part and where it is (`at "filter.tag"`). Past
    /// `maxVariableErrors` one more error says the rest were not looked at.
    func variables(_ definitions: [VariableDefinition], _ inputs: [(String, ConstValue)], source: Source)
        -> (values: [String: ConstValue], errors: [GraphQLError]) {
        // Sized once: grown as it filled, it was allocated again at the second value and the third.
        var values = [String: ConstValue](minimumCapacity: definitions.count)
        var errors: [GraphQLError] = []
        var tooMany = false
        func fail(_ message: String, _ definition: VariableDefinition) {
            guard errors.count < Self.maxVariableErrors else {
                tooMany = true
                return
            }
            errors.append(GraphQLError(message, ranges: [definition.range], in: source))
        }
        for definition in definitions where !tooMany {
            let name = definition.variable.value
            let type = TypeBuilder.typeRef(definition.type)
            guard schema.kind(of: type.namedType)?.isInput == true else {
                fail("Variable \"$\(name)\" expected value of type \"\(type)\" which cannot be used as an input type.", definition)
                continue
            }
            guard let provided = inputs.first(where: { $0.0 == name })?.1 else {
                if let defaultValue = definition.defaultValue {
                    if let value = try? literal(defaultValue, type, variables: [:]) { values[name] = value }
                } else if type.isNonNull {
                    fail("Variable \"$\(name)\" of required type \"\(type)\" was not provided.", definition)
                }
                continue
            }
            if provided == .null, type.isNonNull {
                fail("Variable \"$\(name)\" of non-null type \"\(type)\" must not be null.", definition)
                continue
            }
            // One error more than may still be reported is enough to know the limit was passed.
            var invalid = InvalidParts(limit: Self.maxVariableErrors - errors.count + 1)
            let coerced = value(provided, type, path: [], &invalid)
            guard !invalid.parts.isEmpty else {
                values[name] = coerced
                continue
            }
            for part in invalid.parts {
                let at = part.path.isEmpty ? "" : " at \"\(name)\(part.path.map { if case .index(let i) = $0 { "[\(i)]" } else { ".\($0)" } }.joined())\""
                fail("Variable \"$\(name)\" got invalid value \(part.value.inspected)\(at); \(part.message)", definition)
            }
        }
        if tooMany {
            errors.append(GraphQLError("Too many errors processing variables, error limit reached. Execution aborted."))
        }
        return (values, errors)
    }

    /// The invalid parts of one value, each with where it sits in the value and why, up to `limit`.
    struct InvalidParts {
        let limit: Int
        var parts: [(path: [PathComponent], value: ConstValue, message: String)] = []
        var isFull: Bool { parts.count >= limit }

        mutating func add(_ path: [PathComponent], _ value: ConstValue, _ message: String) {
            if !isFull { parts.append((path, value, message)) }
        }
    }

    /// CoerceInputValue for a JSON value. Every invalid part goes into `invalid` (graphql-js reports
    /// them all, not the first), and the value returned means nothing when any did.
    func value(_ input: ConstValue, _ type: TypeRef, path: [PathComponent], _ invalid: inout InvalidParts) -> ConstValue {
        switch type {
        case .nonNull(let inner):
            if input == .null {
                invalid.add(path, input, "Expected non-nullable type \"\(type)\" not to be null.")
                return .null
            }
            return value(input, inner, path: path, &invalid)
        case .list(let item):
            if input == .null { return .null }
            guard case .list(let items) = input else { return .list([value(input, item, path: path, &invalid)]) }
            var result: [ConstValue] = []
            result.reserveCapacity(items.count)
            for (index, element) in items.enumerated() where !invalid.isFull {
                result.append(value(element, item, path: path + [.index(index)], &invalid))
            }
            return .list(result)
        case .named(let name):
            if input == .null { return .null }
            guard let kind = schema.kind(of: name) else {
                invalid.add(path, input, "Unknown type \"\(name)\".")
                return .null
            }
            // An input object's type is there to copy: its kind was.
            guard kind == .INPUT_OBJECT, let named = schema.type(name) else {
                do {
                    return try LeafCoercion.parseValue(input, name, kind, in: schema)
                } catch {
                    invalid.add(path, input, error.message)
                    return .null
                }
            }
            guard case .object(let fields) = input else {
                invalid.add(path, input, "Expected type \"\(name)\" to be an object.")
                return .null
            }
            var result: [(String, ConstValue)] = []
            for field in named.inputFields where !invalid.isFull {
                if let provided = fields.first(where: { $0.0 == field.name })?.1 {
                    result.append((field.name, value(provided, field.type, path: path + [.key(field.name)], &invalid)))
                } else if let defaultValue = field.defaultValue {
                    result.append((field.name, defaultValue))
                } else if field.type.isNonNull {
                    invalid.add(path, input, "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided.")
                }
            }
            for (key, _) in fields where named.inputField(key) == nil {
                if invalid.isFull { break }
                invalid.add(path, input, "Field \"\(key)\" is not defined by type \"\(name)\"."
                            + Suggestions.didYouMean(Suggestions.list(key, named.inputFields.map(\.name))))
            }
            if named.isOneOf {
                if result.count != 1 { invalid.add(path, input, "Exactly one key must be specified for OneOf type \"\(name)\".") }
                // Null as sent (a part that failed to coerce is not a null, as in graphql-js).
                if let key = result.first?.0, fields.first(where: { $0.0 == key })?.1 == .null {
                    invalid.add(path + [.key(key)], .null, "Field \"\(key)\" must be non-null.")
                }
            }
            return .object(result)
        }
    }

    /// ValueFromAST: a literal (possibly holding variables) to a value of `type`; throws when invalid.
    func literal(_ node: Value, _ type: TypeRef, variables: [String: ConstValue]) throws(Failure) -> ConstValue {
        if case .variable(let name) = node {
            guard let value = variables[name.value] else { throw Failure(message: "missing variable") }
            if value == .null, type.isNonNull { throw Failure(message: "null variable") }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if case .null = node { throw Failure(message: "null") }
            return try literal(node, inner, variables: variables)
        case .list(let item):
            if case .null = node { return .null }
            if case .list(let items, _) = node {
                var result: [ConstValue] = []
                for element in items {
                    if case .variable(let name) = element, variables[name.value] == nil {
                        if item.isNonNull { throw Failure(message: "missing") }
                        result.append(.null)
                        continue
                    }
                    result.append(try literal(element, item, variables: variables))
                }
                return .list(result)
            }
            return .list([try literal(node, item, variables: variables)])
        case .named(let name):
            if case .null = node { return .null }
            guard let named = schema.type(name) else { throw Failure(message: "unknown type") }
            if named.kind == .INPUT_OBJECT {
                guard case .object(let fields, _) = node else { throw Failure(message: "not an object") }
                var result: [(String, ConstValue)] = []
                for field in named.inputFields {
                    let provided = fields.first { $0.name.value == field.name }?.value
                    if let provided, !isMissingVariable(provided, variables) {
                        result.append((field.name, try literal(provided, field.type, variables: variables)))
                    } else if let defaultValue = field.defaultValue {
                        result.append((field.name, defaultValue))
                    } else if field.type.isNonNull {
                        throw Failure(message: "missing field")
                    }
                }
                if named.isOneOf, result.count != 1 || result.first?.1 == .null { throw Failure(message: "oneOf") }
                return .object(result)
            }
            if LiteralCoercion.leafError(node, named) != nil { throw Failure(message: "invalid") }
            let constant = ValueConversion.constant(node)
            if named.kind == .SCALAR, let coercion = named.coercion {
                guard let parsed = try? coercion.parseLiteral(constant) else { throw Failure(message: "invalid") }
                return parsed
            }
            return named.kind == .ENUM ? constant : LeafCoercion.normalize(constant, named)
        }
    }

    private func isMissingVariable(_ node: Value, _ variables: [String: ConstValue]) -> Bool {
        if case .variable(let name) = node { return variables[name.value] == nil }
        return false
    }

    /// CoerceArgumentValues (spec 6.4.1).
    func arguments(_ definitions: [InputValueDefinition], _ nodes: NodeList<Argument>, variables: [String: ConstValue])
        throws(Failure) -> Arguments {
        var values = [String: ConstValue](minimumCapacity: definitions.count)
        // By index: each definition copied out of the array retained its name, type and default.
        for index in definitions.indices {
            let name = definitions[index].name
            let node = nodes.first { $0.name.value == name }
            if let node {
                if case .variable(let variable) = node.value, variables[variable.value] == nil {
                    if let defaultValue = definitions[index].defaultValue {
                        values[name] = defaultValue
                    } else if definitions[index].type.isNonNull {
                        throw Failure(message: "Argument \"\(name)\" of required type \"\(definitions[index].type)\" was provided the variable \"$\(variable.value)\" which was not provided a runtime value.")
                    }
                    continue
                }
                do {
                    values[name] = try literal(node.value, definitions[index].type, variables: variables)
                } catch {
                    throw Failure(message: "Argument \"\(name)\" has invalid value \(Printer.print(node.value)).")
                }
            } else if let defaultValue = definitions[index].defaultValue {
                values[name] = defaultValue
            } else if definitions[index].type.isNonNull {
                throw Failure(message: "Argument \"\(name)\" of required type \"\(definitions[index].type)\" was not provided.")
            }
        }
        return Arguments(values)
    }
}

