/// The kinds of lexical token (spec 2.1.6, "Lexical Tokens").
public enum TokenKind: Sendable, Equatable {
    case startOfFile, endOfFile
    case bang, dollar, ampersand, parenLeft, parenRight, spread, colon, equals, at
    case bracketLeft, bracketRight, braceLeft, pipe, braceRight
    case name, int, float, string, blockString

    /// How graphql-js names the kind in messages: punctuators quoted, others by name.
    var description: String {
        switch self {
        case .startOfFile: "<SOF>"
        case .endOfFile: "<EOF>"
        case .bang: "\"!\""
        case .dollar: "\"$\""
        case .ampersand: "\"&\""
        case .parenLeft: "\"(\""
        case .parenRight: "\")\""
        case .spread: "\"...\""
        case .colon: "\":\""
        case .equals: "\"=\""
        case .at: "\"@\""
        case .bracketLeft: "\"[\""
        case .bracketRight: "\"]\""
        case .braceLeft: "\"{\""
        case .pipe: "\"|\""
        case .braceRight: "\"}\""
        case .name: "Name"
        case .int: "Int"
        case .float: "Float"
        case .string: "String"
        case .blockString: "BlockString"
        }
    }
}

/// One token: its kind and byte range, a trivial value that is free to copy. Names and numbers
/// are read from the source by range; a string's cooked value is kept by the lexer
/// (`Lexer.stringValue`) for the token it lexed last.
public struct Token: Sendable {
    public var kind: TokenKind
    public var start: Int
    public var end: Int
}
