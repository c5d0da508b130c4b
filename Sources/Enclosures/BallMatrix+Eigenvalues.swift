import CFlint
import CNumericShim
import Exact

extension BallMatrix {
    /// Encloses the eigenvalues of a symmetric matrix, with multiplicity, in
    /// ascending order of midpoint.
    ///
    /// Arb's QR iteration (`acb_mat_approx_eig_qr`) gives approximate
    /// eigenpairs, and `acb_mat_eig_multiple` turns them into rigorous complex
    /// enclosures. The real part of each contains the real eigenvalue it encloses. When Arb cannot certify them (in Arb 2.23 this
    /// happens for repeated eigenvalues of a matrix with nonzero radii), the
    /// Gershgorin fallback below is tried. A cluster of k eigenvalues that
    /// neither method separates comes back as k copies of one ball that
    /// contains all k. The result is `.undecided` when both fail.
    ///
    /// Throws when the matrix is not square or when entries (i, j) and (j, i)
    /// do not overlap, because then no symmetric matrix lies in the ball.
    public func symmetricEigenvalues() throws -> Certified<[Ball]> {
        try requireSymmetricCandidate("BallMatrix.symmetricEigenvalues")
        let n = rowCount
        if n == 0 {
            return .certified([])
        }

        let eigenvalues = withApproximateEigenpairs { complexMatrix, approximations, vectors -> [Ball]? in
            if let separated = rumpEnclosures(complexMatrix, approximations, vectors) {
                return separated
            }
            return gershgorinEnclosures(approximateEigenvectors: vectors)
        }
        guard var sorted = eigenvalues else {
            return .undecided
        }
        sorted.sort { $0.approximateDouble < $1.approximateDouble }
        return .certified(sorted)
    }

    /// Real parts of Arb's certified eigenvalue enclosures, or nil.
    private func rumpEnclosures(
        _ complexMatrix: UnsafeMutablePointer<acb_mat_struct>,
        _ approximations: UnsafeMutablePointer<acb_struct>,
        _ vectors: UnsafeMutablePointer<acb_mat_struct>
    ) -> [Ball]? {
        let n = rowCount
        let enclosures = _acb_vec_init(n)!
        defer { _acb_vec_clear(enclosures, n) }

        guard acb_mat_eig_multiple(enclosures, complexMatrix, approximations, vectors, precision) != 0 else {
            return nil
        }
        return (0..<n).map { k in
            let eigenvalue = Ball(zeroAtPrecision: precision)
            arb_set(eigenvalue.pointer, tc_acb_realref(enclosures + k))
            return eigenvalue
        }
    }

    /// Eigenvalue enclosures from Gershgorin's theorem applied to Q⁻¹AQ, where
    /// the columns of Q are the approximate eigenvectors rounded to exact real vectors.
    ///
    /// Q⁻¹AQ is similar to A, so it has the same eigenvalues, and it is nearly
    /// diagonal. Its disc i has center (Q⁻¹AQ)_ii and radius Σ_{j≠i} |(Q⁻¹AQ)_ij|.
    /// By the second part of Gershgorin's circle theorem, a connected union of k
    /// discs that meets no other disc contains exactly k eigenvalues. The
    /// eigenvalues of a symmetric matrix are real, so each union's real
    /// interval encloses k of them.
    /// Returns nil when Q cannot be certified invertible.
    func gershgorinEnclosures(approximateEigenvectors vectors: UnsafeMutablePointer<acb_mat_struct>) -> [Ball]? {
        let n = rowCount
        let basis = BallMatrix(uncheckedRows: n, columns: n, precision: precision)
        for i in 0..<n {
            for j in 0..<n {
                let realPart = tc_acb_realref(tc_acb_mat_entry(vectors, i, j))!
                arb_set_arf(tc_arb_mat_entry(basis.pointer, i, j), tc_arb_midref(realPart))
            }
        }

        let image = BallMatrix(uncheckedRows: n, columns: n, precision: precision)
        arb_mat_mul(image.pointer, pointer, basis.pointer, precision)
        let similar = BallMatrix(uncheckedRows: n, columns: n, precision: precision)
        guard arb_mat_solve(similar.pointer, basis.pointer, image.pointer, precision) != 0 else {
            return nil
        }

        var discs: [Ball] = []
        for i in 0..<n {
            var disc = similar[i, i]
            for j in 0..<n where j != i {
                arb_add_error(disc.uniquePointer(), tc_arb_mat_entry(similar.pointer, i, j))
            }
            guard disc.isFinite else {
                return nil
            }
            discs.append(disc)
        }
        return clusters(of: discs)
    }

    /// Merges overlapping intervals into clusters and returns, for a cluster of
    /// k intervals, k copies of a ball containing their union.
    private func clusters(of discs: [Ball]) -> [Ball] {
        let order = discs.indices.sorted { discs[$0].lowerBound < discs[$1].lowerBound }
        var result: [Ball] = []
        var hull = discs[order[0]]
        var upper = hull.upperBound
        var count = 1
        for index in order.dropFirst() {
            let disc = discs[index]
            if disc.lowerBound <= upper {
                arb_union(hull.uniquePointer(), hull.pointer, disc.pointer, precision)
                upper = Swift.max(upper, disc.upperBound)
                count += 1
            } else {
                result.append(contentsOf: repeatElement(hull, count: count))
                hull = disc
                upper = disc.upperBound
                count = 1
            }
        }
        result.append(contentsOf: repeatElement(hull, count: count))
        return result
    }

    /// Calls `body` with the matrix as a complex ball matrix, approximate
    /// eigenvalues of it, and approximate right eigenvectors (as columns).
    /// None of the approximations is rigorous.
    func withApproximateEigenpairs<R>(
        _ body: (
            UnsafeMutablePointer<acb_mat_struct>, UnsafeMutablePointer<acb_struct>, UnsafeMutablePointer<acb_mat_struct>
        ) throws -> R
    ) rethrows -> R {
        let n = rowCount
        let complexMatrix = UnsafeMutablePointer<acb_mat_struct>.allocate(capacity: 1)
        let vectors = UnsafeMutablePointer<acb_mat_struct>.allocate(capacity: 1)
        acb_mat_init(complexMatrix, n, n)
        acb_mat_init(vectors, n, n)
        let approximations = _acb_vec_init(n)!
        defer {
            _acb_vec_clear(approximations, n)
            acb_mat_clear(vectors)
            acb_mat_clear(complexMatrix)
            vectors.deallocate()
            complexMatrix.deallocate()
        }

        acb_mat_set_arb_mat(complexMatrix, pointer)
        // The return value reports only whether the QR iteration converged to
        // the default tolerance. The certification step checks the result anyway.
        _ = acb_mat_approx_eig_qr(approximations, nil, vectors, complexMatrix, nil, 0, precision)
        return try body(complexMatrix, approximations, vectors)
    }

    /// Throws unless the matrix is square and each pair of entries (i, j),
    /// (j, i) overlaps, so that the ball contains at least one candidate
    /// symmetric matrix.
    func requireSymmetricCandidate(_ operation: String) throws {
        try requireSquare(operation)
        for i in 0..<rowCount {
            for j in (i + 1)..<Swift.max(i + 1, columnCount) where !self[i, j].overlaps(self[j, i]) {
                throw NumericError.domainError(
                    operation: operation,
                    detail: "entries (\(i), \(j)) and (\(j), \(i)) do not overlap, so the matrix is not symmetric")
            }
        }
    }
}
