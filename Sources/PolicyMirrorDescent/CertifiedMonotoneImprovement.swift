import Enclosures
import Exact

extension CertifiedEuclideanPMDRunner {
    /// Decides V^{π'} ≤ V^π componentwise for the exact iterate π in `policy` and its successor π' in `next`.
    ///
    /// V^{π'} − V^π = (I − γP_{π'})⁻¹ r with r(s) = Σ_a π'(a|s)(Q^π(s, a) − V^π(s)) = (T_{π'}V^π − V^π)(s),
    /// and (I − γP_{π'})⁻¹ = Σ_n (γP_{π'})^n has nonnegative entries, so r ≤ 0 implies V^{π'} ≤ V^π.
    /// The projection step gives r(s) ≤ −‖π'(·|s) − π(·|s)‖²/η (L. Xiao, arXiv:2201.07443), so r(s) = 0
    /// exactly where the policy does not move, and a ball around 0 cannot certify that. Two such
    /// cases are decided from structure instead: every action of s has the same cost and transition
    /// row (then Q^π(s, ·) is constant and equals V^π(s)), or both boxes put every entry of s but one
    /// action a at exactly 0 (then π(·|s) = π'(·|s) = e_a and V^π(s) = Q^π(s, a)).
    ///
    /// Returns `.true` when r(s) ≤ 0 is certified or structurally zero in every state, else
    /// `.undecided`, because r(s) > 0 in one state does not by itself imply V^{π'} > V^π there.
    /// `violation(previous:current:)` decides the `.false` case from the two value enclosures.
    func improvement(from policy: [[Ball]], to next: [[Ball]], values: [Ball], actionValues q: [[Ball]]) -> Truth {
        var decided = Truth.true
        for state in 0..<mdp.stateCount {
            if hasIdenticalActions(state) || isSameVertex(policy[state], next[state]) { continue }

            var residual = Ball(0, precision: precision)
            for action in 0..<mdp.actionCount where next[state][action].isZero != .true {
                residual.addProduct(next[state][action], q[state][action] - values[state])
            }
            switch residual.isNonpositive {
            case .true: continue
            case .false, .undecided: decided = .undecided
            }
        }
        return decided
    }

    /// Decides V^{k+1}(s) > V^k(s) for some s from the value enclosures: `.false` (monotone
    /// improvement fails) when an enclosure of V^{k+1}(s) lies entirely above that of V^k(s), else nil.
    func violation(previous: [Ball], current: [Ball]) -> Truth? {
        let violated = (0..<mdp.stateCount).contains { current[$0].lowerBound > previous[$0].upperBound }
        return violated ? .false : nil
    }

    /// Whether every action of `state` has the same cost and the same transition row.
    private func hasIdenticalActions(_ state: Int) -> Bool {
        let first = mdp.transitions[state][0]
        let firstCost = mdp.costs[state][0]
        return (1..<mdp.actionCount).allSatisfy { action in
            mdp.costs[state][action] == firstCost && sameDistribution(mdp.transitions[state][action], first)
        }
    }

    /// Whether both rows have exactly one entry not certified to be exactly 0, at the same action.
    private func isSameVertex(_ current: [Ball], _ successor: [Ball]) -> Bool {
        let currentSupport = current.indices.filter { current[$0].isZero != .true }
        let successorSupport = successor.indices.filter { successor[$0].isZero != .true }
        return currentSupport.count == 1 && currentSupport == successorSupport
    }

    /// Whether two sparse rows are the same distribution, whatever the order of their entries.
    private func sameDistribution(_ left: [MarkovDecisionProcess.Transition], _ right: [MarkovDecisionProcess.Transition]) -> Bool {
        var difference: [Int: Rational] = [:]
        for transition in left { difference[transition.next, default: .zero] += transition.probability }
        for transition in right { difference[transition.next, default: .zero] -= transition.probability }
        return difference.values.allSatisfy(\.isZero)
    }
}
