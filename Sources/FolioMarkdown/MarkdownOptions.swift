/// The GitHub Flavored Markdown extensions cmark-gfm ships.
public enum MarkdownExtension: String, Sendable, CaseIterable {
    case table, strikethrough, autolink, tagfilter, tasklist, footnotes
}

/// How Markdown is turned into HTML.
public struct MarkdownOptions: Sendable {
    public var extensions: [MarkdownExtension]
    /// Curly quotes, dashes and ellipses (`--smart`).
    public var smartPunctuation: Bool
    /// Lets raw HTML and dangerous link schemes through (`--unsafe`). Never used for content: only the
    /// upstream conformance examples, which are written for it, turn it on.
    public var allowsUnsafeHTML: Bool
    public var fullInfoString: Bool
    public var tablePreferStyleAttributes: Bool
    /// Adds a stable `id` to every heading for table-of-contents anchors.
    public var headingAnchors: Bool

    public init(extensions: [MarkdownExtension], smartPunctuation: Bool = false, allowsUnsafeHTML: Bool = false,
                fullInfoString: Bool = false, tablePreferStyleAttributes: Bool = false, headingAnchors: Bool = false) {
        self.extensions = extensions
        self.smartPunctuation = smartPunctuation
        self.allowsUnsafeHTML = allowsUnsafeHTML
        self.fullInfoString = fullInfoString
        self.tablePreferStyleAttributes = tablePreferStyleAttributes
        self.headingAnchors = headingAnchors
    }

    /// What Folio renders content with: GFM tables, strikethrough, autolinks, task lists and the tag
    /// filter; raw HTML omitted; heading anchors on.
    public static let content = MarkdownOptions(
        extensions: [.table, .strikethrough, .autolink, .tagfilter, .tasklist], headingAnchors: true)
}

/// Markdown rendered once, at write time: safe HTML plus what search and tables of contents need.
public struct RenderedMarkdown: Sendable, Equatable {
    public var html: String
    /// The readable text, one block per line, for full-text search and snippets.
    public var plainText: String
    public var headings: [MarkdownHeading]
    public var wordCount: Int
}

/// A heading in document order, with the anchor its HTML element carries.
public struct MarkdownHeading: Sendable, Equatable, Codable {
    public var level: Int
    public var text: String
    public var anchor: String

    public init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

/// A failure inside cmark-gfm.
public enum MarkdownError: Error, Equatable, CustomStringConvertible {
    case extensionUnavailable(String)
    case libraryFailure(String)

    public var description: String {
        switch self {
        case .extensionUnavailable(let name): "cmark-gfm has no extension named \(name)"
        case .libraryFailure(let step): "cmark-gfm failed to \(step)"
        }
    }
}
