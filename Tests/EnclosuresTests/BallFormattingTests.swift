import Enclosures
import Exact
import Testing

/// Printed enclosures must contain the ball: the lower endpoint rounded down
/// and the upper rounded up, never to nearest. The expected strings are the
/// true values rounded outward by hand from their known decimal expansions:
/// sin(0.1000000000000000055511151231257827) = 0.09983341664682815…,
/// e = 2.718281828459045…, π = 3.141592653589793….
@Suite("Ball printing rounds outward")
struct BallFormattingTests {
    @Test("sin of the thin ball around the double 0.1")
    func sinOfDoubleTenth() throws {
        let x = try Ball(Rational(exactly: 0.1), precision: 64)
        #expect(x.isExact)
        #expect(x.sin().formatted(significantDigits: 6) == "[0.0998334, 0.0998335]")
    }

    @Test("exp(1)")
    func expOfOne() {
        #expect(Ball(1, precision: 64).exp().formatted(significantDigits: 6) == "[2.71828, 2.71829]")
    }

    @Test("interval [1, 1 + 2^-52]")
    func oneUlpAboveOne() throws {
        let upper = Rational(1) + Rational(1).timesPowerOfTwo(-52)
        let x = try Ball(lower: 1, upper: upper, precision: 64)
        #expect(x.formatted(significantDigits: 6) == "[1, 1.00001]")
    }

    @Test("2 asin([0, 1])")
    func twiceArcsineOfUnitInterval() throws {
        let x = try Ball(lower: 0, upper: 1, precision: 64)
        let twice = Ball(2, precision: 64) * x.asin()
        #expect(twice.formatted(significantDigits: 6) == "[0, 3.14160]")
        #expect(twice.contains(Rational(0)))
    }

    @Test("negative and scientific endpoints")
    func negativeAndScientific() throws {
        let x = try Ball(lower: Rational(-1, 3), upper: Rational(1, 7).timesPowerOfTwo(40), precision: 128)
        // −1/3 = −0.3333333…, rounded toward −∞; 2^40/7 = 157073760109.714…, rounded toward +∞.
        #expect(x.formatted(significantDigits: 4) == "[-0.3334, 1.571e11]")
        let tiny = try Ball(lower: Rational(1, 3_000_000), upper: Rational(1, 2_100_000), precision: 128)
        // 1/3000000 = 3.3333…e-7 and 1/2100000 = 4.7619…e-7.
        #expect(tiny.formatted(significantDigits: 3) == "[3.33e-7, 4.77e-7]")
    }

    @Test("rounding up carries into a new digit")
    func carryIntoNewDigit() throws {
        let x = try Ball(lower: Rational(9_999_999, 1_000_000), upper: Rational(99_999_999, 10_000_000), precision: 128)
        // 9.9999990 and 9.9999999 at 3 digits: down to 9.99, up to 10.0.
        #expect(x.formatted(significantDigits: 3) == "[9.99, 10.0]")
    }

    @Test("non-finite ball prints the whole line")
    func nonFinite() {
        let x = Ball(1, precision: 64) / Ball(0, precision: 64)
        #expect(!x.isFinite)
        #expect(x.formatted(significantDigits: 6) == "[-inf, +inf]")
    }

    /// The whole fault class: for random balls, the printed endpoints parsed
    /// back as exact rationals must enclose the ball's exact endpoints.
    @Test("printed endpoints enclose random balls")
    func randomBallsEnclosed() throws {
        var generator = SplitMix64(seed: 0x5EED_0001)
        for index in 0..<3000 {
            let midpoint = generator.rational(numeratorBits: 70, maxShift: 60)
            let radius = generator.nonnegativeRational(numeratorBits: 20, maxShift: 80)
            let precision = [24, 53, 64, 128][index % 4]
            let digits = 1 + index % 12
            let ball = try Ball(midpoint: midpoint, radius: radius, precision: precision)
            let text = ball.formatted(significantDigits: digits)
            let (lower, upper) = try parseInterval(text)
            #expect(lower <= ball.lowerBound, "seed \(generator.seed) case \(index): \(text) lower exceeds \(ball.lowerBound)")
            #expect(upper >= ball.upperBound, "seed \(generator.seed) case \(index): \(text) upper is below \(ball.upperBound)")
        }
    }

    private func parseInterval(_ text: String) throws -> (Rational, Rational) {
        let inner = text.dropFirst().dropLast()
        let parts = inner.split(separator: ",").map { String($0) }
        #expect(parts.count == 2, "not an interval: \(text)")
        return (try Rational(parsing: parts[0]), try Rational(parsing: parts[1]))
    }
}
