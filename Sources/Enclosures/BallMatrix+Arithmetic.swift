import CFlint
import CNumericShim
import Exact

// Matrix arithmetic at the larger of the operands' precisions. Operators stop
// the program on a shape mismatch; the throwing forms are for shapes that come
// from input.

extension BallMatrix {
    public func adding(_ other: BallMatrix) throws -> BallMatrix {
        try requireSameShape(other, "BallMatrix.adding")
        let result = BallMatrix(
            uncheckedRows: rowCount, columns: columnCount, precision: Swift.max(precision, other.precision))
        arb_mat_add(result.pointer, pointer, other.pointer, result.precision)
        return result
    }

    public func subtracting(_ other: BallMatrix) throws -> BallMatrix {
        try requireSameShape(other, "BallMatrix.subtracting")
        let result = BallMatrix(
            uncheckedRows: rowCount, columns: columnCount, precision: Swift.max(precision, other.precision))
        arb_mat_sub(result.pointer, pointer, other.pointer, result.precision)
        return result
    }

    public func multiplied(by other: BallMatrix) throws -> BallMatrix {
        guard columnCount == other.rowCount else {
            throw NumericError.dimensionMismatch(
                operation: "BallMatrix.multiplied",
                detail: "\(rowCount)×\(columnCount) times \(other.rowCount)×\(other.columnCount); inner sizes differ")
        }
        let result = BallMatrix(
            uncheckedRows: rowCount, columns: other.columnCount, precision: Swift.max(precision, other.precision))
        arb_mat_mul(result.pointer, pointer, other.pointer, result.precision)
        return result
    }

    /// The product with a column vector given as an array.
    public func multiplied(by vector: [Ball]) throws -> [Ball] {
        let column = try BallMatrix(vector.map { [$0] }, precision: precision)
        return try multiplied(by: column).entries.map { $0[0] }
    }

    public func transposed() -> BallMatrix {
        let result = BallMatrix(uncheckedRows: columnCount, columns: rowCount, precision: precision)
        arb_mat_transpose(result.pointer, pointer)
        return result
    }

    public static func + (lhs: BallMatrix, rhs: BallMatrix) -> BallMatrix {
        do {
            return try lhs.adding(rhs)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    public static func - (lhs: BallMatrix, rhs: BallMatrix) -> BallMatrix {
        do {
            return try lhs.subtracting(rhs)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    public static func * (lhs: BallMatrix, rhs: BallMatrix) -> BallMatrix {
        do {
            return try lhs.multiplied(by: rhs)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    public static prefix func - (value: BallMatrix) -> BallMatrix {
        let result = BallMatrix(uncheckedRows: value.rowCount, columns: value.columnCount, precision: value.precision)
        arb_mat_neg(result.pointer, value.pointer)
        return result
    }

    /// The matrix exponential e^A = Σ A^k / k!, enclosed by Arb's `arb_mat_exp`
    /// (scaling and squaring of a Taylor polynomial with a bound on the
    /// truncated tail).
    public func exponential() throws -> BallMatrix {
        try requireSquare("BallMatrix.exponential")
        let result = BallMatrix(uncheckedRows: rowCount, columns: columnCount, precision: precision)
        arb_mat_exp(result.pointer, pointer, precision)
        return result
    }

    func requireSameShape(_ other: BallMatrix, _ operation: String) throws {
        guard rowCount == other.rowCount, columnCount == other.columnCount else {
            throw NumericError.dimensionMismatch(
                operation: operation,
                detail: "\(rowCount)×\(columnCount) and \(other.rowCount)×\(other.columnCount) differ in shape")
        }
    }
}
