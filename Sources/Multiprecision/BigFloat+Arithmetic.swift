import CMPFR
import Exact

// Correctly rounded arithmetic: each result is the exact real result rounded
// once to `precision` bits in the direction `rounding`.

extension BigFloat {
    @inlinable
    public static func add(_ lhs: consuming BigFloat, _ rhs: BigFloat, precision: Int, rounding: Rounding) throws -> BigFloat {
        let result = try BigFloat.result(reusing: &lhs, precision: precision)
        mpfr_add(result.pointer, lhs.pointer, rhs.pointer, rounding.mpfrMode)
        try result.checkFinite("BigFloat.add")
        return result
    }

    @inlinable
    public static func subtract(_ lhs: consuming BigFloat, _ rhs: BigFloat, precision: Int, rounding: Rounding) throws -> BigFloat {
        let result = try BigFloat.result(reusing: &lhs, precision: precision)
        mpfr_sub(result.pointer, lhs.pointer, rhs.pointer, rounding.mpfrMode)
        try result.checkFinite("BigFloat.subtract")
        return result
    }

    @inlinable
    public static func multiply(_ lhs: consuming BigFloat, _ rhs: BigFloat, precision: Int, rounding: Rounding) throws -> BigFloat {
        let result = try BigFloat.result(reusing: &lhs, precision: precision)
        mpfr_mul(result.pointer, lhs.pointer, rhs.pointer, rounding.mpfrMode)
        try result.checkFinite("BigFloat.multiply")
        return result
    }

    /// lhs / rhs; throws `NumericError.divisionByZero` when rhs is zero.
    @inlinable
    public static func divide(_ lhs: consuming BigFloat, _ rhs: BigFloat, precision: Int, rounding: Rounding) throws -> BigFloat {
        guard !rhs.isZero else {
            throw NumericError.divisionByZero(operation: "BigFloat.divide")
        }

        let result = try BigFloat.result(reusing: &lhs, precision: precision)
        mpfr_div(result.pointer, lhs.pointer, rhs.pointer, rounding.mpfrMode)
        try result.checkFinite("BigFloat.divide")
        return result
    }

    /// a·b + c with a single rounding.
    public static func fusedMultiplyAdd(
        _ a: BigFloat, _ b: BigFloat, _ c: BigFloat, precision: Int, rounding: Rounding
    ) throws -> BigFloat {
        let result = try BigFloat.result(precision: precision)
        mpfr_fma(result.pointer, a.pointer, b.pointer, c.pointer, rounding.mpfrMode)
        try result.checkFinite("BigFloat.fusedMultiplyAdd")
        return result
    }

    /// −value, exact at the value's own precision.
    public static prefix func - (value: BigFloat) -> BigFloat {
        let result = BigFloat(cell: MPFRCell.make(precision: value.precision))
        mpfr_neg(result.pointer, value.pointer, MPFR_RNDN)
        return result
    }
}

// MARK: - In-place forms at the value's own precision

extension BigFloat {
    /// self ← round(self + other).
    @inlinable
    public mutating func add(_ other: BigFloat, rounding: Rounding) throws {
        let p = uniquePointer()
        mpfr_add(p, p, other.pointer, rounding.mpfrMode)
        try checkFinite("BigFloat.add")
    }

    /// self ← round(self − other).
    @inlinable
    public mutating func subtract(_ other: BigFloat, rounding: Rounding) throws {
        let p = uniquePointer()
        mpfr_sub(p, p, other.pointer, rounding.mpfrMode)
        try checkFinite("BigFloat.subtract")
    }

    /// self ← round(self · other).
    @inlinable
    public mutating func multiply(by other: BigFloat, rounding: Rounding) throws {
        let p = uniquePointer()
        mpfr_mul(p, p, other.pointer, rounding.mpfrMode)
        try checkFinite("BigFloat.multiply")
    }

    /// self ← round(self / other); throws when other is zero and leaves self unchanged.
    @inlinable
    public mutating func divide(by other: BigFloat, rounding: Rounding) throws {
        guard !other.isZero else {
            throw NumericError.divisionByZero(operation: "BigFloat.divide")
        }

        let p = uniquePointer()
        mpfr_div(p, p, other.pointer, rounding.mpfrMode)
        try checkFinite("BigFloat.divide")
    }

    /// self ← round(self + a·b) with a single rounding.
    @inlinable
    public mutating func addProduct(_ a: BigFloat, _ b: BigFloat, rounding: Rounding) throws {
        let p = uniquePointer()
        mpfr_fma(p, a.pointer, b.pointer, p, rounding.mpfrMode)
        try checkFinite("BigFloat.addProduct")
    }
}
