import Exact

/// Runs arithmetic, division, shifts, parsing and printing on multi-limb
/// integers, plus one caught division-by-zero error.
func bigIntIteration(_ iteration: Int) -> Int {
    let a = BigInt(iteration + 1).power(9) + BigInt(7)
    let b = (BigInt(iteration) << 70) - BigInt(12_345)
    var accumulator = a * b
    accumulator += a
    accumulator.addProduct(a, b)
    let (quotient, remainder) = try! accumulator.quotientAndRemainder(dividingBy: a)
    let parsed = try! BigInt(parsing: quotient.description)
    let gcd = BigInt.gcd(parsed, remainder)
    var errors = 0
    do {
        _ = try a.floorDivided(by: BigInt(0))
    } catch {
        errors += 1
    }
    return (parsed >> 3).bitWidth &+ gcd.bitWidth &+ (remainder.isOdd ? 1 : 0) &+ errors
}

/// Runs field operations, rounding, parsing and decimal printing on
/// rationals, plus caught division-by-zero and malformed-number errors.
func rationalIteration(_ iteration: Int) -> Int {
    let x = Rational(iteration + 1, 3) + Rational(-7, iteration + 2)
    let y = try! Rational(parsing: "0.\(iteration)e-5")
    var sum = x * x - y
    var scratch = Rational()
    sum.addProduct(x, y, scratch: &scratch)
    let ratio = try! sum.divided(by: x + Rational(1, 1_000_003))
    let text = ratio.decimalString(fractionDigits: 20, rounding: .up)
    let rounded = ratio.rounded(.toNearestOrEven)
    var errors = 0
    do {
        _ = try Rational(0).reciprocal()
    } catch {
        errors += 1
    }
    do {
        _ = try Rational(parsing: "1.2.\(iteration)")
    } catch {
        errors += 1
    }
    return text.utf8.count &+ rounded.bitWidth &+ ratio.denominator.bitWidth &+ errors
}

/// Runs every RationalMatrix operation on a 3×3 matrix, including a
/// copy-on-write subscript write, a caught singular solve and a caught shape mismatch.
func rationalMatrixIteration(_ iteration: Int) -> Int {
    let k = iteration % 17
    let matrix = try! RationalMatrix([
        [Rational(k + 2), Rational(1, 2), Rational(0)],
        [Rational(1, 2), Rational(-3), Rational(k, 5)],
        [Rational(0), Rational(k, 5), Rational(1)],
    ])
    var copy = matrix
    copy[2, 2] = Rational(iteration)
    let product = matrix * copy.transposed() + matrix.scaled(by: Rational(1, 3)) - copy
    let determinant = try! matrix.determinant()
    let solution = try! matrix.solve([Rational(1), Rational(2), Rational(3)])
    let inverse = try! matrix.inverse()
    let inertia = try! matrix.inertia()
    let polynomial = try! matrix.characteristicPolynomial()
    let singular = RationalMatrix(rows: 3, columns: 3)
    var errors = 0
    do {
        _ = try singular.solve(matrix)
    } catch {
        errors += 1
    }
    do {
        _ = try matrix.adding(RationalMatrix(rows: 2, columns: 3))
    } catch {
        errors += 1
    }
    return product.rank() &+ singular.nullspace().columnCount &+ determinant.signum &+ solution.count
        &+ inverse[0, 0].signum &+ inertia.positive &+ polynomial.count &+ matrix.entries.count &+ errors
}

/// Holder whose retain is never balanced in `leakOneBigInt`.
final class LeakedBox {
    let value: BigInt

    init(value: BigInt) {
        self.value = value
    }
}

/// Leaks one box holding a multi-limb BigInt: the positive control, which
/// valgrind must report as definitely lost (the box) and indirectly lost
/// (the BigInt's storage and limbs).
func leakOneBigInt(_ iteration: Int) {
    let box = LeakedBox(value: BigInt(iteration + 3).power(40))
    _ = Unmanaged.passRetained(box)
}
