import CMPFR
import Exact

// Correctly rounded elementary functions (MPFR guarantees correct rounding for
// sqrt, exp and log in every rounding direction).

extension BigFloat {
    /// √self; throws `NumericError.domainError` when self < 0.
    public func sqrt(precision: Int, rounding: Rounding) throws -> BigFloat {
        guard signum >= 0 else {
            throw NumericError.domainError(operation: "BigFloat.sqrt", detail: "\(self) is negative")
        }

        let result = try BigFloat.result(precision: precision)
        mpfr_sqrt(result.pointer, pointer, rounding.mpfrMode)
        return result
    }

    /// e^self; throws `NumericError.domainError` when the result overflows.
    public func exp(precision: Int, rounding: Rounding) throws -> BigFloat {
        let result = try BigFloat.result(precision: precision)
        mpfr_exp(result.pointer, pointer, rounding.mpfrMode)
        try result.checkFinite("BigFloat.exp")
        return result
    }

    /// The natural logarithm; throws `NumericError.domainError` when self ≤ 0.
    public func log(precision: Int, rounding: Rounding) throws -> BigFloat {
        guard signum > 0 else {
            throw NumericError.domainError(operation: "BigFloat.log", detail: "\(self) is not positive")
        }

        let result = try BigFloat.result(precision: precision)
        mpfr_log(result.pointer, pointer, rounding.mpfrMode)
        return result
    }
}
