import GraphQLLanguage

/// The parameters of a URL's query string, read as `application/x-www-form-urlencoded`, which is how
/// the GraphQL-over-HTTP spec has GET requests carry `query`, `operationName`, `variables` and
/// `extensions`, and what `URLSearchParams` writes: `+` stands for a space, `%` and two hexadecimal
/// digits for a byte, and the bytes are UTF-8. A `%` without two hexadecimal digits after it, or
/// bytes that are not UTF-8, are an error naming the parameter: handing such a value on undecoded
/// would make it a puzzling syntax error at the document's first character.
enum FormQuery {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// The parameters in their order, names and values decoded; pieces without a name are skipped.
    static func parameters(_ query: String) throws(Malformed) -> [(name: String, value: String)] {
        var parameters: [(name: String, value: String)] = []
        for piece in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let name = try decode(piece[..<(equals ?? piece.endIndex)], nil)
            guard !name.isEmpty else { continue }
            var value = ""
            if let equals { value = try decode(piece[piece.index(after: equals)...], name) }
            parameters.append((name, value))
        }
        return parameters
    }

    /// One name (`parameter` nil) or the value of the parameter named `parameter`, decoded.
    private static func decode(_ raw: Substring.UTF8View, _ parameter: String?) throws(Malformed) -> String {
        let what = parameter.map { "The URL parameter \"\($0)\"" } ?? "A URL parameter name"
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let digits = raw[raw.index(after: index)...].prefix(2)
                guard digits.count == 2, let high = HexDigit.value(digits.first!), let low = HexDigit.value(digits.last!) else {
                    let shown = String(decoding: raw[index...].prefix(3), as: UTF8.self)
                    let at = raw.distance(from: raw.startIndex, to: index) + 1
                    throw Malformed(description: "\(what) is not valid percent-encoding: \"\(shown)\" at character \(at) is not a \"%\" and two hexadecimal digits.")
                }
                bytes.append(high << 4 | low)
                index = raw.index(index, offsetBy: 2)
            default:
                bytes.append(byte)
            }
            index = raw.index(after: index)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Malformed(description: "\(what) is not UTF-8 once its percent-encoding is decoded.")
        }
        return text
    }
}
