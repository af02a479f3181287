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

/// One token: its kind, its byte range and, for strings, the value after escapes and block-string
/// indentation are resolved. Names and numbers are read from the source by range.
public struct Token: Sendable {
    public var kind: TokenKind
    public var start: Int
    public var end: Int
    /// The cooked value of a string or block string; nil for other kinds.
    public var stringValue: String?
}
