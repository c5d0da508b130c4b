import Enclosures
import Exact

extension TaskB1 {
    var ballSolveName: String { "BallMatrix.solve" }

    func ballContenders(ones: [Rational]) -> [Contender] {
        [
            Contender(name: ballSolveName) {
                let a = try BallMatrix(matrix(), precision: precision)
                let b = ones.map { _ in Ball(1, precision: precision) }
                guard try a.solve(b).isDecided else {
                    throw NumericError.singularMatrix(operation: "B1 ball solve at \(precision) bits")
                }
            },
        ]
    }

    /// Checks outside the timed region that the certified ball solution contains
    /// the exact rational one, and runs B1-hard: the 16×16 Hilbert matrix with
    /// precision doubled from 64 bits until the solve certifies.
    func ballContainmentNotes(ones: [Rational]) throws -> [String] {
        let exact = try matrix().solve(ones)
        let ball = try BallMatrix(matrix(), precision: precision).solve(ones.map { _ in Ball(1, precision: precision) })
        guard let enclosure = ball.value else {
            return ["the ball solve did not certify at \(precision) bits"]
        }
        let contained = zip(enclosure, exact).allSatisfy { $0.contains($1) }
        var notes = ["ball solution contains the exact ℚ solution in every coordinate: \(contained ? "yes" : "NO")"]

        var hilbert = RationalMatrix(rows: 16, columns: 16)
        for i in 0..<16 {
            for j in 0..<16 {
                hilbert[i, j] = Rational(1, i + j + 1)
            }
        }
        let hilbertOnes = [Rational](repeating: Rational.one, count: 16)
        let hilbertExact = try hilbert.solve(hilbertOnes)
        var bits = 64
        while bits <= 4096 {
            let solution = try BallMatrix(hilbert, precision: bits).solve(hilbertOnes.map { _ in Ball(1, precision: bits) })
            if let solution = solution.value {
                let inside = zip(solution, hilbertExact).allSatisfy { $0.contains($1) }
                notes.append("B1-hard (16×16 Hilbert): first certified at \(bits) bits (doubling from 64); exact solution contained: \(inside ? "yes" : "NO")")
                return notes
            }
            bits *= 2
        }
        notes.append("B1-hard (16×16 Hilbert): not certified up to 4096 bits")
        return notes
    }
}
