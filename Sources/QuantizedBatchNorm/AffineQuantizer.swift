import Exact

/// The folded batch-norm map q(x) = clamp(R(a·x + b), q_lo, q_hi) with exact rational
/// coefficients a, b and a stated rounding rule R.
///
/// This is the reference that the fixed-point form must reproduce. In a deployment a and b
/// are float32 values; here they are the exact rationals of those values.
public struct AffineQuantizer: Sendable, Equatable {
    public let slope: Rational
    public let intercept: Rational
    public let rounding: Rational.RoundingRule
    public let output: IntegerDomain

    public init(slope: Rational, intercept: Rational, rounding: Rational.RoundingRule, output: IntegerDomain) {
        self.slope = slope
        self.intercept = intercept
        self.rounding = rounding
        self.output = output
    }

    /// The exact unclamped value a·x + b.
    public func exactValue(at x: Int) -> Rational {
        slope * Rational(x) + intercept
    }

    /// R(a·x + b) before clamping.
    public func roundedValue(at x: Int) -> BigInt {
        exactValue(at: x).rounded(rounding)
    }

    /// q(x) = clamp(R(a·x + b), q_lo, q_hi), evaluated exactly.
    public func value(at x: Int) -> Int {
        clamp(roundedValue(at: x), to: output)
    }

    /// Whether a·x + b lies exactly halfway between two integers, where the nearest-rounding
    /// rules differ from one another.
    public func isTie(at x: Int) -> Bool {
        exactValue(at: x).isHalfInteger
    }

    /// The map with input x replaced by −x: slope −a, same intercept and rule.
    public var reflected: AffineQuantizer {
        AffineQuantizer(slope: -slope, intercept: intercept, rounding: rounding, output: output)
    }
}

/// Clamps an integer to the output levels.
func clamp(_ value: BigInt, to output: IntegerDomain) -> Int {
    if value < BigInt(output.lowerBound) { return output.lowerBound }
    if value > BigInt(output.upperBound) { return output.upperBound }
    return value.exactInt!
}

extension Rational.RoundingRule {
    /// A threshold θ with R(y) ≥ t ⇒ y ≥ θ and y > θ ⇒ R(y) ≥ t, for the integer level t.
    ///
    /// With a > 0 the first input reaching level t is then ⌈(θ − b)/a⌉ or the next integer.
    func levelThreshold(_ level: Int) -> Rational {
        switch self {
        case .down:
            return Rational(level)
        case .up:
            return Rational(level - 1)
        case .towardZero:
            return level >= 1 ? Rational(level) : Rational(level - 1)
        case .toNearestOrUp, .toNearestOrDown, .toNearestOrEven, .toNearestOrAwayFromZero:
            return Rational(2 * level - 1, 2)
        }
    }

    /// δ such that R(y) = ⌊y + δ⌋ for every y at positive distance from the rule's
    /// discontinuities; nil for toward-zero rounding, which is not of that form.
    var floorOffset: Rational? {
        switch self {
        case .down: return Rational(0)
        case .up: return Rational(1)
        case .towardZero: return nil
        case .toNearestOrUp, .toNearestOrDown, .toNearestOrEven, .toNearestOrAwayFromZero: return Rational(1, 2)
        }
    }

    /// True when R(y) = ⌊y + δ⌋ holds for every rational y, ties and integers included.
    var isFloorOfShift: Bool {
        self == .down || self == .toNearestOrUp
    }
}
