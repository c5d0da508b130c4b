import Testing
import ClaimKit

@Suite struct VerdictTests {
    @Test(arguments: [
        ([Verdict.provedExact, .provedExact], Verdict.provedExact),
        ([.provedExact, .provedRigorous], .provedRigorous),
        ([.provedRigorous, .supported, .provedExact], .supported),
        ([.supported, .inconclusive], .inconclusive),
        ([.inconclusive, .refuted], .refuted),
        ([.provedExact, .refuted, .inconclusive], .refuted),
        ([], .inconclusive),
    ])
    func combination(verdicts: [Verdict], expected: Verdict) {
        #expect(Verdict.combined(verdicts) == expected)
    }

    @Test func rawValuesMatchSpecVocabulary() {
        #expect(Verdict.allCases.map(\.rawValue) == ["proved-exact", "proved-rigorous", "supported", "refuted", "inconclusive"])
        #expect(Provenance.sourcedMeta.rawValue == "sourced-meta")
    }
}
