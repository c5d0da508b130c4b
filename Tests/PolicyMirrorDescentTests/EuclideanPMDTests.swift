import Exact
import Testing
@testable import PolicyMirrorDescent

/// Reference values were derived by hand from the KKT conditions of the projection and with
/// Python's `fractions`, outside this code.
@Suite("Euclidean PMD in exact rationals")
struct EuclideanPMDTests {
    let chain = try! MarkovDecisionProcess.delayedRewardChain()

    @Test("chain first step at η = 1")
    func firstStep() throws {
        let optimal = try chain.solveOptimal()
        let runner = EuclideanPMDRunner(mdp: chain, optimal: optimal, schedule: .constant(q("1")))
        let run = try runner.run(from: Policy.uniform(states: 3, actions: 2), maximumSteps: 2)
        #expect(run.iterates[1].policy == Policy([qs(["84/139", "55/139"]), qs(["39/139", "100/139"]), qs(["1", "0"])]))
    }

    @Test("chain reaches the optimum at K = 4", arguments: [
        StepSchedule.constant(Rational(1)), StepSchedule.geometric(initial: Rational(1)),
    ])
    func firstOptimalStep(schedule: StepSchedule) throws {
        let optimal = try chain.solveOptimal()
        let runner = EuclideanPMDRunner(mdp: chain, optimal: optimal, schedule: schedule)
        let run = try runner.run(from: Policy.uniform(states: 3, actions: 2), maximumSteps: 20)
        #expect(run.firstOptimalStep == 4)
        #expect(run.iterates[4].policy == Policy([qs(["0", "1"]), qs(["0", "1"]), qs(["1", "0"])]))
        #expect(run.iterates[4].values == qs(["19/10", "1", "0"]))
        #expect(chain.bellmanResidual(run.iterates[4].values).isZero)
        #expect(run.isFixedPoint == true)
    }

    @Test("chain denominators grow 1, 3, 8, 17 digits")
    func denominatorGrowth() throws {
        let optimal = try chain.solveOptimal()
        let runner = EuclideanPMDRunner(mdp: chain, optimal: optimal, schedule: .constant(q("1")))
        let run = try runner.run(from: Policy.uniform(states: 3, actions: 2), maximumSteps: 4)
        #expect(run.iterates.map(\.denominatorDigits) == [1, 3, 8, 17])
    }

    /// Mass Σ ρ m^k and (V^k(ρ) − V*(ρ))/Δ for ρ uniform, at the precision of the reference
    /// values 0.5, 0.295, 0.1063, 0.03385, 0 and 14.91, 1.499, 0.1491, 0.03725, 0. At k = 0 the bound
    /// is exact by hand: ((840 + 795)/139 + 5 − 29/10)/3 / (31/100) = 64230/4309.
    @Test("chain mass and value gap per step")
    func massAndGap() throws {
        let optimal = try chain.solveOptimal()
        let runner = EuclideanPMDRunner(mdp: chain, optimal: optimal, schedule: .constant(q("1")))
        let run = try runner.run(from: Policy.uniform(states: 3, actions: 2), maximumSteps: 10)
        let gap = q("31/100")
        #expect(run.iterates[0].valueGap / gap == q("64230/4309"))

        let masses = [("0.5", 1), ("0.295", 3), ("0.1063", 4), ("0.03385", 5), ("0", 0)]
        let bounds = [("14.91", 2), ("1.499", 3), ("0.1491", 4), ("0.03725", 5), ("0", 0)]
        #expect(run.iterates.count == 5)
        for (k, iterate) in run.iterates.enumerated() {
            let mass = iterate.weightedMass.decimalString(fractionDigits: masses[k].1)
            let bound = (iterate.valueGap / gap).decimalString(fractionDigits: bounds[k].1)
            #expect(mass == masses[k].0, "mass at k = \(k)")
            #expect(bound == bounds[k].0, "bound at k = \(k)")
            #expect(iterate.weightedMass <= iterate.valueGap / gap, "mass bound at k = \(k)")
        }
    }

    /// One state, self-loop, c = (1, 0), π⁰ = (1, 0). With γ = 1/2: V = 2, Q⁰ = (2, 1).
    /// y = (1 − 2η, −η), so η = 2 gives y = (−3, −2) and π¹ = (0, 1); η = 19/10 gives τ = −57/20
    /// and π¹ = (1/20, 19/20); η = 1/2 gives y = (0, −1/2), τ = −1/4 and π¹ = (1/4 + 1/2, 1/4).
    /// With γ = 1/100: Q⁰ = (100/99, 1/99) and y = (1 − 100η/99, −η/99).
    @Test("tight bandit first steps", arguments: [
        ("1/2", "2", ["0", "1"]), ("1/2", "19/10", ["1/20", "19/20"]), ("1/2", "1/2", ["3/4", "1/4"]),
        ("1/100", "41/20", ["0", "1"]), ("1/100", "3/5", ["7/10", "3/10"]),
    ])
    func banditFirstStep(discount: String, stepSize: String, expected: [String]) throws {
        let bandit = try MarkovDecisionProcess.selfLoopBandit(costs: qs(["1", "0"]), discount: q(discount))
        let start = Policy([qs(["1", "0"])])
        let values = try bandit.evaluate(start)
        let next = bandit.euclideanMirrorDescentStep(start, actionValues: bandit.actionValues(values),
                                                     stepSize: q(stepSize))
        #expect(next == Policy([qs(expected)]))
    }

    @Test("tight bandit Q-values and gap")
    func banditValues() throws {
        let half = try MarkovDecisionProcess.selfLoopBandit(costs: qs(["1", "0"]), discount: q("1/2"))
        #expect(half.actionValues(try half.evaluate(Policy([qs(["1", "0"])]))) == [qs(["2", "1"])])
        let small = try MarkovDecisionProcess.selfLoopBandit(costs: qs(["1", "0"]), discount: q("1/100"))
        #expect(small.actionValues(try small.evaluate(Policy([qs(["1", "0"])]))) == [qs(["100/99", "1/99"])])
        let optimal = try small.solveOptimal()
        #expect(optimal.actionValues == [qs(["1", "0"])])
        #expect(optimal.gap == q("1"))
    }

    @Test("optimal policies are fixed points", arguments: ["1/10", "1", "10", "1000"])
    func fixedPoint(stepSize: String) throws {
        let optimal = try chain.solveOptimal()
        let policy = Policy.deterministic([1, 1, 0], actionCount: 2)
        let next = chain.euclideanMirrorDescentStep(policy, actionValues: optimal.actionValues, stepSize: q(stepSize))
        #expect(next == policy)
    }

    @Test("geometric schedule step sizes")
    func geometricSchedule() {
        let schedule = StepSchedule.geometric(initial: q("1/10"))
        #expect(schedule.stepSize(at: 0, discount: q("9/10")) == q("1/10"))
        #expect(schedule.stepSize(at: 2, discount: q("9/10")) == q("10/81"))
    }
}

@Suite("Benchmark workload")
struct BenchmarkWorkloadTests {
    @Test("one exact step on the 100-state Garnet")
    func exactStep() throws {
        let result = try PolicyMirrorDescentBenchmark.runExactStep(seed: 4)
        #expect(result.evaluationResiduals.allSatisfy { $0.isZero })
        #expect(result.nextPolicy.probabilities.allSatisfy { $0.reduce(Rational.zero, +) == Rational.one })
        // Monotone improvement: the step cannot increase any value.
        for state in 0..<100 {
            #expect(result.nextValues[state] <= result.initialValues[state], "state \(state)")
        }
    }

    @Test("evaluation residual detects a wrong value")
    func residualDetectsError() throws {
        let chain = try MarkovDecisionProcess.delayedRewardChain()
        let policy = Policy.uniform(states: 3, actions: 2)
        #expect(chain.policyEvaluationResidual(policy, values: qs(["840/139", "795/139", "5"])).isZero)
        #expect(!chain.policyEvaluationResidual(policy, values: qs(["840/139", "795/139", "6"])).isZero)
    }
}
