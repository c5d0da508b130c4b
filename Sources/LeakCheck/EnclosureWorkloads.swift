import Enclosures
import Exact
import Multiprecision

/// Runs correctly rounded MPFR arithmetic and functions at 256 bits, with
/// temporaries reused in place and allocated afresh, plus one caught error.
func bigFloatIteration(_ iteration: Int) -> Int {
    let x = try! BigFloat(Rational(iteration + 1, 7), precision: 256, rounding: .down)
    let y = try! BigFloat(Rational(-3, iteration + 2), precision: 256, rounding: .up)
    var accumulator = try! BigFloat.multiply(x, y, precision: 256, rounding: .toNearest)
    try! accumulator.add(x, rounding: .up)
    accumulator = try! BigFloat.add(accumulator, y, precision: 192, rounding: .down)
    let root = try! x.sqrt(precision: 256, rounding: .down)
    let logarithm = try! root.exp(precision: 128, rounding: .up).log(precision: 128, rounding: .down)
    var errors = 0
    do {
        _ = try BigFloat.divide(x, BigFloat(0, precision: 64, rounding: .toNearest), precision: 64, rounding: .down)
    } catch {
        errors += 1
    }
    return accumulator.signum &+ logarithm.signum &+ errors &+ accumulator.description.count
}

/// Runs ball arithmetic, transcendental functions, endpoint conversion,
/// outward printing and a certified 4×4 solve.
func ballIteration(_ iteration: Int) -> Int {
    // Bounded arguments: the workload measures memory, not range.
    let x = try! Ball(Rational(iteration % 97 + 1, 11), precision: 256)
    let y = try! Ball(lower: Rational(1, 3), upper: Rational(1, 2), precision: 128)
    var accumulator = x * y + x
    accumulator *= y
    accumulator.addProduct(x, y)
    let functions = accumulator.exp().log() + x.sin() * x.cos() + x.atan() + y.erfc() + y.acos()
    let text = functions.formatted(significantDigits: 15)
    let bounds = functions.isFinite ? functions.upperBound - functions.lowerBound : Rational.zero

    var matrix = RationalMatrix(rows: 4, columns: 4)
    for i in 0..<4 {
        for j in 0..<4 {
            matrix[i, j] = Rational(1, i + j + 1 + iteration % 3)
        }
    }
    let solved = try! BallMatrix(matrix, precision: 128).solve([x, y, x, y])
    return text.count &+ bounds.signum &+ (solved.isDecided ? 1 : 0)
}
