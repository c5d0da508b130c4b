import ClaimKit

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
