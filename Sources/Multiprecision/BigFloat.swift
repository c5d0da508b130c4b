import CGMP
import CMPFR
import CNumericShim
import Exact

/// Storage for one MPFR float, tail-allocated in the object.
@usableFromInline
final class MPFRCell: ManagedBuffer<Void, __mpfr_struct> {
    /// A cell holding NaN at `precision` bits; the caller sets its value.
    @inlinable
    static func make(precision: Int) -> MPFRCell {
        let cell = unsafeDowncast(MPFRCell.create(minimumCapacity: 1) { _ in () }, to: MPFRCell.self)
        mpfr_init2(cell.pointer, precision)
        return cell
    }

    @inlinable
    var pointer: UnsafeMutablePointer<__mpfr_struct> {
        withUnsafeMutablePointerToElements { $0 }
    }

    deinit {
        mpfr_clear(pointer)
    }
}

/// A binary floating-point number with an explicit precision, backed by MPFR.
///
/// Every operation is correctly rounded: the result is the exact real result
/// rounded once, in the direction given by its `rounding` argument, to the
/// requested precision. `BigFloat.divide(a, b, precision: 64, rounding: .down)`
/// is therefore a lower bound of a/b, and the `.up` call an upper bound.
///
/// A `BigFloat` is always finite. Operations whose exact result is not a real
/// number (division by zero, the logarithm of a nonpositive number, the square
/// root of a negative one) and results that overflow MPFR's exponent range
/// throw `NumericError` instead of producing an infinity or NaN, so
/// `exactRational` always exists. An underflow is not an error: MPFR rounds it
/// to zero or to the smallest float, following the rounding direction.
/// MPFR's thread-local defaults (precision, rounding, exponent range, flags)
/// are never changed, and an overflow is detected from the result itself.
///
/// A floating-point result is an approximation. Only a pair of directed
/// roundings (`.down`, `.up`) brackets the exact value.
public struct BigFloat: @unchecked Sendable {
    @usableFromInline var cell: MPFRCell

    @inlinable
    init(cell: MPFRCell) {
        self.cell = cell
    }

    /// The value of `value` rounded to `precision` bits in the direction `rounding`.
    public init(_ value: Rational, precision: Int, rounding: Rounding) throws {
        try PrecisionLimits.validate(precision)
        cell = MPFRCell.make(precision: precision)
        value.withUnsafeMPQ { _ = mpfr_set_q(cell.pointer, $0, rounding.mpfrMode) }
    }

    /// The value of `value` rounded to `precision` bits in the direction `rounding`
    /// (exact when `value` fits in `precision` bits).
    public init(_ value: Int, precision: Int, rounding: Rounding) throws {
        try PrecisionLimits.validate(precision)
        cell = MPFRCell.make(precision: precision)
        mpfr_set_si(cell.pointer, value, rounding.mpfrMode)
    }

    @inlinable
    var pointer: UnsafeMutablePointer<__mpfr_struct> { cell.pointer }

    /// Calls `body` with a pointer to the MPFR value, for use inside the
    /// numeric core (the Enclosures module converts floats to balls with it).
    @inlinable
    public func withUnsafeMPFR<R>(_ body: (UnsafePointer<__mpfr_struct>) throws -> R) rethrows -> R {
        try withExtendedLifetime(cell) { try body(cell.pointer) }
    }

    /// A pointer for writing, after copying shared storage.
    @inlinable
    mutating func uniquePointer() -> UnsafeMutablePointer<__mpfr_struct> {
        if !isKnownUniquelyReferenced(&cell) {
            let copy = MPFRCell.make(precision: mpfr_get_prec(cell.pointer))
            mpfr_set(copy.pointer, cell.pointer, MPFR_RNDN)
            cell = copy
        }
        return cell.pointer
    }
}

// MARK: - Properties

extension BigFloat {
    /// The number of bits in the significand.
    public var precision: Int { mpfr_get_prec(pointer) }

    /// -1, 0 or 1.
    public var signum: Int { Int(mpfr_sgn(pointer)) }

    public var isZero: Bool { mpfr_zero_p(pointer) != 0 }

    /// The exact value of the float: a dyadic rational m·2^e.
    public var exactRational: Rational {
        if isZero {
            return Rational.zero
        }

        var significand = BigInt()
        let exponent = significand.withUnsafeMutableMPZ { mpfr_get_z_2exp($0, pointer) }
        return Rational(significand).timesPowerOfTwo(exponent)
    }

    /// The nearest `Double` (an approximation, not an exact value).
    public var approximateDouble: Double { mpfr_get_d(pointer, MPFR_RNDN) }
}

// MARK: - Checking results

extension BigFloat {
    /// Throws when MPFR produced an infinity or NaN, which for finite operands
    /// means the exact result overflowed MPFR's exponent range.
    @inlinable
    func checkFinite(_ operation: StaticString) throws {
        guard tc_mpfr_is_finite(pointer) != 0 else {
            throw BigFloat.overflowError(operation)
        }
    }

    @usableFromInline
    static func overflowError(_ operation: StaticString) -> NumericError {
        NumericError.domainError(
            operation: "\(operation)",
            detail: "the result overflows the exponent range of MPFR (by default 2^±(2^30 − 1)); rescale the inputs")
    }

    @inlinable
    static func result(precision: Int) throws -> BigFloat {
        try PrecisionLimits.validate(precision)
        return BigFloat(cell: MPFRCell.make(precision: precision))
    }

    /// Storage for the result of an operation at `precision` bits: the storage
    /// of `operand` when nothing else refers to it and its precision matches,
    /// so that `x = BigFloat.add(x, y, ...)` and chains of allocating calls
    /// reuse the storage of their temporaries; fresh storage otherwise.
    @inlinable
    static func result(reusing operand: inout BigFloat, precision: Int) throws -> BigFloat {
        if isKnownUniquelyReferenced(&operand.cell) && mpfr_get_prec(operand.cell.pointer) == precision {
            return operand
        }
        return try result(precision: precision)
    }
}
