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
        return left.withUTF8 { leftBytes in right.withUTF8 { leftBytes.elementsEqual($0) } }
    }
}
