/// A problem in a content file, located for the editor: `seeds/articles/x.md:7: published_at: not a date`.
public struct ContentFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based line in the file, when the problem has one.
    public var line: Int?
    public var field: String?
    public var message: String

    public init(path: String, line: Int?, field: String?, message: String) {
        self.path = path
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(field): " }
        return text + message
    }
}
