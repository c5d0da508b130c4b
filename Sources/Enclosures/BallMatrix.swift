import CFlint
import CNumericShim
import Exact
import Multiprecision

/// Storage for one Arb ball matrix, tail-allocated in the object. Arb
/// allocates the entries; `deinit` frees them with `arb_mat_clear`.
@usableFromInline
final class ArbMatrixCell: ManagedBuffer<Void, arb_mat_struct> {
    static func make(rows: Int, columns: Int) -> ArbMatrixCell {
        let cell = unsafeDowncast(ArbMatrixCell.create(minimumCapacity: 1) { _ in () }, to: ArbMatrixCell.self)
        arb_mat_init(cell.pointer, rows, columns)
        return cell
    }

    @usableFromInline
    var pointer: UnsafeMutablePointer<arb_mat_struct> {
        withUnsafeMutablePointerToElements { $0 }
    }

    deinit {
        arb_mat_clear(pointer)
    }
}

/// A dense matrix of real balls, backed by Arb's `arb_mat_t`.
///
/// It encloses every real matrix whose entries lie in the corresponding balls.
/// Operations return enclosures valid for every such matrix. Certifying
/// operations (solve, inverse, definiteness, eigenvalues) return
/// `Certified.undecided` or `Truth.undecided` when the enclosures do not
/// settle the question at the working precision. They never report a
/// certificate that does not hold. Value semantics with copy-on-write storage.
public struct BallMatrix: @unchecked Sendable {
    @usableFromInline var cell: ArbMatrixCell

    /// The working precision in bits used by operations on this matrix.
    public internal(set) var precision: Int

    init(uncheckedRows rows: Int, columns: Int, precision: Int) {
        cell = ArbMatrixCell.make(rows: rows, columns: columns)
        self.precision = precision
    }

    /// The zero matrix with the given shape; either dimension may be 0.
    public init(rows: Int, columns: Int, precision: Int) throws {
        try PrecisionLimits.validate(precision)
        guard rows >= 0, columns >= 0 else {
            throw NumericError.dimensionMismatch(
                operation: "BallMatrix(rows:columns:precision:)",
                detail: "dimensions \(rows)×\(columns) are negative; use sizes ≥ 0")
        }
        self.init(uncheckedRows: rows, columns: columns, precision: precision)
    }

    /// Balls around the entries of `matrix`: exact for dyadic entries, else
    /// each rounded to `precision` bits with its rounding error as radius.
    public init(_ matrix: RationalMatrix, precision: Int) throws {
        try self.init(rows: matrix.rowCount, columns: matrix.columnCount, precision: precision)
        for i in 0..<matrix.rowCount {
            for j in 0..<matrix.columnCount {
                withFMPQ(matrix[i, j]) { arb_set_fmpq(tc_arb_mat_entry(cell.pointer, i, j), $0, precision) }
            }
        }
    }

    /// The matrix whose rows are `entries`, at `precision` bits. Throws
    /// `NumericError.dimensionMismatch` when the rows differ in length.
    public init(_ entries: [[Ball]], precision: Int) throws {
        let columns = entries.first?.count ?? 0
        for (index, row) in entries.enumerated() where row.count != columns {
            throw NumericError.dimensionMismatch(
                operation: "BallMatrix(_:precision:)",
                detail: "row \(index) has \(row.count) entries but row 0 has \(columns); every row needs the same length")
        }

        try self.init(rows: entries.count, columns: columns, precision: precision)
        for (i, row) in entries.enumerated() {
            for (j, ball) in row.enumerated() {
                arb_set(tc_arb_mat_entry(cell.pointer, i, j), ball.pointer)
            }
        }
    }

    /// The n×n identity matrix.
    public static func identity(_ n: Int, precision: Int) throws -> BallMatrix {
        let result = try BallMatrix(rows: n, columns: n, precision: precision)
        arb_mat_one(result.pointer)
        return result
    }

    @usableFromInline
    var pointer: UnsafeMutablePointer<arb_mat_struct> { cell.pointer }

    /// A pointer for writing, after copying shared storage.
    mutating func uniquePointer() -> UnsafeMutablePointer<arb_mat_struct> {
        if !isKnownUniquelyReferenced(&cell) {
            let copy = ArbMatrixCell.make(rows: rowCount, columns: columnCount)
            arb_mat_set(copy.pointer, cell.pointer)
            cell = copy
        }
        return cell.pointer
    }
}

// MARK: - Shape and entries

extension BallMatrix {
    public var rowCount: Int { pointer.pointee.r }

    public var columnCount: Int { pointer.pointee.c }

    public var isSquare: Bool { rowCount == columnCount }

    /// The entry at (row, column); both must be in range.
    public subscript(row: Int, column: Int) -> Ball {
        get {
            precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
                         "BallMatrix index (\(row), \(column)) out of range for \(rowCount)×\(columnCount)")
            let result = Ball(zeroAtPrecision: precision)
            arb_set(result.pointer, tc_arb_mat_entry(pointer, row, column))
            return result
        }
        set {
            precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
                         "BallMatrix index (\(row), \(column)) out of range for \(rowCount)×\(columnCount)")
            let p = uniquePointer()
            arb_set(tc_arb_mat_entry(p, row, column), newValue.pointer)
        }
    }

    /// The rows as arrays of balls.
    public var entries: [[Ball]] {
        (0..<rowCount).map { i in (0..<columnCount).map { j in self[i, j] } }
    }

    /// Whether every entry is finite.
    public var isFinite: Bool { arb_mat_is_finite(pointer) != 0 }

    /// Whether every entry has radius zero.
    public var isExact: Bool { arb_mat_is_exact(pointer) != 0 }

    /// Whether the exact matrix `matrix` lies entrywise inside this one.
    public func contains(_ matrix: RationalMatrix) -> Bool {
        guard matrix.rowCount == rowCount, matrix.columnCount == columnCount else {
            return false
        }
        for i in 0..<rowCount {
            for j in 0..<columnCount where !self[i, j].contains(matrix[i, j]) {
                return false
            }
        }
        return true
    }

    /// Whether every matrix in `other` lies inside this one.
    public func contains(_ other: BallMatrix) -> Bool {
        guard other.rowCount == rowCount, other.columnCount == columnCount else {
            return false
        }
        return arb_mat_contains(pointer, other.pointer) != 0
    }

    /// The midpoints as an exact rational matrix when every entry is exact,
    /// else nil.
    var exactValue: RationalMatrix? {
        guard isFinite, isExact else {
            return nil
        }
        var result = RationalMatrix(rows: rowCount, columns: columnCount)
        for i in 0..<rowCount {
            for j in 0..<columnCount {
                result[i, j] = self[i, j].midpoint
            }
        }
        return result
    }

    /// Throws `NumericError.dimensionMismatch` unless the matrix is square.
    func requireSquare(_ operation: String) throws {
        guard isSquare else {
            throw NumericError.dimensionMismatch(
                operation: operation, detail: "the matrix is \(rowCount)×\(columnCount); a square matrix is required")
        }
    }
}
