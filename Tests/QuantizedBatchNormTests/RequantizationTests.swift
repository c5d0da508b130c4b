import Exact
import Testing
@testable import QuantizedBatchNorm

/// The double-rounding requantization of a public bug report: x = 7984 with M₀ = 1583594044
/// and shift −9 has the exact product 7984·1583594044/2^40 = 11.4991…, which rounds once to
/// 11, but the rounding doubling high multiply followed by the rounding shift gives 12.
@Test func doubleRoundingLargeMultiplier() {
    let multiplier = QuantizedMultiplier(multiplier: 1583594044, shift: -9)
    let exact = Rational(7984) * Rational(1583594044).timesPowerOfTwo(-40)
    #expect(exact > Rational(114991, 10000))
    #expect(exact < Rational(114992, 10000))
    #expect(exact.rounded(.toNearestOrUp) == BigInt(11))
    #expect(GemmlowpArithmetic.multiplyByQuantizedMultiplier(7984, multiplier) == 12)
    #expect(GemmlowpArithmetic.singleRoundingMultiply(7984, multiplier) == BigInt(11))
    // The first rounding: round(7984·1583594044/2^31) = round(5887.5077…) = 5888, then round(5888/512) = round(11.5) = 12.
    #expect(GemmlowpArithmetic.saturatingRoundingDoublingHighMultiply(7984, 1583594044) == 5888)
    #expect(GemmlowpArithmetic.roundingDivideByPowerOfTwo(5888, exponent: 9) == 12)
}

/// x = 1, M₀ = 2^30, shift −1: the exact value is 1/4, which rounds to 0; the high multiply
/// rounds 1/2 up to 1, and the shift rounds 1/2 up to 1 again.
@Test func doubleRoundingQuarter() {
    let multiplier = QuantizedMultiplier(multiplier: 1 << 30, shift: -1)
    #expect(multiplier.scale == Rational(1, 4))
    #expect(GemmlowpArithmetic.multiplyByQuantizedMultiplier(1, multiplier) == 1)
    #expect(GemmlowpArithmetic.singleRoundingMultiply(1, multiplier) == BigInt(0))
}

@Test func gemmlowpPrimitiveEdgeCases() {
    #expect(GemmlowpArithmetic.saturatingRoundingDoublingHighMultiply(Int32.min, Int32.min) == Int32.max)
    // −3/2 and −5/2 round away from zero; −1/4 rounds to 0.
    #expect(GemmlowpArithmetic.roundingDivideByPowerOfTwo(-3, exponent: 1) == -2)
    #expect(GemmlowpArithmetic.roundingDivideByPowerOfTwo(-5, exponent: 1) == -3)
    #expect(GemmlowpArithmetic.roundingDivideByPowerOfTwo(-1, exponent: 2) == 0)
    #expect(GemmlowpArithmetic.roundingDivideByPowerOfTwo(3, exponent: 1) == 2)
    // (−2^30)·(2^30)/2^31 = −2^29 exactly.
    #expect(GemmlowpArithmetic.saturatingRoundingDoublingHighMultiply(-(1 << 30), 1 << 30) == -(1 << 29))
}

@Test func quantizedMultiplierApproximation() throws {
    let multiplier = try #require(QuantizedMultiplier(approximating: Rational(3, 8)))
    // 3/8 = 0.75·2^−1 = (3·2^29)·2^−31·2^−1.
    #expect(multiplier.multiplier == 3 << 29)
    #expect(multiplier.shift == -1)
    #expect(multiplier.truncated(toSignificantBits: 1).multiplier == 1 << 30)
    #expect(QuantizedMultiplier(approximating: Rational(0)) == nil)
}

/// Separate scales: a = 1/2, b = 1/4 and round half up give round(x/2) + round(1/4) = round(x/2),
/// which equals round(x/2 + 1/4) at every integer; a = 0.3, b = 0.3 differ at x = 1 (0 + 0 against round(0.6) = 1).
@Test func separateScalesHandCases() {
    let equal = AffineQuantizer(slope: Rational(1, 2), intercept: Rational(1, 4), rounding: .toNearestOrUp, output: .int8)
    let separateEqual = SeparateScaleQuantizer(reference: equal, slopeShift: 4, interceptShift: 4)
    for x in -128...127 {
        #expect(separateEqual.value(at: x) == equal.value(at: x), "x = \(x)")
    }
    let differing = AffineQuantizer(slope: Rational(3, 10), intercept: Rational(3, 10), rounding: .toNearestOrUp, output: .int8)
    let separate = SeparateScaleQuantizer(reference: differing, slopeShift: 16, interceptShift: 16)
    #expect(separate.value(at: 1) == 0)
    #expect(differing.value(at: 1) == 1)
}
