import CBaseline
import Enclosures
import Exact

/// B1: the 64×64 system A_ij = 1/(i+j+1) + 64·[i = j] (i, j from 0), b = all
/// ones, solved exactly (FLINT through RationalMatrix) and with a certified
/// ball solve at 256 bits, beside the same calls in C. The ball solution must
/// contain the exact one; that check runs outside the timed region.
struct TaskB1 {
    let size: Int
    let precision: Int

    func matrix() -> RationalMatrix {
        var a = RationalMatrix(rows: size, columns: size)
        for i in 0..<size {
            for j in 0..<size {
                a[i, j] = Rational(1, i + j + 1) + (i == j ? Rational(size) : Rational.zero)
            }
        }
        return a
    }

    func run(repeats: Int, python: String?) throws -> TaskReport {
        let ones = [Rational](repeating: Rational.one, count: size)
        let contenders: [Contender] = [
            Contender(name: "C FLINT fmpq_mat_solve (exact)") {
                precondition(cb_fmpq_b1_solve(size) == 1, "FLINT reported a singular B1 matrix")
            },
            Contender(name: "RationalMatrix.solve (exact)") {
                _ = try matrix().solve(ones)
            },
            Contender(name: "C Arb arb_mat_solve") {
                precondition(cb_arb_b1_solve(size, precision) == 1, "Arb could not certify B1")
            },
        ] + ballContenders(ones: ones)

        let timings = try measure(contenders, repeats: repeats)
        let anchors = pythonAnchorTimes(python: python, task: "b1", repeats: max(1, repeats / 2))
        let byName = Dictionary(uniqueKeysWithValues: timings.map { ($0.name, $0.median) })

        var report = TaskReport(
            id: "B1", title: "certified solve of a \(size)×\(size) rational system at \(precision) bits",
            timings: timings, anchors: anchors)
        report.addRatio("RationalMatrix.solve / C FLINT", byName["RationalMatrix.solve (exact)"]! / byName["C FLINT fmpq_mat_solve (exact)"]!, target: 1.2)
        if let ball = byName[ballSolveName] {
            report.addRatio("BallMatrix solve / C Arb", ball / byName["C Arb arb_mat_solve"]!, target: 1.2)
        }
        report.notes.append(contentsOf: try ballContainmentNotes(ones: ones))
        return report
    }
}
