import Enclosures
import Exact
import Testing

/// Special-function values from an independent implementation: mpmath 1.3.0
/// at 50 significant digits (`mp.dps = 50`), e.g. `mpmath.erfc(3)` and
/// `mpmath.betainc(0.5, 2.5, 0, 0.3, regularized=True)`. Each ball at 128 bits
/// (about 38 digits) must contain the 50-digit value and be narrow, so a wrong
/// function or a useless enclosure both fail.
@Suite("Ball special functions match mpmath")
struct BallReferenceValueTests {
    static let precision = 128
    static let maximumWidth = Rational(1).timesPowerOfTwo(-100)

    private func check(_ ball: Ball, _ reference: String, _ label: String) throws {
        let value = try Rational(parsing: reference)
        #expect(ball.contains(value), "\(label): \(ball) does not contain \(reference)")
        #expect(ball.upperBound - ball.lowerBound < Self.maximumWidth * value.magnitude, "\(label): \(ball) is too wide")
    }

    private func ball(_ text: String) throws -> Ball {
        try Ball(Rational(parsing: text), precision: Self.precision)
    }

    @Test("erfc(3) and erfc(10)")
    func complementaryErrorFunction() throws {
        try check(ball("3").erfc(), "0.00002209049699858544137277612958232037984770708739925", "erfc(3)")
        try check(ball("10").erfc(), "2.0884875837625447570007862949577886115608181193212e-45", "erfc(10)")
    }

    @Test("erf(1/2)")
    func errorFunction() throws {
        try check(ball("1/2").erf(), "0.52049987781304653768274665389196452873645157575796", "erf(1/2)")
    }

    @Test("I_0.3(1/2, 5/2)")
    func incompleteBeta() throws {
        let result = Ball.regularizedIncompleteBeta(a: try ball("1/2"), b: try ball("5/2"), x: try ball("0.3"))
        try check(result, "0.79688933627994505184019128114500849156358531877622", "I_0.3(1/2, 5/2)")
    }

    @Test("atan, acos, pow and log")
    func elementary() throws {
        try check(ball("1/3").atan(), "0.32175055439664219340140461435866131902075529555766", "atan(1/3)")
        try check(ball("-1/5").acos(), "1.7721542475852274106864472438573748523386227810898", "acos(-1/5)")
        try check(ball("3/2").pow(try ball("1/3")), "1.1447142425533318678080422119396770089159069207879", "(3/2)^(1/3)")
        try check(ball("10").log(), "2.3025850929940456840179914546843642076011014886288", "log(10)")
    }
}
