import CLibDeflate
import Synchronization

/// gzip (RFC 1952) through libdeflate, for response bodies sent to clients that accept it.
enum Gzip {
    /// Whether an `Accept-Encoding` header (RFC 9110, 12.5.3) takes gzip: `gzip` or `x-gzip` with a
    /// weight above 0, or `*` above 0 when gzip is not named. No header: no (identity only).
    static func accepted(by header: String?) -> Bool {
        guard let header else { return false }
        var (gzip, anything): (Int?, Int?) = (nil, nil)
        HeaderItems.forEach(in: header) { coding, weight in
            if HeaderItems.same(coding, "gzip") || HeaderItems.same(coding, "x-gzip") { gzip = max(gzip ?? 0, weight) }
            if HeaderItems.same(coding, "*") { anything = max(anything ?? 0, weight) }
        }
        return (gzip ?? anything ?? 0) > 0
    }

    /// Bodies shorter than this go out as they are: a few hundred bytes of JSON shrink by little
    /// more than gzip's own 18 bytes of header and trailer, and the work is the same per call.
    static let minimumBytes = 1024

    /// `bytes` compressed whole at libdeflate's `level` (1 fastest … 12 smallest). libdeflate
    /// rather than zlib: on a 5.7 KB article page, level 1 took 20 µs for 2,027 bytes where zlib's
    /// level 1 took 35 µs for 2,110 and its level 6 38 µs for 2,000 (C loops, CPU caches cooled
    /// between calls).
    static func compress(_ bytes: UnsafeRawBufferPointer, level: Int32) -> [UInt8] {
        let compressor = Compressors.take(level)
        defer { Compressors.give(compressor, level) }
        let bound = libdeflate_gzip_compress_bound(compressor.pointer, bytes.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { output, count in
            count = libdeflate_gzip_compress(compressor.pointer, bytes.baseAddress, bytes.count, output.baseAddress, bound)
            // Never 0 with room for the bound.
            precondition(count > 0, "libdeflate found no room within its own bound")
        }
    }

    /// libdeflate compressors kept between calls, a few per level. Making one and freeing it again
    /// for each answer cost 2.2 µs of the 18 µs that gzipping a 5.7 KB article page takes at
    /// level 1 (a C loop: 15.4 µs with a kept compressor); a compressor keeps no state from one
    /// call to the next. Levels 10–12 take 9 MB a compressor (1–9 take 0.2–0.7 MB) and are used
    /// once, for the explorer page: those are freed at once.
    private enum Compressors {
        /// A compressor, used by one call at a time: taken out of the pool, then given back.
        struct Compressor: @unchecked Sendable {
            let pointer: OpaquePointer
        }

        /// At most this many idle compressors a level: one for each thread that may gzip at once
        /// (an event loop and a lane for long work per core) on machines of up to four cores.
        static let keptPerLevel = 8
        static let idle = Mutex<[Int32: [Compressor]]>([:])

        static func take(_ level: Int32) -> Compressor {
            if let kept = idle.withLock({ $0[level]?.popLast() }) { return kept }
            guard let pointer = libdeflate_alloc_compressor(level) else {
                fatalError("libdeflate could not make a compressor at level \(level) (out of memory)")
            }
            return Compressor(pointer: pointer)
        }

        static func give(_ compressor: Compressor, _ level: Int32) {
            let kept = level <= 9 && idle.withLock { idle in
                guard idle[level, default: []].count < keptPerLevel else { return false }
                idle[level, default: []].append(compressor)
                return true
            }
            if !kept { libdeflate_free_compressor(compressor.pointer) }
        }
    }
}
