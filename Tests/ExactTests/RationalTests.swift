import Exact
import Foundation
import Testing

// Reference values come from Int128 arithmetic on numerators and
// denominators below 2³¹, so no reference computation can overflow.

/// Returns a random fraction p/q with |p| < 2³¹ and 0 < q < 2³¹, or with one-digit
/// parts, so that both large and heavily reducible values occur.
private func randomFraction(using generator: inout SplitMix64) -> (numerator: Int128, denominator: Int128) {
    let bound = Bool.random(using: &generator) ? (1 << 31) - 1 : 9
    return (Int128(Int.random(in: -bound...bound, using: &generator)), Int128(Int.random(in: 1...bound, using: &generator)))
}

/// Builds the rational p/q from decimal strings, so that Int128 is the only arithmetic involved.
private func rational(_ numerator: Int128, _ denominator: Int128) -> Rational {
    try! Rational(BigInt(parsing: String(numerator)), BigInt(parsing: String(denominator)))
}

/// Returns a random rational with up to `digits` digits in numerator and denominator.
private func randomBigRational(digits: Int, using generator: inout SplitMix64) -> Rational {
    func digitString() -> String {
        let count = Int.random(in: 1...digits, using: &generator)
        return String(Int.random(in: 1...9, using: &generator))
            + (1..<count).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
    }
    let sign = Bool.random(using: &generator) ? "-" : ""
    return try! Rational(parsing: sign + digitString() + "/" + digitString())
}

@Suite("Rational arithmetic against Int128")
struct RationalArithmeticTests {
    @Test("field operations on random fractions")
    func fieldOperations() throws {
        let seed: UInt64 = 0x5EED_0030
        var generator = SplitMix64(seed: seed)
        for trial in 0..<5000 {
            let (p1, q1) = randomFraction(using: &generator)
            let (p2, q2) = randomFraction(using: &generator)
            let x = try Rational(BigInt(Int(p1)), BigInt(Int(q1)))
            let y = try Rational(BigInt(Int(p2)), BigInt(Int(q2)))
            let context = "seed \(seed), trial \(trial), x = \(p1)/\(q1), y = \(p2)/\(q2)"

            #expect(x + y == rational(p1 * q2 + p2 * q1, q1 * q2), "\(context)")
            #expect(x - y == rational(p1 * q2 - p2 * q1, q1 * q2), "\(context)")
            #expect(x * y == rational(p1 * p2, q1 * q2), "\(context)")
            #expect(-x == rational(-p1, q1), "\(context)")
            if p2 != 0 {
                #expect(x / y == rational(p1 * q2, q1 * p2), "\(context)")
                #expect(try x.divided(by: y) == rational(p1 * q2, q1 * p2), "\(context)")
                #expect(try y.reciprocal() == rational(q2, p2), "\(context)")
            }
            #expect((x < y) == (p1 * q2 < p2 * q1), "\(context)")

            var accumulator = x
            var scratch = Rational()
            accumulator.addProduct(x, y, scratch: &scratch)
            #expect(accumulator == rational(p1 * q1 * q2 + p1 * p2 * q1, q1 * q1 * q2), "\(context)")
        }
    }

    @Test("results are in lowest terms")
    func lowestTerms() {
        let seed: UInt64 = 0x5EED_0031
        var generator = SplitMix64(seed: seed)
        for trial in 0..<2000 {
            let x = randomBigRational(digits: 30, using: &generator)
            let y = randomBigRational(digits: 30, using: &generator)
            for value in [x + y, x - y, x * y, x / y] {
                #expect(value.denominator.signum == 1, "seed \(seed), trial \(trial), value \(value)")
                #expect(BigInt.gcd(value.numerator, value.denominator) == BigInt(1), "seed \(seed), trial \(trial), value \(value)")
            }
            #expect((x + y) - y == x, "seed \(seed), trial \(trial)")
            #expect((x * y) / y == x, "seed \(seed), trial \(trial)")
        }
    }

    @Test("floor, ceiling and rounding against Int")
    func rounding() {
        let seed: UInt64 = 0x5EED_0032
        var generator = SplitMix64(seed: seed)
        for trial in 0..<3000 {
            let (p, q) = randomFraction(using: &generator)
            let x = rational(p, q)
            let context = "seed \(seed), trial \(trial), x = \(p)/\(q)"

            var floor = p / q
            if p % q != 0 && p < 0 { floor -= 1 }
            let ceiling = p % q == 0 ? floor : floor + 1
            #expect(x.floor() == BigInt(Int(floor)), "\(context)")
            #expect(x.ceiling() == BigInt(Int(ceiling)), "\(context)")
            #expect(x.rounded(.towardZero) == BigInt(Int(p / q)), "\(context)")
            #expect(x.isInteger == (p % q == 0), "\(context)")

            // Nearest integer: compare 2·|x − floor| with 1 in Int128.
            let twiceDistance = 2 * (p - floor * q)
            let expectedNearest: Int128
            if twiceDistance < q {
                expectedNearest = floor
            } else if twiceDistance > q {
                expectedNearest = ceiling
            } else {
                expectedNearest = floor % 2 == 0 ? floor : ceiling
            }
            #expect(x.rounded(.toNearestOrEven) == BigInt(Int(expectedNearest)), "\(context)")
            #expect(x.isHalfInteger == (twiceDistance == q), "\(context)")
        }
    }

    @Test("powers and power-of-two scaling")
    func powers() throws {
        #expect(try Rational(-2, 3).power(5) == Rational(-32, 243))
        #expect(try Rational(-2, 3).power(-3) == Rational(-27, 8))
        #expect(try Rational(7, 5).power(0) == Rational(1))
        #expect(try Rational(0).power(3) == Rational(0))
        #expect(Rational(3, 4).timesPowerOfTwo(3) == Rational(6))
        #expect(Rational(3, 4).timesPowerOfTwo(-3) == Rational(3, 32))
    }

    @Test("Double and Float convert exactly")
    func binaryFloatingPoint() throws {
        #expect(try Rational(exactly: 0.1) == Rational(BigInt(3_602_879_701_896_397), BigInt(36_028_797_018_963_968)))
        #expect(try Rational(exactly: 0.1) != Rational(parsing: "0.1"))
        #expect(try Rational(exactly: Float(0.1)) == Rational(BigInt(13_421_773), BigInt(134_217_728)))
        #expect(try Rational(exactly: -0.0) == Rational(0))
        #expect(try Rational(exactly: Double.leastNonzeroMagnitude) == Rational(1).timesPowerOfTwo(-1074))

        let seed: UInt64 = 0x5EED_0033
        var generator = SplitMix64(seed: seed)
        for trial in 0..<2000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let exact = try Rational(exactly: value)
            let context = "seed \(seed), trial \(trial), value \(value)"
            // A finite binary64 value is an integer times a power of two, so its denominator is a power of two.
            let denominator = exact.denominator
            #expect(denominator == BigInt.powerOfTwo(denominator.bitWidth - 1), "\(context)")
            #expect(exact.approximateDouble == value, "\(context)")
            let expectedSign = value > 0 ? 1 : (value < 0 ? -1 : 0)
            #expect(exact.signum == expectedSign, "\(context)")
        }
    }
}

@Suite("Rational parsing, printing and hashing")
struct RationalParsingRoundTripTests {
    @Test("fraction strings round-trip")
    func fractionRoundTrip() throws {
        let seed: UInt64 = 0x5EED_0034
        var generator = SplitMix64(seed: seed)
        for trial in 0..<1000 {
            let value = randomBigRational(digits: 60, using: &generator)
            #expect(try Rational(parsing: value.fractionString) == value, "seed \(seed), trial \(trial)")
            #expect(Rational(value.description) == value, "seed \(seed), trial \(trial)")
        }
    }

    @Test("decimal strings bracket the value")
    func decimalBrackets() throws {
        let seed: UInt64 = 0x5EED_0035
        var generator = SplitMix64(seed: seed)
        for trial in 0..<1000 {
            let value = randomBigRational(digits: 12, using: &generator)
            let digits = Int.random(in: 0...20, using: &generator)
            let lower = try Rational(parsing: value.decimalString(fractionDigits: digits, rounding: .down))
            let upper = try Rational(parsing: value.decimalString(fractionDigits: digits, rounding: .up))
            let unit = try Rational(parsing: "1e-\(digits)")
            let context = "seed \(seed), trial \(trial), value \(value), digits \(digits)"
            #expect(lower <= value, "\(context)")
            #expect(value <= upper, "\(context)")
            #expect(upper - lower == (value == lower ? Rational(0) : unit), "\(context)")
        }
    }

    @Test("terminating decimals round-trip exactly")
    func terminatingDecimals() throws {
        let seed: UInt64 = 0x5EED_0036
        var generator = SplitMix64(seed: seed)
        for trial in 0..<1000 {
            // p / (2^a 5^b) has at most max(a, b) digits after the point.
            let a = Int.random(in: 0...20, using: &generator)
            let b = Int.random(in: 0...20, using: &generator)
            let numerator = BigInt(Int.random(in: -1_000_000...1_000_000, using: &generator))
            let value = try Rational(numerator, BigInt(2).power(a) * BigInt(5).power(b))
            let text = value.decimalString(fractionDigits: max(a, b), rounding: .down)
            #expect(try Rational(parsing: text) == value, "seed \(seed), trial \(trial), text \(text)")
        }
        #expect(try Rational(parsing: "-2.5e-3").decimalString(fractionDigits: 4) == "-0.0025")
    }

    @Test("equal values hash equally")
    func hashing() throws {
        let forms = [
            Rational(1, 2), Rational(2, 4), Rational(-3, -6), try Rational(parsing: "0.5"),
            try Rational(parsing: "5e-1"), try Rational(parsing: "1/2"), try Rational(exactly: 0.5),
            Rational(1, 3) + Rational(1, 6),
        ]
        for form in forms {
            #expect(form == forms[0], "\(form)")
            #expect(form.hashValue == forms[0].hashValue, "\(form)")
        }
        #expect(Set(forms).count == 1)
        #expect(Set([Rational(1, 2), Rational(-1, 2), Rational(2, 1)]).count == 3)
    }

    @Test("JSON uses strings and rejects binary floats")
    func codable() throws {
        let values = [Rational(-7, 3), Rational(5), try Rational(parsing: "0.1")]
        let data = try JSONEncoder().encode(values)
        #expect(String(decoding: data, as: UTF8.self) == "[\"-7\\/3\",\"5\",\"1\\/10\"]")
        #expect(try JSONDecoder().decode([Rational].self, from: data) == values)
        #expect(try JSONDecoder().decode([Rational].self, from: Data("[\"0.1\", 3]".utf8)) == [Rational(1, 10), Rational(3)])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([Rational].self, from: Data("[0.1]".utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode([Rational].self, from: Data("[\"1/0\"]".utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode([Rational].self, from: Data("[\"abc\"]".utf8)) }
    }
}

@Suite("Rational errors")
struct RationalErrorTests {
    @Test("every division form rejects zero")
    func divisionByZero() {
        for value in [Rational(0), Rational(3, 7), Rational(-5)] {
            #expect(throws: NumericError.divisionByZero(operation: "Rational.divided")) { try value.divided(by: Rational(0)) }
            #expect(throws: NumericError.self) { try Rational(value.numerator, BigInt(0)) }
        }
        #expect(throws: NumericError.divisionByZero(operation: "Rational.reciprocal")) { try Rational(0).reciprocal() }
        #expect(throws: NumericError.divisionByZero(operation: "Rational.reciprocal")) { try Rational(0).power(-2) }
        #expect(throws: NumericError.divisionByZero(operation: "parsing \"-3/0\"")) { try Rational(parsing: "-3/0") }
        #expect(throws: NumericError.divisionByZero(operation: "parsing \"0/0\"")) { try Rational(parsing: "0/0") }
    }

    @Test("non-finite floats throw malformedNumber")
    func nonFinite() {
        for value in [Double.nan, Double.infinity, -Double.infinity, Double.signalingNaN] {
            #expect(throws: NumericError.self) { try Rational(exactly: value) }
        }
        for value in [Float.nan, Float.infinity, -Float.infinity] {
            #expect(throws: NumericError.self) { try Rational(exactly: value) }
        }
    }

    @Test("malformed numbers throw", arguments: [
        "", "  ", "-", "+", ".", "e5", "1..2", "1e+", "1/2.5", "1/ ", "0b101", "inf", "-nan", "1,5", "½",
    ])
    func malformed(text: String) {
        #expect(throws: NumericError.self) { try Rational(parsing: text) }
        #expect(Rational(text) == nil)
    }
}
