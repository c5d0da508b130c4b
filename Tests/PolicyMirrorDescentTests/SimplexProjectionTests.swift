import ClaimKit
import Exact
import Testing
@testable import PolicyMirrorDescent

/// Projects onto the simplex by brute force: for every nonempty support S, the closest point of
/// the affine hull {p : Σ_{a∈S} p_a = 1, p_a = 0 off S} is p_a = y_a − (Σ_S y − 1)/|S| on S. The
/// projection is the nearest of these candidates that is nonnegative. This uses neither sorting
/// nor a threshold search, so it shares no step with `SimplexProjection`.
private func bruteForceProjection(_ y: [Rational]) -> [Rational] {
    let n = y.count
    var best: [Rational]?
    var bestDistance = Rational.zero
    for mask in 1..<(1 << n) {
        let support = (0..<n).filter { mask & (1 << $0) != 0 }
        let sum = support.reduce(Rational.zero) { $0 + y[$1] }
        let shift = (sum - Rational.one) / Rational(support.count)
        let candidate = (0..<n).map { support.contains($0) ? y[$0] - shift : Rational.zero }
        guard candidate.allSatisfy({ $0.signum >= 0 }) else { continue }
        let distance = zip(candidate, y).reduce(Rational.zero) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        if best == nil || distance < bestDistance {
            best = candidate
            bestDistance = distance
        }
    }
    return best!
}

@Suite("Simplex projection")
struct SimplexProjectionTests {
    /// Columns of [[0.4, 1.5, 1], [0.5, 2, 3], [0.6, 0.3, 2.9]] and their projections, computed by
    /// hand from the KKT conditions. Implementations that drop the division in the threshold or
    /// index ρ from 0 instead of 1 get these wrong.
    @Test("matrix columns project exactly", arguments: [
        (["0.4", "0.5", "0.6"], ["7/30", "1/3", "13/30"]),
        (["1.5", "2", "0.3"], ["1/4", "3/4", "0"]),
        (["1", "3", "2.9"], ["0", "11/20", "9/20"]),
        (["0.4", "0.3", "-0.4", "0.5"], ["1/3", "7/30", "0", "13/30"]),
    ])
    func publishedCases(input: [String], expected: [String]) {
        let result = SimplexProjection.project(qs(input))
        #expect(result.point == qs(expected))
        #expect(result.point.reduce(Rational.zero, +) == Rational.one)
    }

    @Test("points on the simplex are fixed")
    func fixedPoints() {
        for point in [qs(["1", "0", "0"]), qs(["1/3", "1/3", "1/3"]), qs(["0", "2/7", "5/7"])] {
            #expect(SimplexProjection.project(point).point == point)
        }
    }

    @Test("random vectors match brute force and KKT")
    func randomVectors() {
        let seed: UInt64 = 20_240_517
        var generator = SplitMix64(seed: seed)
        for trial in 0..<400 {
            let n = 1 + generator.uniform(below: 6)
            // Entries j/d with j in −3d...3d and d in 1...12: ties and zeros occur often.
            let y = (0..<n).map { _ in
                let denominator = 1 + generator.uniform(below: 12)
                return Rational(generator.uniform(below: 6 * denominator + 1) - 3 * denominator, denominator)
            }
            let result = SimplexProjection.project(y)
            let label = "seed \(seed), trial \(trial), y = \(y.map(\.fractionString))"

            #expect(result.point == bruteForceProjection(y), "\(label)")
            #expect(result.point.reduce(Rational.zero, +) == Rational.one, "\(label)")
            #expect(result.point.allSatisfy { $0.signum >= 0 }, "\(label)")
            // KKT: p_a > 0 ⇒ y_a − p_a = τ, and p_a = 0 ⇒ y_a ≤ τ.
            for (value, p) in zip(y, result.point) {
                if p.signum > 0 {
                    #expect(value - p == result.threshold, "\(label)")
                } else {
                    #expect(value <= result.threshold, "\(label)")
                }
            }
        }
    }
}
