import ClaimKit
import Exact
import Foundation
import Testing
@testable import PolicyMirrorDescent

/// The package's Theorems directory, found from this file's path.
private let theoremsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Theorems")

private func loadScalingSpec() throws -> TheoremSpec {
    try TheoremSpec.load(from: theoremsDirectory.appendingPathComponent("pmd-step-count-scaling.json"),
                         displayPath: "pmd-step-count-scaling.json", theoremsDirectory: theoremsDirectory)
}

/// Runs the scaling check on one instance of the spec, optionally under one control, at 128 bits.
private func runScaling(_ spec: TheoremSpec, instance: String, control: String? = nil) throws -> CheckResult {
    let context = CheckContext(spec: spec, instance: try #require(spec.instance(instance)),
                               control: control.map { spec.control($0)! }, seed: 1, precision: 128,
                               theoremsDirectory: theoremsDirectory, deadline: .now + .seconds(120))
    return try StepCountScalingCheck().run(context)
}

private let smallLimits = FirstOptimalStepLimits(maximumSteps: 200, maximumDenominatorDigits: 2_000,
                                                 startPrecision: 128, maximumPrecision: 1024)

@Suite struct StepCountScalingTests {
    /// Independent exact reference: on the 3-state chain with γ = 9/10, π⁴ = [[0,1],[0,1],[1,0]] is
    /// the first optimal iterate for η = 1 and for η_k = (10/9)^k.
    @Test func chainFirstStepAtUnitStep() throws {
        let mdp = try MarkovDecisionProcess.delayedRewardChain(discount: q("9/10"))
        let optimal = try mdp.solveOptimal()

        let constant = try mdp.firstOptimalStep(optimal: optimal, schedule: .constant(Rational.one), limits: smallLimits,
                                                checkpoint: {})
        #expect(constant.step == 4, "\(constant.method)")
        let geometric = try mdp.firstOptimalStep(optimal: optimal, schedule: .geometric(initial: Rational.one),
                                                 limits: smallLimits, checkpoint: {})
        #expect(geometric.step == 4, "\(geometric.method)")
    }

    /// On the bandit c = (1, 0) with a self-loop, Q(s, 0) − Q(s, 1) = 1 for every policy, so each
    /// step moves η/2 of mass from action 0 to action 1: π^k(0) = max(0, 1/2 − kη/2) and K = ⌈1/η⌉.
    @Test(arguments: [("1/100", 100), ("1/10", 10), ("3/10", 4), ("1", 1), ("10", 1)])
    func banditFirstStep(stepSize: String, expected: Int) throws {
        let mdp = try MarkovDecisionProcess.selfLoopBandit(costs: qs(["1", "0"]), discount: q("1/2"))
        let optimal = try mdp.solveOptimal()

        let result = try mdp.firstOptimalStep(optimal: optimal, schedule: .constant(q(stepSize)), limits: smallLimits,
                                              checkpoint: {})
        #expect(result.step == expected, "η = \(stepSize): \(result.method)")
    }

    @Test func firstStepNotReachedWithinCap() throws {
        let mdp = try MarkovDecisionProcess.selfLoopBandit(costs: qs(["1", "0"]), discount: q("1/2"))
        let optimal = try mdp.solveOptimal()
        var limits = smallLimits
        limits.maximumSteps = 5

        let result = try mdp.firstOptimalStep(optimal: optimal, schedule: .constant(q("1/10")), limits: limits,
                                              checkpoint: {})
        #expect(result.step == nil, "\(result.method)")
    }

    /// K = c·η^b with c and η powers of two: every log₂ is a small dyadic rational, and so are the
    /// means over any 3 or 4 of the points, so the fit has no rounding error.
    @Test(arguments: [(4.0, -1.0), (1.0, -2.0), (32.0, -0.5)])
    func fitRecoversExactPowerLaw(scale: Double, exponent: Double) throws {
        let stepSizes = [1.0 / 64, 1.0 / 8, 1.0, 8.0]
        let counts = stepSizes.map { scale * pow($0, exponent) }

        let fit = try #require(PowerLawFit(stepSizes: stepSizes, stepCounts: counts))
        #expect(fit.slope == exponent)
        #expect(fit.intercept == log2(scale))
        #expect(fit.leaveOneOutSlopes.count == stepSizes.count)
        #expect(fit.leaveOneOutSlopes.allSatisfy { $0 == exponent }, "\(fit.leaveOneOutSlopes)")
    }

    /// Points (1, 1), (2, 2), (4, 2) in log₂ are (0, 0), (1, 1), (2, 1): slope 1/2 by hand.
    @Test func fitOfBentData() throws {
        let fit = try #require(PowerLawFit(stepSizes: [1, 2, 4], stepCounts: [1, 2, 2]))
        #expect(fit.slope == 0.5)
        #expect(fit.leaveOneOutSlopes == [0, 0.5, 1])
    }

    @Test func fitRejectsDegenerateData() {
        #expect(PowerLawFit(stepSizes: [1], stepCounts: [1]) == nil)
        #expect(PowerLawFit(stepSizes: [1, 1, 1], stepCounts: [1, 2, 3]) == nil)
        #expect(PowerLawFit(stepSizes: [1, 2], stepCounts: [0, 2]) == nil)
        #expect(PowerLawFit(stepSizes: [1, 2], stepCounts: [1]) == nil)
    }

    @Test func banditClaimSupported() throws {
        let spec = try loadScalingSpec()
        let result = try runScaling(spec, instance: "bandit")
        #expect(result.verdict == .supported, "\(result.summary)")
        #expect(result.plots.count == 1)
    }

    @Test(arguments: ["chain", "bandit"])
    func exponentMinusTwoRefuted(instance: String) throws {
        let spec = try loadScalingSpec()
        let result = try runScaling(spec, instance: instance, control: "exponent-minus-two")
        #expect(result.verdict == .refuted, "\(instance): \(result.summary)")
        #expect(result.counterexample != nil)
    }

    @Test func tooFewStepSizesRejected() throws {
        let spec = try loadScalingSpec()
        let text = try String(contentsOf: theoremsDirectory.appendingPathComponent("pmd-step-count-scaling.json"), encoding: .utf8)
            .replacingOccurrences(of: #""stepSizes": ["1/1000", "1/100", "1/10", "1/2"]"#, with: #""stepSizes": ["1/10", "1/2"]"#)
        let changed = try TheoremSpec.parse(text, file: spec.file, expectedID: nil, theoremsDirectory: theoremsDirectory)

        let error = #expect(throws: SpecError.self) {
            _ = try runScaling(changed, instance: "bandit")
        }
        #expect(error?.field.hasSuffix("stepSizes") == true, "\(String(describing: error?.field))")
    }
}
