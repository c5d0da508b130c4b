import CFlint
import CNumericShim
import Exact

// Definiteness of the symmetric matrices in the ball. `.true` is true for every
// symmetric matrix in the ball, `.false` for none of them, and `.undecided`
// covers both "some are, some are not" and "cannot tell at this precision".
//
// Positive semidefiniteness cannot be read off the leading principal minors
// (Sylvester's criterion covers definiteness only): [[0,0,0],[0,1,2],[0,2,1]]
// has leading minors 0, 0, 0 but the eigenvalue −1. The certificates here are
// a Cholesky factorization for "yes" and a vector x with xᵀAx ≤ 0 (or < 0)
// for "no"; an exact matrix is decided by its exact inertia.

extension BallMatrix {
    /// Whether every symmetric matrix in the ball is positive definite.
    /// Throws when the matrix is not square or not symmetric (see
    /// `symmetricEigenvalues()`).
    public func isPositiveDefinite() throws -> Truth {
        try requireSymmetricCandidate("BallMatrix.isPositiveDefinite")
        if rowCount == 0 {
            return .true
        }
        if let exact = exactValue {
            return Truth(try exact.isPositiveDefinite())
        }

        if choleskySucceeds() {
            return .true
        }
        if negativeDirectionExists(strict: false) {
            return .false
        }
        return .undecided
    }

    /// Whether every symmetric matrix in the ball is positive semidefinite.
    /// A ball that contains a singular PSD matrix and also indefinite ones,
    /// such as diag(0, b, b) with b = [0 ± 0.1], is `.undecided`.
    public func isPositiveSemidefinite() throws -> Truth {
        try requireSymmetricCandidate("BallMatrix.isPositiveSemidefinite")
        if rowCount == 0 {
            return .true
        }
        if let exact = exactValue {
            return Truth(try exact.isPositiveSemidefinite())
        }

        if choleskySucceeds() {
            return .true
        }
        if negativeDirectionExists(strict: true) {
            return .false
        }
        return .undecided
    }

    /// Whether Arb's `arb_mat_cho` certifies that the symmetric matrix given
    /// by the lower triangle is positive definite for every choice of entries
    /// in the balls. The lower triangle encloses every symmetric matrix in the
    /// ball, so success proves all of them positive definite.
    func choleskySucceeds() -> Bool {
        let factor = BallMatrix(uncheckedRows: rowCount, columns: columnCount, precision: precision)
        return arb_mat_cho(factor.pointer, pointer, precision) != 0
    }

    /// Whether some vector x gives xᵀAx < 0 (`strict`) or xᵀAx ≤ 0 for every
    /// A in the ball. The candidates are the unit vectors (the diagonal
    /// entries) and the approximate eigenvectors of the matrix, rounded to
    /// exact vectors, since the eigenvector of the smallest eigenvalue
    /// minimizes xᵀAx/xᵀx.
    func negativeDirectionExists(strict: Bool) -> Bool {
        let n = rowCount
        for i in 0..<n {
            let diagonal = self[i, i]
            if (strict ? diagonal.isNegative : diagonal.isNonpositive) == .true {
                return true
            }
        }

        return withApproximateEigenpairs { _, _, vectors in
            for column in 0..<n {
                var direction: [Ball] = []
                for row in 0..<n {
                    let entry = Ball(zeroAtPrecision: precision)
                    let realPart = tc_acb_realref(tc_acb_mat_entry(vectors, row, column))!
                    arb_set_arf(entry.pointer, tc_arb_midref(realPart))
                    direction.append(entry)
                }
                let form = quadraticForm(direction)
                if (strict ? form.isNegative : form.isNonpositive) == .true {
                    return true
                }
            }
            return false
        }
    }

    /// Encloses xᵀAx for every A in the ball (x exact or in balls).
    func quadraticForm(_ x: [Ball]) -> Ball {
        var sum = Ball(0, precision: precision)
        for i in 0..<rowCount {
            var rowSum = Ball(0, precision: precision)
            for j in 0..<columnCount {
                rowSum.addProduct(self[i, j], x[j])
            }
            sum.addProduct(x[i], rowSum)
        }
        return sum
    }
}
