import Exact

/// Decimal text for exact rationals rounded in a chosen direction, so that a
/// printed lower bound never exceeds the value and a printed upper bound is
/// never below it. All arithmetic is exact; no floating-point rounding to
/// nearest takes place.
enum DecimalRounding {
    /// `value` rounded toward −∞ (`upward == false`) or toward +∞ to
    /// `significantDigits` significant decimal digits.
    ///
    /// A value that has at most `significantDigits` significant digits is
    /// printed exactly in its shortest form ("1", "0.25"); a rounded value keeps
    /// all its digits, trailing zeros included ("3.14160"), so the reader can
    /// tell the two apart. Notation follows C's `%g`: scientific ("1.5e-7",
    /// "2.71829e12") when the decimal exponent is below −5 or at least
    /// `significantDigits`, positional otherwise.
    static func string(_ value: Rational, significantDigits: Int, upward: Bool) -> String {
        precondition(significantDigits >= 1, "significantDigits must be at least 1, got \(significantDigits)")
        if value.isZero {
            return "0"
        }

        let negative = value.signum < 0
        let magnitude = value.magnitude
        // Rounding toward +∞ rounds a negative number's magnitude down.
        let magnitudeUpward = upward != negative

        var exponent = decimalExponent(of: magnitude)
        let scale = significantDigits - 1 - exponent
        let scaled = magnitude * powerOfTen(scale)
        let isExact = scaled.isInteger
        var digits = magnitudeUpward ? scaled.ceiling() : scaled.floor()
        if digits == BigInt(10).power(significantDigits) {
            // Rounding up carried into a new leading digit: 9.99…→10.0.
            digits = BigInt(10).power(significantDigits - 1)
            exponent += 1
        }

        var text = layout(digits: digits.description, exponent: exponent, trimTrailingZeros: isExact)
        if negative {
            text = "-" + text
        }
        return text
    }

    /// ⌊log10(value)⌋ for a positive rational, computed exactly.
    static func decimalExponent(of value: Rational) -> Int {
        precondition(value.signum > 0)

        // log10(p/q) is within about one of (bits(p) − bits(q))·log10(2); the
        // loops below correct the estimate with exact comparisons.
        let bitDifference = value.numerator.bitWidth - value.denominator.bitWidth
        let product = bitDifference * 30_103
        var exponent = product >= 0 ? product / 100_000 : -((-product + 99_999) / 100_000)
        while powerOfTen(exponent) > value {
            exponent -= 1
        }
        while powerOfTen(exponent + 1) <= value {
            exponent += 1
        }
        return exponent
    }

    /// 10^exponent as an exact rational (the exponent may be negative).
    static func powerOfTen(_ exponent: Int) -> Rational {
        let power = Rational(BigInt(10).power(abs(exponent)))
        return exponent >= 0 ? power : try! power.reciprocal()
    }

    /// Places the decimal point in `digits` (the significand d1d2…dk of a
    /// number d1.d2…dk × 10^exponent).
    static func layout(digits: String, exponent: Int, trimTrailingZeros: Bool) -> String {
        let digitCount = digits.count
        let scientific = exponent < -5 || exponent >= digitCount

        var integerPart: String
        var fractionPart: String
        if scientific {
            integerPart = String(digits.prefix(1))
            fractionPart = String(digits.dropFirst())
        } else if exponent >= 0 {
            integerPart = String(digits.prefix(exponent + 1))
            fractionPart = String(digits.dropFirst(exponent + 1))
        } else {
            integerPart = "0"
            fractionPart = String(repeating: "0", count: -exponent - 1) + digits
        }

        if trimTrailingZeros {
            while fractionPart.hasSuffix("0") {
                fractionPart.removeLast()
            }
        }

        var text = integerPart
        if !fractionPart.isEmpty {
            text += "." + fractionPart
        }
        if scientific {
            text += "e\(exponent)"
        }
        return text
    }
}
