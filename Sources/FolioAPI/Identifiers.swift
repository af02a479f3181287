import Foundation

/// Global object IDs (`node(id:)`) and opaque cursors: base64 of a small tagged text, checked
/// field by field when read back so a malformed or forged value is an error, never page one.
enum Opaque {
    static func encode(_ parts: [String]) -> String {
        var plain: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { plain.append(UInt8(ascii: "|")) }
            plain += part.utf8
        }
        return base64(plain)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 (RFC 4648, section 4) with `=` padding: what `Data.base64EncodedString()`
    /// writes, without a `Data` and a joined string in between (an article page writes an ID for
    /// every object it shows).
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group = UInt32(bytes[index]) << 16
            if count > 1 { group |= UInt32(bytes[index + 1]) << 8 }
            if count > 2 { group |= UInt32(bytes[index + 2]) }
            for position in 0..<4 {
                out.append(position <= count ? alphabet[Int(group >> (18 - 6 * position) & 0x3F)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The `count` parts of an encoded text, or nil. Split at each `|` byte: split by characters, a
    /// combining mark after a `|` hid it. The part at `textAt` is free text (a title) and may hold
    /// `|` itself, so the parts before it are read from the start and those after it from the end.
    static func decode(_ text: String, count: Int, textAt: Int? = nil) -> [String]? {
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8) else { return nil }
        var parts = plain.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map { String(Substring($0)) }
        if let textAt, parts.count > count {
            let text = textAt...(textAt + parts.count - count)
            parts.replaceSubrange(text, with: [parts[text].joined(separator: "|")])
        }
        return parts.count == count ? parts : nil
    }

    static func globalID(_ type: String, _ id: Int64) -> String { encode([type, String(id)]) }

    static func parseGlobalID(_ text: String) -> (type: String, id: Int64)? {
        guard let parts = decode(text, count: 2), let id = Int64(parts[1]),
              ["Article", "Author", "Procedure"].contains(parts[0]) else { return nil }
        return (parts[0], id)
    }
}
