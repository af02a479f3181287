internal import CCmarkGFM
import Foundation
import Synchronization

/// cmark-gfm keeps the extensions' special characters in one process-wide table that every parser
/// adds to when it attaches an extension and removes from when it is freed
/// (`cmark_manage_extensions_special_characters`), so parsers running at the same time corrupt
/// each other's output. Every use of the library holds this lock.
private let cmarkLock = Mutex(())

/// Markdown to safe HTML through Debian's cmark-gfm. The only place in Folio that touches a cmark
/// pointer: every node and parser is created and freed inside `render`.
public struct MarkdownRenderer: Sendable {
    public let options: MarkdownOptions

    public init(options: MarkdownOptions = .content) {
        self.options = options
    }

    private var cmarkOptions: Int32 {
        var flags: Int32 = CMARK_OPT_DEFAULT
        if options.allowsUnsafeHTML { flags |= CMARK_OPT_UNSAFE }
        if options.smartPunctuation { flags |= CMARK_OPT_SMART }
        if options.fullInfoString { flags |= CMARK_OPT_FULL_INFO_STRING }
        if options.tablePreferStyleAttributes { flags |= CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES }
        // Footnotes are part of the core parser, switched on by an option rather than an extension.
        if options.extensions.contains(.footnotes) { flags |= CMARK_OPT_FOOTNOTES }
        return flags
    }

    /// Renders Markdown. Throws only when the library itself fails; any text is valid Markdown.
    public func render(_ markdown: String) throws(MarkdownError) -> RenderedMarkdown {
        try cmarkLock.withLock { _ throws(MarkdownError) in try renderLocked(markdown) }
    }

    private func renderLocked(_ markdown: String) throws(MarkdownError) -> RenderedMarkdown {
        // Without this no extension can be found by name.
        cmark_gfm_core_extensions_ensure_registered()
        let flags = cmarkOptions
        guard let parser = cmark_parser_new(flags) else { throw .libraryFailure("create a parser") }
        defer { cmark_parser_free(parser) }
        for name in options.extensions where name != .footnotes {
            guard let syntax = cmark_find_syntax_extension(name.rawValue),
                  cmark_parser_attach_syntax_extension(parser, syntax) != 0 else {
                throw .extensionUnavailable(name.rawValue)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        bytes = []
        guard let document = cmark_parser_finish(parser) else { throw .libraryFailure("parse the document") }
        defer { cmark_node_free(document) }

        let walk = walk(document)
        // The extension list is passed so tagfilter and table rendering apply to the HTML.
        guard let rendered = cmark_render_html(document, flags, cmark_parser_get_syntax_extensions(parser)) else {
            throw .libraryFailure("render HTML")
        }
        defer { free(rendered) }
        var html = String(cString: rendered)
        if options.headingAnchors {
            html = HeadingAnchors.insert(walk.headings, into: html)
        }
        let plainText = walk.text
        let wordCount = Self.countWords(plainText)
        return RenderedMarkdown(html: html, plainText: plainText, headings: walk.headings, wordCount: wordCount)
    }

    /// One pass over the tree: neutralises dangerous link targets (unless unsafe), collects headings
    /// with unique anchors, and gathers the plain text block by block.
    private func walk(_ document: OpaquePointer) -> (text: String, headings: [MarkdownHeading]) {
        guard let iterator = cmark_iter_new(document) else { return ("", []) }
        defer { cmark_iter_free(iterator) }
        var text = ""
        var headings: [MarkdownHeading] = []
        var headingText: String? = nil
        var anchors = HeadingAnchors()
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                text += literal
                headingText? += literal
            case CMARK_NODE_CODE_BLOCK:
                text += (cmark_node_get_literal(node).map { String(cString: $0) } ?? "") + "\n"
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
                headingText? += " "
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if entering, !options.allowsUnsafeHTML, let url = cmark_node_get_url(node),
                   LinkSafety.isDangerous(String(cString: url)) {
                    cmark_node_set_url(node, "")
                }
            case CMARK_NODE_HEADING:
                if entering {
                    headingText = ""
                } else if let collected = headingText {
                    let title = Self.trimmed(collected)
                    headings.append(MarkdownHeading(level: Int(cmark_node_get_heading_level(node)), text: title,
                                                    anchor: anchors.unique(for: title)))
                    headingText = nil
                }
            default:
                break
            }
            // Each block ends a line of plain text; table cells are blocks in cmark-gfm.
            if !entering, UInt32(type.rawValue) & 0xC000 == 0x8000, !text.isEmpty, text.last != "\n" {
                text += type == CMARK_NODE_HEADING || type == CMARK_NODE_PARAGRAPH
                    || type == CMARK_NODE_ITEM ? "\n" : " "
            }
        }
        return (Self.trimmed(text), headings)
    }

    /// Text without leading and trailing spaces, tabs and newlines (on UTF-8, without Foundation).
    static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        let isSpace = { (byte: UInt8) in byte == 32 || byte == 9 || byte == 10 || byte == 13 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[first...last])
    }

    /// Runs of characters between spaces and newlines.
    static func countWords(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            let isSeparator = byte == 32 || byte == 10
            if !isSeparator, !inWord { count += 1 }
            inWord = !isSeparator
        }
        return count
    }
}
