import Foundation
import Yams

/// The content file format: YAML front matter between `---` lines, then the Markdown body.
///
/// ```
/// ---
/// slug: am-i-getting-tremors
/// title: "Am I Getting Tremors?"
/// author: neuro-team
/// status: published
/// published_at: 2026-02-03T09:00:00Z
/// tags: [movement-disorders, tremor]
/// ---
///
/// Body in Markdown…
/// ```
public enum ContentFile {
    /// Parses one file. `kind` comes from the folder (`articles/`…) unless the front matter names it
    /// with `kind:`. Every error names the file, the line and the field.
    public static func parse(_ text: String, path: String, kind folderKind: ContentKind?) throws(ContentFileError) -> ContentEntry {
        let (yaml, body) = try split(text, path: path)
        let fields = try FrontMatterFields(yaml: yaml, path: path)
        var kind = folderKind
        if let named = try fields.string("kind") {
            guard let parsed = ContentKind(rawValue: named) else {
                throw fields.error("kind", "must be author, article or procedure, not \"\(named)\"")
            }
            kind = parsed
        }
        guard let kind else {
            throw ContentFileError(path: path, line: 1, field: "kind",
                                   message: "say which kind of entry this is (kind: author, article or procedure), or put the file in an authors/, articles/ or procedures/ folder")
        }
        let fallbackSlug = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let entry: ContentEntry
        switch kind {
        case .author: entry = .author(try readAuthor(fields, body: body, fallbackSlug: fallbackSlug))
        case .article: entry = .article(try readArticle(fields, body: body, fallbackSlug: fallbackSlug))
        case .procedure: entry = .procedure(try readProcedure(fields, body: body, fallbackSlug: fallbackSlug))
        }
        try fields.rejectUnknown(allowed: ["kind"] + knownFields(kind))
        return entry
    }

    /// The front-matter keys each kind accepts, in the order `write` emits them.
    public static func knownFields(_ kind: ContentKind) -> [String] {
        switch kind {
        case .author: ["slug", "name", "role", "avatar_url", "updated_at"]
        case .article:
            ["slug", "title", "summary", "author", "status", "published_at", "updated_at", "reviewed_at", "reviewer",
             "canonical_url", "tags", "procedures", "related"]
        case .procedure:
            ["slug", "name", "full_name", "summary", "conditions", "symptoms", "duration_minutes", "anesthesia",
             "incision", "imaging_guidance", "recovery", "risks", "preparation", "updated_at"]
        }
    }

    /// Splits a file into its front matter (YAML text) and its body (trimmed Markdown). Works on
    /// UTF-8 bytes: Foundation's string searching is far too slow for bulk imports on Linux.
    static func split(_ text: String, path: String) throws(ContentFileError) -> (yaml: String, body: String) {
        var bytes = Array(text.utf8)
        if bytes.contains(13) { bytes = normalizedLineEndings(bytes) }
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let dashes = Array("---".utf8)
        guard bytes[start...].starts(with: dashes + [10]) else {
            throw ContentFileError(path: path, line: 1, field: nil,
                                   message: "a content file begins with a line \"---\", then YAML front matter, then another \"---\"")
        }
        let yamlStart = start + 4
        // The closing line is "---" alone: at the very start of the front matter, or after a newline.
        var closing: Int? = nil
        var index = yamlStart
        while index + 3 <= bytes.count {
            if (index == yamlStart || bytes[index - 1] == 10), bytes[index..<index + 3].elementsEqual(dashes),
               index + 3 == bytes.count || bytes[index + 3] == 10 {
                closing = index
                break
            }
            guard let next = bytes[index...].firstIndex(of: 10) else { break }
            index = next + 1
        }
        guard let closing else {
            throw ContentFileError(path: path, line: 1, field: nil, message: "the front matter has no closing \"---\" line")
        }
        let yaml = String(decoding: bytes[yamlStart..<closing], as: UTF8.self)
        var bodyStart = min(closing + 4, bytes.count)
        var bodyEnd = bytes.count
        let isSpace = { (byte: UInt8) in byte == 32 || byte == 9 || byte == 10 }
        while bodyStart < bodyEnd, isSpace(bytes[bodyStart]) { bodyStart += 1 }
        while bodyEnd > bodyStart, isSpace(bytes[bodyEnd - 1]) { bodyEnd -= 1 }
        return (yaml, String(decoding: bytes[bodyStart..<bodyEnd], as: UTF8.self))
    }

    /// CRLF and lone CR become LF.
    private static func normalizedLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13 {
                result.append(10)
                if index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1 }
            } else {
                result.append(bytes[index])
            }
            index += 1
        }
        return result
    }

    private static func readAuthor(_ fields: FrontMatterFields, body: String, fallbackSlug: String) throws(ContentFileError) -> AuthorEntry {
        AuthorEntry(slug: try fields.slug("slug") ?? fallbackSlug, name: try fields.required("name"),
                    role: try fields.string("role"), avatarURL: try fields.url("avatar_url"), bioMarkdown: body,
                    updatedAt: try fields.date("updated_at"))
    }

    private static func readArticle(_ fields: FrontMatterFields, body: String, fallbackSlug: String) throws(ContentFileError) -> ArticleEntry {
        var status = ContentStatus.draft
        if let text = try fields.string("status") {
            guard let parsed = ContentStatus(rawValue: text) else {
                throw fields.error("status", "must be draft, published or archived, not \"\(text)\"")
            }
            status = parsed
        }
        let publishedAt = try fields.date("published_at")
        if status == .published, publishedAt == nil {
            throw fields.error("published_at", "a published article needs published_at (in the future to schedule it)")
        }
        if body.isEmpty {
            throw ContentFileError(path: fields.path, line: fields.endLine, field: "body",
                                   message: "the article has no body after the front matter")
        }
        let slug = try fields.slug("slug") ?? fallbackSlug
        let related = try fields.slugs("related")
        if related.contains(slug) {
            throw fields.error("related", "an article cannot be related to itself")
        }
        return ArticleEntry(
            slug: slug, title: try fields.required("title"), summary: try fields.string("summary"),
            bodyMarkdown: body, status: status, publishedAt: publishedAt, updatedAt: try fields.date("updated_at"),
            authorSlug: try fields.slug("author"), tags: try fields.slugs("tags"),
            procedureSlugs: try fields.slugs("procedures"), relatedSlugs: related,
            reviewedAt: try fields.date("reviewed_at"), reviewerSlug: try fields.slug("reviewer"),
            canonicalURL: try fields.url("canonical_url"))
    }

    private static func readProcedure(_ fields: FrontMatterFields, body: String, fallbackSlug: String) throws(ContentFileError) -> ProcedureEntry {
        ProcedureEntry(
            slug: try fields.slug("slug") ?? fallbackSlug, name: try fields.required("name"),
            fullName: try fields.string("full_name"), summary: try fields.string("summary"), bodyMarkdown: body,
            conditions: try fields.strings("conditions"), symptoms: try fields.strings("symptoms"),
            durationMinutes: try fields.int("duration_minutes"), anesthesia: try fields.string("anesthesia"),
            incision: try fields.string("incision"), imagingGuidance: try fields.string("imaging_guidance"),
            recovery: try fields.string("recovery"), risks: try fields.strings("risks"),
            preparation: try fields.strings("preparation"), updatedAt: try fields.date("updated_at"))
    }
}

extension ContentFile {
    /// The 1-based line of the file at `path` where a front-matter field is written, read again
    /// now (an import does not keep every file's text); 1 when the field is not found or the file
    /// cannot be read.
    public static func line(of field: String, inFileAt path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 1 }
        return line(of: field, in: String(decoding: data, as: UTF8.self)) ?? 1
    }

    /// The 1-based line of `text` where a front-matter field is written, for errors found after
    /// parsing (an unknown author slug, say); nil when the field is not in the front matter. Lines
    /// are split at each LF byte, as the front matter is read: split by characters, a file with
    /// CRLF line ends (one character each) was a single line, and every error named line 1.
    public static func line(of field: String, in text: String) -> Int? {
        let key = Array((field + ":").utf8), closing = Array("---".utf8)
        var number = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if number > 1, line.starts(with: closing) { return nil }
            if line.starts(with: key) { return number }
        }
        return nil
    }
}
