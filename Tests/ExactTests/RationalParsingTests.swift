import Exact
import Testing

@Suite("Rational parsing")
struct RationalParsingTests {
    @Test("decimals parse to exact fractions", arguments: [
        ("0.1", "1/10"), ("-2.5e-3", "-1/400"), (".5", "1/2"), ("1E6", "1000000"),
        ("+7", "7"), (" 3/6 ", "1/2"), ("-7/10", "-7/10"), ("4/-8", "-1/2"), ("0.000", "0"),
    ])
    func decimals(text: String, expected: String) throws {
        let value = try Rational(parsing: text)
        #expect(value.description == expected)
    }

    @Test("malformed strings throw", arguments: ["", "abc", "1/", "/2", "1.2.3", "1e", "--1", "0x10", "1/2/3", "1e999999", "nan"])
    func malformed(text: String) {
        #expect(throws: NumericError.self) { try Rational(parsing: text) }
    }

    @Test("zero denominator throws divisionByZero")
    func zeroDenominator() {
        #expect(throws: NumericError.divisionByZero(operation: "parsing \"1/0\"")) { try Rational(parsing: "1/0") }
    }
}

@Suite("Bug cases on big integers")
struct BigIntBugCaseTests {
    /// Hand-typed expected quotients are easy to get wrong, so the test first
    /// checks that q·b + r = a with 0 ≤ r < b before comparing with the division.
    @Test("long division matches q*b + r = a")
    func longDivision() throws {
        let a = try BigInt(parsing: "12345678901234567890123456789012345678901234567890123456789012345678901234567890")
        let b = try BigInt(parsing: "351235231535161613134135135135")
        let q = try BigInt(parsing: "35149318157164029153358504918339691272847595997760")
        let r = try BigInt(parsing: "15168177833913379478477270290")
        #expect(q * b + r == a)
        #expect(r < b)
        #expect(!r.isNegative)
        let (quotient, remainder) = try a.quotientAndRemainder(dividingBy: b)
        #expect(quotient == q)
        #expect(remainder == r)
    }

    /// 0 / 0 must throw rather than return 0 or let GMP raise SIGFPE.
    @Test("zero over zero throws")
    func zeroOverZero() {
        #expect(throws: NumericError.self) { try BigInt(0).quotientAndRemainder(dividingBy: BigInt(0)) }
        #expect(throws: NumericError.self) { try BigInt(0).floorDivided(by: BigInt(0)) }
        #expect(throws: NumericError.self) { try Rational(0).divided(by: Rational(0)) }
        #expect(throws: NumericError.self) { try Rational(0).reciprocal() }
        #expect(throws: NumericError.self) { try Rational(BigInt(0), BigInt(0)) }
    }
}

@Suite("Rational rounding")
struct RationalRoundingTests {
    @Test("ties follow each rule")
    func ties() {
        let cases: [(Rational, Rational.RoundingRule, Int)] = [
            (Rational(1, 2), .toNearestOrEven, 0), (Rational(3, 2), .toNearestOrEven, 2),
            (Rational(-1, 2), .toNearestOrEven, 0), (Rational(-3, 2), .toNearestOrEven, -2),
            (Rational(1, 2), .toNearestOrUp, 1), (Rational(-1, 2), .toNearestOrUp, 0),
            (Rational(-1, 2), .toNearestOrAwayFromZero, -1), (Rational(1, 2), .toNearestOrDown, 0),
            (Rational(-7, 3), .down, -3), (Rational(-7, 3), .up, -2), (Rational(-7, 3), .towardZero, -2),
        ]
        for (value, rule, expected) in cases {
            #expect(value.rounded(rule) == BigInt(expected), "\(value) rounded \(rule)")
        }
    }

    @Test("decimal strings round in the requested direction")
    func decimalStrings() {
        let third = Rational(1, 3)
        #expect(third.decimalString(fractionDigits: 4, rounding: .down) == "0.3333")
        #expect(third.decimalString(fractionDigits: 4, rounding: .up) == "0.3334")
        #expect((-third).decimalString(fractionDigits: 2, rounding: .down) == "-0.34")
        #expect(Rational(5).decimalString(fractionDigits: 0) == "5")
    }
}
