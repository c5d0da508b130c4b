import CFlint
import CNumericShim
import Exact

// Elementary and special functions. Each result contains f(x) for every x in
// the input ball; outside the function's domain the result is non-finite.
// The monotone ones (sqrt, exp, log, atan, erf, erfc) fall back to their
// endpoint images when Arb's midpoint-radius result is loose.

extension Ball {
    func applying(_ function: (UnsafeMutablePointer<arb_struct>, UnsafePointer<arb_struct>, Int) -> Void) -> Ball {
        let result = Ball(zeroAtPrecision: precision)
        function(result.pointer, pointer, precision)
        return result
    }

    /// √x; non-finite when the ball contains negative numbers.
    public func sqrt() -> Ball { monotoneTightened(increasing: true) { arb_sqrt($0, $1, $2) } }

    public func exp() -> Ball { monotoneTightened(increasing: true) { arb_exp($0, $1, $2) } }

    /// The natural logarithm; non-finite unless the ball is certainly positive.
    public func log() -> Ball { monotoneTightened(increasing: true) { arb_log($0, $1, $2) } }

    public func sin() -> Ball { applying { arb_sin($0, $1, $2) } }

    public func cos() -> Ball { applying { arb_cos($0, $1, $2) } }

    public func atan() -> Ball { monotoneTightened(increasing: true) { arb_atan($0, $1, $2) } }

    /// The error function erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt.
    public func erf() -> Ball { monotoneTightened(increasing: true) { arb_hypgeom_erf($0, $1, $2) } }

    /// The complementary error function erfc(x) = 1 − erf(x), accurate for large x.
    public func erfc() -> Ball { monotoneTightened(increasing: false) { arb_hypgeom_erfc($0, $1, $2) } }

    /// asin(x) for x in [−1, 1]; non-finite when the ball reaches outside [−1, 1].
    /// A ball of nonzero radius is mapped endpoint by endpoint, which is valid
    /// because asin is increasing. Arb 2.23's `arb_asin` on the whole ball
    /// returns a non-finite ball for [0, 1] (the derivative is unbounded at 1)
    /// and a lower bound of −0.0529 for [0, 1/2].
    public func asin() -> Ball {
        monotoneImage(increasing: true) { arb_asin($0, $1, $2) }
    }

    /// acos(x) for x in [−1, 1]; non-finite when the ball reaches outside [−1, 1].
    /// Computed endpoint by endpoint like `asin()`.
    public func acos() -> Ball {
        monotoneImage(increasing: false) { arb_acos($0, $1, $2) }
    }

    /// x^y = exp(y·log x); Arb evaluates exact small integer and half-integer
    /// exponents by repeated multiplication and square roots. Non-finite when
    /// x may be nonpositive and y is not an exact integer.
    public func pow(_ exponent: Ball) -> Ball {
        let result = Ball.binaryResult(self, exponent)
        arb_pow(result.pointer, pointer, exponent.pointer, result.precision)
        return result
    }

    /// x^n for an integer n by binary powering; non-finite when n < 0 and the
    /// ball contains 0.
    public func pow(_ exponent: Int) -> Ball {
        let result = Ball(zeroAtPrecision: precision)
        var power = fmpz()
        fmpz_init(&power)
        fmpz_set_si(&power, exponent)
        arb_pow_fmpz(result.pointer, pointer, &power, precision)
        fmpz_clear(&power)
        return result
    }

    /// The regularized incomplete beta function I_x(a, b) =
    /// B(x; a, b) / B(a, b), the CDF of the Beta(a, b) distribution at x.
    /// Uses Arb's `arb_hypgeom_beta_lower` with regularization; the result is
    /// computed at the largest precision of the three arguments.
    public static func regularizedIncompleteBeta(a: Ball, b: Ball, x: Ball) -> Ball {
        let result = Ball(zeroAtPrecision: Swift.max(a.precision, b.precision, x.precision))
        arb_hypgeom_beta_lower(result.pointer, a.pointer, b.pointer, x.pointer, 1, result.precision)
        return result
    }

    /// The image of the ball under a monotone function, from enclosures of the
    /// function at the ball's two endpoints.
    func monotoneImage(
        increasing: Bool,
        _ function: (UnsafeMutablePointer<arb_struct>, UnsafePointer<arb_struct>, Int) -> Void
    ) -> Ball {
        guard isFinite, !isExact else {
            return applying(function)
        }

        let lowerImage = Ball(zeroAtPrecision: precision)
        let upperImage = Ball(zeroAtPrecision: precision)
        withARF { endpoint in
            arb_get_lbound_arf(endpoint, pointer, precision)
            arb_set_arf(lowerImage.pointer, endpoint)
            arb_get_ubound_arf(endpoint, pointer, precision)
            arb_set_arf(upperImage.pointer, endpoint)
        }
        function(lowerImage.pointer, lowerImage.pointer, precision)
        function(upperImage.pointer, upperImage.pointer, precision)

        let (low, high) = increasing ? (lowerImage, upperImage) : (upperImage, lowerImage)
        guard low.isFinite, high.isFinite else {
            return Ball.indeterminate(precision: precision)
        }

        let result = Ball(zeroAtPrecision: precision)
        withARF { lowerFloat in
            withARF { upperFloat in
                arb_get_lbound_arf(lowerFloat, low.pointer, precision)
                arb_get_ubound_arf(upperFloat, high.pointer, precision)
                setInterval(result.pointer, lower: lowerFloat, upper: upperFloat, precision: precision)
            }
        }
        return result
    }

    /// The image of the ball under a monotone function. Arb's midpoint-radius
    /// result is kept when it has at least `looseAccuracyBits` bits of relative
    /// accuracy; otherwise the interval between the images of the two endpoints
    /// is used, which is also an enclosure. For a wide ball it is much tighter:
    /// Arb's exp of [69.5, 113.75] at 256 bits reaches down to −2.2·10⁴⁰, so a
    /// following log would be non-finite, while the endpoint images give
    /// [exp(69.5), exp(113.75)] with the lower end positive. Intersecting the
    /// two with `arb_intersection` does not help: a ball spanning twenty
    /// orders of magnitude cannot keep a positive lower end once its radius is
    /// rounded up. Thin balls keep Arb's result at no extra cost.
    func monotoneTightened(
        increasing: Bool,
        _ function: (UnsafeMutablePointer<arb_struct>, UnsafePointer<arb_struct>, Int) -> Void
    ) -> Ball {
        let direct = applying(function)
        guard isFinite, !isExact else {
            return direct
        }
        if direct.isFinite && arb_rel_accuracy_bits(direct.pointer) >= Ball.looseAccuracyBits {
            return direct
        }

        let endpoints = monotoneImage(increasing: increasing, function)
        return endpoints.isFinite ? endpoints : direct
    }

    /// Below this relative accuracy a monotone function also evaluates the endpoints.
    static let looseAccuracyBits = 20
}
