import CFlint
import CGMP

// Exact linear algebra over ℚ. Each routine calls FLINT's fmpq_mat
// functions, which work with exact rationals (or integers after clearing
// denominators), so the results involve no rounding.

extension RationalMatrix {
    /// Computes the exact determinant. The 0×0 matrix has determinant 1.
    /// Throws `NumericError.dimensionMismatch` when the matrix is not square.
    public func determinant() throws -> Rational {
        try requireSquare(operation: "RationalMatrix.determinant")
        var value = fmpq()
        fmpq_init(&value)
        defer { fmpq_clear(&value) }
        fmpq_mat_det(&value, pointer)
        return rationalFromFMPQ(&value)
    }

    /// Returns the unique X with self · X = rhs.
    ///
    /// Throws `NumericError.dimensionMismatch` when self is not square or
    /// `rhs.rowCount` differs from `rowCount`, and `NumericError.singularMatrix`
    /// when self is singular (determinant exactly 0).
    public func solve(_ rhs: RationalMatrix) throws -> RationalMatrix {
        try requireSquare(operation: "RationalMatrix.solve")
        guard rhs.rowCount == rowCount else {
            throw NumericError.dimensionMismatch(
                operation: "RationalMatrix.solve",
                detail: "a \(rowCount)×\(columnCount) system with a right-hand side of \(rhs.rowCount) rows;"
                    + " the right-hand side needs \(rowCount) rows")
        }
        let solution = RationalMatrix(rows: columnCount, columns: rhs.columnCount)
        guard fmpq_mat_solve(solution.pointer, pointer, rhs.pointer) != 0 else {
            throw NumericError.singularMatrix(operation: "RationalMatrix.solve")
        }
        return solution
    }

    /// Returns the unique x with self · x = rhs. Throws as `solve(_:)` on a matrix does.
    public func solve(_ rhs: [Rational]) throws -> [Rational] {
        try requireSquare(operation: "RationalMatrix.solve")
        guard rhs.count == rowCount else {
            throw NumericError.dimensionMismatch(
                operation: "RationalMatrix.solve",
                detail: "a \(rowCount)×\(columnCount) system with a right-hand side of length \(rhs.count);"
                    + " the right-hand side needs \(rowCount) entries")
        }
        return try solve(RationalMatrix(columnVector: rhs)).columnEntries(0)
    }

    /// Computes the exact inverse. Throws `NumericError.dimensionMismatch` when
    /// the matrix is not square and `NumericError.singularMatrix` when it is singular.
    public func inverse() throws -> RationalMatrix {
        try requireSquare(operation: "RationalMatrix.inverse")
        let result = RationalMatrix(rows: rowCount, columns: columnCount)
        guard fmpq_mat_inv(result.pointer, pointer) != 0 else {
            throw NumericError.singularMatrix(operation: "RationalMatrix.inverse")
        }
        return result
    }

    /// Computes the reduced row echelon form and the rank.
    public func reducedRowEchelonForm() -> (form: RationalMatrix, rank: Int) {
        let form = RationalMatrix(rows: rowCount, columns: columnCount)
        let rank = fmpq_mat_rref(form.pointer, pointer)
        return (form, rank)
    }

    /// Computes the rank, the number of linearly independent rows.
    public func rank() -> Int {
        reducedRowEchelonForm().rank
    }

    /// Computes a basis of the right nullspace {x : self · x = 0} and returns it
    /// as the columns of a `columnCount` × (columnCount − rank) matrix.
    ///
    /// Basis vector k has a 1 in the k-th free (non-pivot) column of the
    /// reduced row echelon form R, 0 in the other free columns, and −R[i, f]
    /// in the pivot column of row i.
    public func nullspace() -> RationalMatrix {
        let (form, rank) = reducedRowEchelonForm()

        var pivotColumns: [Int] = []
        var column = 0
        for row in 0..<rank {
            while fmpq_is_zero(fmpq_mat_entry(form.pointer, row, column)) != 0 {
                column += 1
            }
            pivotColumns.append(column)
            column += 1
        }
        let pivotSet = Set(pivotColumns)
        let freeColumns = (0..<columnCount).filter { !pivotSet.contains($0) }

        let basis = RationalMatrix(rows: columnCount, columns: freeColumns.count)
        for (k, free) in freeColumns.enumerated() {
            fmpq_one(fmpq_mat_entry(basis.pointer, free, k))
            for (row, pivot) in pivotColumns.enumerated() {
                fmpq_neg(fmpq_mat_entry(basis.pointer, pivot, k), fmpq_mat_entry(form.pointer, row, free))
            }
        }
        return basis
    }

    /// Computes the n + 1 coefficients of the characteristic polynomial
    /// det(x·I − self), constant term first, so the last coefficient is 1.
    /// Throws `NumericError.dimensionMismatch` when the matrix is not square.
    public func characteristicPolynomial() throws -> [Rational] {
        try requireSquare(operation: "RationalMatrix.characteristicPolynomial")
        var polynomial = fmpq_poly_struct()
        fmpq_poly_init(&polynomial)
        defer { fmpq_poly_clear(&polynomial) }
        fmpq_mat_charpoly(&polynomial, pointer)

        var coefficient = fmpq()
        fmpq_init(&coefficient)
        defer { fmpq_clear(&coefficient) }
        return (0...rowCount).map { degree in
            fmpq_poly_get_coeff_fmpq(&coefficient, &polynomial, degree)
            return rationalFromFMPQ(&coefficient)
        }
    }

    func requireSquare(operation: String) throws {
        guard isSquare else {
            throw NumericError.dimensionMismatch(
                operation: operation,
                detail: "the matrix is \(rowCount)×\(columnCount) but the operation needs a square matrix")
        }
    }
}
