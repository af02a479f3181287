extension Parser {
    /// SchemaDefinition :: Description? schema Directives[Const]? { RootOperationTypeDefinition+ }
    mutating func parseSchemaDefinition() throws(GraphQLSyntaxError) -> SchemaDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectiveList(isConst: true)
        let operationTypes = try many(.braceLeft, .braceRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
            try p.parseRootOperationTypeDefinition()
        }
        return SchemaDefinition(description: description, directives: directives,
                                operationTypes: operationTypes, range: range(from: start))
    }

    /// RootOperationTypeDefinition :: OperationType : NamedType
    mutating func parseRootOperationTypeDefinition() throws(GraphQLSyntaxError) -> RootOperationTypeDefinition {
        let start = token.start
        let operation = try parseOperationType()
        try expect(.colon)
        let type = try parseName()
        return RootOperationTypeDefinition(operation: operation, type: type, range: range(from: start))
    }

    /// TypeDefinition :: ScalarTypeDefinition | ObjectTypeDefinition | InterfaceTypeDefinition
    /// | UnionTypeDefinition | EnumTypeDefinition | InputObjectTypeDefinition
    mutating func parseTypeDefinition() throws(GraphQLSyntaxError) -> TypeDefinition {
        let start = token.start
        let description = try parseDescription()
        let keywordToken = token
        let keyword = tokenText
        try advance()
        let name = try parseName()
        switch keyword {
        case "scalar":
            let directives = try parseDirectiveList(isConst: true)
            return .scalar(ScalarTypeDefinition(description: description, name: name, directives: directives,
                                                range: range(from: start)))
        case "type", "interface":
            let interfaces = try parseImplementsInterfaces()
            let directives = try parseDirectiveList(isConst: true)
            let fields = try parseFieldsDefinition()
            let node = ObjectTypeDefinition(description: description, name: name, interfaces: interfaces,
                                            directives: directives, fields: fields, range: range(from: start))
            return keyword == "type" ? .object(node) : .interface(node)
        case "union":
            let directives = try parseDirectiveList(isConst: true)
            let types = try parseUnionMemberTypes()
            return .union(UnionTypeDefinition(description: description, name: name, directives: directives,
                                              types: types, range: range(from: start)))
        case "enum":
            let directives = try parseDirectiveList(isConst: true)
            let values = try parseEnumValuesDefinition()
            return .enumType(EnumTypeDefinition(description: description, name: name, directives: directives,
                                                values: values, range: range(from: start)))
        case "input":
            let directives = try parseDirectiveList(isConst: true)
            let fields = try parseInputFieldsDefinition()
            return .inputObject(InputObjectTypeDefinition(description: description, name: name,
                                                          directives: directives, fields: fields,
                                                          range: range(from: start)))
        default:
            throw unexpected(keywordToken)
        }
    }

    /// ImplementsInterfaces :: implements `&`? NamedType (`&` NamedType)*
    mutating func parseImplementsInterfaces() throws(GraphQLSyntaxError) -> [Name] {
        guard try optionalKeyword("implements") else { return [] }
        return try delimitedMany(.ampersand) { (p: inout Parser) throws(GraphQLSyntaxError) in try p.parseName() }
    }

    /// FieldsDefinition :: { FieldDefinition+ }
    mutating func parseFieldsDefinition() throws(GraphQLSyntaxError) -> [FieldDefinition] {
        try optionalMany(.braceLeft, .braceRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
            let start = p.token.start
            let description = try p.parseDescription()
            let name = try p.parseName()
            let arguments = try p.parseArgumentsDefinition()
            try p.expect(.colon)
            let type = try p.parseTypeReference()
            let directives = try p.parseDirectiveList(isConst: true)
            return FieldDefinition(description: description, name: name, arguments: arguments, type: type,
                                   directives: directives, range: p.range(from: start))
        }
    }

    /// ArgumentsDefinition :: ( InputValueDefinition+ )
    mutating func parseArgumentsDefinition() throws(GraphQLSyntaxError) -> [InputValueDefinition] {
        try optionalMany(.parenLeft, .parenRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
            try p.parseInputValueDefinition()
        }
    }

    /// InputFieldsDefinition :: { InputValueDefinition+ }
    mutating func parseInputFieldsDefinition() throws(GraphQLSyntaxError) -> [InputValueDefinition] {
        try optionalMany(.braceLeft, .braceRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
            try p.parseInputValueDefinition()
        }
    }

    /// InputValueDefinition :: Description? Name : Type DefaultValue? Directives[Const]?
    mutating func parseInputValueDefinition() throws(GraphQLSyntaxError) -> InputValueDefinition {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try optional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectiveList(isConst: true)
        return InputValueDefinition(description: description, name: name, type: type, defaultValue: defaultValue,
                                    directives: directives, range: range(from: start))
    }

    /// UnionMemberTypes :: = `|`? NamedType (`|` NamedType)*
    mutating func parseUnionMemberTypes() throws(GraphQLSyntaxError) -> [Name] {
        guard try optional(.equals) else { return [] }
        return try delimitedMany(.pipe) { (p: inout Parser) throws(GraphQLSyntaxError) in try p.parseName() }
    }

    /// EnumValuesDefinition :: { EnumValueDefinition+ }
    mutating func parseEnumValuesDefinition() throws(GraphQLSyntaxError) -> [EnumValueDefinition] {
        try optionalMany(.braceLeft, .braceRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
            let start = p.token.start
            let description = try p.parseDescription()
            // EnumValue :: Name but not `true`, `false` or `null`
            if p.peek(.name), ["true", "false", "null"].contains(p.tokenText) {
                throw p.lexer.error(
                    "Name \"\(p.tokenText)\" is reserved and cannot be used for an enum value.", at: p.token.start)
            }
            let name = try p.parseName()
            let directives = try p.parseDirectiveList(isConst: true)
            return EnumValueDefinition(description: description, name: name, directives: directives,
                                       range: p.range(from: start))
        }
    }

    /// DirectiveDefinition :: Description? directive @ Name ArgumentsDefinition? `repeatable`? on
    /// DirectiveLocations
    mutating func parseDirectiveDefinition() throws(GraphQLSyntaxError) -> DirectiveDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentsDefinition()
        let isRepeatable = try optionalKeyword("repeatable")
        try expectKeyword("on")
        // DirectiveLocations :: `|`? DirectiveLocation (`|` DirectiveLocation)*
        let locations = try delimitedMany(.pipe) { (p: inout Parser) throws(GraphQLSyntaxError) in
            let locationToken = p.token
            let location = try p.parseName()
            guard DirectiveLocation(rawValue: location.value) != nil else { throw p.unexpected(locationToken) }
            return location
        }
        return DirectiveDefinition(description: description, name: name, arguments: arguments,
                                   isRepeatable: isRepeatable, locations: locations, range: range(from: start))
    }

    /// TypeSystemExtension :: SchemaExtension | TypeExtension — each must add something.
    mutating func parseTypeSystemExtension() throws(GraphQLSyntaxError) -> Definition {
        let keywordToken = try lookahead()
        guard keywordToken.kind == .name else { throw unexpected(keywordToken) }
        let keyword = String(decoding: lexer.bytes[keywordToken.start..<keywordToken.end], as: UTF8.self)
        let start = token.start
        switch keyword {
        case "schema":
            try expectKeyword("extend")
            try expectKeyword("schema")
            let directives = try parseDirectiveList(isConst: true)
            let operationTypes = try optionalMany(.braceLeft, .braceRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
                try p.parseRootOperationTypeDefinition()
            }
            if directives.isEmpty, operationTypes.isEmpty { throw unexpected() }
            return .schemaExtension(SchemaDefinition(description: nil, directives: directives,
                                                     operationTypes: operationTypes, range: range(from: start)))
        case "scalar", "type", "interface", "union", "enum", "input":
            try expectKeyword("extend")
            var definition = try parseTypeDefinition()
            let addsNothing: Bool
            switch definition {
            case .scalar(let node): addsNothing = node.directives.isEmpty
            case .object(let node), .interface(let node):
                addsNothing = node.interfaces.isEmpty && node.directives.isEmpty && node.fields.isEmpty
            case .union(let node): addsNothing = node.directives.isEmpty && node.types.isEmpty
            case .enumType(let node): addsNothing = node.directives.isEmpty && node.values.isEmpty
            case .inputObject(let node): addsNothing = node.directives.isEmpty && node.fields.isEmpty
            }
            if addsNothing { throw unexpected() }
            definition.setRangeStart(start)
            return .typeExtension(definition)
        default:
            throw unexpected(keywordToken)
        }
    }
}

extension TypeDefinition {
    /// Extensions begin at `extend`, before the definition's own keyword.
    mutating func setRangeStart(_ start: Int) {
        switch self {
        case .scalar(var node): node.range.start = start; self = .scalar(node)
        case .object(var node): node.range.start = start; self = .object(node)
        case .interface(var node): node.range.start = start; self = .interface(node)
        case .union(var node): node.range.start = start; self = .union(node)
        case .enumType(var node): node.range.start = start; self = .enumType(node)
        case .inputObject(var node): node.range.start = start; self = .inputObject(node)
        }
    }
}
