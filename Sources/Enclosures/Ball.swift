import CFlint
import CNumericShim
import Exact
import Multiprecision

/// A real ball [m ± r]: a rigorous enclosure of a real number, backed by Arb.
///
/// Every operation returns a ball that contains the exact result for every
/// choice of real numbers inside its input balls. The working precision in
/// bits is part of the value; a binary operation works at the larger of its
/// operands' precisions. An operation outside a function's domain (division by
/// a ball containing 0, the logarithm of a ball containing 0) gives a
/// non-finite ball that stands for "no information" (`isFinite` is false),
/// never a trap. Every predicate on a non-finite ball is `.undecided`.
///
/// Value semantics with copy-on-write storage.
public struct Ball: @unchecked Sendable {
    @usableFromInline var cell: ArbCell

    /// The working precision in bits; stored under its own name so that
    /// inlinable operations can set it.
    @usableFromInline var workingPrecision: Int

    /// The working precision in bits used by operations on this ball.
    @inlinable
    public var precision: Int { workingPrecision }

    /// A new ball [0 ± 0] at `precision` bits, for the caller to overwrite.
    @inlinable
    init(zeroAtPrecision precision: Int) {
        cell = ArbCell.make()
        workingPrecision = precision
    }

    /// The ball [value ± 0] when `value` is a dyadic rational that fits in
    /// `precision` bits, else the value rounded to `precision` bits with the
    /// rounding error as radius.
    public init(_ value: Rational, precision: Int) throws {
        try PrecisionLimits.validate(precision)
        self.init(zeroAtPrecision: precision)
        withFMPQ(value) { arb_set_fmpq(cell.pointer, $0, precision) }
    }

    /// The exact ball [value ± 0]. `precision` must be valid (a programmer
    /// error otherwise); use `init(_:precision:)` with a `Rational` for input.
    public init(_ value: Int, precision: Int) {
        PrecisionLimits.require(precision, in: "Ball(\(value), precision:)")
        self.init(zeroAtPrecision: precision)
        arb_set_si(cell.pointer, value)
    }

    /// A ball containing the interval [lower, upper]. When an endpoint of
    /// smaller magnitude fits in `precision` bits (0, 1, 1/2, …), it is an
    /// endpoint of the ball exactly. The other endpoint may lie slightly outside.
    public init(lower: Rational, upper: Rational, precision: Int) throws {
        try PrecisionLimits.validate(precision)
        guard lower <= upper else {
            throw NumericError.domainError(
                operation: "Ball(lower:upper:)",
                detail: "lower bound \(lower) exceeds upper bound \(upper); swap them")
        }

        self.init(zeroAtPrecision: precision)
        withARF { lowerFloat in
            withARF { upperFloat in
                withFMPQ(lower) { _ = arf_set_fmpq(lowerFloat, $0, precision, ARF_RND_FLOOR) }
                withFMPQ(upper) { _ = arf_set_fmpq(upperFloat, $0, precision, ARF_RND_CEIL) }
                setInterval(cell.pointer, lower: lowerFloat, upper: upperFloat, precision: precision)
            }
        }
    }

    /// A ball containing [midpoint − radius, midpoint + radius]; throws when
    /// the radius is negative.
    public init(midpoint: Rational, radius: Rational, precision: Int) throws {
        try PrecisionLimits.validate(precision)
        guard radius.signum >= 0 else {
            throw NumericError.domainError(
                operation: "Ball(midpoint:radius:)", detail: "radius \(radius) is negative; use its absolute value")
        }

        self.init(zeroAtPrecision: precision)
        withFMPQ(midpoint) { arb_set_fmpq(cell.pointer, $0, precision) }
        withARF { error in
            withFMPQ(radius) { _ = arf_set_fmpq(error, $0, Int(MAG_BITS), ARF_RND_CEIL) }
            arb_add_error_arf(cell.pointer, error)
        }
    }

    /// The exact ball [value ± 0]. A `BigFloat` is a dyadic rational, so the
    /// midpoint keeps all of its bits whatever `precision` is.
    public init(_ value: BigFloat, precision: Int) throws {
        try PrecisionLimits.validate(precision)
        self.init(zeroAtPrecision: precision)
        value.withUnsafeMPFR { arf_set_mpfr(tc_arb_midref(cell.pointer), $0) }
    }

    /// A ball containing π.
    public static func pi(precision: Int) -> Ball {
        PrecisionLimits.require(precision, in: "Ball.pi")
        let result = Ball(zeroAtPrecision: precision)
        arb_const_pi(result.cell.pointer, precision)
        return result
    }

    /// The non-finite ball that contains every real number.
    public static func indeterminate(precision: Int) -> Ball {
        PrecisionLimits.require(precision, in: "Ball.indeterminate")
        let result = Ball(zeroAtPrecision: precision)
        arb_indeterminate(result.cell.pointer)
        return result
    }

    @inlinable
    var pointer: UnsafeMutablePointer<arb_struct> { cell.pointer }

    /// A pointer for writing, after copying shared storage.
    @inlinable
    mutating func uniquePointer() -> UnsafeMutablePointer<arb_struct> {
        if !isKnownUniquelyReferenced(&cell) {
            let copy = ArbCell.make()
            arb_set(copy.pointer, cell.pointer)
            cell = copy
        }
        return cell.pointer
    }

    /// Calls `body` with a pointer to the Arb value.
    func withUnsafeArb<R>(_ body: (UnsafePointer<arb_struct>) throws -> R) rethrows -> R {
        try withExtendedLifetime(cell) { try body(cell.pointer) }
    }

    /// Calls `body` with a writable pointer to the Arb value (copying shared storage first).
    mutating func withUnsafeMutableArb<R>(_ body: (UnsafeMutablePointer<arb_struct>) throws -> R) rethrows -> R {
        let p = uniquePointer()
        return try withExtendedLifetime(cell) { try body(p) }
    }
}

// MARK: - Endpoints and parts

extension Ball {
    /// Whether the midpoint and radius are finite. A non-finite ball carries no
    /// information about the value it encloses.
    public var isFinite: Bool { arb_is_finite(pointer) != 0 }

    /// Whether `midpoint`, `radius` and the bounds can be converted to `Rational`.
    var hasRationalEndpoints: Bool {
        guard isFinite, isConvertibleToRational(tc_arb_midref_const(pointer)) else {
            return false
        }
        return withARF { radiusFloat in
            arf_set_mag(radiusFloat, tc_arb_radref_const(pointer))
            return isConvertibleToRational(radiusFloat)
        }
    }

    /// Whether the radius is zero, so the ball is the single number `midpoint`.
    public var isExact: Bool { arb_is_exact(pointer) != 0 }

    /// The midpoint, exactly (a dyadic rational). The ball must be finite.
    ///
    /// NOTE: the conversion to `Rational` stops the program when the midpoint
    /// or radius has a binary exponent beyond ±2^26 (an exact rational of that
    /// size takes more than 8 MB). Such balls come only from values like
    /// exp(10^8); compare them with the `Truth` predicates against other balls.
    public var midpoint: Rational {
        precondition(isFinite, "Ball.midpoint of a non-finite ball; check isFinite first")
        return exactRational(tc_arb_midref_const(pointer))
    }

    /// The radius, exactly (a dyadic rational with a 30-bit numerator). The
    /// ball must be finite.
    public var radius: Rational {
        precondition(isFinite, "Ball.radius of a non-finite ball; check isFinite first")
        return withARF { radiusFloat in
            arf_set_mag(radiusFloat, tc_arb_radref_const(pointer))
            return exactRational(radiusFloat)
        }
    }

    /// The exact lower endpoint midpoint − radius. The ball must be finite.
    public var lowerBound: Rational { midpoint - radius }

    /// The exact upper endpoint midpoint + radius. The ball must be finite.
    public var upperBound: Rational { midpoint + radius }

    /// The midpoint rounded to the nearest `Double` (an approximation).
    public var approximateDouble: Double {
        arf_get_d(tc_arb_midref_const(pointer), ARF_RND_NEAR)
    }

    /// Whether the ball contains the exact number `value`. A non-finite ball
    /// contains every number.
    public func contains(_ value: Rational) -> Bool {
        guard isFinite else {
            return true
        }
        return withFMPQ(value) { arb_contains_fmpq(pointer, $0) != 0 }
    }

    /// Whether every number in `other` lies in this ball. A non-finite ball
    /// contains every ball.
    public func contains(_ other: Ball) -> Bool {
        guard isFinite else {
            return true
        }
        return arb_contains(pointer, other.pointer) != 0
    }

    /// Whether the two balls have a number in common.
    public func overlaps(_ other: Ball) -> Bool {
        guard isFinite && other.isFinite else {
            return true
        }
        return arb_overlaps(pointer, other.pointer) != 0
    }

    /// The same ball with its precision changed to `newPrecision` (the enclosure
    /// is unchanged; later operations use the new precision).
    public func withPrecision(_ newPrecision: Int) throws -> Ball {
        try PrecisionLimits.validate(newPrecision)
        var copy = self
        copy.workingPrecision = newPrecision
        return copy
    }
}
