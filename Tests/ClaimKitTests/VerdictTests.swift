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

@Suite struct ResultContractTests {
    @Test func empiricalCheckCannotProve() {
        let result = CheckResult(verdict: .provedRigorous, summary: "fit looks good")
        #expect(result.contractViolation(rigor: .empirical) != nil)
        #expect(result.contractViolation(rigor: .rigorous) == nil)
        #expect(CheckResult(verdict: .supported, summary: "s").contractViolation(rigor: .empirical) == nil)
    }

    @Test func refutationNeedsCounterexample() {
        #expect(CheckResult(verdict: .refuted, summary: "no").contractViolation(rigor: .exact) != nil)
        let withCounterexample = CheckResult(verdict: .refuted, summary: "no",
                                             counterexample: Counterexample(description: "d", input: ["x": "1"], recheck: "r"))
        #expect(withCounterexample.contractViolation(rigor: .exact) == nil)
    }
}
