import ClaimKit
import Enclosures
import Exact
import Foundation
import Testing
@testable import PolicyMirrorDescent

private let theoremsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Theorems")

/// The per-step decisions of the certified phase (mass bound, monotone improvement) and the
/// certified refutation of a too-small claimed K, against exact rationals and hand values.
@Suite("Certified finite-step decisions")
struct CertifiedFiniteStepTests {
    private func chainSetup(schedule: StepSchedule) throws -> FiniteStepSetup {
        FiniteStepSetup(mdp: try MarkovDecisionProcess.delayedRewardChain(), label: "chain",
                        stateWeights: qs(["1/3", "1/3", "1/3"]), initialPolicy: Policy.uniform(states: 3, actions: 2),
                        schedule: schedule, maximumSteps: 50)
    }

    /// The exact run and its audit are the reference: where exact rationals show both properties
    /// at every step, the certified run must certify them at every step too.
    @Test("chain steps certified like the exact audit")
    func chainMatchesExactAudit() throws {
        let setup = try chainSetup(schedule: .constant(q("1")))
        let optimal = try setup.mdp.solveOptimal()
        let exact = try EuclideanPMDRunner(mdp: setup.mdp, optimal: optimal, schedule: setup.schedule,
                                           stateWeights: setup.stateWeights)
            .run(from: setup.initialPolicy, maximumSteps: 20)
        let audit = FiniteStepAudit(run: exact, mdp: setup.mdp, constant: Rational(2), gapFactor: Rational.one)
        #expect(audit.monotonicityViolation == nil)
        #expect(audit.massBoundViolation == nil)

        let certified = try CertifiedEuclideanPMDRunner(mdp: setup.mdp, optimal: optimal, schedule: setup.schedule,
                                                        stateWeights: setup.stateWeights, precision: 128)
            .run(from: setup.initialPolicy, maximumSteps: 20)
        let k = try #require(certified.firstCertifiedOptimalStep)
        #expect(k == exact.firstOptimalStep)
        for iterate in certified.iterates.prefix(k + 1) {
            #expect(iterate.massBound == .true, "step \(iterate.step)")
            #expect(iterate.monotoneImprovement == .true, "step \(iterate.step)")
        }
    }

    /// One state, actions with costs 0 and 1 looping back, γ = 1/2. For π = (1/2, 1/2) the value
    /// is (1/2)/(1 − 1/2) = 1. The wrong successor (1/4, 3/4) has value (3/4)/(1/2) = 3/2 > 1.
    @Test("wrong update is not certified monotone")
    func wrongUpdateDetected() throws {
        let mdp = try MarkovDecisionProcess.selfLoopBandit(costs: qs(["0", "1"]), discount: q("1/2"))
        let optimal = try mdp.solveOptimal()
        let runner = CertifiedEuclideanPMDRunner(mdp: mdp, optimal: optimal, schedule: .constant(q("1")),
                                                 stateWeights: qs(["1"]), precision: 128)
        let balls = { (row: [String]) in try [row.map { try Ball(q($0), precision: 128) }] }
        let current = try balls(["1/2", "1/2"])
        let wrong = try balls(["1/4", "3/4"])
        let classes = runner.identicalActionClasses()

        let currentValues = try runner.enclosedValues(current, checkpoint: {}).values
        let wrongValues = try runner.enclosedValues(wrong, checkpoint: {}).values
        #expect(currentValues[0].contains(q("1")))
        #expect(wrongValues[0].contains(q("3/2")))
        let qValues = runner.actionValues(currentValues)
        #expect(runner.improvement(from: current, to: wrong, values: currentValues, actionValues: qValues,
                                   actionClasses: classes) == .undecided)
        #expect(runner.violation(previous: currentValues, current: wrongValues) == .false)

        // The true step from (1/2, 1/2) with η = 1: Q = (0 + 1/2, 1 + 1/2), so π¹ = Proj(0, −1) = (1, 0).
        let right = try balls(["1", "0"])
        #expect(runner.improvement(from: current, to: right, values: currentValues, actionValues: qValues,
                                   actionClasses: classes) == .true)
    }

    /// Actions 0 and 1 are identical, so a policy split between them never moves and r(s) = 0
    /// exactly; the structural test must certify it although the residual ball straddles 0.
    @Test("identical actions certified by structure")
    func identicalActionsStructural() throws {
        let mdp = try MarkovDecisionProcess.selfLoopBandit(costs: qs(["1/3", "1/3", "1"]), discount: q("9/10"))
        let optimal = try mdp.solveOptimal()
        let runner = CertifiedEuclideanPMDRunner(mdp: mdp, optimal: optimal, schedule: .constant(q("1")),
                                                 stateWeights: qs(["1"]), precision: 128)
        #expect(runner.identicalActionClasses() == [[[0, 1], [2]]])
        let policy = try [["1/3", "2/3", "0"].map { try Ball(q($0), precision: 128) }]
        let values = try runner.enclosedValues(policy, checkpoint: {}).values
        #expect(runner.improvement(from: policy, to: policy, values: values, actionValues: runner.actionValues(values),
                                   actionClasses: runner.identicalActionClasses()) == .true)
    }

    /// The exact run gives the chain's first optimal step K; a claim of K − 1 must be refuted by
    /// the certified iteration alone, and a claim of K must pass.
    @Test("certified run refutes claim one step early")
    func certifiedRefutesEarlyClaim() throws {
        let setup = try chainSetup(schedule: .constant(q("1/2")))
        let optimal = try setup.mdp.solveOptimal()
        let exact = try EuclideanPMDRunner(mdp: setup.mdp, optimal: optimal, schedule: setup.schedule,
                                           stateWeights: setup.stateWeights)
            .run(from: setup.initialPolicy, maximumSteps: 60, maximumDenominatorDigits: 100_000)
        let k = try #require(exact.firstOptimalStep)
        #expect(k >= 2, "the control needs a first optimal step after step 1")

        let early = try CertifiedFiniteStep.decide(setup: setup, optimal: optimal, startPrecision: 128, maximumPrecision: 1024,
                                                   claimedMaximumSteps: k - 1, exactEvidence: [], checkpoint: {})
        #expect(early.verdict == .refuted, "claimed K ≤ \(k - 1)")
        let onTime = try CertifiedFiniteStep.decide(setup: setup, optimal: optimal, startPrecision: 128, maximumPrecision: 1024,
                                                    claimedMaximumSteps: k, exactEvidence: [], checkpoint: {})
        #expect(onTime.verdict == .provedRigorous, "claimed K ≤ \(k)")
    }

    @Test("FrozenLake early-K control refuted by certified run")
    func frozenLakeControl() throws {
        let spec = try TheoremSpec.load(from: theoremsDirectory.appendingPathComponent("pmd-finite-step-certified.json"),
                                        displayPath: "pmd-finite-step-certified.json", theoremsDirectory: theoremsDirectory)
        let context = CheckContext(spec: spec, instance: try #require(spec.instance("frozenlake-4x4-constant-10")),
                                   control: try #require(spec.control("frozenlake-optimal-one-step-early")), seed: 1,
                                   precision: 128, theoremsDirectory: theoremsDirectory, deadline: .now + .seconds(200))
        let result = try EuclideanFiniteStepCheck().run(context)
        #expect(result.verdict == .refuted)
        #expect(result.summary.contains("certified"), "the refutation must come from the certified iteration: \(result.summary)")
        let exactPhase = result.evidence.first { $0.name == "exact phase" }
        #expect(exactPhase != nil)
        #expect(exactPhase?.value.hasPrefix("stopped at step") == true)
    }
}
