import FolioStore
import Foundation
import GraphQLEngine
import Hummingbird

/// A finished GraphQL HTTP response, kept for identical anonymous requests.
struct CachedResponse: Sendable {
    var status: Int
    var contentType: String
    /// The body as made and its tag; the bytes are shared, not copied, by every response that
    /// serves them.
    var plain: TaggedBody
    /// The content version the response was made at: a later content write, from any process, or
    /// a scheduled article's time coming makes the entry stale. Nil: not kept, and not public to
    /// caches either (made without a look-up, or not stable, see `GraphQLHTTP.isStable`).
    var version: ContentVersion?
    /// The body gzipped and its own tag, made when the response is kept (see `keptForm`); nil
    /// until then. The gzipped bytes depend on the level they were made at (a kept answer's at 9,
    /// one made per request at `--gzip-level`), and a strong tag names one sequence of bytes (RFC
    /// 9110, 8.8.1), so the tag is that of those bytes.
    var gzipped: TaggedBody?

    /// Whether the body goes out gzipped to a client that accepts gzip.
    var compressible: Bool { plain.body.readableBytes >= Gzip.minimumBytes }

    /// The bytes the cache holds for it: the body, and the gzipped body once made.
    var weight: Int { plain.body.readableBytes + (gzipped?.body.readableBytes ?? 0) }

    /// The body gzipped: the kept copy, or made now at `level`.
    func gzipForm(level: Int32) -> TaggedBody {
        if let gzipped { return gzipped }
        let bytes = plain.body.withUnsafeReadableBytes { Gzip.compress($0, level: level) }
        return TaggedBody(bytes)
    }

    /// The response as the cache keeps it: with its body gzipped at `level`, once for every hit.
    func keptForm(level: Int32) -> CachedResponse {
        var kept = self
        if compressible { kept.gzipped = gzipForm(level: level) }
        return kept
    }
}

/// Bytes to send and their strong entity tag.
struct TaggedBody: Sendable {
    let body: ByteBuffer
    let etag: String

    init(_ bytes: [UInt8]) {
        body = ByteBuffer(bytes: bytes)
        etag = EntityTag.of(bytes)
    }
}

/// Responses to anonymous requests, keyed by everything that shapes them, bounded in size.
typealias ResponseCache = LRUCache<RequestKey, CachedResponse>

/// An anonymous request as sent (method, media type, and query string or body): what the response
/// cache finds responses by, byte for byte.
typealias RequestKey = ExactText

/// A strong entity tag for response bytes: FNV-1a 64 taken eight bytes at a time with a shift
/// folded in (each step a bijection of the state, so bodies that differ within one word always get
/// different tags; others collide by a 1-in-2^64 chance), then byte by byte for the tail, with the
/// length mixed in. Whole 32-byte blocks go through four such states side by side, folded into one
/// at the end: a step waits only for its own state's multiply, so a page body of several kilobytes
/// takes about a quarter of the time one chain of steps would. A validator, not a security measure.
enum EntityTag {
    static func of(_ bytes: [UInt8]) -> String {
        let prime: UInt64 = 0x100_0000_01b3
        func step(_ state: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = (state ^ word) &* prime
            return mixed ^ (mixed >> 29)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            func word(_ offset: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
            var offset = 0
            if raw.count >= 32 {
                var lanes = (hash, hash ^ 0x9e37_79b9_7f4a_7c15, hash ^ 0xc2b2_ae3d_27d4_eb4f, hash ^ 0x1656_67b1_9e37_79f9)
                while offset + 32 <= raw.count {
                    lanes.0 = step(lanes.0, word(offset))
                    lanes.1 = step(lanes.1, word(offset + 8))
                    lanes.2 = step(lanes.2, word(offset + 16))
                    lanes.3 = step(lanes.3, word(offset + 24))
                    offset += 32
                }
                hash = step(step(step(step(hash, lanes.0), lanes.1), lanes.2), lanes.3)
            }
            while offset + 8 <= raw.count {
                hash = step(hash, word(offset))
                offset += 8
            }
            while offset < raw.count {
                hash = (hash ^ UInt64(raw[offset])) &* prime
                offset += 1
            }
        }
        // `"` and sixteen hex digits and `"`, written in place: one allocation, not four.
        return String(unsafeUninitializedCapacity: 18) { buffer in
            let digits: StaticString = "0123456789abcdef"
            buffer[0] = UInt8(ascii: "\"")
            for index in 0..<16 { buffer[1 + index] = digits.utf8Start[Int((hash >> (60 - 4 * UInt64(index))) & 0xF)] }
            buffer[17] = UInt8(ascii: "\"")
            return 18
        }
    }

    /// Whether an If-None-Match header names this tag (or `*`).
    static func matches(_ header: String?, _ tag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { part in
            let candidate = part.trimmingCharacters(in: .whitespaces)
            return candidate == "*" || candidate == tag || candidate == "W/" + tag
        }
    }
}
