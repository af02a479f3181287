extension Parser {
    /// Value[Const] :: [~Const] Variable | IntValue | FloatValue | StringValue | BooleanValue | NullValue
    /// | EnumValue | ListValue[?Const] | ObjectValue[?Const]
    mutating func parseValueLiteral(isConst: Bool) throws(GraphQLSyntaxError) -> Value {
        let current = token
        switch current.kind {
        case .bracketLeft:
            // ListValue[Const] :: [ ] | [ Value[?Const]+ ]
            try descend()
            let values = try any(.bracketLeft, .bracketRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
                try p.parseValueLiteral(isConst: isConst)
            }
            ascend()
            return .list(values, range(from: current.start))
        case .braceLeft:
            // ObjectValue[Const] :: { } | { ObjectField[?Const]+ }
            try descend()
            let fields = try any(.braceLeft, .braceRight) { (p: inout Parser) throws(GraphQLSyntaxError) in
                let start = p.token.start
                let name = try p.parseName()
                try p.expect(.colon)
                let value = try p.parseValueLiteral(isConst: isConst)
                return ObjectField(name: name, value: value, range: p.range(from: start))
            }
            ascend()
            return .object(fields, range(from: current.start))
        case .int:
            let text = tokenText
            try advance()
            return .int(text, range(from: current.start))
        case .float:
            let text = tokenText
            try advance()
            return .float(text, range(from: current.start))
        case .string, .blockString:
            return .string(try parseStringLiteral())
        case .name:
            if lexer.spells(current, "true") { try advance(); return .boolean(true, range(from: current.start)) }
            if lexer.spells(current, "false") { try advance(); return .boolean(false, range(from: current.start)) }
            if lexer.spells(current, "null") { try advance(); return .null(range(from: current.start)) }
            let text = tokenText
            try advance()
            return .enumValue(Name(text, range: range(from: current.start)))
        case .dollar:
            if isConst {
                try advance()
                if peek(.name) {
                    throw lexer.error("Unexpected variable \"$\(tokenText)\" in constant value.", at: current.start)
                }
                throw unexpected(current)
            }
            return .variable(try parseVariable())
        default:
            throw unexpected()
        }
    }

    /// StringValue, quoted or block.
    mutating func parseStringLiteral() throws(GraphQLSyntaxError) -> StringValue {
        let current = token
        let value = lexer.stringValue
        try advance()
        return StringValue(value: value, isBlock: current.kind == .blockString,
                           range: SourceRange(start: current.start, end: current.end))
    }

    var peekDescription: Bool { peek(.string) || peek(.blockString) }

    /// Description :: StringValue
    mutating func parseDescription() throws(GraphQLSyntaxError) -> StringValue? {
        peekDescription ? try parseStringLiteral() : nil
    }
}
