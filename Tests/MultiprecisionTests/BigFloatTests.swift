import Exact
import Multiprecision
import Testing

@Suite("BigFloat directed rounding")
struct BigFloatTests {
    @Test("conversion brackets random rationals")
    func conversionBrackets() throws {
        var generator = SplitMix64(seed: 0xF001)
        for index in 0..<5_000 {
            let value = generator.rational()
            let precision = [2, 10, 24, 53, 64, 113, 200][index % 7]
            let down = try BigFloat(value, precision: precision, rounding: .down)
            let up = try BigFloat(value, precision: precision, rounding: .up)
            #expect(down.exactRational <= value, "seed \(generator.seed) case \(index): \(down) > \(value)")
            #expect(up.exactRational >= value, "seed \(generator.seed) case \(index): \(up) < \(value)")
            #expect(down.precision == precision)
        }
    }

    @Test("arithmetic brackets the exact result")
    func arithmeticBrackets() throws {
        var generator = SplitMix64(seed: 0xF002)
        let operations: [(String, (BigFloat, BigFloat, Int, Rounding) throws -> BigFloat, (Rational, Rational) -> Rational)] = [
            ("add", BigFloat.add, { $0 + $1 }),
            ("subtract", BigFloat.subtract, { $0 - $1 }),
            ("multiply", BigFloat.multiply, { $0 * $1 }),
            ("divide", BigFloat.divide, { $0 / $1 }),
        ]
        for index in 0..<5_000 {
            let precision = [8, 24, 53, 64, 100][index % 5]
            let a = try BigFloat(generator.rational(), precision: 80, rounding: .toNearest)
            var b = try BigFloat(generator.rational(), precision: 80, rounding: .toNearest)
            if b.isZero {
                b = try BigFloat(1, precision: 80, rounding: .toNearest)
            }
            for (name, operation, exact) in operations {
                let value = exact(a.exactRational, b.exactRational)
                let down = try operation(a, b, precision, .down).exactRational
                let up = try operation(a, b, precision, .up).exactRational
                let nearest = try operation(a, b, precision, .toNearest).exactRational
                #expect(down <= value, "seed \(generator.seed) case \(index): \(name) down")
                #expect(up >= value, "seed \(generator.seed) case \(index): \(name) up")
                #expect(down <= nearest, "seed \(generator.seed) case \(index): \(name) nearest below down")
                #expect(nearest <= up, "seed \(generator.seed) case \(index): \(name) nearest above up")
            }
        }
    }

    /// sqrt, exp and log have no exact rational reference, so the bracket is
    /// checked against the identities: down² ≤ x ≤ up² for sqrt, and
    /// log(exp_down) ≤ x ≤ log(exp_up) computed at a much higher precision.
    @Test("square root brackets by squaring")
    func squareRootBrackets() throws {
        var generator = SplitMix64(seed: 0xF003)
        for index in 0..<2_000 {
            let value = generator.rational().magnitude
            let x = try BigFloat(value, precision: 200, rounding: .toNearest)
            let down = try x.sqrt(precision: 53, rounding: .down).exactRational
            let up = try x.sqrt(precision: 53, rounding: .up).exactRational
            #expect(down * down <= x.exactRational, "seed \(generator.seed) case \(index)")
            #expect(up * up >= x.exactRational, "seed \(generator.seed) case \(index)")
        }
    }

    @Test("exp and log bracket known values")
    func expAndLog() throws {
        // e = 2.718281828459045235360287…; ln 2 = 0.693147180559945309417232… (both truncated here).
        let one = try BigFloat(1, precision: 64, rounding: .toNearest)
        let eLower = try Rational(parsing: "2.718281828459045235360287")
        let eUpper = try Rational(parsing: "2.718281828459045235360288")
        #expect(try one.exp(precision: 64, rounding: .down).exactRational <= eUpper)
        #expect(try one.exp(precision: 64, rounding: .up).exactRational >= eLower)
        #expect(try one.exp(precision: 64, rounding: .up).exactRational - eLower < Rational(1).timesPowerOfTwo(-60))

        let two = try BigFloat(2, precision: 64, rounding: .toNearest)
        let lnTwoLower = try Rational(parsing: "0.693147180559945309417232")
        let lnTwoUpper = try Rational(parsing: "0.693147180559945309417233")
        #expect(try two.log(precision: 64, rounding: .down).exactRational <= lnTwoUpper)
        #expect(try two.log(precision: 64, rounding: .up).exactRational >= lnTwoLower)
    }

    @Test("domain errors throw instead of NaN")
    func domainErrors() throws {
        let zero = try BigFloat(0, precision: 53, rounding: .toNearest)
        let minusOne = try BigFloat(-1, precision: 53, rounding: .toNearest)
        #expect(throws: NumericError.self) { try BigFloat.divide(minusOne, zero, precision: 53, rounding: .up) }
        #expect(throws: NumericError.self) { try minusOne.log(precision: 53, rounding: .up) }
        #expect(throws: NumericError.self) { try zero.log(precision: 53, rounding: .up) }
        #expect(throws: NumericError.self) { try minusOne.sqrt(precision: 53, rounding: .up) }
        #expect(throws: NumericError.self) { try BigFloat(1, precision: 1, rounding: .up) }
        #expect(throws: NumericError.self) { try BigFloat(1, precision: 0, rounding: .up) }
    }

    @Test("overflow throws")
    func overflowThrows() throws {
        let huge = try BigFloat(Rational(1).timesPowerOfTwo(1 << 20), precision: 53, rounding: .toNearest)
        #expect(throws: NumericError.self) { try huge.exp(precision: 53, rounding: .up) }
    }

    /// e^(−2^30) ≈ 2^(−1.55e9) is below MPFR's default smallest exponent
    /// 2^(−2^30), so it underflows: down to zero, up to the smallest positive float.
    @Test("underflow follows the rounding direction")
    func underflowRounds() throws {
        let x = try BigFloat(-(1 << 30), precision: 53, rounding: .toNearest)
        #expect(try x.exp(precision: 53, rounding: .down).isZero)
        #expect(try x.exp(precision: 53, rounding: .up).signum == 1)
    }

    @Test("in-place forms match the static ones")
    func inPlaceForms() throws {
        let third = try BigFloat(Rational(1, 3), precision: 64, rounding: .toNearest)
        let seventh = try BigFloat(Rational(1, 7), precision: 64, rounding: .toNearest)
        var sum = third
        try sum.add(seventh, rounding: .up)
        #expect(sum == (try BigFloat.add(third, seventh, precision: 64, rounding: .up)))
        #expect(third.exactRational != sum.exactRational)
        var accumulated = third
        try accumulated.addProduct(third, seventh, rounding: .down)
        #expect(accumulated == (try BigFloat.fusedMultiplyAdd(third, seventh, third, precision: 64, rounding: .down)))
    }

    @Test("description reads back")
    func descriptionReadsBack() throws {
        for text in ["0.1", "-2.5e-3", "1/3", "12345678901234567890"] {
            let x = try BigFloat(Rational(parsing: text), precision: 64, rounding: .toNearest)
            let back = try BigFloat(Rational(parsing: x.description), precision: 64, rounding: .toNearest)
            #expect(back == x, "\(text) printed as \(x.description)")
        }
        #expect(try BigFloat(Rational(1, 4), precision: 10, rounding: .up).description == "2.5e-1")
    }
}

/// A seeded splitmix64 generator (Steele, Lea and Flood, OOPSLA 2014).
struct SplitMix64: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random signed rational p/q with |p| < 2^62 and 1 ≤ q < 2^40.
    mutating func rational() -> Rational {
        let numerator = Int(truncatingIfNeeded: next() >> 2) * (next() % 2 == 0 ? 1 : -1)
        let denominator = Int(next() >> 24) | 1
        return Rational(numerator >> Int(next() % 60), denominator)
    }
}
