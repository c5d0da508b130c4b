import CMPFR
import Exact

extension BigFloat: Equatable, Comparable {
    public static func == (lhs: BigFloat, rhs: BigFloat) -> Bool {
        mpfr_equal_p(lhs.pointer, rhs.pointer) != 0
    }

    public static func < (lhs: BigFloat, rhs: BigFloat) -> Bool {
        mpfr_less_p(lhs.pointer, rhs.pointer) != 0
    }
}

extension BigFloat: CustomStringConvertible {
    /// The shortest decimal scientific notation that MPFR guarantees to read
    /// back to the same float at this precision ("-1.25e-3", "0"). The digits
    /// are rounded to nearest, so the text is an approximation of the value.
    public var description: String {
        if isZero {
            return "0"
        }

        var exponent = 0
        guard let raw = mpfr_get_str(nil, &exponent, 10, 0, pointer, MPFR_RNDN) else {
            return "nan"
        }
        defer { mpfr_free_str(raw) }

        var digits = String(cString: raw)
        let negative = digits.hasPrefix("-")
        if negative {
            digits.removeFirst()
        }
        while digits.count > 1 && digits.hasSuffix("0") {
            digits.removeLast()
        }

        // MPFR returns 0.d1d2… × 10^exponent; print d1.d2… × 10^(exponent − 1).
        var text = String(digits.first!)
        if digits.count > 1 {
            text += "." + digits.dropFirst()
        }
        let decimalExponent = exponent - 1
        if decimalExponent != 0 {
            text += "e\(decimalExponent)"
        }
        return negative ? "-" + text : text
    }
}
