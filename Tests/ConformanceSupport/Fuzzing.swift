import Foundation

/// What the fuzz tests share: a seeded generator and a mutator of valid inputs. `FUZZ_ITERATIONS`
/// and `FUZZ_SEED` in the environment run more or other mutants (`Fuzzing.iterations`, `.seed`).
public enum Fuzzing {
    public static func iterations(default count: Int) -> Int {
        ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"].flatMap(Int.init) ?? count
    }

    public static func seed(default value: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? value
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so a failing mutant can be found again from
/// its seed and iteration.
public struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Byte-level mutations of valid inputs: deleting, inserting, repeating and replacing pieces,
/// with the fragments a grammar is most sensitive to among the insertions.
public struct Mutator {
    var random: SplitMix
    let seeds: [[UInt8]]
    let pieces: [[UInt8]]

    public init(seed: UInt64, seeds: [String], pieces: [String]) {
        random = SplitMix(seed: seed)
        self.seeds = seeds.map { Array($0.utf8) }
        self.pieces = pieces.map { Array($0.utf8) }
    }

    /// A seed with one to four mutations.
    public mutating func mutant() -> [UInt8] {
        var bytes = seeds.randomElement(using: &random) ?? []
        for _ in 0...Int.random(in: 0...3, using: &random) { mutate(&bytes) }
        return bytes
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let at = Int.random(in: 0...bytes.count, using: &random)
        let length = min(Int.random(in: 1...12, using: &random), bytes.count - at)
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            bytes.removeSubrange(at..<(at + length))
        case 1:
            bytes.insert(contentsOf: pieces.randomElement(using: &random) ?? [], at: at)
        case 2:
            bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
        case 3:
            if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &random) }
        default:
            // A piece of another seed: constructs meeting where they never do in the seeds.
            let other = seeds.randomElement(using: &random) ?? []
            let from = Int.random(in: 0...other.count, using: &random)
            bytes.insert(contentsOf: other[from..<min(other.count, from + 40)], at: at)
        }
    }
}
