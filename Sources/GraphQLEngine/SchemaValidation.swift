/// Schema validation (spec 3, "Type Validation"): run once when a schema is built. Messages are
/// worded as graphql-js `assertValidSchema` words them.
extension Schema {
    public func validate() -> [String] {
        var errors: [String] = []
        if let query = queryType {
            if let type = types[query], type.kind != .OBJECT {
                errors.append("Query root type must be Object type, it cannot be \(query).")
            } else if types[query] == nil {
                errors.append("Unknown type \"\(query)\".")
            }
        } else {
            errors.append("Query root type must be provided.")
        }
        for (operation, name) in [("Mutation", mutationType), ("Subscription", subscriptionType)] {
            if let name, kind(of: name) != .OBJECT {
                errors.append("\(operation) root type must be Object type if provided, it cannot be \(name).")
            }
        }
        for name in typeNames {
            guard let type = types[name], !name.hasPrefix("__") else { continue }
            errors += validate(type)
        }
        return errors
    }

    private func validate(_ type: SchemaType) -> [String] {
        var errors: [String] = []
        let name = type.name
        switch type.kind {
        case .OBJECT, .INTERFACE:
            if type.fields.isEmpty { errors.append("Type \(name) must define one or more fields.") }
            for field in type.fields {
                if let fieldType = types[field.type.namedType] {
                    if !fieldType.isOutput {
                        errors.append("The type of \(name).\(field.name) must be Output Type but got: \(field.type).")
                    }
                } else {
                    errors.append("Unknown type \"\(field.type.namedType)\".")
                }
                for argument in field.arguments where types[argument.type.namedType]?.isInput != true {
                    errors.append("The type of \(name).\(field.name)(\(argument.name):) must be Input Type but got: \(argument.type).")
                }
            }
            for interfaceName in type.interfaces {
                guard let interface = types[interfaceName], interface.kind == .INTERFACE else {
                    errors.append("Type \(name) must only implement Interface types, it cannot implement \(interfaceName).")
                    continue
                }
                errors += validateImplementation(type, of: interface)
            }
        case .UNION:
            if type.unionMembers.isEmpty { errors.append("Union type \(name) must define one or more member types.") }
            for member in type.unionMembers where kind(of: member) != .OBJECT {
                errors.append("Union type \(name) can only include Object types, it cannot include \(member).")
            }
        case .ENUM:
            if type.enumValues.isEmpty { errors.append("Enum type \(name) must define one or more values.") }
        case .INPUT_OBJECT:
            if type.inputFields.isEmpty { errors.append("Input Object type \(name) must define one or more fields.") }
            for field in type.inputFields {
                if types[field.type.namedType]?.isInput != true {
                    errors.append("The type of \(name).\(field.name) must be Input Type but got: \(field.type).")
                }
                if type.isOneOf {
                    if field.type.isNonNull { errors.append("OneOf input field \(name).\(field.name) must be nullable.") }
                    if field.defaultValue != nil { errors.append("OneOf input field \(name).\(field.name) cannot have a default value.") }
                }
            }
        case .SCALAR:
            break
        }
        return errors
    }

    /// An object or interface provides every field of an interface it claims, with compatible types.
    private func validateImplementation(_ type: SchemaType, of interface: SchemaType) -> [String] {
        var errors: [String] = []
        for interfaceField in interface.fields {
            let fieldName = "\(interface.name).\(interfaceField.name)"
            guard let field = type.field(interfaceField.name) else {
                errors.append("Interface field \(fieldName) expected but \(type.name) does not provide it.")
                continue
            }
            if !isTypeSubType(field.type, of: interfaceField.type) {
                errors.append("Interface field \(fieldName) expects type \(interfaceField.type) but \(type.name).\(field.name) is type \(field.type).")
            }
            for argument in interfaceField.arguments {
                guard let own = field.argument(argument.name) else {
                    errors.append("Interface field argument \(fieldName)(\(argument.name):) expected but \(type.name).\(field.name) does not provide it.")
                    continue
                }
                if own.type != argument.type {
                    errors.append("Interface field argument \(fieldName)(\(argument.name):) expects type \(argument.type) but \(type.name).\(field.name)(\(argument.name):) is type \(own.type).")
                }
            }
        }
        for inherited in interface.interfaces where !type.interfaces.contains(inherited) && inherited != type.name {
            errors.append("Type \(type.name) must implement \(inherited) because it is implemented by \(interface.name).")
        }
        return errors
    }
}
