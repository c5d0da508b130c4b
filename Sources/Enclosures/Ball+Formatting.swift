import CFlint
import Exact

extension Ball: CustomStringConvertible {
    /// "[lo, hi]" with lo rounded down and hi rounded up to `significantDigits`
    /// significant decimal digits, so the printed interval always contains the
    /// ball. The rounding is exact decimal arithmetic on the ball's rational
    /// endpoints. An endpoint that has at most `significantDigits` digits is
    /// printed exactly and shortest ("[0, 3.14160]", "[1, 1.00001]"). A
    /// non-finite ball prints as "[-inf, +inf]", and a ball beyond 2^±(2^26)
    /// in Arb's form "[m +/- r]".
    public func formatted(significantDigits: Int) -> String {
        precondition(significantDigits >= 1, "Ball.formatted needs at least 1 significant digit, got \(significantDigits)")
        guard isFinite else {
            return "[-inf, +inf]"
        }
        guard hasRationalEndpoints else {
            return hugeOrTinyFormatted()
        }

        let lower = DecimalRounding.string(lowerBound, significantDigits: significantDigits, upward: false)
        let upper = DecimalRounding.string(upperBound, significantDigits: significantDigits, upward: true)
        return "[\(lower), \(upper)]"
    }

    /// Arb's own decimal form "[m +/- r]" for a ball whose endpoints are too
    /// large or too small to convert to `Rational`. `arb_get_str` guarantees
    /// that the printed ball, read back, contains the original one.
    func hugeOrTinyFormatted() -> String {
        guard let text = arb_get_str(pointer, 20, 0) else {
            return "[-inf, +inf]"
        }
        defer { flint_free(text) }
        return String(cString: text)
    }

    /// The enclosure as "[lo, hi]", rounded outward to about as many decimal
    /// digits as the precision carries (between 6 and 40).
    public var description: String {
        let digits = Swift.min(40, Swift.max(6, precision * 30_103 / 100_000 + 1))
        return formatted(significantDigits: digits)
    }
}
