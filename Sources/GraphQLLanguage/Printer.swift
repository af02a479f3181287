/// Prints any AST back to canonical GraphQL, laid out as graphql-js `print` lays it out: two-space
/// indentation, one selection per line, a blank line between definitions, no trailing newline.
public enum Printer {
    public static func print(_ document: Document) -> String {
        document.definitions.map(print).joined(separator: "\n\n")
    }

    public static func print(_ definition: Definition) -> String {
        switch definition {
        case .operation(let node): print(node)
        case .fragment(let node): print(node)
        case .schema(let node):
            described(node.description, join(["schema", directives(node.directives), block(node.operationTypes.map(print))]))
        case .schemaExtension(let node):
            join(["extend schema", directives(node.directives), block(node.operationTypes.map(print))])
        case .type(let node): described(node.description, print(node))
        case .typeExtension(let node): "extend " + print(node)
        case .directive(let node): print(node)
        }
    }

    static func print(_ node: OperationDefinition) -> String {
        let variables = wrap("(", node.variableDefinitions.map(print).joined(separator: ", "), ")")
        let prefix = join([node.operation.rawValue, (node.name?.value ?? "") + variables, directives(node.directives)])
        let body = (prefix == "query" ? "" : prefix + " ") + print(node.selectionSet)
        return described(node.description, body)
    }

    static func print(_ node: VariableDefinition) -> String {
        let text = "$" + node.variable.value + ": " + print(node.type)
            + wrap(" = ", node.defaultValue.map(print) ?? "", "") + wrap(" ", directives(node.directives), "")
        return described(node.description, text)
    }

    public static func print(_ node: SelectionSet) -> String { block(node.selections.map(print)) }

    public static func print(_ selection: Selection) -> String {
        switch selection {
        case .field(let field):
            let prefix = wrap("", field.alias?.value ?? "", ": ") + field.name.value
            var head = prefix + wrap("(", field.arguments.map(print).joined(separator: ", "), ")")
            // 80 as graphql-js counts, in UTF-16 code units.
            if head.utf16.count > 80 {
                head = prefix + wrap("(\n", indent(field.arguments.map(print).joined(separator: "\n")), "\n)")
            }
            return join([head, directives(field.directives), field.selectionSet.map(print) ?? ""])
        case .fragmentSpread(let spread):
            return "..." + spread.name.value + wrap(" ", directives(spread.directives), "")
        case .inlineFragment(let fragment):
            return join(["...", wrap("on ", fragment.typeCondition?.value ?? "", ""), directives(fragment.directives),
                         print(fragment.selectionSet)])
        }
    }

    static func print(_ node: FragmentDefinition) -> String {
        let text = "fragment \(node.name.value) on \(node.typeCondition.value) "
            + wrap("", directives(node.directives), " ") + print(node.selectionSet)
        return described(node.description, text)
    }

    static func print(_ argument: Argument) -> String { argument.name.value + ": " + print(argument.value) }

    public static func print(_ value: Value) -> String {
        switch value {
        case .variable(let name): "$" + name.value
        case .int(let text, _), .float(let text, _): text
        case .string(let string): print(string)
        case .boolean(let flag, _): flag ? "true" : "false"
        case .null: "null"
        case .enumValue(let name): name.value
        case .list(let values, _): "[" + values.map(print).joined(separator: ", ") + "]"
        case .object(let fields, _):
            "{" + fields.map { $0.name.value + ": " + print($0.value) }.joined(separator: ", ") + "}"
        }
    }

    static func print(_ string: StringValue) -> String {
        string.isBlock ? BlockString.print(string.value) : quoted(string.value)
    }

    public static func print(_ type: TypeReference) -> String {
        switch type {
        case .named(let name): name.value
        case .list(let inner, _): "[" + print(inner) + "]"
        case .nonNull(let inner, _): print(inner) + "!"
        }
    }

    static func directives(_ list: NodeList<Directive>) -> String {
        list.map { "@" + $0.name.value + wrap("(", $0.arguments.map(print).joined(separator: ", "), ")") }
            .joined(separator: " ")
    }

    /// A JSON-style quoted string: `"` and `\` escaped, C0 and C1 controls as escapes.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}": result += "\\u" + Lexer.hex(scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    // MARK: Layout helpers, as in graphql-js

    /// Non-empty parts joined by a separator.
    static func join(_ parts: [String], _ separator: String = " ") -> String {
        parts.filter { !$0.isEmpty }.joined(separator: separator)
    }

    /// start + text + end when text is not empty, else "".
    static func wrap(_ start: String, _ text: String, _ end: String) -> String {
        text.isEmpty ? "" : start + text + end
    }

    /// `{`, the items one per line indented, `}`; "" for no items.
    static func block(_ items: [String]) -> String {
        items.isEmpty ? "" : "{\n" + indent(items.joined(separator: "\n")) + "\n}"
    }

    static func indent(_ text: String) -> String {
        text.isEmpty ? "" : "  " + BlockString.replacing(text, "\n", with: "\n  ")
    }

    static func described(_ description: StringValue?, _ text: String) -> String {
        guard let description else { return text }
        return print(description) + "\n" + text
    }
}
