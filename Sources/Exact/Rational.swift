import CGMP
import CNumericShim

/// Storage for one GMP rational, tail-allocated in the object.
@usableFromInline
final class MPQCell: ManagedBuffer<Void, __mpq_struct> {
    @inlinable
    static func make() -> MPQCell {
        let cell = unsafeDowncast(MPQCell.create(minimumCapacity: 1) { _ in () }, to: MPQCell.self)
        __gmpq_init(cell.pointer)
        return cell
    }

    @inlinable
    var pointer: UnsafeMutablePointer<__mpq_struct> {
        withUnsafeMutablePointerToElements { $0 }
    }

    deinit {
        __gmpq_clear(pointer)
    }
}

/// An exact rational number p/q in lowest terms with q > 0, backed by GMP's `mpq_t`.
///
/// Value semantics with copy-on-write storage. `Rational(parsing: "0.1")` is
/// exactly 1/10, never the binary64 value nearest to it. Division by zero
/// throws from `divided(by:)` and `reciprocal()`; the `/` operator stops the
/// program with a precondition failure, so user input must use the throwing forms.
public struct Rational: @unchecked Sendable {
    @usableFromInline var cell: MPQCell

    @inlinable
    init(cell: MPQCell) {
        self.cell = cell
    }

    /// Zero.
    @inlinable
    public init() {
        cell = MPQCell.make()
    }

    @inlinable
    public init(_ value: Int) {
        cell = MPQCell.make()
        __gmpq_set_si(cell.pointer, value, 1)
    }

    public init(_ value: BigInt) {
        cell = MPQCell.make()
        value.withUnsafeMPZ { __gmpq_set_z(cell.pointer, $0) }
    }

    /// numerator / denominator, reduced to lowest terms.
    public init(_ numerator: BigInt, _ denominator: BigInt) throws {
        guard !denominator.isZero else {
            throw NumericError.divisionByZero(operation: "Rational(\(numerator), \(denominator))")
        }
        cell = MPQCell.make()
        numerator.withUnsafeMPZ { __gmpz_set(tc_mpq_numref(cell.pointer), $0) }
        denominator.withUnsafeMPZ { __gmpz_set(tc_mpq_denref(cell.pointer), $0) }
        __gmpq_canonicalize(cell.pointer)
    }

    /// numerator / denominator for machine integers; the denominator must be nonzero.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational(\(numerator), 0): zero denominator")
        self = try! Rational(BigInt(numerator), BigInt(denominator))
    }

    /// The exact value of a finite `Double` (a dyadic rational).
    public init(exactly value: Double) throws {
        guard value.isFinite else {
            throw NumericError.malformedNumber(text: "\(value)", reason: "not a finite number")
        }
        cell = MPQCell.make()
        __gmpq_set_d(cell.pointer, value)
    }

    /// The exact value of a finite `Float`.
    public init(exactly value: Float) throws {
        try self.init(exactly: Double(value))
    }

    @inlinable
    var pointer: UnsafeMutablePointer<__mpq_struct> { cell.pointer }

    @inlinable
    mutating func uniquePointer() -> UnsafeMutablePointer<__mpq_struct> {
        if !isKnownUniquelyReferenced(&cell) {
            let copy = MPQCell.make()
            __gmpq_set(copy.pointer, cell.pointer)
            cell = copy
        }
        return cell.pointer
    }

    /// Calls `body` with a pointer to the GMP value for use inside the numeric core.
    @inlinable
    public func withUnsafeMPQ<R>(_ body: (UnsafePointer<__mpq_struct>) throws -> R) rethrows -> R {
        try withExtendedLifetime(cell) { try body(cell.pointer) }
    }

    /// Calls `body` with a writable pointer to the GMP value (copying shared
    /// storage first). The body must leave the value in canonical form.
    @inlinable
    public mutating func withUnsafeMutableMPQ<R>(_ body: (UnsafeMutablePointer<__mpq_struct>) throws -> R) rethrows -> R {
        let p = uniquePointer()
        return try withExtendedLifetime(cell) { try body(p) }
    }
}

// MARK: - Parts and properties

extension Rational {
    public static var zero: Rational { Rational() }
    public static var one: Rational { Rational(1) }

    public var numerator: BigInt {
        var result = BigInt()
        result.withUnsafeMutableMPZ { __gmpz_set($0, tc_mpq_numref(pointer)) }
        return result
    }

    /// The denominator, always positive.
    public var denominator: BigInt {
        var result = BigInt()
        result.withUnsafeMutableMPZ { __gmpz_set($0, tc_mpq_denref(pointer)) }
        return result
    }

    /// -1, 0 or 1.
    @inlinable
    public var signum: Int { Int(tc_mpq_sgn(pointer)) }

    @inlinable
    public var isZero: Bool { signum == 0 }

    public var isInteger: Bool { __gmpz_cmp_ui(tc_mpq_denref(pointer), 1) == 0 }

    public var magnitude: Rational {
        let result = Rational()
        __gmpq_abs(result.pointer, pointer)
        return result
    }

    /// The nearest `Double` toward zero (an approximation, not an exact value).
    public var approximateDouble: Double { __gmpq_get_d(pointer) }
}

// MARK: - Arithmetic

extension Rational {
    @inlinable
    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        let result = Rational()
        __gmpq_add(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }

    @inlinable
    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        let result = Rational()
        __gmpq_sub(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }

    @inlinable
    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        let result = Rational()
        __gmpq_mul(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }

    @inlinable
    public static prefix func - (value: Rational) -> Rational {
        let result = Rational()
        __gmpq_neg(result.pointer, value.pointer)
        return result
    }

    /// lhs / rhs; rhs must be nonzero (use `divided(by:)` for input).
    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(!rhs.isZero, "Rational division by zero")
        let result = Rational()
        __gmpq_div(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }

    public func divided(by divisor: Rational) throws -> Rational {
        guard !divisor.isZero else { throw NumericError.divisionByZero(operation: "Rational.divided") }
        return self / divisor
    }

    public func reciprocal() throws -> Rational {
        guard !isZero else { throw NumericError.divisionByZero(operation: "Rational.reciprocal") }
        let result = Rational()
        __gmpq_inv(result.pointer, pointer)
        return result
    }

    @inlinable
    public static func += (lhs: inout Rational, rhs: Rational) {
        let p = lhs.uniquePointer()
        __gmpq_add(p, p, rhs.pointer)
    }

    @inlinable
    public static func -= (lhs: inout Rational, rhs: Rational) {
        let p = lhs.uniquePointer()
        __gmpq_sub(p, p, rhs.pointer)
    }

    @inlinable
    public static func *= (lhs: inout Rational, rhs: Rational) {
        let p = lhs.uniquePointer()
        __gmpq_mul(p, p, rhs.pointer)
    }

    /// self += a * b, reusing `scratch` for the product.
    @inlinable
    public mutating func addProduct(_ a: Rational, _ b: Rational, scratch: inout Rational) {
        let t = scratch.uniquePointer()
        __gmpq_mul(t, a.pointer, b.pointer)
        let p = uniquePointer()
        __gmpq_add(p, p, t)
    }

    @inlinable
    public mutating func negate() {
        let p = uniquePointer()
        __gmpq_neg(p, p)
    }

    /// self · 2^exponent (exponent may be negative).
    public func timesPowerOfTwo(_ exponent: Int) -> Rational {
        let result = Rational()
        if exponent >= 0 {
            __gmpq_mul_2exp(result.pointer, pointer, UInt(exponent))
        } else {
            __gmpq_div_2exp(result.pointer, pointer, UInt(-exponent))
        }
        return result
    }

    /// self^exponent; a negative exponent needs a nonzero base.
    public func power(_ exponent: Int) throws -> Rational {
        if exponent < 0 {
            return try reciprocal().power(-exponent)
        }
        let numerator = self.numerator.power(exponent)
        let denominator = self.denominator.power(exponent)
        return try Rational(numerator, denominator)
    }
}

// MARK: - Rounding to integers

extension Rational {
    /// How to round a rational to an integer. Ties are values exactly halfway
    /// between two integers.
    public enum RoundingRule: String, Sendable, CaseIterable, Codable {
        /// ⌊x⌋.
        case down
        /// ⌈x⌉.
        case up
        /// Toward zero.
        case towardZero
        /// Nearest; ties go up: ⌊x + 1/2⌋.
        case toNearestOrUp = "half-up"
        /// Nearest; ties go to the even integer (IEEE 754's default, NumPy's and PyTorch's `round`).
        case toNearestOrEven = "half-even"
        /// Nearest; ties go away from zero (C's `round`).
        case toNearestOrAwayFromZero = "half-away"
        /// Nearest; ties go down: ⌈x − 1/2⌉.
        case toNearestOrDown = "half-down"
    }

    public func floor() -> BigInt {
        var result = BigInt()
        result.withUnsafeMutableMPZ { __gmpz_fdiv_q($0, tc_mpq_numref(pointer), tc_mpq_denref(pointer)) }
        return result
    }

    public func ceiling() -> BigInt {
        var result = BigInt()
        result.withUnsafeMutableMPZ { __gmpz_cdiv_q($0, tc_mpq_numref(pointer), tc_mpq_denref(pointer)) }
        return result
    }

    /// Whether self is exactly halfway between two consecutive integers.
    public var isHalfInteger: Bool {
        __gmpz_cmp_ui(tc_mpq_denref(pointer), 2) == 0
    }

    public func rounded(_ rule: RoundingRule) -> BigInt {
        let half = Rational(1, 2)
        switch rule {
        case .down:
            return floor()
        case .up:
            return ceiling()
        case .towardZero:
            return signum < 0 ? ceiling() : floor()
        case .toNearestOrUp:
            return (self + half).floor()
        case .toNearestOrDown:
            return (self - half).ceiling()
        case .toNearestOrEven:
            let candidate = (self + half).floor()
            if isHalfInteger && candidate.isOdd {
                return candidate - BigInt(1)
            }
            return candidate
        case .toNearestOrAwayFromZero:
            return signum < 0 ? -((-self + half).floor()) : (self + half).floor()
        }
    }
}

// MARK: - Parsing and printing

extension Rational {
    /// The largest decimal exponent accepted by `init(parsing:)`; larger ones
    /// would ask GMP for gigantic powers of ten.
    public static let maximumDecimalExponent = 100_000

    /// Parses an integer ("-12"), a decimal ("0.1", ".5", "2.5e-3", "1E6") or a
    /// fraction ("1/3", "-7/10") exactly. Surrounding white space is ignored.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty {
            throw NumericError.malformedNumber(text: text, reason: "empty string")
        }

        if let slash = trimmed.firstIndex(of: "/") {
            let numeratorText = String(trimmed[..<slash]).trimmingWhitespace()
            let denominatorText = String(trimmed[trimmed.index(after: slash)...]).trimmingWhitespace()
            guard BigInt.isIntegerLiteral(numeratorText), BigInt.isIntegerLiteral(denominatorText) else {
                throw NumericError.malformedNumber(text: text, reason: "a fraction needs an integer on each side of \"/\"")
            }
            let numerator = try BigInt(parsing: numeratorText)
            let denominator = try BigInt(parsing: denominatorText)
            guard !denominator.isZero else {
                throw NumericError.divisionByZero(operation: "parsing \"\(text)\"")
            }
            try self.init(numerator, denominator)
            return
        }

        self = try Rational.parseDecimal(trimmed, original: text)
    }

    private static func parseDecimal(_ text: String, original: String) throws -> Rational {
        var characters = Substring(text)
        var negative = false
        if let first = characters.first, first == "+" || first == "-" {
            negative = first == "-"
            characters = characters.dropFirst()
        }

        var mantissa = characters
        var exponent = 0
        if let e = characters.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = characters[..<e]
            let exponentText = String(characters[characters.index(after: e)...])
            guard BigInt.isIntegerLiteral(exponentText), let value = Int(exponentText) else {
                throw NumericError.malformedNumber(text: original, reason: "invalid exponent \"\(exponentText)\"")
            }
            guard abs(value) <= maximumDecimalExponent else {
                throw NumericError.malformedNumber(
                    text: original, reason: "exponent \(value) is larger in magnitude than \(maximumDecimalExponent)")
            }
            exponent = value
        }

        var integerDigits = mantissa
        var fractionDigits = Substring("")
        if let dot = mantissa.firstIndex(of: ".") {
            integerDigits = mantissa[..<dot]
            fractionDigits = mantissa[mantissa.index(after: dot)...]
        }
        let isDigits: (Substring) -> Bool = { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard isDigits(integerDigits), isDigits(fractionDigits), !(integerDigits.isEmpty && fractionDigits.isEmpty) else {
            throw NumericError.malformedNumber(text: original, reason: "not a decimal number")
        }

        var digits = try BigInt(parsing: String(integerDigits) + String(fractionDigits))
        if negative { digits.negate() }
        let scale = exponent - fractionDigits.count
        let ten = BigInt(10)
        if scale >= 0 {
            return Rational(digits * ten.power(scale))
        }
        return try Rational(digits, ten.power(-scale))
    }

    /// "p/q", or "p" when the value is an integer.
    public var fractionString: String {
        isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// The decimal expansion with `digits` digits after the point, rounded in
    /// the given direction (`.down` for a lower bound, `.up` for an upper bound).
    public func decimalString(fractionDigits digits: Int, rounding rule: RoundingRule = .toNearestOrEven) -> String {
        precondition(digits >= 0, "decimalString needs a nonnegative digit count, got \(digits)")
        let scaled = (self * Rational(BigInt(10).power(digits))).rounded(rule)
        let negative = scaled.isNegative
        var text = scaled.magnitude.description
        if digits > 0 {
            if text.count <= digits {
                text = String(repeating: "0", count: digits - text.count + 1) + text
            }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
        }
        return negative ? "-" + text : text
    }
}

// MARK: - Protocols

extension Rational: Equatable, Comparable, Hashable {
    @inlinable
    public static func == (lhs: Rational, rhs: Rational) -> Bool {
        __gmpq_equal(lhs.pointer, rhs.pointer) != 0
    }

    @inlinable
    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        __gmpq_cmp(lhs.pointer, rhs.pointer) < 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numerator)
        hasher.combine(denominator)
    }
}

extension Rational: ExpressibleByIntegerLiteral, CustomStringConvertible, LosslessStringConvertible {
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    public init?(_ description: String) {
        guard let value = try? Rational(parsing: description) else { return nil }
        self = value
    }

    /// The value as "p/q", or "p" when it is an integer.
    public var description: String { fractionString }
}

extension Rational: Codable {
    /// Decodes from a JSON string ("1/3", "0.1") or a JSON integer. A JSON
    /// number with a fraction or exponent is rejected, since it was a binary64.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = try Rational(parsing: text)
        } else if let integer = try? container.decode(Int.self) {
            self.init(integer)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected an exact number as a string (\"0.1\", \"1/3\") or an integer")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fractionString)
    }
}
