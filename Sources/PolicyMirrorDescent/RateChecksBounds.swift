import ClaimKit
import Enclosures
import Exact
import Foundation

/// The constants of the PMD value-rate bounds for one instance, exact where the data allow.
///
/// With a deterministic optimal policy π* (the smallest optimal action in each state):
/// d* = d_ρ^{π*} = (1 − γ) ρᵀ(I − γP_{π*})⁻¹, ϑ_ρ = ‖d*/ρ‖∞/(1 − γ), and
/// D₀* = Σ_s d*(s) D_h(π*_s, π⁰_s) (L. Xiao, arXiv:2201.07443, notation of the linear-rate theorem).
struct RateConstants {
    /// d_ρ^{π*}(s), exact.
    let occupancy: [Rational]
    /// ϑ_ρ, exact.
    let mismatch: Rational
    /// D₀*, enclosed (it involves log or √ for KL and Tsallis).
    let initialDivergence: Ball
    /// V^{π⁰}(ρ) − V*(ρ), exact.
    let initialGap: Rational
    /// V^{π⁰}(d*) − V*(d*), exact.
    let initialGapUnderOccupancy: Rational

    /// Computes the constants, or returns nil when D₀* is infinite (Burg with a deterministic π*).
    /// - Parameter checkpoint: runs during the exact solves, so a caller can stop them.
    static func compute(instance: RateCheckInstance, map: MirrorMap, initial: Policy, precision: Int,
                        checkpoint: () throws -> Void = {}) throws -> RateConstants? {
        let mdp = instance.mdp
        let optimalPolicy = instance.deterministicOptimalPolicy

        // Rows of (I − γP_{π*})ᵀ, so that solving gives x = (I − γP_{π*})⁻ᵀ ρ and d* = (1 − γ)x.
        var transposedRows: [[Int: Rational]] = (0..<mdp.stateCount).map { [$0: Rational.one] }
        for state in 0..<mdp.stateCount {
            let action = instance.optimal.optimalActions[state][0]
            for transition in mdp.transitions[state][action] {
                transposedRows[transition.next][state, default: Rational.zero] -= mdp.discount * transition.probability
            }
        }
        let solver = SparseEliminationSolver(rows: transposedRows.map { row in
            row.filter { !$0.value.isZero }.map { (column: $0.key, value: $0.value) }.sorted { $0.column < $1.column }
        })
        let discounted = try solver.solve(instance.stateDistribution, checkpoint: checkpoint)
        let occupancy = discounted.map { $0 * (Rational.one - mdp.discount) }

        var ratio = Rational.zero
        for (weight, density) in zip(instance.stateDistribution, occupancy) where !weight.isZero {
            ratio = max(ratio, density / weight)
        }
        let mismatch = ratio / (Rational.one - mdp.discount)

        var divergence = Ball(0, precision: precision)
        for state in 0..<mdp.stateCount where !occupancy[state].isZero {
            guard let term = map.bregmanDivergence(optimalPolicy[state], initial[state], precision: precision) else {
                return nil
            }
            divergence = divergence + (try Ball(occupancy[state], precision: precision)) * term
        }

        let initialValues = try mdp.evaluate(initial, checkpoint: checkpoint)
        var initialGap = Rational.zero
        var initialGapUnderOccupancy = Rational.zero
        for state in 0..<mdp.stateCount {
            let gap = initialValues[state] - instance.optimal.values[state]
            initialGap += instance.stateDistribution[state] * gap
            initialGapUnderOccupancy += occupancy[state] * gap
        }
        return RateConstants(occupancy: occupancy, mismatch: mismatch, initialDivergence: divergence,
                             initialGap: initialGap, initialGapUnderOccupancy: initialGapUnderOccupancy)
    }
}

extension MirrorMap {
    /// Encloses D_h(p, q) = Σ_a φ(p_a) − φ(q_a) − φ'(q_a)(p_a − q_a) for exact p and interior q, or
    /// returns nil when it is infinite (Burg with some p_a = 0) or undefined (the concave control).
    func bregmanDivergence(_ p: [Rational], _ q: [Rational], precision: Int) -> Ball? {
        var total = Ball(0, precision: precision)
        for (pa, qa) in zip(p, q) {
            let pBall = try! Ball(pa, precision: precision)
            let qBall = try! Ball(qa, precision: precision)
            switch self {
            case .kl:
                // p log(p/q) − p + q, where Σ(q − p) = 0 drops out; 0 log 0 = 0.
                if !pa.isZero { total = total + pBall * (pBall / qBall).log() }
                total = total + qBall - pBall
            case .tsallis:
                let fourThirds = try! Ball(Rational(4, 3), precision: precision)
                let phiP = pa.isZero ? Ball(0, precision: precision) : fourThirds * pBall * pBall.sqrt()
                let phiQ = fourThirds * qBall * qBall.sqrt()
                total = total + phiP - phiQ - Ball(2, precision: precision) * qBall.sqrt() * (pBall - qBall)
            case .burg:
                guard !pa.isZero else { return nil }
                total = total - pBall.log() + qBall.log() + (pBall - qBall) / qBall
            case .negativeSquare:
                return nil
            }
        }
        return total
    }
}

/// Least-squares slope of y against x, or nil with fewer than two points or no spread in x.
func leastSquaresSlope(_ points: [(x: Double, y: Double)]) -> Double? {
    guard points.count >= 2 else { return nil }
    let meanX = points.map(\.x).reduce(0, +) / Double(points.count)
    let meanY = points.map(\.y).reduce(0, +) / Double(points.count)
    var covariance = 0.0
    var variance = 0.0
    for point in points {
        covariance += (point.x - meanX) * (point.y - meanY)
        variance += (point.x - meanX) * (point.x - meanX)
    }
    return variance > 0 ? covariance / variance : nil
}
