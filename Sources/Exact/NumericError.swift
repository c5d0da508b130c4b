/// An error raised by the numeric core for input it cannot accept.
///
/// GMP aborts the process (SIGFPE) on an integer division by zero and MPFR
/// asserts on a zero precision, so the wrappers check every such input first
/// and throw one of these instead.
public enum NumericError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A division, reciprocal or modulus whose divisor is exactly zero.
    case divisionByZero(operation: String)
    /// A string that is not a decimal, fraction or integer literal.
    case malformedNumber(text: String, reason: String)
    /// A precision in bits outside the supported range.
    case invalidPrecision(bits: Int, reason: String)
    /// A matrix that is singular (exactly, or as far as an enclosure can tell).
    case singularMatrix(operation: String)
    /// Operands whose shapes do not fit the operation.
    case dimensionMismatch(operation: String, detail: String)
    /// An argument outside the domain of a function (log of a negative number, and so on).
    case domainError(operation: String, detail: String)

    public var description: String {
        switch self {
        case .divisionByZero(let operation):
            return "division by zero in \(operation); the divisor must be nonzero"
        case .malformedNumber(let text, let reason):
            return "invalid number \"\(text)\": \(reason); write an integer (\"-12\"), a decimal (\"0.1\", \"2.5e-3\") or a fraction (\"1/3\")"
        case .invalidPrecision(let bits, let reason):
            return "invalid precision \(bits) bits: \(reason)"
        case .singularMatrix(let operation):
            return "singular matrix in \(operation)"
        case .dimensionMismatch(let operation, let detail):
            return "dimension mismatch in \(operation): \(detail)"
        case .domainError(let operation, let detail):
            return "argument outside the domain of \(operation): \(detail)"
        }
    }
}
