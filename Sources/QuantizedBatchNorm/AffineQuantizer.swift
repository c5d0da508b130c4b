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

    /// a = slopeNumerator/denominator and b = interceptNumerator/denominator with the least
    /// common denominator, so that q(x) is evaluated with integer operations only.
    let slopeNumerator: BigInt
    let interceptNumerator: BigInt
    let denominator: BigInt
    /// log₂ of the denominator when it is a power of two (always, for float32 coefficients).
    let denominatorExponent: Int?

    public init(slope: Rational, intercept: Rational, rounding: Rational.RoundingRule, output: IntegerDomain) {
        self.slope = slope
        self.intercept = intercept
        self.rounding = rounding
        self.output = output

        let slopeDenominator = slope.denominator
        let interceptDenominator = intercept.denominator
        let common = slopeDenominator / BigInt.gcd(slopeDenominator, interceptDenominator) * interceptDenominator
        slopeNumerator = slope.numerator * (common / slopeDenominator)
        interceptNumerator = intercept.numerator * (common / interceptDenominator)
        denominator = common
        let exponent = common.bitWidth - 1
        denominatorExponent = BigInt.powerOfTwo(exponent) == common ? exponent : nil
    }

    public static func == (lhs: AffineQuantizer, rhs: AffineQuantizer) -> Bool {
        lhs.slope == rhs.slope && lhs.intercept == rhs.intercept && lhs.rounding == rhs.rounding && lhs.output == rhs.output
    }

    /// Returns the exact unclamped value a·x + b.
    public func exactValue(at x: Int) -> Rational {
        slope * Rational(x) + intercept
    }

    /// Returns the integer N(x) = a·x·D + b·D, so that a·x + b = N(x)/D with D = `denominator`.
    func numerator(at x: Int) -> BigInt {
        var total = interceptNumerator
        total.addProduct(slopeNumerator, BigInt(x))
        return total
    }

    /// R(a·x + b) before clamping, computed with integer divisions only.
    public func roundedValue(at x: Int) -> BigInt {
        roundedQuotient(numerator(at: x))
    }

    /// Rounds N/D by the rule of this map, with D = `denominator` > 0.
    func roundedQuotient(_ numerator: BigInt) -> BigInt {
        switch rounding {
        case .down:
            return floorQuotient(numerator, doubled: false)
        case .up:
            return -floorQuotient(-numerator, doubled: false)
        case .towardZero:
            return numerator.isNegative ? -floorQuotient(-numerator, doubled: false) : floorQuotient(numerator, doubled: false)
        case .toNearestOrUp:
            // ⌊N/D + 1/2⌋ = ⌊(2N + D)/(2D)⌋.
            return floorQuotient(numerator + numerator + denominator, doubled: true)
        case .toNearestOrDown:
            // ⌈N/D − 1/2⌉ = −⌊(D − 2N)/(2D)⌋.
            return -floorQuotient(denominator - numerator - numerator, doubled: true)
        case .toNearestOrAwayFromZero:
            let magnitude = numerator.magnitude
            let rounded = floorQuotient(magnitude + magnitude + denominator, doubled: true)
            return numerator.isNegative ? -rounded : rounded
        case .toNearestOrEven:
            let shifted = numerator + numerator + denominator
            let rounded = floorQuotient(shifted, doubled: true)
            // A tie is 2N + D = 2D·r exactly; ties go to the even neighbor.
            let isTie = shifted == rounded * (denominator + denominator)
            return isTie && rounded.isOdd ? rounded - BigInt(1) : rounded
        }
    }

    /// Returns ⌊value/D⌋, or ⌊value/(2D)⌋ when `doubled` is set.
    func floorQuotient(_ value: BigInt, doubled: Bool) -> BigInt {
        if let denominatorExponent {
            return value >> (denominatorExponent + (doubled ? 1 : 0))
        }
        return try! value.floorDivided(by: doubled ? denominator + denominator : denominator)
    }

    /// q(x) = clamp(R(a·x + b), q_lo, q_hi), evaluated exactly.
    public func value(at x: Int) -> Int {
        clamp(roundedValue(at: x), to: output)
    }

    /// Returns whether a·x + b lies exactly halfway between two integers, where the
    /// nearest-rounding rules differ from one another.
    public func isTie(at x: Int) -> Bool {
        isTie(numerator: numerator(at: x))
    }

    /// Returns whether N/D is a half-integer, that is, whether 2N + D is a multiple of 2D.
    func isTie(numerator: BigInt) -> Bool {
        let shifted = numerator + numerator + denominator
        return shifted == floorQuotient(shifted, doubled: true) * (denominator + denominator)
    }

    /// Returns dist(N/D + δ, ℤ)·2D for δ = `doubledOffset`/2, as an integer.
    func doubledDistanceToInteger(numerator: BigInt, doubledOffset: Int) -> BigInt {
        let doubledDenominator = denominator + denominator
        var shifted = numerator + numerator
        shifted.addProduct(BigInt(doubledOffset), denominator)
        let remainder = shifted - floorQuotient(shifted, doubled: true) * doubledDenominator
        let complement = doubledDenominator - remainder
        return remainder < complement ? remainder : complement
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
    /// Returns a threshold θ with R(y) ≥ t ⇒ y ≥ θ and y > θ ⇒ R(y) ≥ t, for the integer level t.
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

    /// Returns 2θ for the threshold θ of `levelThreshold`, which is always a multiple of 1/2.
    func doubledLevelThreshold(_ level: Int) -> Int {
        switch self {
        case .down: return 2 * level
        case .up: return 2 * level - 2
        case .towardZero: return level >= 1 ? 2 * level : 2 * level - 2
        case .toNearestOrUp, .toNearestOrDown, .toNearestOrEven, .toNearestOrAwayFromZero: return 2 * level - 1
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
