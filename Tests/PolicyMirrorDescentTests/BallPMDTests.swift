import Enclosures
import Exact
import Testing
@testable import PolicyMirrorDescent

/// MDP-1 with γ = 9/10 and its instance data, ρ uniform.
private func chainInstance() throws -> RateCheckInstance {
    let mdp = try MarkovDecisionProcess.delayedRewardChain()
    return RateCheckInstance(mdp: mdp, stateDistribution: qs(["1/3", "1/3", "1/3"]),
                             optimal: try mdp.solveOptimal(), label: "MDP-1")
}

private let uniformChainPolicy = Policy.uniform(states: 3, actions: 2)

@Suite struct BallEvaluationTests {
    // V^{π⁰} = (840/139, 795/139, 5) for the uniform policy on MDP-1, computed by hand.
    @Test func chainUniformValues() throws {
        let mdp = try MarkovDecisionProcess.delayedRewardChain()
        let enclosure = try mdp.encloseValues(policy: mdp.enclosure(of: uniformChainPolicy, precision: 128),
                                              precision: 128)
        let expected = qs(["840/139", "795/139", "5"])
        for state in 0..<3 {
            #expect(enclosure.values[state].contains(expected[state]), "state \(state)")
            #expect(enclosure.values[state].radius < Rational(1).timesPowerOfTwo(-100), "state \(state)")
        }
        // Q^{π⁰}(s0, ·) = (1/2 + γV(s0), 1 + γV(s1)).
        #expect(enclosure.actionValues[0][0].contains(q("1/2") + q("9/10") * q("840/139")))
        #expect(enclosure.actionValues[0][1].contains(Rational.one + q("9/10") * q("795/139")))
    }

    // Containment of the exact V^π from sparse rational elimination, over seeded Garnet MDPs and
    // rational non-uniform policies.
    @Test(arguments: [UInt64(1), 2, 3, 7, 11])
    func garnetContainsExactValues(seed: UInt64) throws {
        let mdp = try MarkovDecisionProcess.garnet(states: 12, actions: 3, branching: 3, discount: q("99/100"), seed: seed)
        let policy = Policy((0..<12).map { state in
            let first = Rational(state % 5 + 1, 10)
            return [first, q("1/7"), Rational.one - first - q("1/7")]
        })
        let exact = try mdp.evaluate(policy)
        let enclosure = try mdp.encloseValues(policy: mdp.enclosure(of: policy, precision: 96), precision: 96)
        for state in 0..<12 {
            #expect(enclosure.values[state].contains(exact[state]), "seed \(seed), state \(state)")
        }
    }
}

@Suite struct BallTrajectoryTests {
    // Suboptimal mass per state of KL PMD at k = 40 with η_k = (10/9)^k on MDP-1, from an
    // independent high-precision computation: about 1.9e−81, 6.2e−316 and 2.9e−261.
    @Test func klMassMagnitudesAtStepForty() throws {
        let instance = try chainInstance()
        let trajectory = try instance.mdp.ballMirrorDescent(
            map: .kl, schedule: .geometric(initial: Rational.one), steps: 40, initial: uniformChainPolicy, precision: 128)
        #expect(trajectory.isComplete)
        let mass = instance.suboptimalMass(trajectory.iterates[40].policy, precision: 128)
        let exponents = [81, 316, 261]
        for state in 0..<3 {
            let tenth = Rational.one / Rational(10)
            let lower = try tenth.power(exponents[state])
            let upper = try tenth.power(exponents[state] - 1)
            #expect(mass[state].lowerBound > lower, "state \(state): \(mass[state].text)")
            #expect(mass[state].upperBound < upper, "state \(state): \(mass[state].text)")
        }
    }

    // φ(x) = −x² with constant η = 1/10 moves every state to argmin (ηQ + 2π): π¹ = (a0, a1, a0) gives
    // V¹ = (5, 1, 0), then π² = (a1, a0, a1) gives V²(s0) = 1.45/0.19 = 145/19 > 5, by hand.
    @Test func negativeSquareFailsAtStepTwo() throws {
        let instance = try chainInstance()
        let trajectory = try instance.mdp.ballMirrorDescent(
            map: .negativeSquare, schedule: .constant(q("1/10")), steps: 5, initial: uniformChainPolicy, precision: 128)
        let outcome = MonotoneOutcome(trajectory: trajectory, mdp: instance.mdp)
        #expect(outcome.verdict == .refuted)
        #expect(outcome.failure?.step == 2)
        #expect(outcome.failure?.state == 0)
        #expect(outcome.failure?.before.contains(Rational(5)) == true)
        #expect(outcome.failure?.after.contains(q("145/19")) == true)
    }

    // Monotone improvement holds for the convex maps on MDP-1, with both schedules.
    @Test(arguments: [MirrorMap.kl, MirrorMap.tsallis, MirrorMap.burg])
    func convexMapsImproveMonotonically(map: MirrorMap) throws {
        let instance = try chainInstance()
        for schedule in [StepSchedule.constant(q("1/10")), .geometric(initial: Rational.one)] {
            let trajectory = try instance.mdp.ballMirrorDescent(
                map: map, schedule: schedule, steps: 30, initial: uniformChainPolicy, precision: 256)
            let outcome = MonotoneOutcome(trajectory: trajectory, mdp: instance.mdp)
            #expect(outcome.verdict == .provedRigorous, "\(map), \(schedule): \(outcome.undecidedReason ?? "")")
        }
    }

    // The derived sufficient condition: if η_k·gap_k(s) ≥ 2R_φ = 4 in every state, then π^{k+1} ∈ Π*,
    // with gap_k(s) = min_{a ∉ A*} Q^k(s, a) − min_{b ∈ A*} Q^k(s, b).
    @Test func tsallisConditionImpliesOptimality() throws {
        let instance = try chainInstance()
        let trajectory = try instance.mdp.ballMirrorDescent(
            map: .tsallis, schedule: .geometric(initial: Rational.one), steps: 40, initial: uniformChainPolicy, precision: 256)
        #expect(trajectory.isComplete)
        var conditionMet = 0
        for k in 0..<(trajectory.iterates.count - 1) {
            let iterate = trajectory.iterates[k]
            let eta = try Ball(iterate.stepSize, precision: 256)
            let holds = (0..<3).allSatisfy { state in
                let optimal = instance.optimal.optimalActions[state]
                let q = iterate.evaluation.actionValues[state]
                let suboptimal = (0..<2).filter { !optimal.contains($0) }
                return suboptimal.allSatisfy { a in
                    optimal.allSatisfy { b in (eta * (q[a] - q[b]) - Ball(4, precision: 256)).isNonnegative == .true }
                }
            }
            guard holds else { continue }
            conditionMet += 1
            let next = trajectory.iterates[k + 1].policy
            for state in 0..<3 {
                for action in 0..<2 where !instance.optimal.optimalActions[state].contains(action) {
                    #expect(next[state][action].isZero == .true, "k = \(k), state \(state)")
                }
            }
        }
        #expect(conditionMet > 0)
    }
}

@Suite struct RateConstantTests {
    // By hand on MDP-1 with ρ uniform: d* = (1/30, 19/300, 271/300), ‖d*/ρ‖∞ = 271/100, so
    // ϑ_ρ = 271/10. D_KL(e_{a*} ‖ uniform) = log 2 in every state, so D₀* = log 2.
    @Test func chainMismatchAndDivergence() throws {
        let instance = try chainInstance()
        let constants = try #require(try RateConstants.compute(instance: instance, map: .kl, initial: uniformChainPolicy,
                                                               precision: 128))
        #expect(constants.occupancy == qs(["1/30", "19/300", "271/300"]))
        #expect(constants.mismatch == q("271/10"))
        #expect(constants.initialDivergence.contains(Ball(2, precision: 256).log()))
        // V⁰(ρ) − V*(ρ) = (840/139 + 795/139 + 5)/3 − (19/10 + 1 + 0)/3.
        #expect(constants.initialGap == (q("840/139") + q("795/139") + Rational(5) - q("19/10") - Rational.one) / Rational(3))
    }

    // Tsallis: D_h(e_a, uniform over n) = 4/3 − (4/3)/√n, which is 4/3 − (2/3)√2 for n = 2.
    @Test func tsallisDivergenceToVertex() {
        let divergence = MirrorMap.tsallis.bregmanDivergence(qs(["0", "1"]), qs(["1/2", "1/2"]), precision: 256)
        let expected = try! Ball(q("4/3"), precision: 512) - (try! Ball(q("2/3"), precision: 512)) * Ball(2, precision: 512).sqrt()
        #expect(divergence?.contains(expected) == true)
        #expect(MirrorMap.burg.bregmanDivergence(qs(["0", "1"]), qs(["1/2", "1/2"]), precision: 64) == nil)
    }
}
