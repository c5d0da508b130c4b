import ClaimKit
import Enclosures
import Exact
import Testing
@testable import PolicyMirrorDescent

/// The certified run must agree with exact rationals wherever both are feasible, and its
/// enclosures must contain the exact values.
@Suite("Certified Euclidean PMD")
struct CertifiedEuclideanPMDTests {
    @Test("chain first optimal step is 4", arguments: [
        StepSchedule.constant(Rational(1)), StepSchedule.geometric(initial: Rational(1)),
    ])
    func chainFirstStep(schedule: StepSchedule) throws {
        let mdp = try MarkovDecisionProcess.delayedRewardChain()
        let optimal = try mdp.solveOptimal()
        let runner = CertifiedEuclideanPMDRunner(mdp: mdp, optimal: optimal, schedule: schedule,
                                                 stateWeights: qs(["1/3", "1/3", "1/3"]), precision: 128)
        let run = try runner.run(from: Policy.uniform(states: 3, actions: 2), maximumSteps: 20)
        #expect(run.firstCertifiedOptimalStep == 4)
        #expect(run.isFirstOptimalStepExact)
        #expect(run.successorIsOptimal == .true)
    }

    @Test("Garnet certified K equals exact K")
    func garnetAgreesWithExact() throws {
        let mdp = try MarkovDecisionProcess.garnet(states: 10, actions: 3, branching: 3, discount: q("9/10"), seed: 1)
        let optimal = try mdp.solveOptimal()
        let start = Policy.uniform(states: 10, actions: 3)
        let weights = Array(repeating: q("1/10"), count: 10)
        let exact = try EuclideanPMDRunner(mdp: mdp, optimal: optimal, schedule: .constant(q("10")))
            .run(from: start, maximumSteps: 10)
        let certified = try CertifiedEuclideanPMDRunner(mdp: mdp, optimal: optimal, schedule: .constant(q("10")),
                                                        stateWeights: weights, precision: 256)
            .run(from: start, maximumSteps: 10)
        #expect(exact.firstOptimalStep != nil)
        #expect(certified.firstCertifiedOptimalStep == exact.firstOptimalStep)
    }

    @Test("value enclosure contains exact values")
    func valueContainment() throws {
        let seed: UInt64 = 91
        let mdp = try MarkovDecisionProcess.garnet(states: 12, actions: 3, branching: 3, discount: q("99/100"), seed: seed)
        let optimal = try mdp.solveOptimal()
        let runner = CertifiedEuclideanPMDRunner(mdp: mdp, optimal: optimal, schedule: .constant(q("1")),
                                                 stateWeights: Array(repeating: q("1/12"), count: 12), precision: 200)
        var generator = SplitMix64(seed: seed)
        for trial in 0..<5 {
            // A random policy with entries j/7.
            let policy = Policy((0..<12).map { _ in
                let first = generator.uniform(below: 8)
                let second = generator.uniform(below: 8 - first)
                return [Rational(first, 7), Rational(second, 7), Rational(7 - first - second, 7)]
            })
            let exact = try mdp.evaluate(policy)
            let boxes = try policy.probabilities.map { row in try row.map { try Ball($0, precision: 200) } }
            let enclosure = try runner.enclosedValues(boxes, checkpoint: {})
            for state in 0..<12 {
                #expect(enclosure.values[state].contains(exact[state]), "seed \(seed), trial \(trial), state \(state)")
            }
            #expect(enclosure.radius < q("1/1000000000000000000000000000000"), "seed \(seed), trial \(trial)")
        }
    }

    @Test("certified step contains the exact step")
    func stepContainment() throws {
        let mdp = try MarkovDecisionProcess.delayedRewardChain()
        let optimal = try mdp.solveOptimal()
        let runner = CertifiedEuclideanPMDRunner(mdp: mdp, optimal: optimal, schedule: .constant(q("1")),
                                                 stateWeights: qs(["1/3", "1/3", "1/3"]), precision: 128)
        var policy = Policy.uniform(states: 3, actions: 2)
        for step in 0..<4 {
            let q = mdp.actionValues(try mdp.evaluate(policy))
            let exactNext = mdp.euclideanMirrorDescentStep(policy, actionValues: q, stepSize: Rational(1))
            let boxes = try policy.probabilities.map { row in try row.map { try Ball($0, precision: 128) } }
            let qBalls = try q.map { row in try row.map { try Ball($0, precision: 128) } }
            let enclosed = try runner.step(boxes, actionValues: qBalls, stepSize: Rational(1))
            for state in 0..<3 {
                for action in 0..<2 {
                    #expect(enclosed[state][action].contains(exactNext[state][action]), "step \(step), s \(state), a \(action)")
                }
            }
            policy = exactNext
        }
    }

    @Test("approximate LU solves a small system")
    func approximateLU() {
        let lu = ApproximateSparseLU(rows: [[(0, 4), (1, 1)], [(0, 1), (1, 5), (2, 2)], [(1, 2), (2, 6)]])
        let solution = lu.solve([5, 8, 8])
        for value in solution {
            #expect(abs(value - 1) < 1e-12)
        }
    }
}
