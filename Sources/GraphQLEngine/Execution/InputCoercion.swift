import GraphQLLanguage

/// Input coercion (spec 6.1.2, 6.4.1, 3.10): variables from JSON and literals from the document,
/// to values of the expected input types, with graphql-js's messages.
struct InputCoercion {
    let schema: Schema

    struct Failure: Error { var message: String }

    /// CoerceVariableValues: one error per bad variable.
    func variables(_ definitions: [VariableDefinition], _ inputs: [(String, ConstValue)], source: Source)
        -> (values: [String: ConstValue], errors: [GraphQLError]) {
        var values: [String: ConstValue] = [:]
        var errors: [GraphQLError] = []
        for definition in definitions {
            let name = definition.variable.value
            let type = TypeBuilder.typeRef(definition.type)
            let location = [definition.range]
            guard let named = schema.type(type.namedType), named.isInput else {
                errors.append(GraphQLError("Variable \"$\(name)\" expected value of type \"\(type)\" which cannot be used as an input type.",
                                           ranges: location, in: source))
                continue
            }
            guard let provided = inputs.first(where: { $0.0 == name })?.1 else {
                if let defaultValue = definition.defaultValue {
                    if let value = try? literal(defaultValue, type, variables: [:]) { values[name] = value }
                } else if type.isNonNull {
                    errors.append(GraphQLError("Variable \"$\(name)\" of required type \"\(type)\" was not provided.",
                                               ranges: location, in: source))
                }
                continue
            }
            if provided == .null, type.isNonNull {
                errors.append(GraphQLError("Variable \"$\(name)\" of non-null type \"\(type)\" must not be null.",
                                           ranges: location, in: source))
                continue
            }
            do {
                values[name] = try value(provided, type, path: [])
            } catch {
                errors.append(GraphQLError("Variable \"$\(name)\" got invalid value \(provided.json); \(error.message)",
                                           ranges: location, in: source))
            }
        }
        return (values, errors)
    }

    /// CoerceInputValue for a JSON value.
    func value(_ input: ConstValue, _ type: TypeRef, path: [PathComponent]) throws(Failure) -> ConstValue {
        let at = path.isEmpty ? "" : " at \"value\(path.map { if case .index(let i) = $0 { "[\(i)]" } else { ".\($0)" } }.joined())\""
        switch type {
        case .nonNull(let inner):
            if input == .null { throw Failure(message: "Expected non-nullable type \"\(type)\" not to be null\(at.isEmpty ? "" : at).") }
            return try value(input, inner, path: path)
        case .list(let item):
            if input == .null { return .null }
            if case .list(let items) = input {
                var result: [ConstValue] = []
                for (index, element) in items.enumerated() { result.append(try value(element, item, path: path + [.index(index)])) }
                return .list(result)
            }
            return .list([try value(input, item, path: path)])
        case .named(let name):
            if input == .null { return .null }
            guard let named = schema.type(name) else { throw Failure(message: "Unknown type \"\(name)\".") }
            if named.kind == .INPUT_OBJECT {
                guard case .object(let fields) = input else {
                    throw Failure(message: "Expected type \"\(name)\" to be an object\(at).")
                }
                var result: [(String, ConstValue)] = []
                for field in named.inputFields {
                    if let provided = fields.first(where: { $0.0 == field.name })?.1 {
                        result.append((field.name, try value(provided, field.type, path: path + [.key(field.name)])))
                    } else if let defaultValue = field.defaultValue {
                        result.append((field.name, defaultValue))
                    } else if field.type.isNonNull {
                        throw Failure(message: "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided\(at).")
                    }
                }
                for (key, _) in fields where named.inputField(key) == nil {
                    throw Failure(message: "Field \"\(key)\" is not defined by type \"\(name)\"\(at)."
                                  + Suggestions.didYouMean(Suggestions.list(key, named.inputFields.map(\.name))))
                }
                if named.isOneOf {
                    guard result.count == 1 else { throw Failure(message: "Exactly one key must be specified for OneOf type \"\(name)\"\(at).") }
                    if result[0].1 == .null { throw Failure(message: "Field \"\(result[0].0)\" must be non-null\(at).") }
                }
                return .object(result)
            }
            do {
                return try LeafCoercion.parseValue(input, named)
            } catch {
                throw Failure(message: error.message)
            }
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
        var values: [String: ConstValue] = [:]
        for definition in definitions {
            let name = definition.name
            let node = nodes.first { $0.name.value == name }
            if let node {
                if case .variable(let variable) = node.value, variables[variable.value] == nil {
                    if let defaultValue = definition.defaultValue {
                        values[name] = defaultValue
                    } else if definition.type.isNonNull {
                        throw Failure(message: "Argument \"\(name)\" of required type \"\(definition.type)\" was provided the variable \"$\(variable.value)\" which was not provided a runtime value.")
                    }
                    continue
                }
                do {
                    values[name] = try literal(node.value, definition.type, variables: variables)
                } catch {
                    throw Failure(message: "Argument \"\(name)\" has invalid value \(Printer.print(node.value)).")
                }
            } else if let defaultValue = definition.defaultValue {
                values[name] = defaultValue
            } else if definition.type.isNonNull {
                throw Failure(message: "Argument \"\(name)\" of required type \"\(definition.type)\" was not provided.")
            }
        }
        return Arguments(values)
    }
}

