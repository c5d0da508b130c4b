import Enclosures
import Exact
import Testing
@testable import PolicyMirrorDescent

/// Exact ball for a rational literal.
private func ball(_ text: String, _ precision: Int = 128) -> Ball {
    try! Ball(q(text), precision: precision)
}

/// True when `inner` lies inside `outer` (both as closed intervals).
private func encloses(_ outer: Ball, _ inner: Ball) -> Bool {
    outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound
}

private func certifiedRow(_ update: PolicyRowUpdate) -> [Ball] {
    guard case .certified(let row) = update else {
        Issue.record("update not certified: \(update)")
        return []
    }
    return row
}

private func sumContainsOne(_ row: [Ball]) -> Bool {
    guard let first = row.first else { return false }
    return row.dropFirst().reduce(first, +).contains(Rational.one)
}

@Suite struct MirrorMapTests {
    // η(Q₁ − Q₀) = log 2 halves the odds of action 1: (1/2, 1/2) goes to exactly (2/3, 1/3).
    @Test func klRatioChangesByTwo() {
        let log2 = Ball(2, precision: 128).log()
        let row = certifiedRow(MirrorMap.kl.step(policy: [ball("1/2"), ball("1/2")],
                                                 actionValues: [ball("0"), log2],
                                                 stepSize: Rational.one, precision: 128))
        #expect(row[0].contains(q("2/3")))
        #expect(row[1].contains(q("1/3")))
        #expect((row[0] / row[1]).contains(Rational(2)))
        #expect(row[1].radius < q("1/1000000000000000000000000000000"))
    }

    // A state whose entry is exactly zero stays exactly zero under KL.
    @Test func klKeepsExactZero() {
        let row = certifiedRow(MirrorMap.kl.step(policy: [ball("0"), ball("1")], actionValues: [ball("0"), ball("1")],
                                                 stepSize: Rational.one, precision: 128))
        #expect(row[0].isZero == .true)
        #expect(row[1].contains(Rational.one))
    }

    // π = (1/4, 1/4, 1/4, 1/4), η = 1, Q = (0, 0, 1, 10): c = (1, 1, 0, −9). The active set is {0, 1, 2},
    // λ = (2 − √10)/3 solves 2(1 − λ)² + λ² = 4, so p₀ = p₁ = (11 + 2√10)/36, p₂ = (14 − 4√10)/36, p₃ = 0.
    @Test func tsallisHandComputedRow() {
        let quarter = ball("1/4")
        let row = certifiedRow(MirrorMap.tsallis.step(policy: [quarter, quarter, quarter, quarter],
                                                      actionValues: [ball("0"), ball("0"), ball("1"), ball("10")],
                                                      stepSize: Rational.one, precision: 128))
        let root10 = Ball(10, precision: 512).sqrt()
        let expectedLarge = (Ball(11, precision: 512) + Ball(2, precision: 512) * root10) / Ball(36, precision: 512)
        let expectedSmall = (Ball(14, precision: 512) - Ball(4, precision: 512) * root10) / Ball(36, precision: 512)
        #expect(encloses(row[0], expectedLarge))
        #expect(encloses(row[1], expectedLarge))
        #expect(encloses(row[2], expectedSmall))
        #expect(row[3].isZero == .true)
        #expect(sumContainsOne(row))
    }

    // An optimal deterministic row is a fixed point, with the other entries exactly zero.
    @Test func tsallisFixedPointAtVertex() {
        let row = certifiedRow(MirrorMap.tsallis.step(policy: [ball("0"), ball("1"), ball("0")],
                                                      actionValues: [ball("3"), ball("1"), ball("2")],
                                                      stepSize: q("1/10"), precision: 128))
        #expect(row[0].isZero == .true)
        #expect(row[2].isZero == .true)
        #expect(row[1].contains(Rational.one))
    }

    // π = (1/2, 1/2), η = 1, Q = (0, 1): 1/(2 + λ) + 1/(3 + λ) = 1 gives λ = (√5 − 3)/2,
    // so p₀ = (√5 − 1)/2 and p₁ = (3 − √5)/2.
    @Test func burgHandComputedRow() {
        let row = certifiedRow(MirrorMap.burg.step(policy: [ball("1/2"), ball("1/2")],
                                                   actionValues: [ball("0"), ball("1")],
                                                   stepSize: Rational.one, precision: 128))
        let root5 = Ball(5, precision: 512).sqrt()
        #expect(encloses(row[0], (root5 - Ball(1, precision: 512)) / Ball(2, precision: 512)))
        #expect(encloses(row[1], (Ball(3, precision: 512) - root5) / Ball(2, precision: 512)))
        #expect(row[0].radius < q("1/1000000000000000000000000000000"))
    }

    // Roots of the normaliser: the row sums to 1 for rows with widely spread Q-values.
    @Test(arguments: [MirrorMap.tsallis, MirrorMap.burg, MirrorMap.kl])
    func rowSumsContainOne(map: MirrorMap) {
        let policy = [ball("1/10"), ball("3/10"), ball("6/10")]
        for eta in ["1/100", "1", "37/3", "1000"] {
            let row = certifiedRow(map.step(policy: policy, actionValues: [ball("7/3"), ball("0"), ball("25/2")],
                                            stepSize: q(eta), precision: 192))
            #expect(sumContainsOne(row), "η = \(eta), \(map)")
            #expect(row.allSatisfy { $0.isNonnegative == .true }, "η = \(eta), \(map)")
        }
    }

    // Containment: the row at 96 bits contains the row recomputed at 1024 bits.
    @Test(arguments: [MirrorMap.tsallis, MirrorMap.burg, MirrorMap.kl])
    func lowPrecisionEnclosesHighPrecision(map: MirrorMap) {
        func row(_ precision: Int) -> [Ball] {
            certifiedRow(map.step(policy: [ball("1/7", precision), ball("2/7", precision), ball("4/7", precision)],
                                  actionValues: [ball("1/3", precision), ball("1/2", precision), ball("5/4", precision)],
                                  stepSize: q("3/2"), precision: precision))
        }
        for (low, high) in zip(row(96), row(1024)) {
            #expect(encloses(low, high))
        }
    }

    // φ = −x²: the step moves all mass to argmin (ηQ_a + 2π_a).
    @Test func negativeSquareLeavesBetterAction() {
        // From (1, 0) with Q = (0, 1), η = 1/2: scores (2, 1/2), so the mass moves to the worse action 1.
        let row = certifiedRow(MirrorMap.negativeSquare.step(policy: [ball("1"), ball("0")],
                                                             actionValues: [ball("0"), ball("1")],
                                                             stepSize: q("1/2"), precision: 64))
        #expect(row[0].isZero == .true)
        #expect(row[1].contains(Rational.one))
        #expect(row[1].isExact)
    }

    @Test func negativeSquareTieIsUndecided() {
        // Scores ηQ + 2π = (0 + 1, 0 + 1): an exact tie.
        let update = MirrorMap.negativeSquare.step(policy: [ball("1/2"), ball("1/2")],
                                                   actionValues: [ball("0"), ball("0")],
                                                   stepSize: Rational.one, precision: 64)
        if case .certified = update { Issue.record("an exact tie must not be certified") }
    }
}
