import Foundation

/// Global object IDs (`node(id:)`) and opaque cursors: base64 of a small tagged text, checked
/// field by field when read back so a malformed or forged value is an error, never page one.
enum Opaque {
    static func encode(_ parts: [String]) -> String {
        Data(parts.joined(separator: "|").utf8).base64EncodedString()
    }

    static func decode(_ text: String, count: Int) -> [String]? {
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8) else { return nil }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        return parts.count == count ? parts : nil
    }

    static func globalID(_ type: String, _ id: Int64) -> String { encode([type, String(id)]) }

    static func parseGlobalID(_ text: String) -> (type: String, id: Int64)? {
        guard let parts = decode(text, count: 2), let id = Int64(parts[1]),
              ["Article", "Author", "Procedure"].contains(parts[0]) else { return nil }
        return (parts[0], id)
    }
}
