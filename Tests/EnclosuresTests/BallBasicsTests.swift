import Enclosures
import Exact
import Multiprecision
import Testing

@Suite("Ball construction, bounds and predicates")
struct BallBasicsTests {
    @Test("dyadic rational is exact")
    func dyadicIsExact() throws {
        let x = try Ball(Rational(-3, 8), precision: 64)
        #expect(x.isExact)
        #expect(x.midpoint == Rational(-3, 8))
        #expect(x.radius == 0)
        #expect(x.lowerBound == Rational(-3, 8))
        #expect(x.upperBound == Rational(-3, 8))
    }

    @Test("one third is enclosed tightly")
    func oneThird() throws {
        let third = Rational(1, 3)
        let x = try Ball(third, precision: 64)
        #expect(x.contains(third))
        #expect(!x.isExact)
        #expect(x.lowerBound < third)
        #expect(third < x.upperBound)
        // The enclosure width is at most a few ulps at 64 bits: 2^-64 relative.
        #expect(x.upperBound - x.lowerBound < Rational(1).timesPowerOfTwo(-62))
    }

    @Test("interval endpoints are contained")
    func intervalContainsEndpoints() throws {
        let lower = Rational(-7, 3)
        let upper = Rational(22, 7)
        let x = try Ball(lower: lower, upper: upper, precision: 53)
        #expect(x.contains(lower))
        #expect(x.contains(upper))
        #expect(x.lowerBound <= lower)
        #expect(x.upperBound >= upper)
    }

    @Test("invalid input throws")
    func invalidInput() {
        #expect(throws: NumericError.self) { try Ball(lower: 2, upper: 1, precision: 64) }
        #expect(throws: NumericError.self) { try Ball(midpoint: 0, radius: -1, precision: 64) }
        #expect(throws: NumericError.self) { try Ball(Rational(1), precision: 1) }
        #expect(throws: NumericError.self) { try Ball(Rational(1), precision: 0) }
        #expect(throws: NumericError.self) { try Ball(Rational(1), precision: (1 << 24) + 1) }
    }

    @Test("sign predicates are three-valued")
    func signPredicates() throws {
        let positive = try Ball(lower: Rational(1, 10), upper: 1, precision: 64)
        let straddling = try Ball(midpoint: 0, radius: Rational(1, 10), precision: 64)
        let nonpositive = try Ball(lower: -1, upper: 0, precision: 64)
        let zero = Ball(0, precision: 64)

        #expect(positive.isPositive == .true)
        #expect(positive.isNegative == .false)
        #expect(positive.isNonnegative == .true)
        #expect(positive.isNonpositive == .false)
        #expect(positive.isZero == .false)

        #expect(straddling.isPositive == .undecided)
        #expect(straddling.isNegative == .undecided)
        #expect(straddling.isNonnegative == .undecided)
        #expect(straddling.isZero == .undecided)

        // [−1, 0] is certainly not positive, but that does not make it negative.
        #expect(nonpositive.isPositive == .false)
        #expect(nonpositive.isNonpositive == .true)
        #expect(nonpositive.isNegative == .undecided)

        #expect(zero.isZero == .true)
        #expect(zero.isPositive == .false)
        #expect(zero.isNonnegative == .true)
    }

    @Test("comparisons against balls and rationals")
    func comparisons() throws {
        let a = try Ball(lower: 1, upper: 2, precision: 64)
        let b = try Ball(lower: 3, upper: 4, precision: 64)
        let c = try Ball(lower: Rational(3, 2), upper: Rational(7, 2), precision: 64)
        #expect(a.lessThan(b) == .true)
        #expect(b.lessThan(a) == .false)
        #expect(a.lessThan(c) == .undecided)
        #expect(b.greaterThan(a) == .true)

        let third = try Ball(Rational(1, 3), precision: 64)
        #expect(third.lessThan(Rational(1, 3)) == .undecided)
        #expect(third.lessThan(Rational(334, 1000)) == .true)
        #expect(third.greaterThan(Rational(333, 1000)) == .true)
        #expect(third.greaterThan(Rational(334, 1000)) == .false)
    }

    @Test("division by a ball containing zero is non-finite")
    func divisionByZeroBall() throws {
        let one = Ball(1, precision: 64)
        let nearZero = try Ball(midpoint: 0, radius: Rational(1, 100), precision: 64)
        let quotient = one / nearZero
        #expect(!quotient.isFinite)
        #expect(quotient.isPositive == .undecided)
        #expect(quotient.isZero == .undecided)
        #expect(quotient.lessThan(one) == .undecided)
        #expect(quotient.contains(Rational(12345)))
        #expect((one / Ball(0, precision: 64)).isFinite == false)
        #expect(!Ball(-1, precision: 64).log().isFinite)
        #expect(!Ball(-1, precision: 64).sqrt().isFinite)
    }

    @Test("exact scaling by a power of two keeps a zero endpoint")
    func powerOfTwoScaling() throws {
        let x = try Ball(lower: 0, upper: Rational(1, 3), precision: 64)
        #expect(x.lowerBound == 0)
        #expect((Ball(2, precision: 64) * x).lowerBound == 0)
        #expect((x * Ball(-4, precision: 64)).upperBound == 0)
        #expect(x.timesPowerOfTwo(-3).lowerBound == 0)
    }

    /// exp(2^30) ≈ 10^(4.66e8) is finite in Arb but too large for an exact
    /// `Rational`, so comparisons and printing take the ball route.
    @Test("huge ball compares and prints")
    func hugeBall() {
        let huge = Ball(1 << 30, precision: 64).exp()
        #expect(huge.isFinite)
        #expect(huge.isPositive == .true)
        #expect(huge.greaterThan(Rational(10).timesPowerOfTwo(1000)) == .true)
        #expect(huge.lessThan(Rational(-1)) == .false)
        #expect(huge.formatted(significantDigits: 6).hasPrefix("["))
        #expect(huge.formatted(significantDigits: 6).contains("e+466"))
    }

    @Test("BigFloat converts exactly")
    func bigFloatConversion() throws {
        let third = try BigFloat(Rational(1, 3), precision: 200, rounding: .down)
        let ball = try Ball(third, precision: 32)
        #expect(ball.isExact)
        #expect(ball.midpoint == third.exactRational)
        #expect(ball.lessThan(Rational(1, 3)) == .true)
    }

    @Test("minimum and maximum")
    func minimumAndMaximum() throws {
        let a = try Ball(lower: 1, upper: 2, precision: 64)
        let b = try Ball(lower: Rational(3, 2), upper: 3, precision: 64)
        let low = Ball.minimum(a, b)
        let high = Ball.maximum(a, b)
        // min ranges over [1, 2] and max over [3/2, 3].
        #expect(low.contains(Rational(1)))
        #expect(low.contains(Rational(2)))
        #expect(low.upperBound < Rational(3))
        #expect(high.contains(Rational(3, 2)))
        #expect(high.contains(Rational(3)))
        #expect(high.lowerBound > Rational(1))
    }

    /// Arb keeps no global rounding state, so the same computation in
    /// concurrent tasks at different precisions gives the serial results.
    @Test("concurrent tasks match serial results")
    func concurrentTasks() async throws {
        let precisions = [32, 64, 96, 128, 160, 192, 224, 256]
        func compute(_ precision: Int) -> String {
            let x = Ball(3, precision: precision) / Ball(7, precision: precision)
            return (x.exp().log() + x.sin().atan()).formatted(significantDigits: 90)
        }
        let serial = precisions.map(compute)
        let concurrent = await withTaskGroup(of: (Int, String).self) { group in
            for (index, precision) in precisions.enumerated() {
                group.addTask { (index, compute(precision)) }
            }
            var results = [String](repeating: "", count: precisions.count)
            for await (index, text) in group {
                results[index] = text
            }
            return results
        }
        #expect(concurrent == serial)
        #expect(Set(serial).count == precisions.count)
    }

    @Test("copies are independent")
    func copyOnWrite() {
        let original = Ball(3, precision: 64)
        var copy = original
        copy += Ball(1, precision: 64)
        #expect(original.midpoint == 3)
        #expect(copy.midpoint == 4)
    }

    @Test("operands combine at the larger precision")
    func precisionPropagation() {
        let low = Ball(1, precision: 32)
        let high = Ball(3, precision: 200)
        #expect((low / high).precision == 200)
        #expect((high - low).precision == 200)
        #expect(low.exp().precision == 32)
    }
}

@Suite("Truth connectives")
struct TruthTests {
    @Test("Kleene truth tables")
    func kleeneTables() {
        let values: [Truth] = [.true, .false, .undecided]
        for a in values {
            for b in values {
                let expectedAnd: Truth = (a == .false || b == .false) ? .false : (a == .true && b == .true ? .true : .undecided)
                let expectedOr: Truth = (a == .true || b == .true) ? .true : (a == .false && b == .false ? .false : .undecided)
                #expect((a && b) == expectedAnd, "\(a) && \(b)")
                #expect((a || b) == expectedOr, "\(a) || \(b)")
            }
        }
        #expect(!Truth.undecided == .undecided)
        #expect(!Truth.true == .false)
        #expect(Truth.all([.true, .undecided]) == .undecided)
        #expect(Truth.all([.true, .undecided, .false]) == .false)
        #expect(Truth.any([.false, .undecided]) == .undecided)
        #expect(Truth.any([] as [Truth]) == .false)
    }
}
