import Foundation
import Yams

/// Typed access to a front-matter mapping, with every error pointing at the file line of the field.
struct FrontMatterFields {
    let path: String
    private var values: [String: (value: FrontMatterValue, line: Int)] = [:]
    private var keyLines: [(key: String, line: Int)] = []
    /// The file line of the closing `---`.
    let endLine: Int

    /// The front matter starts on file line 2 (line 1 is `---`).
    private static let lineOffset = 1

    init(yaml: String, path: String) throws(ContentFileError) {
        self.path = path
        self.endLine = yaml.utf8.reduce(2) { $1 == 10 ? $0 + 1 : $0 }
        var fields = FrontMatterLines.read(yaml, firstLine: 1 + Self.lineOffset)
        if fields == nil { fields = try Self.compose(yaml, path: path) }
        for field in fields ?? [] {
            if values[field.key] != nil {
                throw ContentFileError(path: path, line: field.line, field: field.key, message: "appears twice")
            }
            values[field.key] = (field.value, field.line)
            keyLines.append((field.key, field.line))
        }
    }

    /// The fields as Yams reads the text: any YAML, and its errors.
    static func compose(_ yaml: String, path: String) throws(ContentFileError) -> [FrontMatterField] {
        let root: Node?
        do {
            // The basic resolver: every scalar is read as text here, so no implicit-type regexes run.
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw FrontMatterFields.describe(error, path: path)
        } catch {
            throw ContentFileError(path: path, line: 1, field: nil, message: "the front matter is not valid YAML")
        }
        guard let root else { return [] }
        guard case .mapping(let mapping) = root else {
            throw ContentFileError(path: path, line: 2, field: nil,
                                   message: "the front matter must be a list of `field: value` lines")
        }
        var fields: [FrontMatterField] = []
        for (keyNode, valueNode) in mapping {
            let line = (keyNode.mark?.line ?? 1) + FrontMatterFields.lineOffset
            guard let key = keyNode.scalar?.string else {
                throw ContentFileError(path: path, line: line, field: nil, message: "a field name must be plain text")
            }
            let value: FrontMatterValue = switch valueNode {
            case .scalar(let scalar): .scalar(scalar.string, plain: scalar.style == .plain)
            case .sequence(let sequence): .sequence(sequence.map { $0.scalar?.string })
            default: .mapping
            }
            fields.append(FrontMatterField(key: key, value: value, line: line))
        }
        return fields
    }

    private static func describe(_ error: YamlError, path: String) -> ContentFileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            ContentFileError(path: path, line: mark.line + lineOffset, field: nil, message: "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            ContentFileError(path: path, line: context.mark.line + lineOffset, field: duplicates.first,
                             message: "appears more than once")
        default:
            ContentFileError(path: path, line: 1, field: nil, message: "YAML: \(error)")
        }
    }

    func error(_ field: String, _ message: String) -> ContentFileError {
        ContentFileError(path: path, line: values[field]?.line ?? 1, field: field, message: message)
    }

    /// Fails on the first field that is not in `allowed`.
    func rejectUnknown(allowed: [String]) throws(ContentFileError) {
        for (key, line) in keyLines where !allowed.contains(key) {
            throw ContentFileError(path: path, line: line, field: key,
                                   message: "unknown field (known fields: \(allowed.joined(separator: ", ")))")
        }
    }

    /// A scalar's text; nil when the field is absent or null (`~`, `null` or empty).
    func string(_ field: String) throws(ContentFileError) -> String? {
        guard let (value, _) = values[field] else { return nil }
        guard case .scalar(let text, let plain) = value else {
            throw error(field, "must be a single value, not a list or mapping")
        }
        if plain, ["", "~", "null", "Null", "NULL"].contains(text) { return nil }
        return text
    }

    func required(_ field: String) throws(ContentFileError) -> String {
        guard let text = try string(field), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ContentFileError(path: path, line: values[field]?.line ?? 1, field: field, message: "is required")
        }
        return text
    }

    func slug(_ field: String) throws(ContentFileError) -> String? {
        guard let text = try string(field) else { return nil }
        if let problem = Slug.problem(text) { throw error(field, problem) }
        return text
    }

    func date(_ field: String) throws(ContentFileError) -> Date? {
        guard let text = try string(field) else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw error(field, "\"\(text)\" is not a date; write 2026-11-24 or 2026-11-24T09:30:00Z")
        }
        return date
    }

    func int(_ field: String) throws(ContentFileError) -> Int? {
        guard let text = try string(field) else { return nil }
        // At most what the API's Int (32 bits) can give back: a larger one was stored, and every
        // read of the field was an error.
        guard let number = Int(text), number >= 0, number <= Int(Int32.max) else {
            throw error(field, "\"\(text)\" is not a whole number from 0 to 2147483647")
        }
        return number
    }

    func url(_ field: String) throws(ContentFileError) -> String? {
        guard let text = try string(field) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host != nil else {
            throw error(field, "\"\(text)\" is not an http(s) URL")
        }
        return text
    }

    /// A list of texts: a YAML sequence, or one value standing for a list of one.
    func strings(_ field: String) throws(ContentFileError) -> [String] {
        guard let (value, _) = values[field] else { return [] }
        switch value {
        case .sequence(let sequence):
            var items: [String] = []
            for item in sequence {
                guard let item else { throw error(field, "each item must be a single value") }
                items.append(item)
            }
            return items
        default:
            return try string(field).map { [$0] } ?? []
        }
    }

    /// A list of slugs, without repeats.
    func slugs(_ field: String) throws(ContentFileError) -> [String] {
        let items = try strings(field)
        var seen = Set<String>()
        for item in items {
            if let problem = Slug.problem(item) { throw error(field, problem) }
            guard seen.insert(item).inserted else { throw error(field, "\"\(item)\" is listed twice") }
        }
        return items
    }
}
