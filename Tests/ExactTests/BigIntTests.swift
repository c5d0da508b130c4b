import Exact
import Foundation
import Testing

// Reference values come from Swift's Int and Int128 arithmetic, which does
// not use GMP. Int64 operands cannot overflow Int128 in +, −, × or /.

/// Returns a random Int, drawn from the full range, near the extremes, or small, so
/// that overflow, sign changes and carries all occur.
private func randomInt(using generator: inout SplitMix64) -> Int {
    switch Int.random(in: 0..<4, using: &generator) {
    case 0: return Int.random(in: Int.min...Int.max, using: &generator)
    case 1: return Int.max - Int.random(in: 0...1000, using: &generator)
    case 2: return Int.min + Int.random(in: 0...1000, using: &generator)
    default: return Int.random(in: -1000...1000, using: &generator)
    }
}

private func big(_ value: Int128) -> BigInt {
    try! BigInt(parsing: String(value))
}

/// Returns a random integer with up to `digits` decimal digits and a random sign.
private func randomBigInt(digits: Int, using generator: inout SplitMix64) -> BigInt {
    let count = Int.random(in: 1...digits, using: &generator)
    let text = (0..<count).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
    let sign = Bool.random(using: &generator) ? "-" : ""
    return try! BigInt(parsing: sign + text)
}

@Suite("BigInt arithmetic against Int")
struct BigIntArithmeticTests {
    @Test("sum, difference and product")
    func ringOperations() {
        let seed: UInt64 = 0x5EED_0020
        var generator = SplitMix64(seed: seed)
        for trial in 0..<5000 {
            let a = randomInt(using: &generator)
            let b = randomInt(using: &generator)
            let context = "seed \(seed), trial \(trial), a = \(a), b = \(b)"

            let sum = a.addingReportingOverflow(b)
            #expect(BigInt(a) + BigInt(b) == big(Int128(a) + Int128(b)), "\(context)")
            #expect((BigInt(a) + BigInt(b)).exactInt == (sum.overflow ? nil : sum.partialValue), "\(context)")

            let difference = a.subtractingReportingOverflow(b)
            #expect(BigInt(a) - BigInt(b) == big(Int128(a) - Int128(b)), "\(context)")
            #expect((BigInt(a) - BigInt(b)).exactInt == (difference.overflow ? nil : difference.partialValue), "\(context)")

            let product = a.multipliedReportingOverflow(by: b)
            #expect(BigInt(a) * BigInt(b) == big(Int128(a) * Int128(b)), "\(context)")
            #expect((BigInt(a) * BigInt(b)).exactInt == (product.overflow ? nil : product.partialValue), "\(context)")

            var accumulator = BigInt(a)
            accumulator.addProduct(BigInt(b), BigInt(b))
            #expect(accumulator == big(Int128(a) + Int128(b) * Int128(b)), "\(context)")
            #expect(-BigInt(a) == big(-Int128(a)), "\(context)")
        }
    }

    @Test("in-place forms match operators")
    func inPlaceOperators() {
        let seed: UInt64 = 0x5EED_0021
        var generator = SplitMix64(seed: seed)
        for trial in 0..<1000 {
            let a = randomBigInt(digits: 60, using: &generator)
            let b = randomBigInt(digits: 60, using: &generator)
            let shared = a
            var x = a
            x += b
            #expect(x == a + b, "seed \(seed), trial \(trial)")
            x -= b
            #expect(x == a, "seed \(seed), trial \(trial)")
            x *= b
            #expect(x == a * b, "seed \(seed), trial \(trial)")
            #expect(shared == a, "seed \(seed), trial \(trial): copy-on-write changed a shared value")
        }
    }

    @Test("truncating and floor division")
    func division() throws {
        let seed: UInt64 = 0x5EED_0022
        var generator = SplitMix64(seed: seed)
        for trial in 0..<5000 {
            let a = randomInt(using: &generator)
            var b = randomInt(using: &generator)
            if b == 0 { b = 1 }
            let context = "seed \(seed), trial \(trial), a = \(a), b = \(b)"

            // Int128 division truncates toward zero, as quotientAndRemainder must.
            let (q, r) = try BigInt(a).quotientAndRemainder(dividingBy: BigInt(b))
            #expect(q == big(Int128(a) / Int128(b)), "\(context)")
            #expect(r == big(Int128(a) % Int128(b)), "\(context)")
            #expect(BigInt(a) / BigInt(b) == q, "\(context)")
            #expect(BigInt(a) % BigInt(b) == r, "\(context)")

            // Floor and ceiling from the truncated quotient and the remainder's sign.
            let truncated = Int128(a) / Int128(b)
            let remainder = Int128(a) % Int128(b)
            let signsDiffer = (remainder < 0) != (Int128(b) < 0)
            let floor = remainder != 0 && signsDiffer ? truncated - 1 : truncated
            let ceiling = remainder != 0 && !signsDiffer ? truncated + 1 : truncated
            #expect(try BigInt(a).floorDivided(by: BigInt(b)) == big(floor), "\(context)")
            #expect(try BigInt(a).ceilingDivided(by: BigInt(b)) == big(ceiling), "\(context)")
            #expect(try BigInt(a).floorModulo(BigInt(b)) == big(Int128(a) - floor * Int128(b)), "\(context)")
        }
    }

    @Test("multi-limb division satisfies q·b + r = a")
    func longDivisionIdentity() throws {
        let seed: UInt64 = 0x5EED_0023
        var generator = SplitMix64(seed: seed)
        for trial in 0..<1000 {
            let a = randomBigInt(digits: 120, using: &generator)
            var b = randomBigInt(digits: 50, using: &generator)
            if b.isZero { b = BigInt(7) }
            let context = "seed \(seed), trial \(trial), a = \(a), b = \(b)"

            let (q, r) = try a.quotientAndRemainder(dividingBy: b)
            #expect(q * b + r == a, "\(context)")
            #expect(r.magnitude < b.magnitude, "\(context)")
            #expect(r.isZero || r.signum == a.signum, "\(context)")

            let floorRemainder = try a.floorModulo(b)
            #expect(try a.floorDivided(by: b) * b + floorRemainder == a, "\(context)")
            #expect(floorRemainder.isZero || floorRemainder.signum == b.signum, "\(context)")
            #expect((a * b) / b == a, "\(context)")
        }
    }

    @Test("shifts, powers and gcd")
    func shiftsPowersGCD() {
        let seed: UInt64 = 0x5EED_0024
        var generator = SplitMix64(seed: seed)
        for trial in 0..<2000 {
            let a = randomInt(using: &generator)
            let shift = Int.random(in: 0...63, using: &generator)
            let context = "seed \(seed), trial \(trial), a = \(a), shift = \(shift)"
            // Int's >> is arithmetic, rounding toward −∞, and so must BigInt's be.
            #expect(BigInt(a) >> shift == BigInt(a >> shift), "\(context)")
            #expect(BigInt(a) << shift == big(Int128(a) * (Int128(1) << shift)), "\(context)")

            let b = randomInt(using: &generator)
            var x = a.magnitude
            var y = b.magnitude
            while y != 0 { (x, y) = (y, x % y) }
            #expect(BigInt.gcd(BigInt(a), BigInt(b)) == BigInt(x), "\(context), b = \(b)")
        }
        #expect(BigInt.gcd(BigInt(0), BigInt(0)) == BigInt(0))
        #expect(BigInt(3).power(40) == big(12_157_665_459_056_928_801))
        #expect(BigInt(-2).power(63) == BigInt(Int.min))
        #expect(BigInt.powerOfTwo(100) == big(Int128(1) << 100))
        #expect(BigInt(7).power(0) == BigInt(1))
    }

    @Test("properties against Int")
    func properties() throws {
        let seed: UInt64 = 0x5EED_0025
        var generator = SplitMix64(seed: seed)
        for trial in 0..<2000 {
            let a = randomInt(using: &generator)
            let value = BigInt(a)
            let context = "seed \(seed), trial \(trial), a = \(a)"
            #expect(value.signum == a.signum(), "\(context)")
            #expect(value.isZero == (a == 0), "\(context)")
            #expect(value.isNegative == (a < 0), "\(context)")
            #expect(value.isOdd == (a % 2 != 0), "\(context)")
            #expect(value.magnitude == BigInt(a.magnitude), "\(context)")
            #expect(value.bitWidth == UInt.bitWidth - a.magnitude.leadingZeroBitCount, "\(context)")
            #expect(value.exactInt == a, "\(context)")
            #expect(value.description == String(a), "\(context)")

            // approximateDouble truncates toward zero, unlike Double(a), which rounds to nearest.
            let approximation = value.approximateDouble
            let nextAwayFromZero = a < 0 ? approximation.nextDown : approximation.nextUp
            #expect(try Rational(exactly: approximation).magnitude <= Rational(value).magnitude, "\(context)")
            #expect(try Rational(exactly: nextAwayFromZero).magnitude > Rational(value).magnitude, "\(context)")

            #expect((BigInt(a) < BigInt(a &+ 1)) == (a < a &+ 1), "\(context)")
        }
        #expect(BigInt(0).bitWidth == 0)
        #expect(BigInt(UInt.max).exactInt == nil)
    }
}

@Suite("BigInt parsing and hashing")
struct BigIntParsingTests {
    @Test("description round-trips through parsing")
    func roundTrip() throws {
        let seed: UInt64 = 0x5EED_0026
        var generator = SplitMix64(seed: seed)
        for trial in 0..<1000 {
            let value = randomBigInt(digits: 200, using: &generator)
            #expect(try BigInt(parsing: value.description) == value, "seed \(seed), trial \(trial)")
            #expect(BigInt(value.description) == value, "seed \(seed), trial \(trial)")
        }
        #expect(try BigInt(parsing: " +0042 ") == BigInt(42))
        #expect(try BigInt(parsing: "-0") == BigInt(0))
        #expect(try BigInt(parsing: "-0").description == "0")
    }

    @Test("other radixes match String(_:radix:)")
    func radixes() {
        let seed: UInt64 = 0x5EED_0028
        var generator = SplitMix64(seed: seed)
        for trial in 0..<1000 {
            let value = randomInt(using: &generator)
            let radix = Int.random(in: 2...36, using: &generator)
            #expect(BigInt(value).toString(radix: Int32(radix)) == String(value, radix: radix),
                    "seed \(seed), trial \(trial), value \(value), radix \(radix)")
        }
    }

    @Test("malformed integers throw", arguments: ["", " ", "+", "-", "1.5", "1e3", "0x1F", "12a", "--3", "1 2", "١٢"])
    func malformed(text: String) {
        #expect(throws: NumericError.self) { try BigInt(parsing: text) }
        #expect(BigInt(text) == nil)
    }

    @Test("equal values hash equally")
    func hashing() throws {
        let seed: UInt64 = 0x5EED_0027
        var generator = SplitMix64(seed: seed)
        for trial in 0..<500 {
            let a = randomBigInt(digits: 80, using: &generator)
            let b = randomBigInt(digits: 80, using: &generator)
            let viaArithmetic = (a + b) - b
            let viaParsing = try BigInt(parsing: a.description)
            #expect(viaArithmetic.hashValue == a.hashValue, "seed \(seed), trial \(trial)")
            #expect(viaParsing.hashValue == a.hashValue, "seed \(seed), trial \(trial)")
            #expect(Set([a, viaArithmetic, viaParsing]).count == 1, "seed \(seed), trial \(trial)")
        }
        #expect(Set([BigInt(0), -BigInt(0), try BigInt(parsing: "-0")]).count == 1)
    }

    @Test("JSON encodes as a string and decodes")
    func codable() throws {
        let value = try BigInt(parsing: "-123456789012345678901234567890")
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == "[\"-123456789012345678901234567890\"]")
        #expect(try JSONDecoder().decode([BigInt].self, from: data) == [value])
        #expect(try JSONDecoder().decode([BigInt].self, from: Data("[42]".utf8)) == [BigInt(42)])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([BigInt].self, from: Data("[\"4x\"]".utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode([BigInt].self, from: Data("[1.5]".utf8)) }
    }
}

@Suite("BigInt errors")
struct BigIntErrorTests {
    @Test("every division form rejects zero")
    func divisionByZero() {
        let values = [BigInt(0), BigInt(5), BigInt(-5), try! BigInt(parsing: "123456789012345678901234567890")]
        for value in values {
            #expect(throws: NumericError.divisionByZero(operation: "BigInt.quotientAndRemainder")) {
                try value.quotientAndRemainder(dividingBy: BigInt(0))
            }
            #expect(throws: NumericError.divisionByZero(operation: "BigInt.floorDivided")) {
                try value.floorDivided(by: BigInt(0))
            }
            #expect(throws: NumericError.divisionByZero(operation: "BigInt.ceilingDivided")) {
                try value.ceilingDivided(by: BigInt(0))
            }
            #expect(throws: NumericError.divisionByZero(operation: "BigInt.floorModulo")) {
                try value.floorModulo(BigInt(0))
            }
        }
    }

    @Test("error messages name value and fix")
    func messages() {
        #expect(NumericError.divisionByZero(operation: "BigInt.floorDivided").description
            == "division by zero in BigInt.floorDivided; the divisor must be nonzero")
        do {
            _ = try BigInt(parsing: "12a")
            Issue.record("\"12a\" was accepted")
        } catch {
            #expect("\(error)".contains("\"12a\""))
        }
    }
}
