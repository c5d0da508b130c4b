import ClaimKit
import Exact

extension MarkovDecisionProcess {
    /// Generates a Garnet MDP (Archibald, McKinnon, Thomas, "On the generation of Markov decision
    /// processes", J. Oper. Res. Soc. 1995) with exact rational data.
    ///
    /// For each (s, a), `branching` distinct next states are drawn uniformly, and their
    /// probabilities are k_i/`denominator` with positive integers k_i summing to `denominator`
    /// (a uniformly drawn composition), so every probability has a denominator dividing
    /// `denominator`. Costs are j/`denominator` with j uniform in 0...`denominator`.
    ///
    /// - Precondition: 1 ≤ branching ≤ states and branching ≤ denominator.
    public static func garnet(states: Int, actions: Int, branching: Int, denominator: Int = 10,
                              discount: Rational, seed: UInt64) throws(MDPError) -> MarkovDecisionProcess {
        precondition(states >= 1 && actions >= 1, "Garnet needs at least one state and one action")
        precondition(branching >= 1 && branching <= states, "branching \(branching) must lie in 1...\(states)")
        precondition(branching <= denominator, "branching \(branching) exceeds the denominator \(denominator)")

        var generator = SplitMix64(seed: seed)
        var transitions: [[[Transition]]] = []
        var costs: [[Rational]] = []
        for _ in 0..<states {
            var stateRows: [[Transition]] = []
            var stateCosts: [Rational] = []
            for _ in 0..<actions {
                let nextStates = sampleDistinct(count: branching, below: states, using: &generator)
                let parts = sampleComposition(of: denominator, parts: branching, using: &generator)
                stateRows.append(zip(nextStates, parts).map {
                    Transition(next: $0.0, probability: Rational($0.1, denominator))
                })
                stateCosts.append(Rational(generator.uniform(below: denominator + 1), denominator))
            }
            transitions.append(stateRows)
            costs.append(stateCosts)
        }

        let source = "Garnet(states: \(states), actions: \(actions), branching: \(branching), "
            + "denominator: \(denominator), seed: \(seed))"
        return try MarkovDecisionProcess(transitions: transitions, costs: costs, discount: discount, source: source)
    }

    /// Draws `count` distinct integers from 0..<bound by a partial Fisher–Yates shuffle.
    private static func sampleDistinct(count: Int, below bound: Int, using generator: inout SplitMix64) -> [Int] {
        var pool = Array(0..<bound)
        for index in 0..<count {
            let pick = index + generator.uniform(below: bound - index)
            pool.swapAt(index, pick)
        }
        return Array(pool[0..<count])
    }

    /// Draws a uniform composition of `total` into `parts` positive integers from `parts − 1`
    /// distinct cut points in 1..<total.
    private static func sampleComposition(of total: Int, parts: Int, using generator: inout SplitMix64) -> [Int] {
        let cuts = sampleDistinct(count: parts - 1, below: total - 1, using: &generator).map { $0 + 1 }.sorted()
        var result: [Int] = []
        var previous = 0
        for cut in cuts + [total] {
            result.append(cut - previous)
            previous = cut
        }
        return result
    }
}
