import Exact

extension MarkovDecisionProcess {
    /// Builds the 3-state chain with a delayed reward , actions 0 = stay/back and 1 = move,
    /// all transitions deterministic:
    ///
    ///     s0: a0 → s0 cost 1/2 − x,  a1 → s1 cost 1
    ///     s1: a0 → s0 cost 1/2,      a1 → s2 cost 1
    ///     s2: a0 → s2 cost 0,        a1 → s2 cost 1
    ///
    /// With x = 0 and γ = 9/10 the myopic action a0 is cheaper in s0 and s1, but moving to the
    /// free state s2 is optimal. A shift x in (0, 31/100) keeps "move" optimal and shrinks the
    /// gap to 31/100 − x, which makes a small-gap trap.
    public static func delayedRewardChain(discount: Rational = Rational(9, 10),
                                          shift x: Rational = Rational.zero) throws(MDPError) -> MarkovDecisionProcess {
        let half = Rational(1, 2)
        let step = { (next: Int) in [Transition(next: next, probability: Rational.one)] }
        return try MarkovDecisionProcess(
            transitions: [[step(0), step(1)], [step(0), step(2)], [step(2), step(2)]],
            costs: [[half - x, Rational.one], [half, Rational.one], [Rational.zero, Rational.one]],
            discount: discount, actionNames: ["stay/back", "move"],
            source: x.isZero ? "3-state delayed-reward chain" : "3-state chain with c(s0, a0) = 1/2 − \(x.fractionString)")
    }

    /// Builds a one-state MDP whose actions loop back to the state with costs `costs`.
    public static func selfLoopBandit(costs: [Rational], discount: Rational) throws(MDPError) -> MarkovDecisionProcess {
        let loop = [Transition(next: 0, probability: Rational.one)]
        return try MarkovDecisionProcess(
            transitions: [Array(repeating: loop, count: costs.count)], costs: [costs], discount: discount,
            source: "one-state bandit with costs (" + costs.map(\.fractionString).joined(separator: ", ") + ")")
    }
}
