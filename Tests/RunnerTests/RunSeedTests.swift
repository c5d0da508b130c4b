import ClaimKit
import Testing
import Runner

@Suite struct RunSeedTests {
    /// Reference outputs of splitmix64.c by Sebastiano Vigna (public domain reference code).
    @Test func splitMixMatchesReference() {
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)

        var reference = SplitMix64(seed: 1_234_567)
        #expect(reference.next() == 6_457_827_717_110_365_317)
        #expect(reference.next() == 3_203_168_211_198_807_973)
    }

    @Test func derivedSeedDependsOnEveryId() {
        let base = RunSeed.derive(globalSeed: 7, claimID: "a", instanceID: "i", controlID: nil)
        #expect(base == RunSeed.derive(globalSeed: 7, claimID: "a", instanceID: "i", controlID: nil))
        #expect(base != RunSeed.derive(globalSeed: 8, claimID: "a", instanceID: "i", controlID: nil))
        #expect(base != RunSeed.derive(globalSeed: 7, claimID: "b", instanceID: "i", controlID: nil))
        #expect(base != RunSeed.derive(globalSeed: 7, claimID: "a", instanceID: "j", controlID: nil))
        #expect(base != RunSeed.derive(globalSeed: 7, claimID: "a", instanceID: "i", controlID: "c"))
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        #expect(RunSeed.derive(globalSeed: 7, claimID: "ab", instanceID: "c", controlID: nil)
                != RunSeed.derive(globalSeed: 7, claimID: "a", instanceID: "bc", controlID: nil))
    }
}
