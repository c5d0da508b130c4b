import Enclosures
import Exact

extension CertifiedEuclideanPMDRunner {
    /// Decides V^{π'} ≤ V^π componentwise for the exact iterate π in `policy` and its successor π' in `next`.
    ///
    /// V^{π'} − V^π = (I − γP_{π'})⁻¹ r with r(s) = Σ_a π'(a|s)(Q^π(s, a) − V^π(s)) = (T_{π'}V^π − V^π)(s),
    /// and (I − γP_{π'})⁻¹ = Σ_n (γP_{π'})^n has nonnegative entries, so r ≤ 0 implies V^{π'} ≤ V^π.
    /// The projection step gives r(s) ≤ −‖π'(·|s) − π(·|s)‖²/η (L. Xiao, arXiv:2201.07443), so r(s) = 0
    /// exactly where the policy does not move, and a ball around 0 cannot certify that. One such case
    /// is decided from structure instead: actions of s with the same cost and transition row form a
    /// class on which Q^π(s, ·) is constant, so r(s) = Σ_C (π'(C|s) − π(C|s)) Q^π(s, C) over the
    /// classes C. When π and π' both put every entry outside one class C at exactly 0, both put mass 1
    /// on C and r(s) = 0. This covers states whose actions are all alike (absorbing states), a policy
    /// that stays at one vertex, and a policy split over symmetric actions.
    ///
    /// `actionClasses[s]` is `identicalActionClasses()[s]`. Returns `.true` when r(s) ≤ 0 is
    /// certified or structurally zero in every state, else `.undecided`, because r(s) > 0 in one
    /// state does not by itself imply V^{π'} > V^π there; `violation(previous:current:)` decides
    /// the `.false` case from the two value enclosures.
    func improvement(from policy: [[Ball]], to next: [[Ball]], values: [Ball], actionValues q: [[Ball]],
                     actionClasses: [[[Int]]]) -> Truth {
        var decided = Truth.true
        for state in 0..<mdp.stateCount {
            let classes = actionClasses[state]
            let currentClasses = supportClasses(policy[state], classes)
            if currentClasses.count == 1 && currentClasses == supportClasses(next[state], classes) { continue }

            if !isResidualNonpositive(state, policy[state], next[state], values[state], q[state]) { decided = .undecided }
        }
        return decided
    }

    /// Whether r(s) ≤ 0 is certified by one of several enclosures of the same exact value.
    ///
    /// The first is Σ_a π'(a|s)(Q(s, a) − V(s)) with the enclosure of V^π(s). The others use
    /// V^π(s) = Σ_a π(a|s)Q^π(s, a) and Σ_a π(a|s) = Σ_a π'(a|s) = 1, which give, for every
    /// reference action c, r(s) = Σ_a (π'(a|s) − π(a|s))(Q(s, a) − Q(s, c)). The term of c vanishes
    /// there, so an entry that is nearly 1 in both boxes adds no width when it is the reference.
    private func isResidualNonpositive(_ state: Int, _ current: [Ball], _ successor: [Ball], _ value: Ball,
                                       _ actionValues: [Ball]) -> Bool {
        var residual = Ball(0, precision: precision)
        for action in 0..<mdp.actionCount where successor[action].isZero != .true {
            residual.addProduct(successor[action], actionValues[action] - value)
        }
        if residual.isNonpositive == .true { return true }

        // Interval bounds in ℚ, with each entry clipped to [0, 1] where every exact probability lies,
        // because a ball around a tiny entry reaches below 0 and would spoil the sign.
        let lower = { (ball: Ball) in min(max(ball.lowerBound, Rational.zero), Rational.one) }
        let upper = { (ball: Ball) in max(min(ball.upperBound, Rational.one), Rational.zero) }
        for reference in 0..<mdp.actionCount {
            var bound = Rational.zero
            for action in 0..<mdp.actionCount where action != reference {
                let changeLow = lower(successor[action]) - upper(current[action])
                let changeHigh = upper(successor[action]) - lower(current[action])
                if changeLow.isZero && changeHigh.isZero { continue }
                let slope = actionValues[action] - actionValues[reference]
                bound += [changeLow * slope.lowerBound, changeLow * slope.upperBound,
                          changeHigh * slope.lowerBound, changeHigh * slope.upperBound].max()!
            }
            if bound.signum <= 0 { return true }
        }
        return false
    }

    /// Decides V^{k+1}(s) > V^k(s) for some s from the value enclosures: `.false` (monotone
    /// improvement fails) when an enclosure of V^{k+1}(s) lies entirely above that of V^k(s), else nil.
    func violation(previous: [Ball], current: [Ball]) -> Truth? {
        let violated = (0..<mdp.stateCount).contains { current[$0].lowerBound > previous[$0].upperBound }
        return violated ? .false : nil
    }

    /// Partitions the actions of every state into classes with the same cost and transition row.
    func identicalActionClasses() -> [[[Int]]] {
        (0..<mdp.stateCount).map { state in
            var classes: [[Int]] = []
            for action in 0..<mdp.actionCount {
                if let index = classes.firstIndex(where: { isIdentical(state, $0[0], action) }) {
                    classes[index].append(action)
                } else {
                    classes.append([action])
                }
            }
            return classes
        }
    }

    /// Indices of the classes with an entry not certified to be exactly 0.
    private func supportClasses(_ row: [Ball], _ classes: [[Int]]) -> [Int] {
        classes.indices.filter { index in classes[index].contains { row[$0].isZero != .true } }
    }

    /// Whether actions `first` and `second` of `state` have the same cost and the same distribution
    /// of next states, whatever the order of the sparse entries.
    private func isIdentical(_ state: Int, _ first: Int, _ second: Int) -> Bool {
        guard mdp.costs[state][first] == mdp.costs[state][second] else { return false }
        var difference: [Int: Rational] = [:]
        for transition in mdp.transitions[state][first] { difference[transition.next, default: .zero] += transition.probability }
        for transition in mdp.transitions[state][second] { difference[transition.next, default: .zero] -= transition.probability }
        return difference.values.allSatisfy(\.isZero)
    }
}
