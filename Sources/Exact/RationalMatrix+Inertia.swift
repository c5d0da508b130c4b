import CFlint
import CGMP

/// The inertia of a real symmetric matrix: how many eigenvalues are positive,
/// negative and zero, counted with multiplicity.
public struct Inertia: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var positive: Int
    public var negative: Int
    public var zero: Int

    public init(positive: Int, negative: Int, zero: Int) {
        self.positive = positive
        self.negative = negative
        self.zero = zero
    }

    /// "(positive, negative, zero)", the usual notation for inertia.
    public var description: String { "(\(positive), \(negative), \(zero))" }
}

extension RationalMatrix {
    /// Computes the exact inertia of a symmetric matrix.
    ///
    /// By Sylvester's law of inertia, a congruence A ↦ Pᵀ A P with invertible P
    /// keeps the inertia. The routine reduces A by congruences to block
    /// diagonal form in exact rational arithmetic (a symmetric LDLᵀ), one
    /// pivot at a time:
    /// - If some remaining diagonal entry d is nonzero, a symmetric permutation
    ///   moves it to the front and it is eliminated as a 1×1 pivot. It
    ///   contributes one eigenvalue with the sign of d.
    /// - If every remaining diagonal entry is zero but an off-diagonal entry b
    ///   is not, a symmetric permutation makes [[0, b], [b, 0]] the leading 2×2
    ///   pivot. Its determinant −b² is negative, so it contributes one positive
    ///   and one negative eigenvalue.
    /// - If the remaining block is zero, each of its rows contributes a zero eigenvalue.
    ///
    /// Unlike a test of leading principal minors, this handles zero pivots, so
    /// [[0, 0, 0], [0, 1, 2], [0, 2, 1]] comes out as (1, 1, 1) and not PSD.
    ///
    /// Throws `NumericError.dimensionMismatch` when the matrix is not square and
    /// `NumericError.domainError` when it is not symmetric.
    public func inertia() throws -> Inertia {
        try requireSymmetric(operation: "RationalMatrix.inertia")
        let work = copy()
        let s = work.pointer
        let n = rowCount
        var result = Inertia(positive: 0, negative: 0, zero: 0)

        let scratch = UnsafeMutablePointer<fmpq>.allocate(capacity: 1)
        fmpq_init(scratch)
        defer {
            fmpq_clear(scratch)
            scratch.deallocate()
        }

        var t = 0
        while t < n {
            if let pivot = (t..<n).first(where: { fmpq_is_zero(fmpq_mat_entry(s, $0, $0)) == 0 }) {
                swapSymmetric(s, t, pivot)
                if fmpq_sgn(fmpq_mat_entry(s, t, t)) > 0 {
                    result.positive += 1
                } else {
                    result.negative += 1
                }
                eliminateOneByOnePivot(s, at: t, scratch: scratch)
                t += 1
            } else if let (p, q) = firstNonzeroOffDiagonal(s, from: t) {
                swapSymmetric(s, t, p)
                swapSymmetric(s, t + 1, q)
                result.positive += 1
                result.negative += 1
                eliminateTwoByTwoPivot(s, at: t, scratch: scratch)
                t += 2
            } else {
                result.zero += n - t
                break
            }
        }

        withExtendedLifetime(work) {}
        return result
    }

    /// Returns whether every eigenvalue is ≥ 0, decided exactly from the
    /// inertia. Throws as `inertia()` does.
    public func isPositiveSemidefinite() throws -> Bool {
        try inertia().negative == 0
    }

    /// Returns whether every eigenvalue is > 0, decided exactly from the
    /// inertia. Throws as `inertia()` does.
    public func isPositiveDefinite() throws -> Bool {
        try inertia().positive == rowCount
    }

    func requireSymmetric(operation: String) throws {
        try requireSquare(operation: operation)
        for i in 0..<rowCount {
            for j in (i + 1)..<columnCount
            where fmpq_equal(fmpq_mat_entry(pointer, i, j), fmpq_mat_entry(pointer, j, i)) == 0 {
                throw NumericError.domainError(
                    operation: operation,
                    detail: "the matrix is not symmetric: entry (\(i), \(j)) is \(self[i, j]) but entry (\(j), \(i))"
                        + " is \(self[j, i]); pass a symmetric matrix")
            }
        }
    }
}

/// Swaps rows i and j and then columns i and j: the congruence by a permutation.
private func swapSymmetric(_ s: UnsafeMutablePointer<fmpq_mat_struct>, _ i: Int, _ j: Int) {
    guard i != j else { return }
    fmpq_mat_swap_rows(s, nil, i, j)
    fmpq_mat_swap_cols(s, nil, i, j)
}

/// Returns the first (p, q) with t ≤ p < q and s[p, q] ≠ 0, scanning row by row.
private func firstNonzeroOffDiagonal(_ s: UnsafeMutablePointer<fmpq_mat_struct>, from t: Int) -> (Int, Int)? {
    let n = s.pointee.r
    for p in t..<n {
        for q in (p + 1)..<n where fmpq_is_zero(fmpq_mat_entry(s, p, q)) == 0 {
            return (p, q)
        }
    }
    return nil
}

/// Replaces the trailing block S = s[t+1..., t+1...] by its Schur complement
/// S − c cᵀ / d, where d = s[t, t] ≠ 0 and c = s[t+1..., t].
private func eliminateOneByOnePivot(
    _ s: UnsafeMutablePointer<fmpq_mat_struct>, at t: Int, scratch: UnsafeMutablePointer<fmpq>
) {
    let n = s.pointee.r
    let d = fmpq_mat_entry(s, t, t)
    for i in (t + 1)..<n where fmpq_is_zero(fmpq_mat_entry(s, i, t)) == 0 {
        fmpq_div(scratch, fmpq_mat_entry(s, i, t), d)
        for j in (t + 1)..<n {
            fmpq_submul(fmpq_mat_entry(s, i, j), scratch, fmpq_mat_entry(s, t, j))
        }
    }
}

/// Replaces the trailing block S = s[t+2..., t+2...] by its Schur complement
/// S − C E⁻¹ Cᵀ for the pivot E = [[0, b], [b, 0]], b = s[t, t+1] ≠ 0, and
/// C = s[t+2..., t..t+1]. Because E⁻¹ = [[0, 1/b], [1/b, 0]], entry (i, j)
/// decreases by (s[i, t+1] s[t, j] + s[i, t] s[t+1, j]) / b.
private func eliminateTwoByTwoPivot(
    _ s: UnsafeMutablePointer<fmpq_mat_struct>, at t: Int, scratch: UnsafeMutablePointer<fmpq>
) {
    let n = s.pointee.r
    let b = fmpq_mat_entry(s, t, t + 1)
    for i in (t + 2)..<n {
        for j in (t + 2)..<n {
            fmpq_mul(scratch, fmpq_mat_entry(s, i, t + 1), fmpq_mat_entry(s, t, j))
            fmpq_addmul(scratch, fmpq_mat_entry(s, i, t), fmpq_mat_entry(s, t + 1, j))
            fmpq_div(scratch, scratch, b)
            fmpq_sub(fmpq_mat_entry(s, i, j), fmpq_mat_entry(s, i, j), scratch)
        }
    }
}
