import GraphQLLanguage

/// Whether a literal fits a leaf type, with the message graphql-js's `parseLiteral` gives when not.
enum LiteralCoercion {
    static func leafError(_ value: Value, _ type: SchemaType) -> String? {
        let printed = Printer.print(value)
        if type.kind == .ENUM {
            guard case .enumValue(let name) = value else {
                return "Enum \"\(type.name)\" cannot represent non-enum value: \(printed)." + enumSuggestion(type, printed)
            }
            if type.enumValue(name.value) == nil {
                return "Value \"\(name.value)\" does not exist in \"\(type.name)\" enum." + enumSuggestion(type, printed)
            }
            return nil
        }
        switch (type.name, value) {
        case ("Int", .int(let text, _)):
            guard let number = Int(text), number >= Int(Int32.min), number <= Int(Int32.max) else {
                return "Int cannot represent non 32-bit signed integer value: \(text)"
            }
            return nil
        case ("Int", _): return "Int cannot represent non-integer value: \(printed)"
        case ("Float", .int), ("Float", .float): return nil
        case ("Float", _): return "Float cannot represent non numeric value: \(printed)"
        case ("String", .string): return nil
        case ("String", _): return "String cannot represent a non string value: \(printed)"
        case ("Boolean", .boolean): return nil
        case ("Boolean", _): return "Boolean cannot represent a non boolean value: \(printed)"
        case ("ID", .string), ("ID", .int): return nil
        case ("ID", _): return "ID cannot represent a non-string and non-integer value: \(printed)"
        default:
            guard let parse = type.coercion?.parseLiteral else { return nil }  // custom scalars accept any literal
            do {
                if try parse(ValueConversion.constant(value)) == nil {
                    return "Expected value of type \"\(type.name)\", found \(printed)."
                }
                return nil
            } catch {
                return "Expected value of type \"\(type.name)\", found \(printed); \(error)"
            }
        }
    }

    private static func enumSuggestion(_ type: SchemaType, _ printed: String) -> String {
        Suggestions.didYouMean(Suggestions.list(printed, type.enumValues.map(\.name)), subMessage: "the enum value")
    }
}
