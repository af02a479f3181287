import GraphQLLanguage

/// Prints a schema as SDL, laid out as graphql-js `printSchema` lays it out: the schema block when
/// the root types are not named Query/Mutation/Subscription, then custom directives and named types
/// in definition order; built-in scalars, specified directives and introspection types are left out.
extension Schema {
    public func printed() -> String {
        var blocks: [String] = []
        if let schemaBlock = printedSchemaBlock() { blocks.append(schemaBlock) }
        for directive in directives where !BuiltIns.specifiedDirectives.contains(where: { $0.name == directive.name }) {
            blocks.append(Self.described(directive.description, "")
                + "directive @\(directive.name)\(Self.arguments(directive.arguments, indent: ""))"
                + (directive.isRepeatable ? " repeatable" : "") + " on " + directive.locations.joined(separator: " | "))
        }
        for name in typeNames where !name.hasPrefix("__") && !BuiltIns.scalarNames.contains(name) {
            if let type = types[name] { blocks.append(printed(type)) }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func printedSchemaBlock() -> String? {
        let conventional = (queryType ?? "Query") == "Query" && (mutationType ?? "Mutation") == "Mutation"
            && (subscriptionType ?? "Subscription") == "Subscription"
        if conventional, description == nil { return nil }
        var lines: [String] = []
        if let queryType { lines.append("  query: \(queryType)") }
        if let mutationType { lines.append("  mutation: \(mutationType)") }
        if let subscriptionType { lines.append("  subscription: \(subscriptionType)") }
        return Self.described(description, "") + "schema {\n" + lines.joined(separator: "\n") + "\n}"
    }

    private func printed(_ type: SchemaType) -> String {
        let head = Self.described(type.description, "")
        switch type.kind {
        case .SCALAR:
            let specifiedBy = type.specifiedByURL.map { " @specifiedBy(url: \(Printer.quoted($0)))" } ?? ""
            return head + "scalar \(type.name)\(specifiedBy)"
        case .OBJECT, .INTERFACE:
            let keyword = type.kind == .OBJECT ? "type" : "interface"
            let interfaces = type.interfaces.isEmpty ? "" : " implements " + type.interfaces.joined(separator: " & ")
            let fields = type.fields.map { field in
                Self.described(field.description, "  ") + "  \(field.name)\(Self.arguments(field.arguments, indent: "  ")): \(field.type)"
                    + Self.deprecated(field.deprecationReason)
            }
            return head + "\(keyword) \(type.name)\(interfaces) {\n" + fields.joined(separator: "\n") + "\n}"
        case .UNION:
            return head + "union \(type.name) = " + type.unionMembers.joined(separator: " | ")
        case .ENUM:
            let values = type.enumValues.map {
                Self.described($0.description, "  ") + "  \($0.name)" + Self.deprecated($0.deprecationReason)
            }
            return head + "enum \(type.name) {\n" + values.joined(separator: "\n") + "\n}"
        case .INPUT_OBJECT:
            let fields = type.inputFields.map { Self.described($0.description, "  ") + "  " + Self.inputValue($0) }
            return head + "input \(type.name)\(type.isOneOf ? " @oneOf" : "") {\n" + fields.joined(separator: "\n") + "\n}"
        }
    }

    private static func inputValue(_ value: InputValueDefinition) -> String {
        "\(value.name): \(value.type)" + (value.defaultValue.map { " = " + Printer.print(ValueConversion.literal($0)) } ?? "")
            + deprecated(value.deprecationReason)
    }

    /// Arguments on one line, or one per line when any has a description.
    private static func arguments(_ arguments: [InputValueDefinition], indent: String) -> String {
        guard !arguments.isEmpty else { return "" }
        if arguments.allSatisfy({ $0.description == nil }) {
            return "(" + arguments.map(inputValue).joined(separator: ", ") + ")"
        }
        let lines = arguments.map { described($0.description, indent + "  ") + indent + "  " + inputValue($0) }
        return "(\n" + lines.joined(separator: "\n") + "\n\(indent))"
    }

    private static func deprecated(_ reason: String?) -> String {
        guard let reason else { return "" }
        return reason == "No longer supported" ? " @deprecated" : " @deprecated(reason: \(Printer.quoted(reason)))"
    }

    /// A description line (block string when it spans lines), indented, followed by a newline.
    private static func described(_ description: String?, _ indent: String) -> String {
        guard let description else { return "" }
        let literal = description.contains("\n") || description.utf8.count > 70
            ? BlockString.print(description) : Printer.quoted(description)
        return indent + literal.split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n" + indent) + "\n"
    }
}
