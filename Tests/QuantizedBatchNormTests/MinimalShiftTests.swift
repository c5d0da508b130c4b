import Exact
import Testing
@testable import QuantizedBatchNorm

/// Hand-derived values: for a = 1/2, b = 1/4 and half-up, q(x) = ⌊x/2 + 3/4⌋. No integer k = 0
/// form ⌊M·x + B⌋ has slope 1/2, and ⌊(x + 1)/2⌋ equals q on every integer, so k_min = 1 with
/// M = 1, B = 1. The margin is g = 1/4 (x/2 + 3/4 has fractional part 1/4 or 3/4), and
/// 129/2^(k+1) < 1/4 is first true at k = 9.
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

/// Returns whether some (M, B) reproduces q at shift k. For each multiplier M in
/// [−multiplierBound, multiplierBound] it intersects the per-input intervals of B directly.
private func bruteForceFeasible(_ values: [Int], domain: IntegerDomain, output: IntegerDomain, shift: Int, multiplierBound: Int) -> Bool {
    let scale = 1 << shift
    for multiplier in -multiplierBound...multiplierBound {
        var lowest = Int.min
        var highest = Int.max
        for (index, value) in values.enumerated() {
            let x = domain.lowerBound + index
            if value > output.lowerBound { lowest = max(lowest, scale * value - multiplier * x) }
            if value < output.upperBound { highest = min(highest, scale * (value + 1) - 1 - multiplier * x) }
        }
        if lowest <= highest { return true }
    }
    return false
}

/// On random rational (a, b), the minimal shift from the hull solver equals the smallest k
/// at which the brute-force search finds (M, B), and the solver's (M, B) reproduces q.
@Test func minimalShiftMatchesBruteForce() {
    let seed: UInt64 = 0x51A7_0004
    var generator = SeededGenerator(seed: seed)
    let domain = IntegerDomain(lowerBound: -6, upperBound: 5)
    let output = IntegerDomain(lowerBound: -8, upperBound: 8)
    var sawPositive = false
    for round in 0..<150 {
        let slope = generator.rational(numeratorBound: 12, denominatorBound: 9)
        let intercept = generator.rational(numeratorBound: 20, denominatorBound: 7)
        let reference = AffineQuantizer(slope: slope, intercept: intercept, rounding: .toNearestOrUp, output: output)
        let values = (domain.lowerBound...domain.upperBound).map(reference.value(at:))
        let result = MinimalShift.find(reference: reference, constraints: ShiftConstraints(steps: reference.stepFunction(on: domain), output: output),
                                       knownFeasible: [], limit: 12)
        // Outputs lie in [−8, 8], so consecutive inputs force |M| ≤ 2^k·(16 + 1); the window 18·2^k covers that.
        let bruteForce = (0...7).first { bruteForceFeasible(values, domain: domain, output: output, shift: $0, multiplierBound: 18 << $0) }
        #expect(result.shift == bruteForce || (bruteForce == nil && (result.shift ?? 0) > 7),
                "seed \(seed), round \(round), a = \(slope), b = \(intercept)")
        if let quantizer = result.quantizer {
            for x in domain.lowerBound...domain.upperBound {
                #expect(quantizer.value(at: x) == reference.value(at: x), "seed \(seed), round \(round), x = \(x)")
            }
        }
        if let shift = result.shift, shift > 0 {
            sawPositive = true
            #expect(!bruteForceFeasible(values, domain: domain, output: output, shift: shift - 1, multiplierBound: 18 << (shift - 1)),
                    "seed \(seed), round \(round): brute force finds (M, B) at k_min − 1")
        }
    }
    #expect(sawPositive, "seed \(seed): every random case had k_min = 0")
}

@Test func feasibleMultiplierIntervalMatchesBruteForce() {
    // For a = 1/3, b = 0 on [0, 9] with half up, k = 4: scan every M for a nonempty B interval.
    let reference = AffineQuantizer(slope: Rational(1, 3), intercept: Rational(0), rounding: .toNearestOrUp, output: .int8)
    let domain = IntegerDomain(lowerBound: 0, upperBound: 9)
    let values = (0...9).map(reference.value(at:))
    let solution = ShiftConstraints(steps: reference.stepFunction(on: domain), output: .int8).solve(shift: 4)
    let feasible = (-64...64).filter { multiplier in
        var lowest = Int.min
        var highest = Int.max
        for (x, value) in values.enumerated() {
            lowest = max(lowest, 16 * value - multiplier * x)
            highest = min(highest, 16 * value + 15 - multiplier * x)
        }
        return lowest <= highest
    }
    #expect(solution.lower?.integerBound == BigInt(feasible.first!))
    #expect(solution.upper?.integerBound == BigInt(feasible.last!))
}

@Test func float32RoundingEdgeCases() throws {
    let smallest = Rational(1).timesPowerOfTwo(-149)
    #expect(Float32Conversion.nearest(smallest) == Float.leastNonzeroMagnitude)
    // 2^−150 is halfway between 0 and 2^−149; ties go to the even significand 0.
    #expect(Float32Conversion.nearest(Rational(1).timesPowerOfTwo(-150)) == 0)
    #expect(Float32Conversion.nearest(Rational(3).timesPowerOfTwo(-151)) == Float.leastNonzeroMagnitude)
    let largest = Rational(BigInt.powerOfTwo(24) - BigInt(1)).timesPowerOfTwo(104)
    #expect(Float32Conversion.nearest(largest) == Float.greatestFiniteMagnitude)
    #expect(Float32Conversion.nearest(Rational(1).timesPowerOfTwo(128)) == nil)
    #expect(Float32Conversion.nearest(Rational(-1, 3)) == -Float32Conversion.nearest(Rational(1, 3))!)
    #expect(Float32Conversion.exact(Rational(1, 3)) == nil)
    #expect(Float32Conversion.exact(Rational(3, 8)) == 0.375)
}
