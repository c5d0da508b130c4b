import Enclosures
import Exact
import Testing

/// Monotone functions on wide balls use the images of the endpoints when
/// Arb's midpoint-radius result is loose. These cases check that the result
/// stays finite, keeps the sign the function has on the whole ball, and
/// contains f at exact points inside the ball.
@Suite("Monotone functions on wide balls")
struct WideBallFunctionTests {
    /// Arb 2.23 gives exp([69.5, 113.75]) a negative lower bound at 256 bits,
    /// so log of it used to be non-finite.
    @Test("log of exp of a wide ball is finite")
    func logOfExpWide() throws {
        let x = try Ball(lower: Rational(139, 2), upper: Rational(455, 4), precision: 256)
        let exponential = x.exp()
        #expect(exponential.isPositive == .true)
        let roundTrip = exponential.log()
        #expect(roundTrip.isFinite)
        #expect(roundTrip.contains(Rational(139, 2)))
        #expect(roundTrip.contains(Rational(455, 4)))
        #expect(roundTrip.lowerBound > Rational(69))
        #expect(roundTrip.upperBound < Rational(114))
    }

    @Test("wide balls contain exact images", arguments: [UInt64(11), 12, 13])
    func wideContainment(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        // erf and erfc stay in [−6, 6]: further out their values are ±1 or 2
        // to within 10⁻¹⁶, and Arb's ball for a point is then as wide at 4×
        // precision as at 1×, so the reference could not be inside the image.
        let functions: [(name: String, start: Rational, startRange: Int, maxWidth: Int, apply: (Ball) -> Ball)] = [
            ("exp", Rational(-200), 20_000, 10_000, { $0.exp() }),
            ("log", Rational(1, 1000), 20_000, 10_000, { $0.log() }),
            ("sqrt", Rational(0), 20_000, 10_000, { $0.sqrt() }),
            ("atan", Rational(-200), 20_000, 10_000, { $0.atan() }),
            ("erf", Rational(-6), 600, 600, { $0.erf() }),
            ("erfc", Rational(-6), 600, 600, { $0.erfc() }),
        ]
        for (name, start, startRange, maxWidth, apply) in functions {
            for trial in 0..<200 {
                let precision = [32, 64, 128, 256][trial % 4]
                let lower = start + Rational(Int(generator.next() % UInt64(startRange)), 100)
                let upper = lower + Rational(1 + Int(generator.next() % UInt64(maxWidth)), 100)
                let ball = try Ball(lower: lower, upper: upper, precision: precision)
                let image = apply(ball)
                #expect(image.isFinite, "seed \(seed) \(name) on [\(lower), \(upper)] at \(precision) bits")
                for point in [lower, upper, (lower + upper) / Rational(2)] {
                    // Arb's ball for f(point) is not always thinner at a higher
                    // precision (erf near −1, for one), so try three precisions.
                    let contained = try [4, 16, 64].contains { factor in
                        image.contains(apply(try Ball(point, precision: factor * precision)))
                    }
                    #expect(contained, "seed \(seed) \(name)(\(point)) on [\(lower), \(upper)] at \(precision) bits")
                }
            }
        }
    }
}
