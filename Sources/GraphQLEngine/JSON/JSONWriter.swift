/// Writes JSON straight to bytes: keys in the order given, strings escaped per RFC 8259.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    public mutating func write(_ value: ConstValue) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): raw(flag ? "true" : "false")
        case .int(let number): raw(String(number))
        case .float(let number): writeDouble(number)
        case .string(let text), .enumValue(let text): string(text)
        case .list(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let fields):
            bytes.append(UInt8(ascii: "{"))
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                string(field.0)
                bytes.append(UInt8(ascii: ":"))
                write(field.1)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    public mutating func raw(_ text: String) { bytes += text.utf8 }

    /// Bytes that are JSON already.
    mutating func raw(_ json: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: json) }

    /// One ASCII byte: punctuation.
    mutating func byte(_ ascii: Unicode.Scalar) { bytes.append(UInt8(ascii: ascii)) }

    /// How many bytes are written so far: a position `takeBack(to:)` can return to.
    var count: Int { bytes.count }

    /// Takes back everything written after `position`.
    mutating func takeBack(to position: Int) { bytes.removeSubrange(position...) }

    /// Doubles as JavaScript writes them (see `javaScriptText`); non-finite values become null.
    mutating func writeDouble(_ number: Double) {
        guard number.isFinite else { return raw("null") }
        if number == number.rounded(), abs(number) < 1e15 { return raw(String(Int(number))) }
        raw(Self.javaScriptText(number))
    }

    /// A finite double as JavaScript's `Number.prototype.toString` writes it (ECMA-262, 6.1.6.1.20),
    /// which `JSON.stringify` and graphql-js's messages use: the shortest digits that read back (as
    /// Swift finds them), in plain notation from 1e-7 up to 1e21 with every zero of a whole number
    /// written (`9223372036854776000`), in exponent notation outside (`1e+21`, `1.5e-7`), and 0
    /// for -0. Swift wrote `9.223372036854776e+18`, `1e-05` and `-0.0`.
    static func javaScriptText(_ number: Double) -> String {
        if number == 0 { return "0" }
        // Swift's text of the magnitude is the digits with a point and maybe an exponent:
        // `123.45`, `1e-05`, `1.2345e+16`. Read it as digits d1…dk and n, the value being
        // 0.d1…dk × 10^n.
        let text = String(number.magnitude)
        let parts = text.split(separator: "e")
        let mantissa = parts[0], exponent = parts.count > 1 ? Int(parts[1])! : 0
        var digits = Array(mantissa.utf8.filter { $0 != UInt8(ascii: ".") })
        var n = (mantissa.utf8.firstIndex(of: UInt8(ascii: ".")).map { mantissa.utf8.distance(from: mantissa.utf8.startIndex, to: $0) }
                 ?? mantissa.utf8.count) + exponent
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            n -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let k = digits.count
        var out: [UInt8] = number < 0 ? [UInt8(ascii: "-")] : []
        if k <= n, n <= 21 {
            out += digits + Array(repeating: UInt8(ascii: "0"), count: n - k)
        } else if 0 < n, n <= 21 {
            out += digits[..<n] + [UInt8(ascii: ".")] + digits[n...]
        } else if -6 < n, n <= 0 {
            out += Array("0.".utf8) + Array(repeating: UInt8(ascii: "0"), count: -n) + digits
        } else {
            out.append(digits[0])
            if k > 1 { out += [UInt8(ascii: ".")] + digits[1...] }
            out += Array("e\(n - 1 < 0 ? "-" : "+")\(abs(n - 1))".utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An object member's start: its key and the colon.
    mutating func member(_ member: JSONMember) {
        bytes.append(contentsOf: member.bytes)
    }

    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // A native string's bytes are read where they are; only another (bridged, say) is copied
        // to make them contiguous.
        if text.utf8.withContiguousStorageIfAvailable({ escaped($0) }) == nil {
            var copy = text
            copy.withUTF8 { escaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// UTF-8 text as the inside of a JSON string: runs of bytes that need no escape copied at once
    /// (HTML bodies are mostly such runs), each byte that does escaped.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while true {
            let stop = Self.plainRun(utf8, from: start)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<stop]))
            guard stop < utf8.count else { return }
            escape(utf8[stop])
            start = stop + 1
        }
    }

    /// Where the run of bytes from `start` that a JSON string holds as they are ends: at the first
    /// quote, backslash or control character, or at the end. Eight bytes at a time; a word with such
    /// a byte says which (the reader finds a string's runs with it too).
    static func plainRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index + 8 <= bytes.count, let base = bytes.baseAddress {
            let mask = escapeMask(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            if mask != 0 { return index + mask.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return index }
            index += 1
        }
        return index
    }

    /// The high bit of each of eight bytes (little-endian) that is a control character, a quote or
    /// a backslash: the usual "has a zero byte" word test, on the bytes themselves (below 0x20) and
    /// on them XORed with `"` and `\\`. The lowest bit set marks the first such byte exactly; bits
    /// above it may be wrong (a borrow), which only sends those bytes through the byte test.
    static func escapeMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func below(_ value: UInt64, _ limit: UInt64) -> UInt64 { (value &- ones &* limit) & ~value & highs }
        return below(word, 0x20) | below(word ^ (ones &* 0x22), 1) | below(word ^ (ones &* 0x5C), 1)
    }

    /// `\"`, `\\`, `\n`, `\r`, `\t`, or `\u00XX` for the other control characters.
    private mutating func escape(_ byte: UInt8) {
        bytes.append(0x5C)
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(UInt8(ascii: "u"))
            bytes.append(0x30)
            bytes.append(0x30)
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}

extension ConstValue {
    /// The value as JSON text.
    public var json: String {
        var writer = JSONWriter()
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// A JSON object member's start, `"key":`, for a response key: GraphQL names are ASCII letters,
/// digits and underscores, which never need escaping. The bytes are its owner's to free (`free()`),
/// once, when nothing writes with them any more: they are read with no reference counting.
struct JSONMember: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ key: String) {
        let text = Array("\"\(key)\":".utf8)
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
        _ = bytes.initialize(from: text)
        self.bytes = UnsafeBufferPointer(bytes)
    }

    func free() {
        bytes.deallocate()
    }
}
