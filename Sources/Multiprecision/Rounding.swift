import CMPFR

/// A rounding direction for one correctly rounded operation.
///
/// Every `BigFloat` operation takes one explicitly. MPFR's thread-local default
/// rounding mode is never read or written, because Swift tasks share threads.
public enum Rounding: String, Sendable, CaseIterable {
    /// To the nearest representable value, ties to even (MPFR_RNDN).
    case toNearest = "nearest"
    /// Toward zero, truncating (MPFR_RNDZ).
    case towardZero = "toward-zero"
    /// Toward +∞ (MPFR_RNDU); the result is an upper bound of the exact value.
    case up
    /// Toward −∞ (MPFR_RNDD); the result is a lower bound of the exact value.
    case down
    /// Away from zero (MPFR_RNDA).
    case awayFromZero = "away-from-zero"

    @usableFromInline
    var mpfrMode: mpfr_rnd_t {
        switch self {
        case .toNearest: return MPFR_RNDN
        case .towardZero: return MPFR_RNDZ
        case .up: return MPFR_RNDU
        case .down: return MPFR_RNDD
        case .awayFromZero: return MPFR_RNDA
        }
    }
}
