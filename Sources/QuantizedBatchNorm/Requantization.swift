import Exact

/// Integer requantization as in integer-only inference (Jacob et al. 2018,
/// arXiv:1712.05877): a real scale s ∈ (0, 1) is stored as a multiplier M₀ ∈ [2^30, 2^31)
/// and an exponent, s ≈ M₀·2^−31·2^shift.
public struct QuantizedMultiplier: Sendable, Equatable, CustomStringConvertible {
    /// M₀ in [2^30, 2^31).
    public let multiplier: Int32
    /// Exponent of the power of two; negative values are right shifts.
    public let shift: Int

    public init(multiplier: Int32, shift: Int) {
        precondition(multiplier >= 0, "QuantizedMultiplier needs a nonnegative multiplier, got \(multiplier)")
        self.multiplier = multiplier
        self.shift = shift
    }

    /// The multiplier for a positive scale: M₀ = round(scale·2^(31 − shift)) with the shift
    /// chosen so that M₀ lies in [2^30, 2^31). Returns nil for a nonpositive scale.
    public init?(approximating scale: Rational) {
        guard scale.signum > 0 else { return nil }
        // e with 2^(e−1) ≤ scale < 2^e, then M₀ = round(scale·2^(31 − e)).
        var exponent = scale.numerator.bitWidth - scale.denominator.bitWidth
        while scale >= Rational(1).timesPowerOfTwo(exponent) { exponent += 1 }
        while scale < Rational(1).timesPowerOfTwo(exponent - 1) { exponent -= 1 }
        var rounded = scale.timesPowerOfTwo(31 - exponent).rounded(.toNearestOrUp)
        if rounded == BigInt.powerOfTwo(31) {
            rounded = BigInt.powerOfTwo(30)
            exponent += 1
        }
        self.init(multiplier: Int32(rounded.exactInt!), shift: exponent)
    }

    /// The exact scale M₀·2^(shift − 31).
    public var scale: Rational {
        Rational(Int(multiplier)).timesPowerOfTwo(shift - 31)
    }

    /// Total right shift of the single-rounding form: M₀·x / 2^(31 − shift).
    public var totalRightShift: Int { 31 - shift }

    /// M₀ with all but the `bits` most significant bits cleared (truncation toward zero).
    public func truncated(toSignificantBits bits: Int) -> QuantizedMultiplier {
        precondition(bits >= 0 && bits <= 31, "significant bits must be in 0...31, got \(bits)")
        let dropped = 31 - bits
        return QuantizedMultiplier(multiplier: (multiplier >> Int32(dropped)) << Int32(dropped), shift: shift)
    }

    public var description: String { "M0 = \(multiplier), shift = \(shift)" }
}

/// Fixed-point primitives with the semantics of gemmlowp's `SaturatingRoundingDoublingHighMul`
/// and `RoundingDivideByPOT`, written from their documented behavior.
public enum GemmlowpArithmetic {
    /// round(a·b / 2^31) with ties away from zero, saturating the single overflow case
    /// a = b = −2^31 to 2^31 − 1.
    public static func saturatingRoundingDoublingHighMultiply(_ a: Int32, _ b: Int32) -> Int32 {
        if a == b && a == Int32.min { return Int32.max }
        let product = Int64(a) * Int64(b)
        let nudge: Int64 = product >= 0 ? 1 << 30 : 1 - (1 << 30)
        // Division of Int64 truncates toward zero, as the C code it mirrors does.
        return Int32((product + nudge) / (Int64(1) << 31))
    }

    /// round(x / 2^exponent) with ties away from zero, for 0 ≤ exponent ≤ 31.
    public static func roundingDivideByPowerOfTwo(_ x: Int32, exponent: Int) -> Int32 {
        precondition(exponent >= 0 && exponent <= 31, "exponent must be in 0...31, got \(exponent)")
        let mask = Int32(truncatingIfNeeded: (Int64(1) << exponent) - 1)
        let remainder = x & mask
        let threshold = (mask >> 1) + (x < 0 ? 1 : 0)
        return (x >> Int32(exponent)) + (remainder > threshold ? 1 : 0)
    }

    /// Requantization that rounds twice: first the doubling high multiply, then the
    /// rounding right shift. The result can differ by one from round(x·scale).
    public static func multiplyByQuantizedMultiplier(_ x: Int32, _ multiplier: QuantizedMultiplier) -> Int32 {
        let leftShift = max(multiplier.shift, 0)
        let rightShift = max(-multiplier.shift, 0)
        let shifted = Int32(truncatingIfNeeded: Int64(x) << leftShift)
        let high = saturatingRoundingDoublingHighMultiply(shifted, multiplier.multiplier)
        return roundingDivideByPowerOfTwo(high, exponent: rightShift)
    }

    /// Requantization that rounds once: ⌊(x·M₀ + 2^(n−1)) / 2^n⌋ with n = 31 − shift, which is
    /// round-half-up of the exact product x·scale.
    public static func singleRoundingMultiply(_ x: Int32, _ multiplier: QuantizedMultiplier) -> BigInt {
        let total = multiplier.totalRightShift
        precondition(total >= 1, "single rounding needs a right shift of at least 1, got \(total)")
        var accumulator = BigInt.powerOfTwo(total - 1)
        accumulator.addProduct(BigInt(Int(x)), BigInt(Int(multiplier.multiplier)))
        return accumulator >> total
    }
}
