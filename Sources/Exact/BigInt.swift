import CGMP
import CNumericShim

/// Storage for one GMP integer, tail-allocated in the object so that a value
/// costs one allocation and its pointer stays stable for the object's life.
@usableFromInline
final class MPZCell: ManagedBuffer<Void, __mpz_struct> {
    @inlinable
    static func make() -> MPZCell {
        let cell = unsafeDowncast(MPZCell.create(minimumCapacity: 1) { _ in () }, to: MPZCell.self)
        __gmpz_init(cell.pointer)
        return cell
    }

    @inlinable
    var pointer: UnsafeMutablePointer<__mpz_struct> {
        withUnsafeMutablePointerToElements { $0 }
    }

    deinit {
        __gmpz_clear(pointer)
    }
}

/// An arbitrary-size signed integer backed by GMP's `mpz_t`.
///
/// Value semantics with copy-on-write storage. Operators allocate their result;
/// the `mutating` forms (`+=`, `addProduct(_:_:)`, `negate()`) reuse the storage
/// when it is not shared. Division by zero throws `NumericError.divisionByZero`
/// from the throwing forms and stops the program with a precondition failure
/// from the operators, so user input must go through the throwing forms.
public struct BigInt: @unchecked Sendable {
    @usableFromInline var cell: MPZCell

    @inlinable
    init(cell: MPZCell) {
        self.cell = cell
    }

    /// Zero.
    @inlinable
    public init() {
        cell = MPZCell.make()
    }

    @inlinable
    public init(_ value: Int) {
        cell = MPZCell.make()
        __gmpz_set_si(cell.pointer, value)
    }

    @inlinable
    public init(_ value: UInt) {
        cell = MPZCell.make()
        __gmpz_set_ui(cell.pointer, value)
    }

    /// Parses an optionally signed decimal integer ("-123", "+7"); surrounding
    /// white space is ignored.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        guard BigInt.isIntegerLiteral(trimmed) else {
            throw NumericError.malformedNumber(text: text, reason: "not a decimal integer")
        }
        cell = MPZCell.make()
        let digits = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
        let status = __gmpz_set_str(cell.pointer, digits, 10)
        if status != 0 {
            throw NumericError.malformedNumber(text: text, reason: "not a decimal integer")
        }
    }

    static func isIntegerLiteral(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        return !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A read-only pointer to the GMP value, valid while `self` is alive.
    @inlinable
    var pointer: UnsafeMutablePointer<__mpz_struct> { cell.pointer }

    /// A pointer for writing, after copying shared storage.
    @inlinable
    mutating func uniquePointer() -> UnsafeMutablePointer<__mpz_struct> {
        if !isKnownUniquelyReferenced(&cell) {
            let copy = MPZCell.make()
            __gmpz_set(copy.pointer, cell.pointer)
            cell = copy
        }
        return cell.pointer
    }

    /// Calls `body` with a pointer to the GMP value for use inside the numeric core.
    @inlinable
    public func withUnsafeMPZ<R>(_ body: (UnsafePointer<__mpz_struct>) throws -> R) rethrows -> R {
        try withExtendedLifetime(cell) { try body(cell.pointer) }
    }

    /// Calls `body` with a writable pointer to the GMP value (copying shared storage first).
    @inlinable
    public mutating func withUnsafeMutableMPZ<R>(_ body: (UnsafeMutablePointer<__mpz_struct>) throws -> R) rethrows -> R {
        let p = uniquePointer()
        return try withExtendedLifetime(cell) { try body(p) }
    }
}

// MARK: - Properties

extension BigInt {
    public static var zero: BigInt { BigInt() }
    public static var one: BigInt { BigInt(1) }

    /// -1, 0 or 1.
    @inlinable
    public var signum: Int { Int(tc_mpz_sgn(pointer)) }

    @inlinable
    public var isZero: Bool { signum == 0 }

    @inlinable
    public var isNegative: Bool { signum < 0 }

    /// |self|.
    public var magnitude: BigInt {
        let result = BigInt()
        __gmpz_abs(result.pointer, pointer)
        return result
    }

    /// The number of bits of |self|; 0 for zero.
    public var bitWidth: Int {
        isZero ? 0 : Int(__gmpz_sizeinbase(pointer, 2))
    }

    /// Whether the value is odd.
    public var isOdd: Bool { __gmpz_tstbit(pointer, 0) == 1 }

    /// The value as an `Int`, or nil when it does not fit.
    public var exactInt: Int? {
        __gmpz_fits_slong_p(pointer) != 0 ? __gmpz_get_si(pointer) : nil
    }

    /// The nearest `Double` toward zero (an approximation, not an exact value).
    public var approximateDouble: Double { __gmpz_get_d(pointer) }

    /// Returns the value written in base `radix` (2...62) as GMP's
    /// `mpz_get_str` writes it, with a leading "-" when negative. Bases up to
    /// 36 use lowercase letters for digits above 9.
    public func toString(radix: Int32 = 10) -> String {
        precondition((2...62).contains(radix), "BigInt.toString needs a radix in 2...62, got \(radix)")
        let size = __gmpz_sizeinbase(pointer, radix) + 2
        var buffer = [CChar](repeating: 0, count: size)
        __gmpz_get_str(&buffer, radix, pointer)
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

// MARK: - Arithmetic

extension BigInt {
    @inlinable
    public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
        let result = BigInt()
        __gmpz_add(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }

    @inlinable
    public static func - (lhs: BigInt, rhs: BigInt) -> BigInt {
        let result = BigInt()
        __gmpz_sub(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }

    @inlinable
    public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
        let result = BigInt()
        __gmpz_mul(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }

    @inlinable
    public static prefix func - (value: BigInt) -> BigInt {
        let result = BigInt()
        __gmpz_neg(result.pointer, value.pointer)
        return result
    }

    @inlinable
    public static func += (lhs: inout BigInt, rhs: BigInt) {
        let p = lhs.uniquePointer()
        __gmpz_add(p, p, rhs.pointer)
    }

    @inlinable
    public static func -= (lhs: inout BigInt, rhs: BigInt) {
        let p = lhs.uniquePointer()
        __gmpz_sub(p, p, rhs.pointer)
    }

    @inlinable
    public static func *= (lhs: inout BigInt, rhs: BigInt) {
        let p = lhs.uniquePointer()
        __gmpz_mul(p, p, rhs.pointer)
    }

    /// self += a * b without a temporary.
    @inlinable
    public mutating func addProduct(_ a: BigInt, _ b: BigInt) {
        __gmpz_addmul(uniquePointer(), a.pointer, b.pointer)
    }

    /// self = a * b, reusing the storage of self.
    @inlinable
    public mutating func setProduct(_ a: BigInt, _ b: BigInt) {
        __gmpz_mul(uniquePointer(), a.pointer, b.pointer)
    }

    @inlinable
    public mutating func negate() {
        let p = uniquePointer()
        __gmpz_neg(p, p)
    }

    /// self · 2^shift.
    public static func << (value: BigInt, shift: Int) -> BigInt {
        precondition(shift >= 0, "BigInt << needs a nonnegative shift, got \(shift)")
        let result = BigInt()
        __gmpz_mul_2exp(result.pointer, value.pointer, UInt(shift))
        return result
    }

    /// ⌊self / 2^shift⌋: an arithmetic right shift, rounding toward −∞ as `>>` does on `Int`.
    public static func >> (value: BigInt, shift: Int) -> BigInt {
        precondition(shift >= 0, "BigInt >> needs a nonnegative shift, got \(shift)")
        let result = BigInt()
        __gmpz_fdiv_q_2exp(result.pointer, value.pointer, UInt(shift))
        return result
    }

    /// self^exponent.
    public func power(_ exponent: Int) -> BigInt {
        precondition(exponent >= 0, "BigInt.power needs a nonnegative exponent, got \(exponent)")
        let result = BigInt()
        __gmpz_pow_ui(result.pointer, pointer, UInt(exponent))
        return result
    }

    /// 2^exponent.
    public static func powerOfTwo(_ exponent: Int) -> BigInt {
        BigInt(1) << exponent
    }

    /// The nonnegative greatest common divisor; gcd(0, 0) = 0.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        let result = BigInt()
        __gmpz_gcd(result.pointer, a.pointer, b.pointer)
        return result
    }
}

// MARK: - Division

extension BigInt {
    /// Quotient rounded toward zero and the remainder with the sign of the
    /// dividend, as `Int.quotientAndRemainder(dividingBy:)` defines them.
    public func quotientAndRemainder(dividingBy divisor: BigInt) throws -> (quotient: BigInt, remainder: BigInt) {
        guard !divisor.isZero else { throw NumericError.divisionByZero(operation: "BigInt.quotientAndRemainder") }
        let quotient = BigInt()
        let remainder = BigInt()
        __gmpz_tdiv_qr(quotient.pointer, remainder.pointer, pointer, divisor.pointer)
        return (quotient, remainder)
    }

    /// ⌊self / divisor⌋.
    public func floorDivided(by divisor: BigInt) throws -> BigInt {
        guard !divisor.isZero else { throw NumericError.divisionByZero(operation: "BigInt.floorDivided") }
        let quotient = BigInt()
        __gmpz_fdiv_q(quotient.pointer, pointer, divisor.pointer)
        return quotient
    }

    /// ⌈self / divisor⌉.
    public func ceilingDivided(by divisor: BigInt) throws -> BigInt {
        guard !divisor.isZero else { throw NumericError.divisionByZero(operation: "BigInt.ceilingDivided") }
        let quotient = BigInt()
        __gmpz_cdiv_q(quotient.pointer, pointer, divisor.pointer)
        return quotient
    }

    /// self − divisor·⌊self / divisor⌋, which has the sign of the divisor.
    public func floorModulo(_ divisor: BigInt) throws -> BigInt {
        guard !divisor.isZero else { throw NumericError.divisionByZero(operation: "BigInt.floorModulo") }
        let remainder = BigInt()
        __gmpz_fdiv_r(remainder.pointer, pointer, divisor.pointer)
        return remainder
    }

    /// Truncating quotient; the divisor must be nonzero (use `quotientAndRemainder(dividingBy:)` for input).
    public static func / (lhs: BigInt, rhs: BigInt) -> BigInt {
        precondition(!rhs.isZero, "BigInt division by zero")
        let result = BigInt()
        __gmpz_tdiv_q(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }

    /// Truncating remainder; the divisor must be nonzero.
    public static func % (lhs: BigInt, rhs: BigInt) -> BigInt {
        precondition(!rhs.isZero, "BigInt remainder by zero")
        let result = BigInt()
        __gmpz_tdiv_r(result.pointer, lhs.pointer, rhs.pointer)
        return result
    }
}

// MARK: - Protocols

extension BigInt: Equatable, Comparable, Hashable {
    @inlinable
    public static func == (lhs: BigInt, rhs: BigInt) -> Bool {
        __gmpz_cmp(lhs.pointer, rhs.pointer) == 0
    }

    @inlinable
    public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
        __gmpz_cmp(lhs.pointer, rhs.pointer) < 0
    }

    public func hash(into hasher: inout Hasher) {
        let size = Int(pointer.pointee._mp_size)
        hasher.combine(size)
        if let limbs = pointer.pointee._mp_d {
            for index in 0..<abs(size) {
                hasher.combine(limbs[index])
            }
        }
    }
}

extension BigInt: ExpressibleByIntegerLiteral, CustomStringConvertible, LosslessStringConvertible {
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    public init?(_ description: String) {
        guard let value = try? BigInt(parsing: description) else { return nil }
        self = value
    }

    public var description: String { toString() }
}

extension BigInt: Codable {
    /// Decodes from a JSON string of decimal digits, or from a JSON integer.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int.self) {
            self.init(integer)
        } else {
            self = try BigInt(parsing: container.decode(String.self))
        }
    }

    /// Encodes as a JSON string so that no digit is lost.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
