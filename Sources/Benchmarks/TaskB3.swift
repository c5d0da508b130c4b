import CBaseline
import Enclosures
import Exact
import Multiprecision

/// B3: 10⁶ multiply-adds x ← x·c + d at 256 bits, x₀ = 1, c = 0.999999, d = 1/3,
/// through the public API (in place and with allocating operations) beside the
/// same loop in C over MPFR and Arb.
struct TaskB3 {
    let iterations: Int
    let precision: Int
    let fractionDigits = 30

    func run(repeats: Int, python: String?) throws -> TaskReport {
        let c = try Rational(parsing: "0.999999")
        let d = Rational(1, 3)
        let floatC = try BigFloat(c, precision: precision, rounding: .toNearest)
        let floatD = try BigFloat(d, precision: precision, rounding: .toNearest)
        let ballC = try Ball(c, precision: precision)
        let ballD = try Ball(d, precision: precision)

        var results: [String: String] = [:]
        let contenders: [Contender] = [
            Contender(name: "C MPFR mul + add") {
                results["C MPFR mul + add"] = cString(capacity: 128) {
                    cb_mpfr_multiply_add(iterations, precision, Int32(fractionDigits), $0, $1)
                }
            },
            Contender(name: "C MPFR fma") {
                results["C MPFR fma"] = cString(capacity: 128) {
                    cb_mpfr_fma(iterations, precision, Int32(fractionDigits), $0, $1)
                }
            },
            Contender(name: "BigFloat in place") {
                var x = try BigFloat(1, precision: precision, rounding: .toNearest)
                for _ in 0..<iterations {
                    try x.multiply(by: floatC, rounding: .toNearest)
                    try x.add(floatD, rounding: .toNearest)
                }
                results["BigFloat in place"] = x.exactRational.decimalString(fractionDigits: fractionDigits)
            },
            Contender(name: "BigFloat allocating") {
                var x = try BigFloat(1, precision: precision, rounding: .toNearest)
                for _ in 0..<iterations {
                    let product = try BigFloat.multiply(x, floatC, precision: precision, rounding: .toNearest)
                    x = try BigFloat.add(product, floatD, precision: precision, rounding: .toNearest)
                }
                results["BigFloat allocating"] = x.exactRational.decimalString(fractionDigits: fractionDigits)
            },
            Contender(name: "C Arb mul + add") {
                results["C Arb mul + add"] = cString(capacity: 128) {
                    cb_arb_multiply_add(iterations, precision, Int32(fractionDigits), $0, $1)
                }
            },
            Contender(name: "Ball in place") {
                var x = Ball(1, precision: precision)
                for _ in 0..<iterations {
                    x *= ballC
                    x += ballD
                }
                results["Ball in place"] = x.midpoint.decimalString(fractionDigits: fractionDigits)
            },
            Contender(name: "Ball operators") {
                var x = Ball(1, precision: precision)
                for _ in 0..<iterations {
                    x = x * ballC + ballD
                }
                results["Ball operators"] = x.midpoint.decimalString(fractionDigits: fractionDigits)
            },
            Contender(name: "Ball operators, consume x") {
                // `consume` ends x's lifetime at the product, so the product
                // reuses x's storage and the sum reuses the product's.
                var x = Ball(1, precision: precision)
                for _ in 0..<iterations {
                    x = (consume x) * ballC + ballD
                }
                results["Ball operators, consume x"] = x.midpoint.decimalString(fractionDigits: fractionDigits)
            },
            Contender(name: "BigFloat allocating, consume x") {
                var x = try BigFloat(1, precision: precision, rounding: .toNearest)
                for _ in 0..<iterations {
                    let product = try BigFloat.multiply(consume x, floatC, precision: precision, rounding: .toNearest)
                    x = try BigFloat.add(product, floatD, precision: precision, rounding: .toNearest)
                }
                results["BigFloat allocating, consume x"] = x.exactRational.decimalString(fractionDigits: fractionDigits)
            },
        ]

        let timings = try measure(contenders, repeats: repeats)
        let anchors = pythonAnchorTimes(python: python, task: "b3", repeats: max(1, repeats / 2))
        let byName = Dictionary(uniqueKeysWithValues: timings.map { ($0.name, $0.median) })

        var report = TaskReport(
            id: "B3",
            title: "\(iterations) multiply-adds x ← x·c + d at \(precision) bits",
            timings: timings, anchors: anchors)
        report.addRatio("BigFloat in place / C MPFR mul + add", byName["BigFloat in place"]! / byName["C MPFR mul + add"]!, target: 1.05)
        report.addRatio("BigFloat allocating / C MPFR mul + add", byName["BigFloat allocating"]! / byName["C MPFR mul + add"]!, target: 1.5)
        report.addRatio("Ball in place / C Arb mul + add", byName["Ball in place"]! / byName["C Arb mul + add"]!, target: 1.05)
        report.addRatio("Ball operators / C Arb mul + add", byName["Ball operators"]! / byName["C Arb mul + add"]!, target: 1.5)
        report.addRatio("Ball operators, consume x / C Arb mul + add", byName["Ball operators, consume x"]! / byName["C Arb mul + add"]!, target: 1.5)
        report.addRatio("BigFloat allocating, consume x / C MPFR mul + add", byName["BigFloat allocating, consume x"]! / byName["C MPFR mul + add"]!, target: 1.5)
        if let mpmath = anchors["mpmath"] ?? nil {
            report.addRatio("mpmath / BigFloat in place", mpmath / byName["BigFloat in place"]!, target: 15, atLeast: true)
        }

        let mpfrDigits = Set(["C MPFR mul + add", "BigFloat in place", "BigFloat allocating", "BigFloat allocating, consume x"].compactMap { results[$0] })
        let arbDigits = Set(["C Arb mul + add", "Ball in place", "Ball operators", "Ball operators, consume x"].compactMap { results[$0] })
        report.notes.append("MPFR results agree to \(fractionDigits) decimals: \(mpfrDigits.count == 1 ? "yes" : "NO") (\(mpfrDigits.sorted().joined(separator: " | ")))")
        report.notes.append("Arb midpoints agree to \(fractionDigits) decimals: \(arbDigits.count == 1 ? "yes" : "NO") (\(arbDigits.sorted().joined(separator: " | ")))")
        return report
    }
}

/// Calls a C function that writes a NUL-terminated string into a buffer.
func cString(capacity: Int, _ body: (UnsafeMutablePointer<CChar>, Int) -> Void) -> String {
    var buffer = [CChar](repeating: 0, count: capacity)
    buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, capacity) }
    let length = buffer.firstIndex(of: 0) ?? buffer.count
    return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
