extension Parser {
    /// Document :: Definition+
    mutating func parseDocument() throws(GraphQLSyntaxError) -> Document {
        let start = token.start
        var definitions: [Definition] = []
        repeat { definitions.append(try parseDefinition()) } while try !optional(.endOfFile)
        return Document(definitions: definitions, range: range(from: start))
    }

    /// Definition :: ExecutableDefinition | TypeSystemDefinitionOrExtension
    ///
    /// A description may precede operations, fragments and type-system definitions (the 2025 edition
    /// allows descriptions on executable definitions), so a leading string is looked past.
    mutating func parseDefinition() throws(GraphQLSyntaxError) -> Definition {
        if peek(.braceLeft) { return .operation(try parseOperationDefinition()) }
        let hasDescription = peekDescription
        let keyword = hasDescription ? try lookahead() : token
        if hasDescription, keyword.kind == .braceLeft {
            throw lexer.error(
                "Unexpected description, descriptions are not supported on shorthand queries.", at: token.start)
        }
        if keyword.kind == .name {
            let lexer = self.lexer
            func spells(_ word: StaticString) -> Bool { lexer.spells(keyword, word) }
            if spells("query") || spells("mutation") || spells("subscription") {
                return .operation(try parseOperationDefinition())
            }
            if spells("fragment") { return .fragment(try parseFragmentDefinition()) }
            if spells("schema") { return .schema(try parseSchemaDefinition()) }
            if spells("scalar") || spells("type") || spells("interface") || spells("union") || spells("enum") || spells("input") {
                return .type(try parseTypeDefinition())
            }
            if spells("directive") { return .directive(try parseDirectiveDefinition()) }
            if spells("extend") {
                if hasDescription {
                    throw lexer.error(
                        "Unexpected description, descriptions are supported only on type definitions.",
                        at: token.start)
                }
                return try parseTypeSystemExtension()
            }
        }
        throw unexpected(keyword)
    }

    /// OperationDefinition :: Description? OperationType Name? VariablesDefinition? Directives? SelectionSet
    /// | SelectionSet
    mutating func parseOperationDefinition() throws(GraphQLSyntaxError) -> OperationDefinition {
        let start = token.start
        if peek(.braceLeft) {
            let selectionSet = try parseSelectionSet()
            return OperationDefinition(description: nil, operation: .query, name: nil, variableDefinitions: [],
                                       directives: [], selectionSet: selectionSet, range: range(from: start))
        }
        let description = try parseDescription()
        let operation = try parseOperationType()
        let name = peek(.name) ? try parseName() : nil
        let variables = try optionalMany(.parenLeft, .parenRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
            try p.parseVariableDefinition()
        }
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return OperationDefinition(description: description, operation: operation, name: name,
                                   variableDefinitions: variables, directives: directives,
                                   selectionSet: selectionSet, range: range(from: start))
    }

    /// OperationType :: one of `query` `mutation` `subscription`
    mutating func parseOperationType() throws(GraphQLSyntaxError) -> OperationType {
        let operationToken = token
        let operation: OperationType
        if isKeyword("query") { operation = .query }
        else if isKeyword("mutation") { operation = .mutation }
        else if isKeyword("subscription") { operation = .subscription }
        else { throw unexpected(operationToken) }
        try advance()
        return operation
    }

    /// VariableDefinition :: Description? Variable : Type DefaultValue? Directives[Const]?
    mutating func parseVariableDefinition() throws(GraphQLSyntaxError) -> VariableDefinition {
        let start = token.start
        let description = try parseDescription()
        let variable = try parseVariable()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try optional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return VariableDefinition(description: description, variable: variable, type: type,
                                  defaultValue: defaultValue, directives: directives, range: range(from: start))
    }

    /// Variable :: $ Name — returns the name with the `$` in its range.
    mutating func parseVariable() throws(GraphQLSyntaxError) -> Name {
        let start = token.start
        try expect(.dollar)
        let name = try parseName()
        return Name(name.value, range: range(from: start))
    }

    /// SelectionSet :: { Selection+ }
    mutating func parseSelectionSet() throws(GraphQLSyntaxError) -> SelectionSet {
        let start = token.start
        try descend()
        let selections = try many(.braceLeft, .braceRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
            try p.parseSelection()
        }
        ascend()
        return SelectionSet(selections: selections, range: range(from: start))
    }

    /// Selection :: Field | FragmentSpread | InlineFragment
    mutating func parseSelection() throws(GraphQLSyntaxError) -> Selection {
        peek(.spread) ? try parseFragment() : .field(try parseField())
    }

    /// Field :: Alias? Name Arguments? Directives? SelectionSet?
    mutating func parseField() throws(GraphQLSyntaxError) -> Field {
        let start = token.start
        let nameOrAlias = try parseName()
        var alias: Name? = nil
        var name = nameOrAlias
        if try optional(.colon) {
            alias = nameOrAlias
            name = try parseName()
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet = peek(.braceLeft) ? try parseSelectionSet() : nil
        return Field(alias: alias, name: name, arguments: arguments, directives: directives,
                     selectionSet: selectionSet, range: range(from: start))
    }

    /// Arguments[Const] :: ( Argument[?Const]+ )
    mutating func parseArguments(isConst: Bool) throws(GraphQLSyntaxError) -> [Argument] {
        try optionalMany(.parenLeft, .parenRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
            let start = p.token.start
            let name = try p.parseName()
            try p.expect(.colon)
            let value = try p.parseValueLiteral(isConst: isConst)
            return Argument(name: name, value: value, range: p.range(from: start))
        }
    }

    /// FragmentSpread :: ... FragmentName Directives?
    /// InlineFragment :: ... TypeCondition? Directives? SelectionSet
    mutating func parseFragment() throws(GraphQLSyntaxError) -> Selection {
        let start = token.start
        try expect(.spread)
        let hasTypeCondition = try optionalKeyword("on")
        if !hasTypeCondition, peek(.name) {
            let name = try parseName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(FragmentSpread(name: name, directives: directives, range: range(from: start)))
        }
        let typeCondition = hasTypeCondition ? try parseName() : nil
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return .inlineFragment(InlineFragment(typeCondition: typeCondition, directives: directives,
                                              selectionSet: selectionSet, range: range(from: start)))
    }

    /// FragmentDefinition :: Description? fragment FragmentName TypeCondition Directives? SelectionSet
    mutating func parseFragmentDefinition() throws(GraphQLSyntaxError) -> FragmentDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseName()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return FragmentDefinition(description: description, name: name, typeCondition: typeCondition,
                                  directives: directives, selectionSet: selectionSet, range: range(from: start))
    }

    /// FragmentName :: Name but not `on`
    mutating func parseFragmentName() throws(GraphQLSyntaxError) -> Name {
        if isKeyword("on") { throw unexpected() }
        return try parseName()
    }

    /// Name :: NameStart NameContinue*
    mutating func parseName() throws(GraphQLSyntaxError) -> Name {
        let nameToken = try expect(.name)
        let text = String(decoding: lexer.bytes[nameToken.start..<nameToken.end], as: UTF8.self)
        return Name(text, range: SourceRange(start: nameToken.start, end: nameToken.end))
    }

    /// Directives[Const] :: Directive[?Const]+
    mutating func parseDirectives(isConst: Bool) throws(GraphQLSyntaxError) -> [Directive] {
        var directives: [Directive] = []
        while peek(.at) {
            let start = token.start
            try advance()
            let name = try parseName()
            let arguments = try parseArguments(isConst: isConst)
            directives.append(Directive(name: name, arguments: arguments, range: range(from: start)))
        }
        return directives
    }

    /// Type :: NamedType | ListType | NonNullType
    mutating func parseTypeReference() throws(GraphQLSyntaxError) -> TypeReference {
        let start = token.start
        var type: TypeReference
        if peek(.bracketLeft) {
            try descend()
            try advance()
            let inner = try parseTypeReference()
            try expect(.bracketRight)
            ascend()
            type = .list(inner, range(from: start))
        } else {
            type = .named(try parseName())
        }
        if try optional(.bang) {
            type = .nonNull(type, range(from: start))
        }
        return type
    }
}
