import Exact

/// Exact Euclidean projection onto the probability simplex Δ = {p : p ≥ 0, Σ p = 1}.
///
/// Algorithm (Held, Wolfe, Crowder 1974; Duchi, Shalev-Shwartz, Singer, Chu, ICML 2008): sort y in
/// decreasing order as u_1 ≥ … ≥ u_n, let ρ be the largest j (counted from 1) with
/// u_j − (Σ_{i≤j} u_i − 1)/j > 0, set τ = (Σ_{i≤ρ} u_i − 1)/ρ, and return p = max(y − τ, 0).
/// In ℚ every step is exact, so the result lies on Δ exactly and satisfies the KKT conditions
/// p_a > 0 ⇒ y_a − p_a = τ and p_a = 0 ⇒ y_a ≤ τ.
///
/// Two published ports went wrong here: one dropped the division by j in the threshold, another
/// kept the 1-based ρ as a 0-based index. Both faults change τ; the tests compare against a
/// brute-force projection over all supports.
public enum SimplexProjection {
    /// The projection p and its threshold τ.
    public struct Result: Sendable, Equatable {
        public var point: [Rational]
        public var threshold: Rational
    }

    /// Returns Proj_Δ(y) with its threshold τ.
    /// - Precondition: `y` is not empty.
    public static func project(_ y: [Rational]) -> Result {
        precondition(!y.isEmpty, "cannot project an empty vector onto the simplex")

        let sorted = y.sorted(by: >)
        var prefixSum = Rational.zero
        var threshold = Rational.zero
        for (index, value) in sorted.enumerated() {
            prefixSum += value
            let count = index + 1
            let candidate = (prefixSum - Rational.one) / Rational(count)
            // The condition u_j − τ_j > 0 holds for j = 1 and for a prefix of j; τ for the largest
            // such j (here `count`, counted from 1) is the threshold.
            if value > candidate {
                threshold = candidate
            } else {
                break
            }
        }

        let point = y.map { value in value > threshold ? value - threshold : Rational.zero }
        return Result(point: point, threshold: threshold)
    }
}
