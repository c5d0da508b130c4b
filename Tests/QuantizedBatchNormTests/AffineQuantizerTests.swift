import Exact
import Testing
@testable import QuantizedBatchNorm

/// The integer evaluation of q must agree with rounding the exact rational a·x + b through
/// `Rational.rounded`, an independent implementation, for every rule.
@Test(arguments: Rational.RoundingRule.allCases)
func integerRoundingMatchesRational(rule: Rational.RoundingRule) {
    let seed: UInt64 = 0x51A7_0001
    var generator = SeededGenerator(seed: seed)
    for _ in 0..<200 {
        let slope = generator.rational(numeratorBound: 40, denominatorBound: 16)
        let intercept = generator.rational(numeratorBound: 40, denominatorBound: 8)
        let reference = AffineQuantizer(slope: slope, intercept: intercept, rounding: rule, output: .int16)
        for x in -20...20 {
            let expected = (slope * Rational(x) + intercept).rounded(rule)
            #expect(reference.roundedValue(at: x) == expected, "seed \(seed), a = \(slope), b = \(intercept), x = \(x)")
            #expect(reference.isTie(at: x) == (slope * Rational(x) + intercept).isHalfInteger, "seed \(seed), x = \(x)")
        }
    }
}

/// Hand values: a = 1/2, b = 0 on [0, 7] gives 0, 0.5, 1, …, 3.5.
@Test func halfSlopeValuesByRule() {
    let values: [(Rational.RoundingRule, [Int])] = [
        (.toNearestOrUp, [0, 1, 1, 2, 2, 3, 3, 4]),
        (.toNearestOrEven, [0, 0, 1, 2, 2, 2, 3, 4]),
        (.down, [0, 0, 1, 1, 2, 2, 3, 3]),
    ]
    for (rule, expected) in values {
        let reference = AffineQuantizer(slope: Rational(1, 2), intercept: Rational(0), rounding: rule, output: .int8)
        #expect((0...7).map(reference.value(at:)) == expected, "rule \(rule.rawValue)")
    }
}

@Test func clampToOutputRange() {
    let reference = AffineQuantizer(slope: Rational(3), intercept: Rational(1, 3), rounding: .toNearestOrUp, output: .uint8)
    #expect(reference.value(at: -1) == 0)
    #expect(reference.value(at: 10) == 30)
    #expect(reference.value(at: 100) == 255)
}

/// The step function computed from exact thresholds must equal direct evaluation at every input.
@Test(arguments: Rational.RoundingRule.allCases)
func stepFunctionMatchesEvaluation(rule: Rational.RoundingRule) {
    let seed: UInt64 = 0x51A7_0002
    var generator = SeededGenerator(seed: seed)
    let domain = IntegerDomain(lowerBound: -60, upperBound: 50)
    for _ in 0..<60 {
        let slope = generator.rational(numeratorBound: 30, denominatorBound: 7)
        let intercept = generator.rational(numeratorBound: 30, denominatorBound: 4)
        let reference = AffineQuantizer(slope: slope, intercept: intercept, rounding: rule, output: IntegerDomain(lowerBound: -40, upperBound: 45))
        let steps = reference.stepFunction(on: domain)
        for x in domain.lowerBound...domain.upperBound {
            #expect(steps.value(at: x) == reference.value(at: x), "seed \(seed), a = \(slope), b = \(intercept), x = \(x)")
        }
        for (start, next) in zip(steps.starts, steps.starts.dropFirst()) {
            #expect(start < next, "seed \(seed): starts not increasing")
        }
    }
}

@Test func reflectedInt32DomainSteps() {
    let reference = AffineQuantizer(slope: Rational(-3, 4), intercept: Rational(127), rounding: .toNearestOrUp, output: .uint8)
    let steps = reference.stepFunction(on: .int32)
    // −3x/4 + 127 + 1/2 ≥ 255 ⇔ x ≤ −170, and < 1 ⇔ x > 168; so 0 for x ≥ 169 and 255 for x ≤ −170.
    #expect(steps.value(at: -170) == 255)
    #expect(steps.value(at: -169) == 254)
    #expect(steps.value(at: 168) == 1)
    #expect(steps.value(at: 169) == 0)
    #expect(steps.values.first == 255)
    #expect(steps.values.last == 0)
}
