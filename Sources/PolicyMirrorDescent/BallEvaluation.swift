import Enclosures
import Exact

/// Enclosures of V^π and Q^π for a policy that is itself given by enclosures.
public struct ValueEnclosure: Sendable {
    /// V^π(s), one ball per state.
    public let values: [Ball]
    /// Q^π(s, a) = c(s, a) + γ Σ_{s'} P(s'|s, a) V^π(s'), indexed `[state][action]`.
    public let actionValues: [[Ball]]
}

/// A policy given by enclosures π(a|s), indexed `[state][action]`.
public typealias PolicyEnclosure = [[Ball]]

extension MarkovDecisionProcess {
    /// Converts an exact policy to exact balls (radius 0 where the entry is dyadic).
    public func enclosure(of policy: Policy, precision: Int) -> PolicyEnclosure {
        policy.probabilities.map { row in row.map { try! Ball($0, precision: precision) } }
    }

    /// Encloses V^π = (I − γP_π)⁻¹ c_π and Q^π for every policy inside the given enclosures.
    ///
    /// Method: an approximate solution Ṽ from a binary64 LU factorisation of I − γP_π, refined with
    /// residuals computed in balls (mixed-precision iterative refinement), then certified by
    ///
    ///     ‖V − Ṽ‖∞ ≤ ‖c_π − (I − γP_π)Ṽ‖∞ / (1 − γ),
    ///
    /// which holds because P_π is row-stochastic, so ‖(I − γP_π)⁻¹‖∞ ≤ 1/(1 − γ). The residual
    /// r(s) = Σ_a π(a|s) Q̃(s, a) − Ṽ(s) is enclosed over the policy balls, so the bound covers every
    /// probability vector inside them. The enclosure radius is about 2^(−precision)·‖V‖∞/(1 − γ).
    /// - Parameter checkpoint: runs once per refinement round, so a caller can stop a long solve.
    public func encloseValues(policy: PolicyEnclosure, precision: Int,
                              checkpoint: () throws -> Void = {}) rethrows -> ValueEnclosure {
        precondition(policy.count == stateCount, "\(policy.count) policy rows for \(stateCount) states")
        let data = BallData(self, precision: precision)

        // Binary64 LU factors of I − γP_π on the policy midpoints.
        // NOTE: the dense factorisation costs O(S³) time and S² memory per evaluation, which is
        // fine for Taxi (500 states) but not for MDPs with tens of thousands of states.
        let gamma = discount.approximateDouble
        var matrix = [Double](repeating: 0, count: stateCount * stateCount)
        var costs = [Double](repeating: 0, count: stateCount)
        for state in 0..<stateCount {
            matrix[state * stateCount + state] += 1
            for action in 0..<actionCount {
                let p = policy[state][action].midpoint.approximateDouble
                guard p != 0 else { continue }
                costs[state] += p * self.costs[state][action].approximateDouble
                for transition in transitions[state][action] {
                    matrix[state * stateCount + transition.next] -= gamma * p * transition.probability.approximateDouble
                }
            }
        }
        let factors = LowerUpperFactors(matrix: matrix, size: stateCount)

        // Ṽ is kept as exact dyadic rationals so that refinement rounds do not widen it.
        var estimate = factors.solve(costs).map { try! Rational(exactly: $0) }
        var residualBound = Rational.zero
        let target = Rational(1).timesPowerOfTwo(-(precision - 4))
        var previousBound: Rational?
        for _ in 0..<(precision / 16 + 8) {
            try checkpoint()
            let balls = estimate.map { try! Ball($0, precision: precision) }
            let residuals = data.residuals(policy: policy, values: balls)
            residualBound = residuals.map { max($0.upperBound.magnitude, $0.lowerBound.magnitude) }.max()!

            let scale = Rational.maximumMagnitude(of: estimate) + 1
            if residualBound <= target * scale { break }
            if let previousBound, residualBound * 2 > previousBound { break }
            previousBound = residualBound

            // Scale the residual to order 1 before rounding it to binary64, so it does not underflow.
            let exponent = residualBound.binaryExponent
            let scaled = residuals.map { $0.midpoint.timesPowerOfTwo(-exponent).approximateDouble }
            let correction = factors.solve(scaled)
            for state in 0..<stateCount {
                estimate[state] = estimate[state] + (try! Rational(exactly: correction[state])).timesPowerOfTwo(exponent)
            }
        }

        // V ∈ Ṽ ± ‖r‖∞/(1 − γ).
        let radius = residualBound / (Rational.one - discount)
        let values = estimate.map { try! Ball(lower: $0 - radius, upper: $0 + radius, precision: precision) }
        return ValueEnclosure(values: values, actionValues: data.actionValues(values))
    }
}

/// The MDP's costs, probabilities and discount converted to balls once per evaluation.
struct BallData {
    let mdp: MarkovDecisionProcess
    let costs: [[Ball]]
    let probabilities: [[[Ball]]]
    let discount: Ball

    init(_ mdp: MarkovDecisionProcess, precision: Int) {
        self.mdp = mdp
        costs = mdp.costs.map { row in row.map { try! Ball($0, precision: precision) } }
        probabilities = mdp.transitions.map { row in
            row.map { transitions in transitions.map { try! Ball($0.probability, precision: precision) } }
        }
        discount = try! Ball(mdp.discount, precision: precision)
    }

    /// Q(s, a) = c(s, a) + γ Σ_{s'} P(s'|s, a) V(s').
    func actionValues(_ values: [Ball]) -> [[Ball]] {
        (0..<mdp.stateCount).map { state in
            (0..<mdp.actionCount).map { action in
                let row = mdp.transitions[state][action]
                var expectedNext = values[row[0].next] * probabilities[state][action][0]
                for index in 1..<row.count {
                    expectedNext = expectedNext + values[row[index].next] * probabilities[state][action][index]
                }
                return costs[state][action] + discount * expectedNext
            }
        }
    }

    /// r(s) = Σ_a π(a|s) Q_V(s, a) − V(s), which equals (c_π − (I − γP_π)V)(s) for a probability vector π(·|s).
    ///
    /// Evaluated as (Q_V(s, b) − V(s)) + Σ_{a ≠ b} π(a|s)(Q_V(s, a) − Q_V(s, b)), using Σ_a π(a|s) = 1, with b
    /// the action of largest mass: the radius of π(b|s), the one entry near 1, then does not enter r.
    func residuals(policy: PolicyEnclosure, values: [Ball]) -> [Ball] {
        let q = actionValues(values)
        return (0..<mdp.stateCount).map { state in
            let row = policy[state]
            let reference = row.indices.max { row[$0].midpoint < row[$1].midpoint }!
            var total = q[state][reference] - values[state]
            for action in 0..<mdp.actionCount where action != reference && row[action].isZero != .true {
                total = total + row[action] * (q[state][action] - q[state][reference])
            }
            return total
        }
    }
}

/// LU factors with partial pivoting of a dense binary64 matrix, used only for approximate solves
/// whose error the ball residual then bounds.
struct LowerUpperFactors {
    var entries: [Double]
    var pivots: [Int]
    let size: Int

    init(matrix: [Double], size: Int) {
        self.size = size
        entries = matrix
        pivots = Array(0..<size)
        for column in 0..<size {
            var pivotRow = column
            for row in column..<size where abs(entries[row * size + column]) > abs(entries[pivotRow * size + column]) {
                pivotRow = row
            }
            if pivotRow != column {
                for index in 0..<size {
                    entries.swapAt(column * size + index, pivotRow * size + index)
                }
                pivots.swapAt(column, pivotRow)
            }
            let pivot = entries[column * size + column]
            guard pivot != 0 else { continue }
            for row in (column + 1)..<size {
                let factor = entries[row * size + column] / pivot
                guard factor != 0 else { continue }
                entries[row * size + column] = factor
                for index in (column + 1)..<size {
                    entries[row * size + index] -= factor * entries[column * size + index]
                }
            }
        }
    }

    func solve(_ rightHandSide: [Double]) -> [Double] {
        var x = pivots.map { rightHandSide[$0] }
        for row in 0..<size {
            for column in 0..<row { x[row] -= entries[row * size + column] * x[column] }
        }
        for row in stride(from: size - 1, through: 0, by: -1) {
            for column in (row + 1)..<size { x[row] -= entries[row * size + column] * x[column] }
            let pivot = entries[row * size + row]
            x[row] = pivot == 0 ? 0 : x[row] / pivot
        }
        return x
    }
}

extension Rational {
    /// max |x| over the values, or 0 for an empty list.
    static func maximumMagnitude(of values: [Rational]) -> Rational {
        values.map(\.magnitude).max() ?? Rational.zero
    }

    /// An integer e with 2^(e−2) ≤ |x| ≤ 2^(e+1) for x ≠ 0, from the bit widths; 0 for x = 0.
    var binaryExponent: Int {
        isZero ? 0 : numerator.magnitude.bitWidth - denominator.bitWidth
    }
}
