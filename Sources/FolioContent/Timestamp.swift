public import Foundation

/// Instants as RFC 3339 text in UTC with whole seconds (`2026-11-24T09:30:00Z`): the one format
/// used in front matter, the database and the API.
public enum Timestamp {
    /// Parses `2026-11-24T09:30:00Z`, an offset form (`+01:00`), fractional seconds, or a bare date
    /// (`2026-11-24`, midnight UTC). Nil when the text is none of these.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.utf8.count == 10, let date = try? Date(trimmed + "T00:00:00Z", strategy: .iso8601) {
            return date
        }
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try? fractional.parse(trimmed)
    }

    /// The canonical text of an instant, truncated to whole seconds.
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// An instant truncated to whole seconds, as stored.
    public static func truncate(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
