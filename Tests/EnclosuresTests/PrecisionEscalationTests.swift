import Enclosures
import Exact
import Testing

@Suite("Precision escalation")
struct PrecisionEscalationTests {
    /// 10^-30 + 1 − 1 > 0 needs about 100 bits: at 64 bits the ball around
    /// 1 + 10^-30 is wider than 10^-30, at 128 bits it is not.
    @Test("stops at the first decided precision")
    func stopsWhenDecided() throws {
        let tiny = try Rational(parsing: "1e-30")
        let outcome = try escalatePrecision(start: 32, cap: 4096) { precision -> BallDecision in
            let sum = try Ball(Rational(1) + tiny, precision: precision) - Ball(1, precision: precision)
            return BallDecision(answer: sum.isPositive, enclosure: sum)
        }
        #expect(outcome.isDecided)
        #expect(outcome.result.answer == .true)
        #expect(outcome.attemptedPrecisions == [32, 64, 128])
        #expect(outcome.precision == 128)
        #expect(outcome.result.enclosure.contains(tiny))
    }

    /// (√2)² − 2 is exactly 0, so "is it positive?" is undecidable by
    /// enclosures at any precision, and escalation must give up at the cap.
    @Test("undecided at the cap for an exact zero")
    func undecidedAtCap() throws {
        let outcome = try escalatePrecision(start: 64, cap: 1000) { precision -> BallDecision in
            let root = Ball(2, precision: precision).sqrt()
            let difference = root * root - Ball(2, precision: precision)
            return BallDecision(answer: difference.isPositive, enclosure: difference)
        }
        #expect(!outcome.isDecided)
        #expect(outcome.result.answer == .undecided)
        #expect(outcome.attemptedPrecisions == [64, 128, 256, 512, 1000])
        #expect(outcome.precision == 1000)
        #expect(outcome.result.enclosure.contains(Rational(0)))
        // The best enclosure at 1000 bits is far narrower than the first one.
        #expect(outcome.result.enclosure.radius < Rational(1).timesPowerOfTwo(-900))
    }

    @Test("invalid ranges throw")
    func invalidRanges() {
        #expect(throws: NumericError.self) {
            try escalatePrecision(start: 1, cap: 64) { _ in Truth.true }
        }
        #expect(throws: NumericError.self) {
            try escalatePrecision(start: 128, cap: 64) { _ in Truth.true }
        }
        #expect(throws: NumericError.self) {
            try escalatePrecision(start: 64, cap: (1 << 24) + 1) { _ in Truth.true }
        }
    }
}
