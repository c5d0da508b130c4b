import Exact

/// The range of working precisions, in bits, that the numeric core accepts.
///
/// MPFR aborts the process on a precision of 0 and Arb silently misbehaves on
/// nonpositive ones, so every entry point validates its precision against this
/// range and throws `NumericError.invalidPrecision` outside it.
public enum PrecisionLimits {
    /// The smallest precision MPFR accepts (one bit is reserved for the leading digit).
    @inlinable public static var minimumBits: Int { 2 }

    /// The largest precision accepted: 2^24 bits, about 5 million decimal digits.
    /// A single value at this precision takes 2 MB; larger requests are far more
    /// likely to be a unit mistake (digits for bits, or an unbounded escalation).
    @inlinable public static var maximumBits: Int { 1 << 24 }

    /// Throws `NumericError.invalidPrecision` unless `bits` lies in
    /// `minimumBits...maximumBits`.
    @inlinable
    public static func validate(_ bits: Int) throws {
        guard bits >= minimumBits, bits <= maximumBits else {
            throw invalidPrecisionError(bits)
        }
    }

    @usableFromInline
    static func invalidPrecisionError(_ bits: Int) -> NumericError {
        NumericError.invalidPrecision(
            bits: bits, reason: "the precision must be between \(minimumBits) and \(maximumBits) bits")
    }

    /// Stops the program unless `bits` is valid; for precisions fixed by the
    /// calling code rather than read from input.
    public static func require(_ bits: Int, in operation: String) {
        precondition(
            bits >= minimumBits && bits <= maximumBits,
            "\(operation): precision \(bits) bits is outside \(minimumBits)...\(maximumBits)")
    }
}
