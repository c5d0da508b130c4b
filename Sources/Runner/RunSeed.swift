/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): a small generator whose output depends only on the seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Seeds for individual runs.
public enum RunSeed {
    /// Derives the seed of one run by mixing the global seed with a 64-bit FNV-1a hash of
    /// the claim, instance and control ids. It does not depend on run order, sharding or `--jobs`.
    public static func derive(globalSeed: UInt64, claimID: String, instanceID: String, controlID: String?) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        let key = [claimID, instanceID, controlID ?? ""].joined(separator: "\u{1F}")
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        var generator = SplitMix64(seed: globalSeed ^ hash)
        return generator.next()
    }
}
