import Exact

// Reference computations written with plain `Rational` arithmetic, so the
// matrix tests do not check FLINT's routines against themselves.

/// Computes the product a · b entry by entry from the definition.
func referenceProduct(_ a: [[Rational]], _ b: [[Rational]]) -> [[Rational]] {
    let inner = b.count
    let columns = b.first?.count ?? 0
    return a.map { row in
        precondition(row.count == inner, "reference product: shapes do not fit")
        return (0..<columns).map { j in
            var sum = Rational(0)
            for k in 0..<inner {
                sum += row[k] * b[k][j]
            }
            return sum
        }
    }
}

/// Computes the matrix-vector product a · x from the definition.
func referenceProduct(_ a: [[Rational]], _ x: [Rational]) -> [Rational] {
    referenceProduct(a, x.map { [$0] }).map { $0[0] }
}

/// Computes the determinant by Laplace (cofactor) expansion along the first
/// row. The cost grows as n!, so use it only for n ≤ 7 or so.
func cofactorDeterminant(_ a: [[Rational]]) -> Rational {
    let n = a.count
    if n == 0 { return Rational(1) }
    if n == 1 { return a[0][0] }
    var total = Rational(0)
    for j in 0..<n where !a[0][j].isZero {
        let minor = a.dropFirst().map { row in
            Array(row[..<j]) + Array(row[(j + 1)...])
        }
        let term = a[0][j] * cofactorDeterminant(minor)
        if j % 2 == 0 {
            total += term
        } else {
            total -= term
        }
    }
    return total
}

/// Returns the n×n identity as rows.
func identityRows(_ n: Int) -> [[Rational]] {
    (0..<n).map { i in (0..<n).map { j in Rational(i == j ? 1 : 0) } }
}

/// Returns a rows×columns matrix of integers drawn uniformly from `range`.
func randomIntegerRows(
    rows: Int, columns: Int, in range: ClosedRange<Int>, using generator: inout SplitMix64
) -> [[Rational]] {
    (0..<rows).map { _ in (0..<columns).map { _ in Rational(Int.random(in: range, using: &generator)) } }
}

/// Returns a rows×columns matrix of fractions p/q with p in −9…9 and q in 1…9.
func randomFractionRows(rows: Int, columns: Int, using generator: inout SplitMix64) -> [[Rational]] {
    (0..<rows).map { _ in
        (0..<columns).map { _ in
            Rational(Int.random(in: -9...9, using: &generator), Int.random(in: 1...9, using: &generator))
        }
    }
}

/// Counts the sign changes in a sequence, skipping zeros.
func signChanges(_ values: [Rational]) -> Int {
    var changes = 0
    var previous = 0
    for value in values where value.signum != 0 {
        if previous != 0 && value.signum != previous {
            changes += 1
        }
        previous = value.signum
    }
    return changes
}

/// Reads the inertia of a symmetric matrix off its characteristic polynomial p.
///
/// A real symmetric matrix has only real eigenvalues. For a polynomial with
/// only real roots, Descartes' rule of signs is exact: p has as many positive
/// roots as its coefficients have sign changes, and as many negative roots as
/// the coefficients of p(−x) have. The multiplicity of the root 0 is the
/// index of the first nonzero coefficient.
func inertiaFromCharacteristicPolynomial(_ coefficients: [Rational]) -> Inertia {
    let zero = coefficients.firstIndex { !$0.isZero } ?? coefficients.count
    let reflected = coefficients.enumerated().map { degree, value in degree % 2 == 0 ? value : -value }
    return Inertia(positive: signChanges(coefficients), negative: signChanges(reflected), zero: zero)
}
