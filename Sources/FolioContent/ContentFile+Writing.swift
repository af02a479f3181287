import Foundation

extension ContentFile {
    /// Writes an entry in the canonical form `parse` reads back: known fields in a fixed order, texts
    /// double-quoted, absent values and empty lists left out, then a blank line and the body.
    public static func write(_ entry: ContentEntry) -> String {
        var lines: [String] = []
        func text(_ key: String, _ value: String?) {
            if let value { lines.append("\(key): \(quoted(value))") }
        }
        func plain(_ key: String, _ value: String?) {
            if let value { lines.append("\(key): \(value)") }
        }
        func date(_ key: String, _ value: Date?) { plain(key, value.map(Timestamp.format)) }
        func list(_ key: String, _ values: [String]) {
            if !values.isEmpty { lines.append("\(key): [" + values.map(quoted).joined(separator: ", ") + "]") }
        }
        let body: String
        switch entry {
        case .author(let author):
            plain("slug", author.slug)
            text("name", author.name)
            text("role", author.role)
            text("avatar_url", author.avatarURL)
            date("updated_at", author.updatedAt)
            body = author.bioMarkdown
        case .article(let article):
            plain("slug", article.slug)
            text("title", article.title)
            text("summary", article.summary)
            plain("author", article.authorSlug)
            plain("status", article.status.rawValue)
            date("published_at", article.publishedAt)
            date("updated_at", article.updatedAt)
            date("reviewed_at", article.reviewedAt)
            plain("reviewer", article.reviewerSlug)
            text("canonical_url", article.canonicalURL)
            list("tags", article.tags)
            list("procedures", article.procedureSlugs)
            list("related", article.relatedSlugs)
            body = article.bodyMarkdown
        case .procedure(let procedure):
            plain("slug", procedure.slug)
            text("name", procedure.name)
            text("full_name", procedure.fullName)
            text("summary", procedure.summary)
            list("conditions", procedure.conditions)
            list("symptoms", procedure.symptoms)
            plain("duration_minutes", procedure.durationMinutes.map(String.init))
            text("anesthesia", procedure.anesthesia)
            text("incision", procedure.incision)
            text("imaging_guidance", procedure.imagingGuidance)
            text("recovery", procedure.recovery)
            list("risks", procedure.risks)
            list("preparation", procedure.preparation)
            date("updated_at", procedure.updatedAt)
            body = procedure.bodyMarkdown
        }
        return "---\n" + lines.joined(separator: "\n") + "\n---\n\n" + body + (body.isEmpty ? "" : "\n")
    }

    /// A YAML double-quoted scalar: backslash, quote and control characters escaped.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\u{0}"..."\u{1F}", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}":
                result += "\\u" + String(format: "%04X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
