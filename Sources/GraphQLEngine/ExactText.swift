/// Text as a cache key: equal when its UTF-8 bytes are, hashed once when made. A `String` key
/// compares by Unicode canonical equivalence — a composed "é" equals "e" followed by a combining
/// accent — so a cache keyed by `String` answered a request with what another, differently encoded
/// one was answered with, echoing the other's bytes. GraphQL reads text as code points, and so do
/// these keys. The hash is kept because a key is looked up and, on a miss, stored again: a POST
/// body is most of a kilobyte.
public struct ExactText: Hashable, Sendable {
    public let text: String
    private let hash: Int

    public init(_ text: String) {
        var text = text
        var hasher = Hasher()
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        self.text = text
        hash = hasher.finalize()
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    public static func == (left: ExactText, right: ExactText) -> Bool {
        guard left.hash == right.hash else { return false }
        var (left, right) = (left.text, right.text)
        return left.withUTF8 { leftBytes in right.withUTF8 { Self.same(UnsafeRawBufferPointer(leftBytes), UnsafeRawBufferPointer($0)) } }
    }

    /// Byte for byte, eight at a time (a found entry's key is compared whole, most of a kilobyte).
    static func same(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        guard left.count == right.count else { return false }
        var offset = 0
        while offset + 8 <= left.count {
            guard left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < left.count {
            guard left[offset] == right[offset] else { return false }
            offset += 1
        }
        return true
    }
}
