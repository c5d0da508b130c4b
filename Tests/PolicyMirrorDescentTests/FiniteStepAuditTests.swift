import Exact
import Testing
@testable import PolicyMirrorDescent

/// The audit must find the violations that weakened constants produce, at the steps derived by
/// hand: with Δ replaced by 2Δ the chain's mass bound fails first at k = 2 (mass 0.10632 against
/// 0.14913/2 = 0.07456), and with the constant 2 replaced by 1/2 the bandit with γ = 1/2, η = 1/2
/// meets the sharp condition at k = 0 (η·gap = 1/2) but keeps mass 3/4 on the suboptimal action.
@Suite("Finite-step audit")
struct FiniteStepAuditTests {
    @Test("true properties have no violation")
    func noViolation() throws {
        let chain = try MarkovDecisionProcess.delayedRewardChain()
        let optimal = try chain.solveOptimal()
        let run = try EuclideanPMDRunner(mdp: chain, optimal: optimal, schedule: .constant(q("10")))
            .run(from: Policy.uniform(states: 3, actions: 2), maximumSteps: 10)
        let audit = FiniteStepAudit(run: run, mdp: chain, constant: q("2"), gapFactor: q("1"))
        #expect(audit.violations.isEmpty)
        #expect(!audit.epsilonConditionSteps.isEmpty)
    }

    @Test("twice the gap fails at step 2")
    func doubledGap() throws {
        let chain = try MarkovDecisionProcess.delayedRewardChain()
        let optimal = try chain.solveOptimal()
        let run = try EuclideanPMDRunner(mdp: chain, optimal: optimal, schedule: .constant(q("1")))
            .run(from: Policy.uniform(states: 3, actions: 2), maximumSteps: 10)
        let audit = FiniteStepAudit(run: run, mdp: chain, constant: q("2"), gapFactor: q("2"))
        #expect(audit.massBoundViolation?.step == 2)
    }

    @Test("constant one half fails on the bandit")
    func halfConstant() throws {
        let bandit = try MarkovDecisionProcess.selfLoopBandit(costs: qs(["1", "0"]), discount: q("1/2"))
        let optimal = try bandit.solveOptimal()
        let run = try EuclideanPMDRunner(mdp: bandit, optimal: optimal, schedule: .constant(q("1/2")))
            .run(from: Policy([qs(["1", "0"])]), maximumSteps: 2)
        let audit = FiniteStepAudit(run: run, mdp: bandit, constant: q("1/2"), gapFactor: q("1"))
        #expect(audit.sharpConditionViolation?.step == 0)
        #expect(audit.sharpConditionViolation?.state == 0)
        let withTwo = FiniteStepAudit(run: run, mdp: bandit, constant: q("2"), gapFactor: q("1"))
        #expect(withTwo.violations.isEmpty)
    }

    @Test("significant digits rounding", arguments: [
        ("1/3", 3, "3.33e-1"), ("-2/3", 2, "-6.7e-1"), ("99999/1000", 3, "1.00e+2"), ("1/1000000", 1, "1e-6"),
        ("0", 4, "0"),
    ])
    func significantDigitsFormatting(value: String, digits: Int, expected: String) {
        #expect(significantDigits(q(value), digits) == expected)
    }
}
