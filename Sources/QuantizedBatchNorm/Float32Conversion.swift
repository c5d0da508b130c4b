import Exact

/// Exact conversions between rationals and IEEE 754 binary32 values.
public enum Float32Conversion {
    /// Rounds `value` to the nearest binary32 value, ties to even, with subnormals.
    ///
    /// Returns nil when the rounded value overflows to infinity. The result is computed
    /// in exact arithmetic, so it does not depend on a decimal parser.
    public static func nearest(_ value: Rational) -> Float? {
        if value.isZero { return 0 }
        let magnitude = value.magnitude

        // e = ⌊log₂|value|⌋, found from the bit widths and then corrected by one step.
        var exponent = magnitude.numerator.bitWidth - magnitude.denominator.bitWidth
        if magnitude < powerOfTwo(exponent) { exponent -= 1 }
        if magnitude >= powerOfTwo(exponent + 1) { exponent += 1 }
        if exponent > 127 { return nil }

        // Units in the last place: 2^(e−23) for normal numbers, 2^−149 for subnormals.
        let ulpExponent = max(exponent - 23, -149)
        let significand = magnitude.timesPowerOfTwo(-ulpExponent).rounded(.toNearestOrEven)
        guard let significandInt = significand.exactInt else { return nil }
        let result = Float(sign: value.signum < 0 ? .minus : .plus, exponent: ulpExponent, significand: Float(significandInt))
        return result.isFinite ? result : nil
    }

    /// Returns the binary32 value equal to `value`, or nil when `value` is not exactly representable.
    public static func exact(_ value: Rational) -> Float? {
        guard let rounded = nearest(value), let back = try? Rational(exactly: rounded), back == value else { return nil }
        return rounded
    }

    private static func powerOfTwo(_ exponent: Int) -> Rational {
        Rational(1).timesPowerOfTwo(exponent)
    }
}
