import CFlint
import CGMP
import CNumericShim

/// Storage for one FLINT rational matrix, tail-allocated in the object so that
/// the `fmpq_mat_struct` header has a stable address for the object's life.
/// FLINT allocates the entries separately, and `deinit` frees them with `fmpq_mat_clear`.
///
/// NOTE: FLINT 2.9 keeps the storage of freed multi-limb entries in a
/// per-thread cache. A thread that exits without calling `flint_cleanup()`
/// leaks its cache (valgrind: about 8 MB after freeing 180 000 entries of
/// about 200 bits in a C test). This was not measured for the worker threads
/// of Swift concurrency, which the runtime may start and stop.
@usableFromInline
final class FMPQMatrixCell: ManagedBuffer<Void, fmpq_mat_struct> {
    @usableFromInline
    static func make(rows: Int, columns: Int) -> FMPQMatrixCell {
        let cell = unsafeDowncast(FMPQMatrixCell.create(minimumCapacity: 1) { _ in () }, to: FMPQMatrixCell.self)
        fmpq_mat_init(cell.pointer, rows, columns)
        return cell
    }

    @usableFromInline
    var pointer: UnsafeMutablePointer<fmpq_mat_struct> {
        withUnsafeMutablePointerToElements { $0 }
    }

    deinit {
        fmpq_mat_clear(pointer)
    }
}

/// A dense matrix of exact rationals backed by FLINT's `fmpq_mat_t`.
///
/// Value semantics with copy-on-write storage. Every result is exact: no
/// operation rounds. Shape errors in the operators (`+`, `-`, `*`,
/// `multiply(_:)`) and out-of-range subscripts stop the program with a
/// precondition failure. For shapes that come from user input, use the
/// throwing forms (`adding(_:)`, `subtracting(_:)`, `multiplied(by:)`), which
/// throw `NumericError.dimensionMismatch`.
public struct RationalMatrix: @unchecked Sendable {
    @usableFromInline var cell: FMPQMatrixCell

    /// Creates the zero matrix with the given shape. Either dimension may be 0.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "RationalMatrix needs nonnegative dimensions, got \(rows)×\(columns)")
        cell = FMPQMatrixCell.make(rows: rows, columns: columns)
    }

    /// Creates the matrix whose rows are `entries`. An empty array gives the
    /// 0×0 matrix. Throws `NumericError.dimensionMismatch` when the rows differ in length.
    public init(_ entries: [[Rational]]) throws {
        let columns = entries.first?.count ?? 0
        for (index, row) in entries.enumerated() where row.count != columns {
            throw NumericError.dimensionMismatch(
                operation: "RationalMatrix(_:)",
                detail: "row \(index) has \(row.count) entries but row 0 has \(columns); every row needs the same length")
        }
        self.init(rows: entries.count, columns: columns)
        for (i, row) in entries.enumerated() {
            for (j, value) in row.enumerated() {
                value.withUnsafeMPQ { fmpq_set_mpq(fmpq_mat_entry(cell.pointer, i, j), $0) }
            }
        }
    }

    /// Returns the n×n identity matrix.
    public static func identity(_ n: Int) -> RationalMatrix {
        let result = RationalMatrix(rows: n, columns: n)
        fmpq_mat_one(result.pointer)
        return result
    }

    /// A pointer to the FLINT matrix for reading, valid while `self` is alive.
    @usableFromInline
    var pointer: UnsafeMutablePointer<fmpq_mat_struct> { cell.pointer }

    /// Returns a pointer for writing, copying shared storage first.
    @usableFromInline
    mutating func uniquePointer() -> UnsafeMutablePointer<fmpq_mat_struct> {
        if !isKnownUniquelyReferenced(&cell) {
            let copy = FMPQMatrixCell.make(rows: rowCount, columns: columnCount)
            fmpq_mat_set(copy.pointer, cell.pointer)
            cell = copy
        }
        return cell.pointer
    }

    /// Calls `body` with a pointer to the FLINT matrix, for FLINT and Arb calls
    /// inside the numeric core (for example `arb_mat_set_fmpq_mat`). The
    /// pointer is valid only during the call and must not be written through.
    @inlinable
    public func withUnsafeFMPQMatrix<Result>(
        _ body: (UnsafePointer<fmpq_mat_struct>) throws -> Result
    ) rethrows -> Result {
        try withExtendedLifetime(cell) { try body(cell.pointer) }
    }

    /// Returns a copy with storage of its own, which FLINT may modify in place.
    func copy() -> RationalMatrix {
        let result = RationalMatrix(rows: rowCount, columns: columnCount)
        fmpq_mat_set(result.pointer, pointer)
        return result
    }
}

// MARK: - Shape and entries

extension RationalMatrix {
    public var rowCount: Int { pointer.pointee.r }

    public var columnCount: Int { pointer.pointee.c }

    public var isSquare: Bool { rowCount == columnCount }

    /// The entry in row `row` and column `column`, both counted from 0.
    public subscript(row: Int, column: Int) -> Rational {
        get {
            checkIndex(row: row, column: column)
            let result = Rational()
            fmpq_get_mpq(result.pointer, fmpq_mat_entry(pointer, row, column))
            return result
        }
        set {
            checkIndex(row: row, column: column)
            let target = uniquePointer()
            newValue.withUnsafeMPQ { fmpq_set_mpq(fmpq_mat_entry(target, row, column), $0) }
        }
    }

    /// The rows of the matrix as arrays of entries.
    public var entries: [[Rational]] {
        (0..<rowCount).map { i in (0..<columnCount).map { j in self[i, j] } }
    }

    /// Whether the matrix is square and equal to its transpose.
    public var isSymmetric: Bool {
        guard isSquare else { return false }
        for i in 0..<rowCount {
            for j in (i + 1)..<columnCount
            where fmpq_equal(fmpq_mat_entry(pointer, i, j), fmpq_mat_entry(pointer, j, i)) == 0 {
                return false
            }
        }
        return true
    }

    private func checkIndex(row: Int, column: Int) {
        precondition(
            (0..<rowCount).contains(row) && (0..<columnCount).contains(column),
            "RationalMatrix index (\(row), \(column)) is out of range for a \(rowCount)×\(columnCount) matrix")
    }
}

// MARK: - Protocols

extension RationalMatrix: Equatable, Hashable {
    public static func == (lhs: RationalMatrix, rhs: RationalMatrix) -> Bool {
        lhs.rowCount == rhs.rowCount && lhs.columnCount == rhs.columnCount
            && fmpq_mat_equal(lhs.pointer, rhs.pointer) != 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rowCount)
        hasher.combine(columnCount)
        for row in entries {
            for value in row {
                hasher.combine(value)
            }
        }
    }
}

extension RationalMatrix: CustomStringConvertible {
    /// The rows in brackets with entries as fractions, e.g. "[[1, 1/2], [0, -3]]".
    public var description: String {
        let rows = entries.map { row in "[" + row.map(\.fractionString).joined(separator: ", ") + "]" }
        return "[" + rows.joined(separator: ", ") + "]"
    }
}
