import CFlint
import CNumericShim
import Exact

extension BallMatrix {
    /// Encloses X with A·X = rhs for every matrix A and right-hand side in the
    /// balls. Arb's `arb_mat_solve` certifies that every A in the ball is
    /// invertible; when it cannot (A singular, or the precision too low),
    /// the result is `.undecided`. A matrix singular over ℚ is never
    /// certified. Throws `NumericError.dimensionMismatch` on bad shapes.
    public func solve(_ rhs: BallMatrix) throws -> Certified<BallMatrix> {
        try requireSquare("BallMatrix.solve")
        guard rhs.rowCount == rowCount else {
            throw NumericError.dimensionMismatch(
                operation: "BallMatrix.solve",
                detail: "the right-hand side has \(rhs.rowCount) rows but the matrix has \(rowCount)")
        }

        let solution = BallMatrix(
            uncheckedRows: rowCount, columns: rhs.columnCount, precision: Swift.max(precision, rhs.precision))
        let certified = arb_mat_solve(solution.pointer, pointer, rhs.pointer, solution.precision) != 0
        return certified ? .certified(solution) : .undecided
    }

    /// `solve(_:)` for one right-hand side given as an array.
    public func solve(_ rhs: [Ball]) throws -> Certified<[Ball]> {
        let column = try BallMatrix(rhs.map { [$0] }, precision: precision)
        switch try solve(column) {
        case .certified(let solution):
            return .certified(solution.entries.map { $0[0] })
        case .undecided:
            return .undecided
        }
    }

    /// Encloses A⁻¹ for every A in the ball, or `.undecided` when invertibility
    /// cannot be certified (as for `solve(_:)`).
    public func inverse() throws -> Certified<BallMatrix> {
        try requireSquare("BallMatrix.inverse")
        let result = BallMatrix(uncheckedRows: rowCount, columns: columnCount, precision: precision)
        let certified = arb_mat_inv(result.pointer, pointer, precision) != 0
        return certified ? .certified(result) : .undecided
    }

    /// Encloses det A for every A in the ball.
    public func determinant() throws -> Ball {
        try requireSquare("BallMatrix.determinant")
        let result = Ball(zeroAtPrecision: precision)
        arb_mat_det(result.pointer, pointer, precision)
        return result
    }
}
