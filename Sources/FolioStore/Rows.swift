import FolioContent
import Foundation

/// Conversions between stored columns and domain values, in one place.
enum Columns {
    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    static func maybeSeconds(_ date: Date?) -> Int64? { date.map { seconds($0) } }
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    static func maybeDate(_ seconds: Int64?) -> Date? { seconds.map { date($0) } }

    /// A list of texts as a JSON array.
    static func json(_ list: [String]) -> String {
        var json = "["
        for (index, item) in list.enumerated() {
            if index > 0 { json += "," }
            appendJSONString(item, to: &json)
        }
        return json + "]"
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func appendJSONString(_ text: String, to json: inout String) {
        json += "\""
        var plainStart = text.utf8.startIndex
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            json += text[plainStart..<index]
            switch byte {
            case UInt8(ascii: "\""): json += "\\\""
            case UInt8(ascii: "\\"): json += "\\\\"
            case 10: json += "\\n"
            case 9: json += "\\t"
            case 13: json += "\\r"
            default: json += "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            }
            plainStart = text.utf8.index(after: index)
        }
        json += text[plainStart...]
        json += "\""
    }

    static func list(_ text: String) -> [String] {
        StoredJSON.read(text) { json in try json.array { item in try item.string() } }
            ?? (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// Headings as a JSON array of `{"level", "text", "anchor"}` objects (what `headings` reads).
    static func headingsJSON(_ headings: [Heading]) -> String {
        var json = "["
        for (index, heading) in headings.enumerated() {
            json += index > 0 ? ",{\"level\":" : "{\"level\":"
            json += String(heading.level)
            json += ",\"text\":"
            appendJSONString(heading.text, to: &json)
            json += ",\"anchor\":"
            appendJSONString(heading.anchor, to: &json)
            json += "}"
        }
        return json + "]"
    }

    static func headings(_ text: String) -> [Heading] {
        StoredJSON.read(text) { json in
            try json.array { item in
                var level: Int?, text: String?, anchor: String?
                try item.object { member, key in
                    switch key {
                    case "level": level = try member.integer()
                    case "text": text = try member.string()
                    case "anchor": anchor = try member.string()
                    default: throw StoredJSON.Unexpected()
                    }
                }
                guard let level, let text, let anchor else { throw StoredJSON.Unexpected() }
                return Heading(level: level, text: text, anchor: anchor)
            }
        } ?? (try? JSONDecoder().decode([Heading].self, from: Data(text.utf8))) ?? []
    }

    private static let authorColumnNames = ["id", "slug", "name", "role", "avatar_url", "bio_markdown", "bio_html",
                                            "created_at", "updated_at"]
    static let authorColumns = authorColumnNames.joined(separator: ", ")
    static var authorColumnCount: Int { authorColumnNames.count }

    /// `authorColumns` of the authors table joined as `alias`.
    static func authorColumns(of alias: String) -> String {
        authorColumnNames.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// An article's author and reviewer joined to `articles AS a`, and their columns
    /// (`authorColumns` of each) to select after the article's.
    static let peopleJoin = "LEFT JOIN authors AS au ON au.id = a.author_id LEFT JOIN authors AS rv ON rv.id = a.reviewer_id"
    static let peopleColumns = authorColumns(of: "au") + ", " + authorColumns(of: "rv")

    /// The author and reviewer of `peopleColumns`, selected from column `start` on.
    static func people(_ row: SQLiteRow, at start: Int) -> (author: Author?, reviewer: Author?) {
        (author(row, at: start), author(row, at: start + authorColumnCount))
    }

    static func author(_ row: SQLiteRow) -> Author { author(row, at: 0)! }

    /// Decodes `authorColumns` by position from column `start` on; nil when the id there is NULL (a
    /// left join that found no author).
    static func author(_ row: SQLiteRow, at start: Int) -> Author? {
        guard let id = row.optionalInt64(start) else { return nil }
        return Author(id: id, slug: row.text(start + 1), name: row.text(start + 2), role: row.optionalText(start + 3),
                      avatarURL: row.optionalText(start + 4), bioMarkdown: row.text(start + 5),
                      bioHTML: row.text(start + 6), createdAt: date(row.int64(start + 7)),
                      updatedAt: date(row.int64(start + 8)))
    }

    /// Selected from `articles AS a`.
    static let articleColumns = """
        a.id, a.slug, a.title, a.summary, a.reading_time_minutes, a.status, a.published_at, a.created_at, a.updated_at,
        a.author_id, a.reviewed_at, a.reviewer_id, a.canonical_url,
        (SELECT tags FROM article_tag_lists l WHERE l.article_id = a.id) AS tags
        """

    /// How many columns `articleColumns` selects: what a query selects after them starts there.
    static let articleColumnCount = 14

    /// Decodes `articleColumns` by position. Tags are slugs (the store refuses others), so a comma
    /// joins them (`article_tag_lists`): no JSON to decode.
    static func article(_ row: SQLiteRow) -> Article {
        Article(id: row.int64(0), slug: row.text(1), title: row.text(2), summary: row.optionalText(3),
                readingTimeMinutes: row.int(4), status: ContentStatus(rawValue: row.text(5)) ?? .draft,
                publishedAt: maybeDate(row.optionalInt64(6)), createdAt: date(row.int64(7)), updatedAt: date(row.int64(8)),
                authorID: row.optionalInt64(9), reviewedAt: maybeDate(row.optionalInt64(10)),
                reviewerID: row.optionalInt64(11), canonicalURL: row.optionalText(12),
                tags: row.optionalText(13).map(tagList) ?? [])
    }

    /// The tags of a comma-joined list, split on its bytes: `split(separator: ",")` compared
    /// characters, grapheme by grapheme, for every article a page reads.
    static func tagList(_ joined: String) -> [String] {
        var tags: [String] = []
        var joined = joined
        joined.withUTF8 { bytes in
            var start = 0
            // The end of the text closes the last tag as a comma would.
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: ",") {
                if end > start { tags.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
                start = end + 1
            }
        }
        return tags
    }

    static let procedureColumns = """
        id, slug, name, full_name, summary, body_markdown, body_html, conditions, symptoms, duration_minutes,
        anesthesia, incision, imaging_guidance, recovery, risks, preparation, created_at, updated_at
        """

    /// Decodes `procedureColumns` by position from column `start` on.
    static func procedure(_ row: SQLiteRow, at start: Int = 0) -> Procedure {
        let updatedAt = date(row.int64(start + 17))
        let entry = ProcedureEntry(
            slug: row.text(start + 1), name: row.text(start + 2), fullName: row.optionalText(start + 3),
            summary: row.optionalText(start + 4), bodyMarkdown: row.text(start + 5), conditions: list(row.text(start + 7)),
            symptoms: list(row.text(start + 8)), durationMinutes: row.optionalInt(start + 9),
            anesthesia: row.optionalText(start + 10), incision: row.optionalText(start + 11),
            imagingGuidance: row.optionalText(start + 12), recovery: row.optionalText(start + 13),
            risks: list(row.text(start + 14)), preparation: list(row.text(start + 15)), updatedAt: updatedAt)
        return Procedure(id: row.int64(start), entry: entry, bodyHTML: row.text(start + 6),
                         createdAt: date(row.int64(start + 16)), updatedAt: updatedAt)
    }
}

/// Reads the JSON columns this file writes (`json`, `headingsJSON`) back without a JSONDecoder,
/// which cost a twentieth of an article page: arrays, objects, strings with every JSON escape,
/// and integers. Anything else is `Unexpected`, and the caller falls back to JSONDecoder.
struct StoredJSON {
    struct Unexpected: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// `body` over the whole of `text`; nil when it does not read all of it.
    static func read<Value>(_ text: String, _ body: (inout StoredJSON) throws -> Value) -> Value? {
        var text = text
        return text.withUTF8 { utf8 in
            var json = StoredJSON(utf8)
            guard let value = try? body(&json) else { return nil }
            json.skipSpace()
            return json.at == utf8.count ? value : nil
        }
    }

    /// `[item, item, ...]`.
    mutating func array<Item>(_ item: (inout StoredJSON) throws -> Item) throws -> [Item] {
        try expect(UInt8(ascii: "["))
        var items: [Item] = []
        if take(UInt8(ascii: "]")) { return items }
        repeat { items.append(try item(&self)) } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return items
    }

    /// `{"key": value, ...}`, calling `value` with each key to read its value.
    mutating func object(_ value: (inout StoredJSON, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try value(&self, key)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    mutating func integer() throws -> Int {
        skipSpace()
        let negative = take(UInt8(ascii: "-"))
        var value = 0, digits = 0
        while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9"), digits < 18 {
            value = value * 10 + Int(bytes[at] - UInt8(ascii: "0"))
            at += 1
            digits += 1
        }
        guard digits > 0 else { throw Unexpected() }
        return negative ? -value : value
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        var result = ""
        var runStart = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                result += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<at]), as: UTF8.self)
                at += 1
                return result
            }
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20 else { throw Unexpected() }
                at += 1
                continue
            }
            result += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<at]), as: UTF8.self)
            at += 1
            guard at < bytes.count else { throw Unexpected() }
            let escaped = bytes[at]
            at += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.unicodeScalars.append(Unicode.Scalar(escaped))
            case UInt8(ascii: "b"): result += "\u{08}"
            case UInt8(ascii: "f"): result += "\u{0C}"
            case UInt8(ascii: "n"): result += "\n"
            case UInt8(ascii: "r"): result += "\r"
            case UInt8(ascii: "t"): result += "\t"
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")) {
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw Unexpected() }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw Unexpected() }
                result.unicodeScalars.append(scalar)
            default: throw Unexpected()
            }
            runStart = at
        }
        throw Unexpected()
    }

    private mutating func hex4() throws -> UInt32 {
        guard at + 4 <= bytes.count else { throw Unexpected() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[at]
            let digit: UInt8 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: throw Unexpected()
            }
            value = value << 4 | UInt32(digit)
            at += 1
        }
        return value
    }

    private mutating func skipSpace() {
        while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
    }

    /// Skips spaces, then `byte` if it is next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard take(byte) else { throw Unexpected() }
    }
}
