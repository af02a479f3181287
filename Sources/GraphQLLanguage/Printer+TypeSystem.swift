extension Printer {
    static func print(_ operationType: RootOperationTypeDefinition) -> String {
        operationType.operation.rawValue + ": " + operationType.type.value
    }

    /// A type definition without its description (extensions have none; definitions add theirs).
    static func print(_ type: TypeDefinition) -> String {
        switch type {
        case .scalar(let node):
            join(["scalar", node.name.value, directives(node.directives)])
        case .object(let node), .interface(let node):
            join([type.keyword, node.name.value,
                  wrap("implements ", node.interfaces.map(\.value).joined(separator: " & "), ""),
                  directives(node.directives), block(node.fields.map(print))])
        case .union(let node):
            join(["union", node.name.value, directives(node.directives),
                  wrap("= ", node.types.map(\.value).joined(separator: " | "), "")])
        case .enumType(let node):
            join(["enum", node.name.value, directives(node.directives),
                  block(node.values.map { described($0.description, join([$0.name.value, directives($0.directives)])) })])
        case .inputObject(let node):
            join(["input", node.name.value, directives(node.directives), block(node.fields.map(print))])
        }
    }

    static func print(_ field: FieldDefinition) -> String {
        described(field.description,
                  field.name.value + argumentList(field.arguments) + ": " + print(field.type)
                      + wrap(" ", directives(field.directives), ""))
    }

    static func print(_ input: InputValueDefinition) -> String {
        described(input.description,
                  join([input.name.value + ": " + print(input.type), wrap("= ", input.defaultValue.map(print) ?? "", ""),
                        directives(input.directives)]))
    }

    static func print(_ directive: DirectiveDefinition) -> String {
        described(directive.description,
                  "directive @" + directive.name.value + argumentList(directive.arguments)
                      + (directive.isRepeatable ? " repeatable" : "") + " on "
                      + directive.locations.map(\.value).joined(separator: " | "))
    }

    /// Arguments on one line, or one per line when any of them spans lines (a block description).
    static func argumentList(_ arguments: [InputValueDefinition]) -> String {
        let printed = arguments.map(print)
        if printed.contains(where: { $0.contains("\n") }) {
            return wrap("(\n", indent(printed.joined(separator: "\n")), "\n)")
        }
        return wrap("(", printed.joined(separator: ", "), ")")
    }
}

extension TypeDefinition {
    /// The keyword that opens the definition: `scalar`, `type`, `interface`, `union`, `enum` or `input`.
    public var keyword: String {
        switch self {
        case .scalar: "scalar"
        case .object: "type"
        case .interface: "interface"
        case .union: "union"
        case .enumType: "enum"
        case .inputObject: "input"
        }
    }
}
