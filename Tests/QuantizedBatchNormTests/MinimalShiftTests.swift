import Exact
import Testing
@testable import QuantizedBatchNorm

/// Hand-derived values: for a = 1/2, b = 1/4 and half-up, q(x) = ⌊x/2 + 3/4⌋. No integer k = 0
/// form ⌊M·x + B⌋ has slope 1/2, and ⌊(x + 1)/2⌋ equals q on every integer, so k_min = 1 with
/// M = 1, B = 1. The margin is g = 1/4 (x/2 + 3/4 has fractional part 1/4 or 3/4), and
/// 129/2^(k+1) < 1/4 first holds at k = 9.
@Test func halfAndQuarterMinimalShift() throws {
    let reference = AffineQuantizer(slope: Rational(1, 2), intercept: Rational(1, 4), rounding: .toNearestOrUp, output: .uint8)
    let steps = reference.stepFunction(on: .int8)
    let constraints = ShiftConstraints(steps: steps, output: .uint8)
    let result = MinimalShift.find(reference: reference, constraints: constraints, knownFeasible: [], limit: 64)

    #expect(result.shift == 1)
    #expect(result.quantizer?.multiplier == BigInt(1))
    #expect(result.quantizer?.offset == BigInt(1))
    #expect(result.solution?.lower?.integerBound == BigInt(1))
    #expect(result.solution?.upper?.integerBound == BigInt(1))
    #expect(result.offsetInterval?.lower == BigInt(1))
    #expect(result.offsetInterval?.upper == BigInt(1))
    #expect(result.belowMinimum?.isFeasible == false)
}

@Test func halfAndQuarterMarginBound() {
    let reference = AffineQuantizer(slope: Rational(1, 2), intercept: Rational(1, 4), rounding: .toNearestOrUp, output: .uint8)
    let gap = MarginBound.gapOverAllInputs(reference, on: .int8, offset: Rational(1, 2))
    #expect(gap == Rational(1, 4))
    #expect(MarginBound.shift(gap: gap, domain: .int8) == 9)
}

/// The float32 values of the decimal hand coefficients, as exact fractions with a
/// power-of-two denominator computed outside this project.
@Test(arguments: [
    ("0.0123456", 13255987, 30),
    ("37.37", 9796321, 18),
    ("1.7320508", 14529495, 23),
    ("100.1", 13120307, 17),
])
func float32OfDecimal(text: String, numerator: Int, exponent: Int) throws {
    let rounded = try #require(Float32Conversion.nearest(try Rational(parsing: text)))
    #expect(try Rational(exactly: rounded) == Rational(numerator, 1).timesPowerOfTwo(-exponent))
}
