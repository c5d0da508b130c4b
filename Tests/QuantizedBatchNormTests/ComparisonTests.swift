import Exact
import Testing
@testable import QuantizedBatchNorm

/// The boundary method must report the same mismatch count and first mismatch as the
/// exhaustive sweep, for fixed-point forms that are right and forms that are wrong.
@Test func boundaryMatchesExhaustive() {
    let seed: UInt64 = 0x51A7_0003
    var generator = SeededGenerator(seed: seed)
    let domains: [IntegerDomain] = [.int8, IntegerDomain(lowerBound: -1000, upperBound: 3000)]
    var sawMismatch = false
    var sawEqual = false
    for round in 0..<80 {
        let domain = domains[round % domains.count]
        let slope = generator.rational(numeratorBound: 300, denominatorBound: 97)
        let intercept = generator.rational(numeratorBound: 500, denominatorBound: 13)
        let reference = AffineQuantizer(slope: slope, intercept: intercept, rounding: .toNearestOrUp, output: .uint8)
        let shift = Int.random(in: 0...12, using: &generator)
        var candidate = FixedPointQuantizer.rounded(from: reference, shift: shift, offset: Rational(1, 2))
        if Bool.random(using: &generator) {
            let nudge = BigInt(Int.random(in: -3...3, using: &generator))
            candidate = FixedPointQuantizer(multiplier: candidate.multiplier + nudge, offset: candidate.offset, shift: shift, output: .uint8)
        }

        let exhaustive = OutputComparison.exhaustive(domain: domain, reference: reference.value(at:), candidate: candidate.value(at:))
        let boundary = OutputComparison.boundary(referenceSteps: reference.stepFunction(on: domain),
                                                 candidateSteps: candidate.affineEquivalent.stepFunction(on: domain),
                                                 reference: reference.value(at:), candidate: candidate.value(at:))
        #expect(boundary.mismatchCount == exhaustive.mismatchCount, "seed \(seed), round \(round), a = \(slope), b = \(intercept), \(candidate)")
        #expect(boundary.firstMismatch == exhaustive.firstMismatch, "seed \(seed), round \(round)")
        #expect(boundary.mismatches == exhaustive.mismatches, "seed \(seed), round \(round)")
        if exhaustive.isEqual { sawEqual = true } else { sawMismatch = true }
    }
    #expect(sawMismatch, "seed \(seed): no case with mismatches, so the test exercised only one branch")
    #expect(sawEqual, "seed \(seed): no case without mismatches")
}

/// q(x) = clamp(⌊x/2 + 3/4⌋, 0, 255) against clamp(⌊x/2⌋, 0, 255) on int32: they differ exactly
/// at the odd x in [1, 509] (q = (x + 1)/2, the candidate (x − 1)/2), 255 inputs, first at x = 1.
@Test func boundaryCountOnInt32() {
    let reference = AffineQuantizer(slope: Rational(1, 2), intercept: Rational(1, 4), rounding: .toNearestOrUp, output: .uint8)
    let candidate = FixedPointQuantizer(multiplier: BigInt(1), offset: BigInt(0), shift: 1, output: .uint8)
    let result = OutputComparison.compare(candidate, with: reference, on: .int32)
    #expect(result.method == .boundary)
    #expect(result.mismatchCount == 255)
    #expect(result.firstMismatch == Mismatch(input: 1, reference: 1, candidate: 0))
    #expect(result.mismatches.last?.input == 127)
}
