import CFlint
import CGMP

// MARK: - Throwing arithmetic for shapes from user input

extension RationalMatrix {
    /// Returns self + other. Throws `NumericError.dimensionMismatch` unless the shapes are equal.
    public func adding(_ other: RationalMatrix) throws -> RationalMatrix {
        try requireSameShape(other, operation: "RationalMatrix.adding")
        let result = RationalMatrix(rows: rowCount, columns: columnCount)
        fmpq_mat_add(result.pointer, pointer, other.pointer)
        return result
    }

    /// Returns self − other. Throws `NumericError.dimensionMismatch` unless the shapes are equal.
    public func subtracting(_ other: RationalMatrix) throws -> RationalMatrix {
        try requireSameShape(other, operation: "RationalMatrix.subtracting")
        let result = RationalMatrix(rows: rowCount, columns: columnCount)
        fmpq_mat_sub(result.pointer, pointer, other.pointer)
        return result
    }

    /// Returns the matrix product self · other. Throws `NumericError.dimensionMismatch`
    /// unless `columnCount == other.rowCount`.
    public func multiplied(by other: RationalMatrix) throws -> RationalMatrix {
        guard columnCount == other.rowCount else {
            throw NumericError.dimensionMismatch(
                operation: "RationalMatrix.multiplied(by:)",
                detail: "a \(rowCount)×\(columnCount) matrix times a \(other.rowCount)×\(other.columnCount) matrix;"
                    + " the left column count must equal the right row count")
        }
        let result = RationalMatrix(rows: rowCount, columns: other.columnCount)
        fmpq_mat_mul(result.pointer, pointer, other.pointer)
        return result
    }

    /// Returns the matrix-vector product self · vector. Throws `NumericError.dimensionMismatch`
    /// unless `vector.count == columnCount`.
    public func multiplied(by vector: [Rational]) throws -> [Rational] {
        guard vector.count == columnCount else {
            throw NumericError.dimensionMismatch(
                operation: "RationalMatrix.multiplied(by:)",
                detail: "a \(rowCount)×\(columnCount) matrix times a vector of length \(vector.count);"
                    + " the vector length must equal the column count")
        }
        let column = try multiplied(by: RationalMatrix(columnVector: vector))
        return column.columnEntries(0)
    }

    /// Returns the matrix with every entry multiplied by `factor`.
    public func scaled(by factor: Rational) -> RationalMatrix {
        let result = RationalMatrix(rows: rowCount, columns: columnCount)
        withTemporaryFMPQ(factor) { fmpq_mat_scalar_mul_fmpq(result.pointer, pointer, $0) }
        return result
    }

    /// Returns the transpose.
    public func transposed() -> RationalMatrix {
        let result = RationalMatrix(rows: columnCount, columns: rowCount)
        fmpq_mat_transpose(result.pointer, pointer)
        return result
    }

    func requireSameShape(_ other: RationalMatrix, operation: String) throws {
        guard rowCount == other.rowCount && columnCount == other.columnCount else {
            throw NumericError.dimensionMismatch(
                operation: operation,
                detail: "shapes \(rowCount)×\(columnCount) and \(other.rowCount)×\(other.columnCount) differ;"
                    + " both operands need the same shape")
        }
    }
}

// MARK: - Operators for shapes known to fit

extension RationalMatrix {
    /// Returns the entrywise sum. The shapes must be equal, so use `adding(_:)` for user input.
    public static func + (lhs: RationalMatrix, rhs: RationalMatrix) -> RationalMatrix {
        checkedShape { try lhs.adding(rhs) }
    }

    /// Returns the entrywise difference. The shapes must be equal, so use `subtracting(_:)` for user input.
    public static func - (lhs: RationalMatrix, rhs: RationalMatrix) -> RationalMatrix {
        checkedShape { try lhs.subtracting(rhs) }
    }

    /// Returns the matrix product. `lhs.columnCount` must equal `rhs.rowCount`,
    /// so use `multiplied(by:)` for user input.
    public static func * (lhs: RationalMatrix, rhs: RationalMatrix) -> RationalMatrix {
        checkedShape { try lhs.multiplied(by: rhs) }
    }

    public static prefix func - (value: RationalMatrix) -> RationalMatrix {
        let result = RationalMatrix(rows: value.rowCount, columns: value.columnCount)
        fmpq_mat_neg(result.pointer, value.pointer)
        return result
    }

    /// Returns the matrix-vector product. `vector.count` must equal
    /// `columnCount`, so use `multiplied(by:)` for user input.
    public func multiply(_ vector: [Rational]) -> [Rational] {
        RationalMatrix.checkedShape { try multiplied(by: vector) }
    }

    /// Runs `operation` and stops the program with the error's message when
    /// the shapes do not fit, which is a programming error in operator code.
    private static func checkedShape<Result>(_ operation: () throws -> Result) -> Result {
        do {
            return try operation()
        } catch {
            preconditionFailure("\(error)")
        }
    }
}

// MARK: - Conversions used by the linear-algebra routines

extension RationalMatrix {
    /// Creates the n×1 matrix with the given entries.
    init(columnVector vector: [Rational]) {
        self.init(rows: vector.count, columns: 1)
        for (i, value) in vector.enumerated() {
            value.withUnsafeMPQ { fmpq_set_mpq(fmpq_mat_entry(cell.pointer, i, 0), $0) }
        }
    }

    /// Returns the entries of column `column`, top to bottom.
    func columnEntries(_ column: Int) -> [Rational] {
        (0..<rowCount).map { self[$0, column] }
    }
}

/// Calls `body` with a FLINT copy of `value` that lives only for the call.
func withTemporaryFMPQ<Result>(_ value: Rational, _ body: (UnsafeMutablePointer<fmpq>) throws -> Result) rethrows -> Result {
    var temporary = fmpq()
    fmpq_init(&temporary)
    defer { fmpq_clear(&temporary) }
    value.withUnsafeMPQ { fmpq_set_mpq(&temporary, $0) }
    return try withUnsafeMutablePointer(to: &temporary) { try body($0) }
}

/// Converts a FLINT rational to a `Rational` exactly.
func rationalFromFMPQ(_ value: UnsafePointer<fmpq>) -> Rational {
    let result = Rational()
    fmpq_get_mpq(result.pointer, value)
    return result
}
