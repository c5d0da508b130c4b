import Exact

// Exact policy evaluation and optimality in ℚ (cost minimisation):
//   V^π = (I − γP_π)⁻¹ c_π,   Q^π(s, a) = c(s, a) + γ Σ_{s'} P(s'|s, a) V^π(s'),
//   V* = min_π V^π,  A*(s) = argmin_a Q*(s, a),  Δ = min_s min_{a ∉ A*(s)} (Q*(s, a) − V*(s)).
// Sources: L. Xiao, "On the convergence rates of policy gradient methods", arXiv:2201.07443;
// M. L. Puterman, "Markov Decision Processes" (1994), chapter 6 for policy iteration.

extension MarkovDecisionProcess {
    /// Returns V^π exactly by solving (I − γP_π)V = c_π with sparse elimination.
    ///
    /// - Parameter checkpoint: runs once per state during the solve, so a caller can stop it.
    /// - Throws: `MDPError` when the policy does not fit the MDP, or whatever `checkpoint` throws.
    public func evaluate(_ policy: Policy, checkpoint: () throws -> Void = {}) throws -> [Rational] {
        try validate(policy)

        var rows: [[(column: Int, value: Rational)]] = []
        rows.reserveCapacity(stateCount)
        var expectedCosts: [Rational] = []
        expectedCosts.reserveCapacity(stateCount)
        var scratch = Rational.zero
        for state in 0..<stateCount {
            // Row s of I − γP_π, accumulated by next state.
            var row: [Int: Rational] = [state: Rational.one]
            var cost = Rational.zero
            for action in 0..<actionCount {
                let p = policy[state][action]
                guard !p.isZero else { continue }
                cost.addProduct(p, costs[state][action], scratch: &scratch)
                let weight = -(discount * p)
                for transition in transitions[state][action] {
                    row[transition.next, default: Rational.zero]
                        .addProduct(weight, transition.probability, scratch: &scratch)
                }
            }
            rows.append(row.filter { !$0.value.isZero }.map { (column: $0.key, value: $0.value) })
            expectedCosts.append(cost)
        }

        // Dense FLINT solves (fmpq_mat_solve) are far faster once elimination fills the matrix in,
        // as it does for small stochastic MDPs; the sparse solver wins for large MDPs with local
        // transitions such as Taxi.
        if stateCount <= MarkovDecisionProcess.denseSolveStateLimit {
            try checkpoint()
            var matrix = RationalMatrix(rows: stateCount, columns: stateCount)
            for (state, row) in rows.enumerated() {
                for entry in row { matrix[state, entry.column] = entry.value }
            }
            return try matrix.solve(expectedCosts)
        }
        return try SparseEliminationSolver(rows: rows).solve(expectedCosts, checkpoint: checkpoint)
    }

    /// Largest state count for which `evaluate` uses FLINT's dense exact solver.
    public static let denseSolveStateLimit = 200

    /// Returns Q(s, a) = c(s, a) + γ Σ_{s'} P(s'|s, a) V(s') for a value vector V.
    public func actionValues(_ values: [Rational]) -> [[Rational]] {
        precondition(values.count == stateCount, "\(values.count) values for \(stateCount) states")
        var scratch = Rational.zero
        return (0..<stateCount).map { state in
            (0..<actionCount).map { action in
                var expectedNext = Rational.zero
                for transition in transitions[state][action] {
                    expectedNext.addProduct(transition.probability, values[transition.next], scratch: &scratch)
                }
                return costs[state][action] + discount * expectedNext
            }
        }
    }

    /// Returns the Bellman optimality residual max_s |V(s) − min_a Q_V(s, a)|, which is exactly
    /// zero if and only if V = V*.
    public func bellmanResidual(_ values: [Rational]) -> Rational {
        let q = actionValues(values)
        var residual = Rational.zero
        for state in 0..<stateCount {
            let difference = (values[state] - q[state].min()!).magnitude
            if difference > residual { residual = difference }
        }
        return residual
    }

    /// Computes V*, Q*, the optimal action sets A*(s) and the gap Δ by exact policy iteration.
    ///
    /// Policy iteration over deterministic policies terminates after finitely many improvements,
    /// because each one strictly lowers V componentwise and there are finitely many deterministic
    /// policies. An action is switched only on a strict improvement, so ties cannot cycle. The
    /// result is certified: the Bellman residual of V* is checked to be exactly zero.
    public func solveOptimal(checkpoint: () throws -> Void = {}) throws -> OptimalSolution {
        // Start from the myopic policy argmin_a c(s, a).
        var actions = costs.map { row in row.indices.min { row[$0] < row[$1] }! }
        var iterations = 0
        while true {
            iterations += 1
            let values = try evaluate(Policy.deterministic(actions, actionCount: actionCount), checkpoint: checkpoint)
            let q = actionValues(values)

            var changed = false
            for state in 0..<stateCount {
                let best = q[state].indices.min { q[state][$0] < q[state][$1] }!
                if q[state][best] < q[state][actions[state]] {
                    actions[state] = best
                    changed = true
                }
            }
            if !changed {
                return OptimalSolution(values: values, actionValues: q, policyIterations: iterations)
            }
        }
    }
}

/// The exact optimal solution of an MDP: V*, Q*, A*(s) and the gap Δ.
public struct OptimalSolution: Sendable {
    public let values: [Rational]
    public let actionValues: [[Rational]]
    /// A*(s) = {a : Q*(s, a) = V*(s)}, in increasing action order.
    public let optimalActions: [[Int]]
    /// Δ = min_s min_{a ∉ A*(s)} (Q*(s, a) − V*(s)), or nil when every action is optimal in every state.
    public let gap: Rational?
    /// Number of policy evaluations policy iteration needed.
    public let policyIterations: Int

    /// Builds the solution from the values of an optimal policy and their Q-values.
    ///
    /// - Precondition: V(s) = min_a Q(s, a) for every s, i.e. the Bellman residual is exactly zero.
    init(values: [Rational], actionValues: [[Rational]], policyIterations: Int) {
        var optimalActions: [[Int]] = []
        var gap: Rational?
        for (state, row) in actionValues.enumerated() {
            let minimum = row.min()!
            precondition(minimum == values[state], "Bellman residual is not zero at state \(state)")
            optimalActions.append(row.indices.filter { row[$0] == minimum })
            for value in row where value != minimum {
                let difference = value - minimum
                if gap == nil || difference < gap! { gap = difference }
            }
        }
        self.values = values
        self.actionValues = actionValues
        self.optimalActions = optimalActions
        self.gap = gap
        self.policyIterations = policyIterations
    }

    /// Returns m^π(s) = Σ_{a ∉ A*(s)} π(a|s), the mass π puts on suboptimal actions in each state.
    public func suboptimalMass(_ policy: Policy) -> [Rational] {
        policy.probabilities.enumerated().map { state, row in
            var mass = Rational.zero
            for (action, p) in row.enumerated() where !optimalActions[state].contains(action) {
                mass += p
            }
            return mass
        }
    }

    /// Tests π ∈ Π*: the support of π(·|s) lies in A*(s) for every state s.
    public func isOptimal(_ policy: Policy) -> Bool {
        suboptimalMass(policy).allSatisfy(\.isZero)
    }

    /// ‖Q − Q*‖∞ for Q-values of another policy.
    public func distance(toActionValues q: [[Rational]]) -> Rational {
        var maximum = Rational.zero
        for (row, optimalRow) in zip(q, actionValues) {
            for (value, optimal) in zip(row, optimalRow) {
                let difference = (value - optimal).magnitude
                if difference > maximum { maximum = difference }
            }
        }
        return maximum
    }
}
