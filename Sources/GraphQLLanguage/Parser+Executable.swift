extension Parser {
    /// Document :: Definition+
    mutating func parseDocument() throws(GraphQLSyntaxError) -> Document {
        let start = token.start
        var definitions: [Definition] = []
        definitions.reserveCapacity(8)
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
                                       directives: NodeList(), selectionSet: selectionSet, range: range(from: start))
        }
        let description = try parseDescription()
        let operation = try parseOperationType()
        let name = peek(.name) ? try parseName() : nil
        let variables = try optionalMany(.parenLeft, .parenRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
            try p.parseVariableDefinition()
        }
        let directives = try parseDirectiveList(isConst: false)
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
        let directives = try parseDirectiveList(isConst: true)
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
        let (items, range) = try parseSelectionItems()
        return SelectionSet(selections: list(items), range: range.range)
    }

    /// { Selection+ } — stores the items together in `selections`; their span and the set's range.
    mutating func parseSelectionItems() throws(GraphQLSyntaxError) -> (Span, CompactRange) {
        let start = token.start
        try descend()
        try expect(.braceLeft)
        if openSelections.isEmpty { openSelections.reserveCapacity(16) }
        let base = openSelections.count
        repeat { openSelections.append(try parseSelection()) } while try !optional(.braceRight)
        ascend()
        let items = Span(start: selections.count, count: openSelections.count - base)
        if selections.isEmpty { selections.reserveCapacity(lexer.bytes.count / 24 + 4) }
        // Records are plain bytes: the items move as one block, and the stack just shrinks.
        openSelections.withUnsafeBufferPointer { open in
            selections.append(contentsOf: UnsafeBufferPointer(rebasing: open[base...]))
        }
        openSelections.removeLast(openSelections.count - base)
        return (items, CompactRange(range(from: start)))
    }

    /// Selection :: Field | FragmentSpread | InlineFragment
    mutating func parseSelection() throws(GraphQLSyntaxError) -> SelectionRecord {
        peek(.spread) ? try parseFragment() : try parseField()
    }

    /// Field :: Alias? Name Arguments? Directives? SelectionSet?
    mutating func parseField() throws(GraphQLSyntaxError) -> SelectionRecord {
        let start = token.start
        let nameOrAlias = store(try parseName())
        var alias: Int32 = -1
        var name = nameOrAlias
        if try optional(.colon) {
            alias = nameOrAlias
            name = store(try parseName())
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        var record = SelectionRecord(kind: .field, alias: alias, name: name, arguments: arguments,
                                     directives: directives, selections: .empty, selectionSetRange: .empty, range: .empty)
        if peek(.braceLeft) {
            (record.selections, record.selectionSetRange) = try parseSelectionItems()
        }
        record.range = CompactRange(range(from: start))
        return record
    }

    /// Arguments[Const] :: ( Argument[?Const]+ ) — stored in `arguments`; their span.
    mutating func parseArguments(isConst: Bool) throws(GraphQLSyntaxError) -> Span {
        let base = arguments.count
        guard peek(.parenLeft) else { return Span(start: base, count: 0) }
        try advance()
        if arguments.isEmpty { arguments.reserveCapacity(lexer.bytes.count / 48 + 2) }
        repeat {
            let start = token.start
            let name = try parseName()
            try expect(.colon)
            let value = try parseValueLiteral(isConst: isConst)
            arguments.append(Argument(name: name, value: value, range: range(from: start)))
        } while try !optional(.parenRight)
        return Span(start: base, count: arguments.count - base)
    }

    /// FragmentSpread :: ... FragmentName Directives?
    /// InlineFragment :: ... TypeCondition? Directives? SelectionSet
    mutating func parseFragment() throws(GraphQLSyntaxError) -> SelectionRecord {
        let start = token.start
        try expect(.spread)
        let hasTypeCondition = try optionalKeyword("on")
        if !hasTypeCondition, peek(.name) {
            let name = store(try parseName())
            let directives = try parseDirectives(isConst: false)
            return SelectionRecord(kind: .fragmentSpread, alias: -1, name: name, arguments: .empty, directives: directives,
                                   selections: .empty, selectionSetRange: .empty, range: CompactRange(range(from: start)))
        }
        let typeCondition = hasTypeCondition ? store(try parseName()) : -1
        let directives = try parseDirectives(isConst: false)
        let (items, setRange) = try parseSelectionItems()
        return SelectionRecord(kind: .inlineFragment, alias: -1, name: typeCondition, arguments: .empty,
                               directives: directives, selections: items, selectionSetRange: setRange,
                               range: CompactRange(range(from: start)))
    }

    /// FragmentDefinition :: Description? fragment FragmentName TypeCondition Directives? SelectionSet
    mutating func parseFragmentDefinition() throws(GraphQLSyntaxError) -> FragmentDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseName()
        let directives = try parseDirectiveList(isConst: false)
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
    @inline(__always)
    mutating func parseName() throws(GraphQLSyntaxError) -> Name {
        let nameToken = try expect(.name)
        return Name(lexer.text(of: nameToken), range: SourceRange(start: nameToken.start, end: nameToken.end))
    }

    /// Directives[Const] :: Directive[?Const]+ — for a node that keeps them itself (not a record).
    mutating func parseDirectiveList(isConst: Bool) throws(GraphQLSyntaxError) -> NodeList<Directive> {
        // Not `list(try parseDirectives(…))`: a method's `self` is read before its arguments, so that
        // would copy the parser, and every append the arguments make would then copy its arrays.
        let span = try parseDirectives(isConst: isConst)
        return list(span)
    }

    /// Directives[Const] :: Directive[?Const]+ — stored in `directives`; their span.
    mutating func parseDirectives(isConst: Bool) throws(GraphQLSyntaxError) -> Span {
        let base = directives.count
        while peek(.at) {
            let start = token.start
            try advance()
            let name = store(try parseName())
            let arguments = try parseArguments(isConst: isConst)
            if directives.isEmpty { directives.reserveCapacity(lexer.bytes.count / 64 + 2) }
            directives.append(DirectiveRecord(name: name, arguments: arguments, range: CompactRange(range(from: start))))
        }
        return Span(start: base, count: directives.count - base)
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
