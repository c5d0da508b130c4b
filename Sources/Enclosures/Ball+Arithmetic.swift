import CFlint
import CNumericShim
import Exact

// Ball arithmetic. Each result contains x ∘ y for every x in lhs and y in rhs
// and is computed at max(lhs.precision, rhs.precision) bits.

extension Ball {
    @inlinable
    static func binaryResult(_ lhs: Ball, _ rhs: Ball) -> Ball {
        Ball(zeroAtPrecision: Swift.max(lhs.precision, rhs.precision))
    }

    /// Storage for the result of `lhs ∘ rhs`: the storage of `lhs` when nothing
    /// else refers to it, so that `x * c + d` writes the sum into the product's
    /// temporary instead of allocating a second one; fresh storage otherwise.
    /// The operations below accept a result that aliases an operand.
    @inlinable
    static func binaryResult(reusing lhs: inout Ball, _ rhs: Ball) -> Ball {
        let precision = Swift.max(lhs.workingPrecision, rhs.workingPrecision)
        if isKnownUniquelyReferenced(&lhs.cell) {
            var result = lhs
            result.workingPrecision = precision
            return result
        }
        return Ball(zeroAtPrecision: precision)
    }

    @inlinable
    public static func + (lhs: consuming Ball, rhs: Ball) -> Ball {
        let result = binaryResult(reusing: &lhs, rhs)
        arb_add(result.pointer, lhs.pointer, rhs.pointer, result.precision)
        return result
    }

    @inlinable
    public static func - (lhs: consuming Ball, rhs: Ball) -> Ball {
        let result = binaryResult(reusing: &lhs, rhs)
        arb_sub(result.pointer, lhs.pointer, rhs.pointer, result.precision)
        return result
    }

    /// lhs · rhs. A product with an exact power of two (±2^k) is computed by
    /// exact scaling, because `arb_mul` rounds the radius up and could move a
    /// zero endpoint of the other factor below zero.
    @inlinable
    public static func * (lhs: consuming Ball, rhs: Ball) -> Ball {
        // Read everything needed from lhs first: the result may reuse its storage.
        let lhsExponent = lhs.exactPowerOfTwoExponent
        let lhsIsNegative = lhsExponent != nil && arf_sgn(tc_arb_midref_const(lhs.pointer)) < 0
        let result = binaryResult(reusing: &lhs, rhs)
        if let exponent = lhsExponent {
            arb_mul_2exp_si(result.pointer, rhs.pointer, exponent)
            if lhsIsNegative {
                arb_neg(result.pointer, result.pointer)
            }
        } else if let exponent = rhs.exactPowerOfTwoExponent {
            arb_mul_2exp_si(result.pointer, lhs.pointer, exponent)
            if arf_sgn(tc_arb_midref_const(rhs.pointer)) < 0 {
                arb_neg(result.pointer, result.pointer)
            }
        } else {
            arb_mul(result.pointer, lhs.pointer, rhs.pointer, result.precision)
        }
        return result
    }

    /// k when the ball is exactly ±2^k, else nil.
    @inlinable
    var exactPowerOfTwoExponent: Int? {
        guard mag_is_zero(tc_arb_radref_const(pointer)) != 0 else {
            return nil
        }

        let midpoint = tc_arb_midref_const(pointer)!
        guard arf_is_zero(midpoint) == 0, arf_is_finite(midpoint) != 0, arf_bits(midpoint) == 1 else {
            return nil
        }
        return arf_abs_bound_lt_2exp_si(midpoint) - 1
    }

    /// lhs / rhs. When rhs contains 0 the result is non-finite (contains every
    /// real number); this is not an error.
    @inlinable
    public static func / (lhs: consuming Ball, rhs: Ball) -> Ball {
        let result = binaryResult(reusing: &lhs, rhs)
        arb_div(result.pointer, lhs.pointer, rhs.pointer, result.precision)
        return result
    }

    /// −value, exact.
    public static prefix func - (value: Ball) -> Ball {
        let result = Ball(zeroAtPrecision: value.precision)
        arb_neg(result.pointer, value.pointer)
        return result
    }

    /// a·b + c, enclosed with one rounding of the midpoint (Arb's `arb_fma`).
    @inlinable
    public static func fusedMultiplyAdd(_ a: Ball, _ b: Ball, _ c: Ball) -> Ball {
        let result = Ball(zeroAtPrecision: Swift.max(a.precision, b.precision, c.precision))
        arb_fma(result.pointer, a.pointer, b.pointer, c.pointer, result.precision)
        return result
    }

    /// value · 2^exponent, exact.
    public func timesPowerOfTwo(_ exponent: Int) -> Ball {
        let result = Ball(zeroAtPrecision: precision)
        arb_mul_2exp_si(result.pointer, pointer, exponent)
        return result
    }

    /// A ball containing min(x, y) for every x in a and y in b.
    public static func minimum(_ a: Ball, _ b: Ball) -> Ball {
        let result = binaryResult(a, b)
        arb_min(result.pointer, a.pointer, b.pointer, result.precision)
        return result
    }

    /// A ball containing max(x, y) for every x in a and y in b.
    public static func maximum(_ a: Ball, _ b: Ball) -> Ball {
        let result = binaryResult(a, b)
        arb_max(result.pointer, a.pointer, b.pointer, result.precision)
        return result
    }

    /// |value|: a ball containing |x| for every x in the ball.
    public var magnitude: Ball {
        let result = Ball(zeroAtPrecision: precision)
        arb_abs(result.pointer, pointer)
        return result
    }
}

// MARK: - Mixed operands

extension Ball {
    public static func + (lhs: Ball, rhs: Int) -> Ball { lhs + Ball(rhs, precision: lhs.precision) }
    public static func - (lhs: Ball, rhs: Int) -> Ball { lhs - Ball(rhs, precision: lhs.precision) }
    public static func * (lhs: Ball, rhs: Int) -> Ball { lhs * Ball(rhs, precision: lhs.precision) }
    public static func / (lhs: Ball, rhs: Int) -> Ball { lhs / Ball(rhs, precision: lhs.precision) }
    public static func + (lhs: Int, rhs: Ball) -> Ball { Ball(lhs, precision: rhs.precision) + rhs }
    public static func - (lhs: Int, rhs: Ball) -> Ball { Ball(lhs, precision: rhs.precision) - rhs }
    public static func * (lhs: Int, rhs: Ball) -> Ball { Ball(lhs, precision: rhs.precision) * rhs }
    public static func / (lhs: Int, rhs: Ball) -> Ball { Ball(lhs, precision: rhs.precision) / rhs }

    /// lhs + rhs with the rational enclosed at lhs's precision.
    public static func + (lhs: Ball, rhs: Rational) -> Ball { lhs + Ball(enclosing: rhs, precision: lhs.precision) }
    public static func - (lhs: Ball, rhs: Rational) -> Ball { lhs - Ball(enclosing: rhs, precision: lhs.precision) }
    public static func * (lhs: Ball, rhs: Rational) -> Ball { lhs * Ball(enclosing: rhs, precision: lhs.precision) }
    public static func / (lhs: Ball, rhs: Rational) -> Ball { lhs / Ball(enclosing: rhs, precision: lhs.precision) }

    /// The ball around `value` at a precision already known to be valid.
    init(enclosing value: Rational, precision: Int) {
        self.init(zeroAtPrecision: precision)
        withFMPQ(value) { arb_set_fmpq(cell.pointer, $0, precision) }
    }
}

// MARK: - In-place forms

extension Ball {
    // Each form works at max(self.precision, other's precision) and keeps
    // that precision, like the operators.

    @inlinable
    public static func += (lhs: inout Ball, rhs: Ball) {
        lhs.workingPrecision = Swift.max(lhs.workingPrecision, rhs.workingPrecision)
        let p = lhs.uniquePointer()
        arb_add(p, p, rhs.pointer, lhs.precision)
    }

    @inlinable
    public static func -= (lhs: inout Ball, rhs: Ball) {
        lhs.workingPrecision = Swift.max(lhs.workingPrecision, rhs.workingPrecision)
        let p = lhs.uniquePointer()
        arb_sub(p, p, rhs.pointer, lhs.precision)
    }

    @inlinable
    public static func *= (lhs: inout Ball, rhs: Ball) {
        lhs.workingPrecision = Swift.max(lhs.workingPrecision, rhs.workingPrecision)
        let p = lhs.uniquePointer()
        arb_mul(p, p, rhs.pointer, lhs.precision)
    }

    @inlinable
    public static func /= (lhs: inout Ball, rhs: Ball) {
        lhs.workingPrecision = Swift.max(lhs.workingPrecision, rhs.workingPrecision)
        let p = lhs.uniquePointer()
        arb_div(p, p, rhs.pointer, lhs.precision)
    }

    /// self ← self + a·b (Arb's `arb_addmul`).
    @inlinable
    public mutating func addProduct(_ a: Ball, _ b: Ball) {
        workingPrecision = Swift.max(workingPrecision, a.workingPrecision, b.workingPrecision)
        let p = uniquePointer()
        arb_addmul(p, a.pointer, b.pointer, precision)
    }

    /// self ← a·b + self, with one rounding of the midpoint (Arb's `arb_fma`).
    @inlinable
    public mutating func formFusedMultiplyAdd(_ a: Ball, _ b: Ball) {
        workingPrecision = Swift.max(workingPrecision, a.workingPrecision, b.workingPrecision)
        let p = uniquePointer()
        arb_fma(p, a.pointer, b.pointer, p, precision)
    }
}
