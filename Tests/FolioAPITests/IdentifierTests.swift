@testable import FolioAPI
import Foundation
import Testing

struct IdentifierTests {
    /// IDs and cursors are standard base64 with padding, byte for byte what Foundation writes, for
    /// every remainder of three and every byte value; and they read back.
    @Test func base64IsFoundationsBase64() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...64 {
            for _ in 0..<8 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                #expect(Opaque.base64(bytes) == Data(bytes).base64EncodedString(), "bytes \(bytes)")
            }
        }
        #expect(Opaque.base64(Array(0...255)) == Data(Array(0...255)).base64EncodedString())
        #expect(Opaque.globalID("Article", 42) == "QXJ0aWNsZXw0Mg==")
        #expect(Opaque.parseGlobalID(Opaque.globalID("Procedure", 7))! == ("Procedure", 7))
        #expect(Opaque.decode(Opaque.encode(["v1", "a|b", "é", ""]), count: 5) == ["v1", "a", "b", "é", ""])
    }
}
