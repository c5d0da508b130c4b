import Exact
import Testing

@Suite("RationalMatrix inertia")
struct InertiaTests {
    /// Every leading principal minor of this matrix is ≥ 0 (they are 0, 0 and 0),
    /// yet its eigenvalues are −1, 0 and 3, so it is not positive semidefinite.
    /// Sylvester's criterion on leading minors decides definiteness only.
    @Test("zero pivot hides negative eigenvalue")
    func zeroPivotCase() throws {
        let rows: [[Rational]] = [
            [Rational(0), Rational(0), Rational(0)],
            [Rational(0), Rational(1), Rational(2)],
            [Rational(0), Rational(2), Rational(1)],
        ]
        let matrix = try RationalMatrix(rows)
        for size in 1...3 {
            let minor = rows.prefix(size).map { Array($0.prefix(size)) }
            #expect(cofactorDeterminant(minor).signum >= 0, "leading minor of size \(size)")
        }
        #expect(try matrix.inertia() == Inertia(positive: 1, negative: 1, zero: 1))
        #expect(try matrix.isPositiveSemidefinite() == false)
        #expect(try matrix.isPositiveDefinite() == false)
        // det(xI − A) = x(x + 1)(x − 3) = x³ − 2x² − 3x.
        #expect(try matrix.characteristicPolynomial() == [Rational(0), Rational(-3), Rational(-2), Rational(1)])
    }

    @Test("inertia of small known matrices")
    func knownMatrices() throws {
        let cases: [([[Int]], Inertia)] = [
            ([], Inertia(positive: 0, negative: 0, zero: 0)),
            ([[0]], Inertia(positive: 0, negative: 0, zero: 1)),
            ([[-3]], Inertia(positive: 0, negative: 1, zero: 0)),
            ([[0, 1], [1, 0]], Inertia(positive: 1, negative: 1, zero: 0)),
            ([[1, 1], [1, 1]], Inertia(positive: 1, negative: 0, zero: 1)),
            ([[2, -1], [-1, 2]], Inertia(positive: 2, negative: 0, zero: 0)),
            ([[1, 0, 0], [0, -2, 0], [0, 0, 0]], Inertia(positive: 1, negative: 1, zero: 1)),
            ([[0, 0, 0], [0, 0, 0], [0, 0, 0]], Inertia(positive: 0, negative: 0, zero: 3)),
            // After the first pivot the trailing block is [[0, 1], [1, 0]], which needs a 2×2 pivot.
            // det(xI − A) = x³ − 2x² − x + 1 has roots ≈ 2.25, 0.55, −0.80.
            ([[1, 1, 0], [1, 1, 1], [0, 1, 0]], Inertia(positive: 2, negative: 1, zero: 0)),
            // All diagonal entries zero: the first pivot must be a 2×2 block.
            ([[0, 1, 1], [1, 0, 1], [1, 1, 0]], Inertia(positive: 1, negative: 2, zero: 0)),
            ([[0, 0, 1], [0, 0, 0], [1, 0, 0]], Inertia(positive: 1, negative: 1, zero: 1)),
        ]
        for (entries, expected) in cases {
            let matrix = try RationalMatrix(entries.map { $0.map { Rational($0) } })
            #expect(try matrix.inertia() == expected, "A = \(matrix)")
            #expect(try matrix.isPositiveSemidefinite() == (expected.negative == 0), "A = \(matrix)")
            #expect(try matrix.isPositiveDefinite() == (expected.positive == entries.count), "A = \(matrix)")
        }
    }

    /// A PSD matrix moved off the boundary by 10⁻³⁰ in either direction must
    /// flip its verdict, far below any binary64 tolerance.
    @Test("tiny perturbations change the verdict")
    func perturbedControls() throws {
        let epsilon = try Rational(parsing: "1e-30")
        let boundary = try RationalMatrix([[Rational(1), Rational(1)], [Rational(1), Rational(1)]])
        let pushedOut = try RationalMatrix([[Rational(1), Rational(1)], [Rational(1), Rational(1) - epsilon]])
        let pushedIn = try RationalMatrix([[Rational(1), Rational(1)], [Rational(1), Rational(1) + epsilon]])
        #expect(try boundary.isPositiveSemidefinite())
        #expect(try !boundary.isPositiveDefinite())
        #expect(try !pushedOut.isPositiveSemidefinite())
        #expect(try pushedIn.isPositiveDefinite())
    }

    @Test("non-symmetric input throws domainError")
    func nonSymmetric() throws {
        let matrix = try RationalMatrix([[Rational(1), Rational(2)], [Rational(3), Rational(1)]])
        do {
            _ = try matrix.inertia()
            Issue.record("inertia accepted a non-symmetric matrix")
        } catch let error as NumericError {
            guard case .domainError = error else {
                Issue.record("expected domainError, got \(error)")
                return
            }
        }
        #expect(throws: NumericError.self) { try matrix.isPositiveSemidefinite() }
        #expect(throws: NumericError.self) { try matrix.isPositiveDefinite() }
    }

    @Test("characteristic polynomial of 2×2 matrices")
    func characteristicPolynomialTwoByTwo() throws {
        let seed: UInt64 = 0x5EED_0010
        var generator = SplitMix64(seed: seed)
        for trial in 0..<100 {
            let rows = randomFractionRows(rows: 2, columns: 2, using: &generator)
            let trace = rows[0][0] + rows[1][1]
            let determinant = rows[0][0] * rows[1][1] - rows[0][1] * rows[1][0]
            let coefficients = try RationalMatrix(rows).characteristicPolynomial()
            #expect(coefficients == [determinant, -trace, Rational(1)], "seed \(seed), trial \(trial)")
        }
    }

    /// Thousands of random symmetric matrices, half of them with zero
    /// diagonals or low rank so that zero pivots and 2×2 pivots occur often.
    @Test("inertia agrees with Descartes' rule")
    func descartesCrossCheck() throws {
        let seed: UInt64 = 0x5EED_0011
        var generator = SplitMix64(seed: seed)
        var twoByTwoCases = 0
        var singularCases = 0
        for trial in 0..<4000 {
            let n = Int.random(in: 1...8, using: &generator)
            let rows = randomSymmetricRows(size: n, kind: trial % 4, using: &generator)
            let matrix = try RationalMatrix(rows)
            let expected = inertiaFromCharacteristicPolynomial(try matrix.characteristicPolynomial())
            let context = "seed \(seed), trial \(trial), A = \(matrix)"

            #expect(expected.positive + expected.negative + expected.zero == n, "\(context): characteristic polynomial is not real-rooted")
            #expect(try matrix.inertia() == expected, "\(context)")
            if rows.indices.allSatisfy({ rows[$0][$0].isZero }) && rows.joined().contains(where: { !$0.isZero }) {
                twoByTwoCases += 1
            }
            if expected.zero > 0 {
                singularCases += 1
            }
        }
        #expect(twoByTwoCases > 500, "seed \(seed): too few matrices with a zero diagonal")
        #expect(singularCases > 500, "seed \(seed): too few singular matrices")
    }

    /// By Sylvester's law of inertia, Pᵀ D P has the inertia of the diagonal D
    /// for any invertible P: a reference that does not use eigenvalues.
    @Test("congruent matrices keep the inertia")
    func congruenceCrossCheck() throws {
        let seed: UInt64 = 0x5EED_0012
        var generator = SplitMix64(seed: seed)
        var checked = 0
        for trial in 0..<1000 {
            let n = Int.random(in: 1...6, using: &generator)
            let diagonal = (0..<n).map { _ in Int.random(in: -3...3, using: &generator) }
            let p = randomIntegerRows(rows: n, columns: n, in: -3...3, using: &generator)
            guard !cofactorDeterminant(p).isZero else { continue }

            var d = identityRows(n)
            for i in 0..<n {
                d[i][i] = Rational(diagonal[i])
            }
            let pTransposed = (0..<n).map { i in (0..<n).map { j in p[j][i] } }
            let a = referenceProduct(referenceProduct(pTransposed, d), p)
            let expected = Inertia(
                positive: diagonal.filter { $0 > 0 }.count,
                negative: diagonal.filter { $0 < 0 }.count,
                zero: diagonal.filter { $0 == 0 }.count)

            #expect(try RationalMatrix(a).inertia() == expected, "seed \(seed), trial \(trial), D = \(diagonal), P = \(p)")
            checked += 1
        }
        #expect(checked > 500, "seed \(seed): too few invertible P")
    }
}

/// Returns a random symmetric matrix of one of four kinds: dense small integers,
/// zero diagonal, low rank B Bᵀ − C Cᵀ, or dense fractions.
private func randomSymmetricRows(size n: Int, kind: Int, using generator: inout SplitMix64) -> [[Rational]] {
    var rows = Array(repeating: Array(repeating: Rational(0), count: n), count: n)
    switch kind {
    case 0, 1:
        for i in 0..<n {
            for j in i..<n {
                let value = (kind == 1 && i == j) ? 0 : Int.random(in: -2...2, using: &generator)
                rows[i][j] = Rational(value)
                rows[j][i] = Rational(value)
            }
        }
    case 2:
        let rank = Int.random(in: 0...max(0, n - 1), using: &generator)
        let b = randomIntegerRows(rows: n, columns: rank, in: -2...2, using: &generator)
        let c = randomIntegerRows(rows: n, columns: Int.random(in: 0...1, using: &generator), in: -2...2, using: &generator)
        for i in 0..<n {
            for j in 0..<n {
                var value = Rational(0)
                for k in 0..<b[i].count { value += b[i][k] * b[j][k] }
                for k in 0..<c[i].count { value -= c[i][k] * c[j][k] }
                rows[i][j] = value
            }
        }
    default:
        let random = randomFractionRows(rows: n, columns: n, using: &generator)
        for i in 0..<n {
            for j in i..<n {
                rows[i][j] = random[i][j]
                rows[j][i] = random[i][j]
            }
        }
    }
    return rows
}
