import Enclosures
import Exact
import Testing

/// The operators write their result into the left operand's storage when
/// nothing else refers to it. These cases check that no other value sees the
/// write and that the exact result is still enclosed.
@Suite("Ball operators that reuse storage")
struct BallStorageReuseTests {
    @Test("operand used twice keeps its value")
    func sameOperandTwice() throws {
        let x = try Ball(Rational(3, 7), precision: 128)
        let square = x * x
        let sum = x + x
        #expect(square.contains(Rational(9, 49)))
        #expect(sum.contains(Rational(6, 7)))
        #expect(x.contains(Rational(3, 7)))
        #expect(x.radius < Rational(1, 1 << 60))
    }

    @Test("copy of a consumed operand is unchanged")
    func copyUnchanged() throws {
        let original = try Ball(Rational(5, 3), precision: 128)
        var x = original
        let c = try Ball(Rational(1, 10), precision: 128)
        x = (consume x) * c + c
        #expect(original.contains(Rational(5, 3)))
        #expect(x.contains(Rational(5, 3) * Rational(1, 10) + Rational(1, 10)))
    }

    @Test("temporary that is a negative power of two")
    func negativePowerOfTwoTemporary() throws {
        let y = try Ball(Rational(7, 5), precision: 64)
        // −1/4 is exact, so the product is computed by scaling. The temporary
        // −1/4 is uniquely referenced and its storage receives the product.
        let product = Ball(-1, precision: 64).timesPowerOfTwo(-2) * y
        #expect(product.contains(Rational(-7, 20)))
        #expect(product.isNegative == .true)
    }

    @Test("chained temporaries contain exact value", arguments: [UInt64(1), 2, 3, 4, 5])
    func chainedTemporaries(seed: UInt64) throws {
        var state = seed
        func nextRational() -> Rational {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let numerator = Int(truncatingIfNeeded: state >> 40) - (1 << 23)
            return Rational(numerator, 1 + Int(state >> 58))
        }
        let (a, b, c, d) = (nextRational(), nextRational(), nextRational(), nextRational())
        let chained = try (Ball(a, precision: 96) * Ball(b, precision: 96) - Ball(c, precision: 96)) / Ball(d == 0 ? 1 : d, precision: 96)
        let exact = (a * b - c) / (d == 0 ? Rational.one : d)
        #expect(chained.contains(exact), "seed \(seed): \(a), \(b), \(c), \(d)")
    }
}
