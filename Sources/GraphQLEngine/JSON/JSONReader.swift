import GraphQLLanguage

/// A strict JSON reader (RFC 8259) to `ConstValue`, keeping object key order and the difference
/// between integers and floats, which GraphQL's Int and Float need.
public enum JSONReader {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at byte \(offset)" }
    }

    /// Parses one JSON value; nesting deeper than `maxDepth` is refused rather than recursed into.
    /// A UTF-8 byte order mark before it is skipped, as RFC 8259 (8.1) lets a reader do: some
    /// Windows tools write one. Failure offsets still count from the first byte given.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 512) throws(Failure) -> ConstValue {
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == bytes.count else { throw Failure(message: "Unexpected data after the JSON value", offset: reader.index) }
        return value
    }

    public static func parse(_ text: String) throws(Failure) -> ConstValue { try parse(Array(text.utf8)) }

    private struct Reader {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        func fail(_ message: String) -> Failure { Failure(message: message, offset: index) }

        mutating func value(depth: Int) throws(Failure) -> ConstValue {
            guard depth <= maxDepth else { throw fail("JSON nested too deeply") }
            skipSpace()
            guard index < bytes.count else { throw fail("Unexpected end of JSON") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var fields: [(String, ConstValue)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("Expected a string key") }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("Expected ':'") }
                    index += 1
                    fields.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard index < bytes.count else { throw fail("Unexpected end of JSON") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
                    throw fail("Expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [ConstValue] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .list(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw fail("Unexpected end of JSON") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .list(items) }
                    throw fail("Expected ',' or ']'")
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return try number()
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw fail("Unexpected character")
            }
            index += expected.count
        }

        mutating func number() throws(Failure) -> ConstValue {
            let start = index
            var isFloat = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw fail("Unexpected character") }
            if bytes[index] == 0x30 { index += 1 } else { while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 } }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isFloat = true
                index += 1
                guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw fail("Expected a digit") }
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isFloat = true
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw fail("Expected a digit") }
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if !isFloat, let integer = Int(text) { return .int(integer) }
            guard let double = Double(text) else { throw fail("Invalid number") }
            return .float(double)
        }

        mutating func string() throws(Failure) -> String {
            index += 1  // opening quote
            // Built only when the string has an escape; otherwise it is made from the input's bytes.
            var result: [UInt8] = []
            while true {
                let stop = bytes.withUnsafeBufferPointer { JSONWriter.plainRun($0, from: index) }
                guard stop < bytes.count else {
                    index = bytes.count
                    break
                }
                let byte = bytes[stop]
                if byte == UInt8(ascii: "\"") {
                    defer { index = stop + 1 }
                    if result.isEmpty { return String(decoding: bytes[index..<stop], as: UTF8.self) }
                    result += bytes[index..<stop]
                    return String(decoding: result, as: UTF8.self)
                }
                result += bytes[index..<stop]
                index = stop
                if byte < 0x20 { throw fail("Control character in string") }
                guard index + 1 < bytes.count else { break }
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "\""): result.append(0x22)
                case UInt8(ascii: "\\"): result.append(0x5C)
                case UInt8(ascii: "/"): result.append(0x2F)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                       bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("Invalid surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("Invalid \\u escape") }
                    result += Array(String(scalar).utf8)
                default: throw fail("Invalid escape")
                }
            }
            throw fail("Unterminated string")
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("Invalid \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = HexDigit.value(bytes[index]) else { throw fail("Invalid \\u escape") }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}
