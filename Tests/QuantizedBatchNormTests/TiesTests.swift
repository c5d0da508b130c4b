import Exact
import Testing
@testable import QuantizedBatchNorm

/// a = 1/2, b = 0 with half to even on [0, 7] gives 0, 0, 1, 2, 2, 2, 3, 4. q(3) − q(1) = 2 and
/// q(5) − q(3) = 0, while any ⌊α·x + β⌋ has length-2 differences within two consecutive
/// integers, so no (M, B, k) exists.
@Test func halfEvenInfeasibleForAllShifts() {
    let reference = AffineQuantizer(slope: Rational(1, 2), intercept: Rational(0), rounding: .toNearestOrEven, output: .int8)
    let domain = IntegerDomain(lowerBound: 0, upperBound: 7)
    let constraints = ShiftConstraints(steps: reference.stepFunction(on: domain), output: .int8)
    for shift in 0...40 {
        #expect(!constraints.solve(shift: shift).isFeasible, "k = \(shift)")
    }
    let values = (0...7).map(reference.value(at:))
    let certificate = WindowCertificate.find(values: values, domain: domain, output: .int8)
    #expect(certificate?.length == 2)
    #expect(certificate.map { $0.secondDifference - $0.firstDifference } == 2)
}

@Test func halfEvenInfeasibleOnInt8() {
    let reference = AffineQuantizer(slope: Rational(1, 2), intercept: Rational(0), rounding: .toNearestOrEven, output: .int8)
    let constraints = ShiftConstraints(steps: reference.stepFunction(on: .int8), output: .int8)
    for shift in 0...40 {
        #expect(!constraints.solve(shift: shift).isFeasible, "k = \(shift)")
    }
}

/// Half up on the same data is ⌊(x + 1)/2⌋: M = 1, B = 1, k = 1, and no k = 0 form exists.
@Test func halfUpTiesReproduced() {
    let reference = AffineQuantizer(slope: Rational(1, 2), intercept: Rational(0), rounding: .toNearestOrUp, output: .int8)
    let constraints = ShiftConstraints(steps: reference.stepFunction(on: .int8), output: .int8)
    let result = MinimalShift.find(reference: reference, constraints: constraints, knownFeasible: [], limit: 40)
    #expect(result.shift == 1)
    #expect(result.quantizer?.multiplier == BigInt(1))
    #expect(result.quantizer?.offset == BigInt(1))
    let values = (0...7).map(reference.value(at:))
    #expect(WindowCertificate.find(values: values, domain: IntegerDomain(lowerBound: 0, upperBound: 7), output: .int8) == nil)
}

@Test func tiesCountedOnInt8() {
    // a = 3/8, b = 1/2: 3x/8 + 1/2 is a half-integer exactly when 8 divides x, 32 inputs of int8.
    let reference = AffineQuantizer(slope: Rational(3, 8), intercept: Rational(1, 2), rounding: .toNearestOrUp, output: .int8)
    let analysis = ExactnessAnalysis(reference: reference, domain: .int8)
    #expect(analysis.ties.count == 32)
    #expect(analysis.ties.allSatisfy { $0 % 8 == 0 })
    #expect(analysis.marginShift == nil)
}
