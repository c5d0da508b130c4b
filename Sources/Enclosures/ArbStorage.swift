import CFlint
import CNumericShim
import Exact

/// Storage for one Arb ball, tail-allocated in the object.
@usableFromInline
final class ArbCell: ManagedBuffer<Void, arb_struct> {
    /// A cell holding the exact ball [0 ± 0].
    @inlinable
    static func make() -> ArbCell {
        let cell = unsafeDowncast(ArbCell.create(minimumCapacity: 1) { _ in () }, to: ArbCell.self)
        arb_init(cell.pointer)
        return cell
    }

    @inlinable
    var pointer: UnsafeMutablePointer<arb_struct> {
        withUnsafeMutablePointerToElements { $0 }
    }

    deinit {
        arb_clear(pointer)
    }
}

/// The largest binary exponent, in absolute value, of a ball endpoint that
/// `Ball` converts to a `Rational`. An endpoint of 2^(2^26) already takes 8 MB
/// as an exact integer.
let maximumRationalExponent = 1 << 26

/// Calls `body` with a FLINT rational equal to `value`.
func withFMPQ<R>(_ value: Rational, _ body: (UnsafeMutablePointer<fmpq>) throws -> R) rethrows -> R {
    let q = UnsafeMutablePointer<fmpq>.allocate(capacity: 1)
    fmpq_init(q)
    defer {
        fmpq_clear(q)
        q.deallocate()
    }

    value.withUnsafeMPQ { fmpq_set_mpq(q, $0) }
    return try body(q)
}

/// Calls `body` with a fresh Arb float, cleared afterwards.
func withARF<R>(_ body: (UnsafeMutablePointer<arf_struct>) throws -> R) rethrows -> R {
    let x = UnsafeMutablePointer<arf_struct>.allocate(capacity: 1)
    arf_init(x)
    defer {
        arf_clear(x)
        x.deallocate()
    }
    return try body(x)
}

/// Calls `body` with a fresh Arb magnitude bound, cleared afterwards.
func withMAG<R>(_ body: (UnsafeMutablePointer<mag_struct>) throws -> R) rethrows -> R {
    let x = UnsafeMutablePointer<mag_struct>.allocate(capacity: 1)
    mag_init(x)
    defer {
        mag_clear(x)
        x.deallocate()
    }
    return try body(x)
}

/// Whether `exactRational` accepts `x`: finite, and zero or of magnitude
/// within 2^±maximumRationalExponent.
func isConvertibleToRational(_ x: UnsafePointer<arf_struct>) -> Bool {
    guard arf_is_finite(x) != 0 else {
        return false
    }
    if arf_is_zero(x) != 0 {
        return true
    }
    return arf_cmpabs_2exp_si(x, maximumRationalExponent) < 0 && arf_cmpabs_2exp_si(x, -maximumRationalExponent) > 0
}

/// The exact value of a finite Arb float as a rational.
func exactRational(_ x: UnsafePointer<arf_struct>) -> Rational {
    precondition(
        isConvertibleToRational(x),
        "exactRational: the value is not finite or its magnitude is outside 2^±\(maximumRationalExponent)")
    if arf_is_zero(x) != 0 {
        return Rational.zero
    }

    let q = UnsafeMutablePointer<fmpq>.allocate(capacity: 1)
    fmpq_init(q)
    defer {
        fmpq_clear(q)
        q.deallocate()
    }
    arf_get_fmpq(q, x)

    var result = Rational()
    result.withUnsafeMutableMPQ { fmpq_get_mpq($0, q) }
    return result
}

/// Sets `ball` to a ball that contains [lower, upper] and whose endpoint of
/// smaller magnitude is that bound exactly whenever the midpoint fits in
/// `precision` bits. A zero endpoint therefore stays exactly zero, which
/// `arb_set_interval_arf` (midpoint rounded to nearest, radius rounded up)
/// does not guarantee.
///
/// Anchoring at `lower` with a radius r ≥ (upper − lower)/2 takes the midpoint
/// m = RD(lower + r), so m − r ≤ lower. When that sum is exact, m + r ≥ upper
/// as well. When it is not, m may lose up to one ulp u, so r is recomputed from
/// (upper − lower + u)/2, which restores m + r ≥ upper. Anchoring at `upper`
/// mirrors this with m = RU(upper − r).
func setInterval(
    _ ball: UnsafeMutablePointer<arb_struct>,
    lower: UnsafePointer<arf_struct>, upper: UnsafePointer<arf_struct>, precision: Int
) {
    precondition(arf_cmp(lower, upper) <= 0, "setInterval: lower bound above upper bound")
    let midpoint = tc_arb_midref(ball)!
    let radius = tc_arb_radref(ball)!

    if arf_equal(lower, upper) != 0 {
        arf_set(midpoint, lower)
        mag_zero(radius)
        return
    }

    let anchorAtLower = arf_cmpabs(lower, upper) <= 0
    // |midpoint| < 2^(magnitudeExponent + 1), so one ulp of it at `precision`
    // bits is at most 2^(magnitudeExponent + 1 − precision).
    let magnitudeExponent = Swift.max(arf_abs_bound_lt_2exp_si(lower), arf_abs_bound_lt_2exp_si(upper))

    withARF { width in
        withARF { radiusFloat in
            for slack in [false, true] {
                arf_sub(width, upper, lower, Int(MAG_BITS), ARF_RND_UP)
                if slack {
                    withARF { ulp in
                        arf_set_si_2exp_si(ulp, 1, magnitudeExponent + 1 - precision)
                        _ = arf_add(width, width, ulp, Int(MAG_BITS), ARF_RND_UP)
                    }
                }
                arf_mul_2exp_si(radiusFloat, width, -1)
                setMagnitudeExactly(radius, radiusFloat)
                arf_set_mag(radiusFloat, radius)

                let inexact: Int32
                if anchorAtLower {
                    inexact = arf_add(midpoint, lower, radiusFloat, precision, ARF_RND_FLOOR)
                } else {
                    inexact = arf_sub(midpoint, upper, radiusFloat, precision, ARF_RND_CEIL)
                }
                if inexact == 0 {
                    return
                }
            }
        }
    }
}

/// Sets `magnitude` to the nonnegative `value`, exactly when `value` has at
/// most 30 significant bits (otherwise rounded up, as every Arb magnitude
/// conversion is). `arf_get_mag` always rounds up by one unit, even for exact
/// inputs, so it cannot be used where an endpoint must stay exact.
func setMagnitudeExactly(_ magnitude: UnsafeMutablePointer<mag_struct>, _ value: UnsafePointer<arf_struct>) {
    precondition(arf_sgn(value) >= 0, "setMagnitudeExactly: negative value")
    var significand = fmpz()
    var exponent = fmpz()
    fmpz_init(&significand)
    fmpz_init(&exponent)
    defer {
        fmpz_clear(&significand)
        fmpz_clear(&exponent)
    }

    arf_get_fmpz_2exp(&significand, &exponent, value)
    mag_set_fmpz_2exp_fmpz(magnitude, &significand, &exponent)
}
