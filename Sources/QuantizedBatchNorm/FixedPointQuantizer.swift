import Exact

/// The fixed-point form q̂(x) = clamp((M·x + B) >> k, q_lo, q_hi) with integers M, B and a
/// shift k ≥ 0: one multiply, one add and one arithmetic (floor) shift.
public struct FixedPointQuantizer: Sendable, Equatable, CustomStringConvertible {
    public let multiplier: BigInt
    public let offset: BigInt
    public let shift: Int
    public let output: IntegerDomain

    public init(multiplier: BigInt, offset: BigInt, shift: Int, output: IntegerDomain) {
        precondition(shift >= 0, "FixedPointQuantizer needs shift >= 0, got \(shift)")
        self.multiplier = multiplier
        self.offset = offset
        self.shift = shift
        self.output = output
    }

    /// Builds the form with M = round(a·2^k) and B = round((b + δ)·2^k), both rounded half up, where
    /// R(y) = ⌊y + δ⌋ away from ties. This is the rounding used by the margin bound.
    public static func rounded(from reference: AffineQuantizer, shift: Int, offset delta: Rational) -> FixedPointQuantizer {
        let multiplier = reference.slope.timesPowerOfTwo(shift).rounded(.toNearestOrUp)
        let offset = (reference.intercept + delta).timesPowerOfTwo(shift).rounded(.toNearestOrUp)
        return FixedPointQuantizer(multiplier: multiplier, offset: offset, shift: shift, output: reference.output)
    }

    /// Returns the accumulator value M·x + B.
    public func accumulator(at x: Int) -> BigInt {
        var total = offset
        total.addProduct(multiplier, BigInt(x))
        return total
    }

    /// q̂(x), computed in integers only.
    public func value(at x: Int) -> Int {
        clamp(accumulator(at: x) >> shift, to: output)
    }

    /// The same map written as the floor of an exact affine function, (M/2^k)·x + B/2^k,
    /// which is used to locate its steps.
    public var affineEquivalent: AffineQuantizer {
        AffineQuantizer(slope: Rational(multiplier).timesPowerOfTwo(-shift),
                        intercept: Rational(offset).timesPowerOfTwo(-shift),
                        rounding: .down, output: output)
    }

    public var description: String { "M = \(multiplier), B = \(offset), k = \(shift)" }
}
