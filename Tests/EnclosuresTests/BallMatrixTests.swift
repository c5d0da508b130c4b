import Enclosures
import Exact
import Testing

@Suite("BallMatrix certified solve")
struct BallMatrixSolveTests {
    /// A matrix that is singular over ℚ has no inverse, so a certificate of
    /// invertibility would be false at any precision.
    @Test("singular matrix is never certified")
    func singularNeverCertified() throws {
        var generator = SplitMix64(seed: 0xD001)
        for index in 0..<200 {
            let n = 2 + index % 5
            var rows = (0..<(n - 1)).map { _ in (0..<n).map { _ in generator.smallRational() } }
            // The last row is a rational combination of two others.
            let factor = generator.smallRational()
            rows.append((0..<n).map { rows[0][$0] + factor * rows[n > 2 ? 1 : 0][$0] })
            let matrix = try RationalMatrix(rows)
            try #require(matrix.rank() < n)
            let rhs = (0..<n).map { _ in generator.smallRational() }
            for precision in [53, 128, 512] {
                let balls = try BallMatrix(matrix, precision: precision)
                let rhsBalls = try rhs.map { try Ball($0, precision: precision) }
                #expect(!(try balls.solve(rhsBalls)).isDecided, "seed \(generator.seed) case \(index) at \(precision) bits")
                #expect(!(try balls.inverse()).isDecided, "seed \(generator.seed) case \(index) at \(precision) bits")
            }
        }
    }

    /// The exact solution from `RationalMatrix.solve` must lie in the ball
    /// solution whenever the solve certifies, and a well-conditioned random
    /// matrix certifies by 256 bits.
    @Test("exact solution lies in the certified ball")
    func exactSolutionContained() throws {
        var generator = SplitMix64(seed: 0xD002)
        var certifiedCount = 0
        for index in 0..<200 {
            let n = 1 + index % 6
            let rows = (0..<n).map { _ in (0..<n).map { _ in generator.smallRational() } }
            let matrix = try RationalMatrix(rows)
            guard matrix.rank() == n else {
                continue
            }
            let rhs = (0..<n).map { _ in generator.smallRational() }
            let exact = try matrix.solve(rhs)
            let outcome = try escalatePrecision(start: 32, cap: 256) { precision in
                try BallMatrix(matrix, precision: precision).solve(rhs.map { try Ball($0, precision: precision) })
            }
            guard let solution = outcome.result.value else {
                Issue.record("seed \(generator.seed) case \(index): not certified by 256 bits")
                continue
            }
            certifiedCount += 1
            for k in 0..<n {
                #expect(solution[k].contains(exact[k]), "seed \(generator.seed) case \(index) entry \(k)")
            }
        }
        #expect(certifiedCount > 150)
    }

    /// The 16×16 Hilbert matrix H_ij = 1/(i + j + 1) has 2-norm condition
    /// number 2.02e22 (ratio of its extreme eigenvalues, computed with mpmath
    /// 1.3.0 `eigsy` at 80 digits). That exceeds 2^64 ≈ 1.8e19, so the solve
    /// cannot certify at 64 bits and must certify after doubling.
    @Test("16x16 Hilbert matrix certifies after escalation")
    func hilbertSixteen() throws {
        let n = 16
        let hilbert = try RationalMatrix((0..<n).map { i in (0..<n).map { j in Rational(1, i + j + 1) } })
        let ones = [Rational](repeating: 1, count: n)
        let exact = try hilbert.solve(ones)

        let outcome = try escalatePrecision(start: 64, cap: 4096) { precision in
            try BallMatrix(hilbert, precision: precision).solve(ones.map { try Ball($0, precision: precision) })
        }
        #expect(outcome.isDecided)
        #expect(outcome.attemptedPrecisions.first == 64)
        #expect(outcome.attemptedPrecisions.count > 1, "64 bits cannot certify a matrix with condition number 2e22")
        let solution = try #require(outcome.result.value)
        for k in 0..<n {
            #expect(solution[k].contains(exact[k]), "entry \(k) at \(outcome.precision) bits")
        }
    }

    @Test("shape errors throw")
    func shapeErrors() throws {
        let rectangular = try BallMatrix(rows: 2, columns: 3, precision: 64)
        #expect(throws: NumericError.self) { try rectangular.solve([Ball(1, precision: 64), Ball(2, precision: 64)]) }
        #expect(throws: NumericError.self) { try rectangular.determinant() }
        let square = try BallMatrix.identity(2, precision: 64)
        #expect(throws: NumericError.self) { try square.solve([Ball(1, precision: 64)]) }
        #expect(throws: NumericError.self) { try BallMatrix([[Ball(1, precision: 64)], []], precision: 64) }
    }
}

@Suite("BallMatrix definiteness")
struct BallMatrixDefinitenessTests {
    static let precision = 128

    private func matrix(_ rows: [[String]], radius: Rational = 0) throws -> BallMatrix {
        let balls = try rows.map { row in
            try row.map { try Ball(midpoint: Rational(parsing: $0), radius: radius, precision: Self.precision) }
        }
        return try BallMatrix(balls, precision: Self.precision)
    }

    /// Leading principal minors 0, 0, 0, eigenvalues −1, 0, 3: not PSD,
    /// although a test by leading minors alone would call it PSD.
    @Test("zero leading minors but indefinite")
    func indefiniteWithZeroMinors() throws {
        let exact = try matrix([["0", "0", "0"], ["0", "1", "2"], ["0", "2", "1"]])
        #expect(try exact.isPositiveSemidefinite() == .false)
        #expect(try exact.isPositiveDefinite() == .false)

        let blurred = try matrix([["0", "0", "0"], ["0", "1", "2"], ["0", "2", "1"]], radius: Rational(1).timesPowerOfTwo(-100))
        #expect(try blurred.isPositiveSemidefinite() == .false)
        #expect(try blurred.isPositiveDefinite() == .false)
    }

    /// diag(0, b, b) with b = [0 ± 0.1] contains PSD matrices (b ≥ 0) and
    /// indefinite ones (b < 0), so PSD is undecided; none is definite,
    /// because e₁ᵀAe₁ = 0.
    @Test("diag(0, b, b) is undecided")
    func straddlingDiagonal() throws {
        let zero = Ball(0, precision: Self.precision)
        let b = try Ball(midpoint: 0, radius: Rational(1, 10), precision: Self.precision)
        let diagonal = try BallMatrix([[zero, zero, zero], [zero, b, zero], [zero, zero, b]], precision: Self.precision)
        #expect(try diagonal.isPositiveSemidefinite() == .undecided)
        #expect(try diagonal.isPositiveDefinite() == .false)
    }

    @Test("positive definite with radius")
    func positiveDefiniteBall() throws {
        let spd = try matrix([["4", "1", "0"], ["1", "3", "1"], ["0", "1", "2"]], radius: Rational(1, 1000))
        #expect(try spd.isPositiveDefinite() == .true)
        #expect(try spd.isPositiveSemidefinite() == .true)
        let negative = try matrix([["-1", "0"], ["0", "2"]], radius: Rational(1, 1000))
        #expect(try negative.isPositiveSemidefinite() == .false)
        #expect(try negative.isPositiveDefinite() == .false)
    }

    @Test("exact singular PSD is decided exactly")
    func exactSingular() throws {
        let singular = try matrix([["1", "1"], ["1", "1"]])
        #expect(try singular.isPositiveSemidefinite() == .true)
        #expect(try singular.isPositiveDefinite() == .false)
    }

    @Test("non-symmetric matrix throws")
    func nonSymmetricThrows() throws {
        let skew = try matrix([["1", "2"], ["3", "1"]])
        #expect(throws: NumericError.self) { try skew.isPositiveSemidefinite() }
        #expect(throws: NumericError.self) { try skew.symmetricEigenvalues() }
    }
}

@Suite("BallMatrix eigenvalues and exponential")
struct BallMatrixEigenvalueTests {
    static let precision = 128

    @Test("indefinite example has eigenvalues -1, 0, 3")
    func indefiniteExample() throws {
        let exact = try RationalMatrix([[0, 0, 0], [0, 1, 2], [0, 2, 1]].map { $0.map { Rational($0) } })
        let eigenvalues = try #require(try BallMatrix(exact, precision: Self.precision).symmetricEigenvalues().value)
        try #require(eigenvalues.count == 3)
        #expect(eigenvalues[0].contains(Rational(-1)))
        #expect(eigenvalues[1].contains(Rational(0)))
        #expect(eigenvalues[2].contains(Rational(3)))
        #expect(eigenvalues[0].isNegative == .true)
        #expect(eigenvalues[2].isPositive == .true)
    }

    /// A = H·D·H with the rational Householder reflection H = I − 2vvᵀ/(vᵀv)
    /// is symmetric with exactly the eigenvalues in D, repeated ones included.
    @Test("random similar matrices keep their eigenvalues")
    func householderSimilarity() throws {
        var generator = SplitMix64(seed: 0xE001)
        for index in 0..<60 {
            let n = 2 + index % 5
            var diagonal = (0..<n).map { _ in generator.smallRational() }
            if index % 3 == 0 {
                diagonal[1] = diagonal[0]
            }
            let v = (0..<n).map { _ in generator.smallRational() + Rational(1, 7) }
            let vv = v.reduce(Rational(0)) { $0 + $1 * $1 }
            let householder = try RationalMatrix((0..<n).map { i in
                (0..<n).map { j in (i == j ? Rational(1) : Rational(0)) - Rational(2) * v[i] * v[j] / vv }
            })
            var d = RationalMatrix(rows: n, columns: n)
            for k in 0..<n {
                d[k, k] = diagonal[k]
            }
            let a = householder * d * householder
            try #require(a.isSymmetric)

            let outcome = try BallMatrix(a, precision: Self.precision).symmetricEigenvalues()
            guard let eigenvalues = outcome.value else {
                Issue.record("seed \(generator.seed) case \(index): eigenvalues not certified \(diagonal)")
                continue
            }
            let sortedDiagonal = diagonal.sorted()
            for k in 0..<n {
                #expect(eigenvalues[k].contains(sortedDiagonal[k]), "seed \(generator.seed) case \(index) eigenvalue \(k)")
            }
        }
    }

    /// diag(0, b, b) with b = [0 ± 0.1] has eigenvalues 0, b, b for each
    /// choice of b, so every enclosure must reach both −0.1 and 0.1 and the
    /// three must come back as one cluster.
    @Test("cluster of diag(0, b, b)")
    func straddlingCluster() throws {
        let zero = Ball(0, precision: Self.precision)
        let b = try Ball(midpoint: 0, radius: Rational(1, 10), precision: Self.precision)
        let diagonal = try BallMatrix([[zero, zero, zero], [zero, b, zero], [zero, zero, b]], precision: Self.precision)
        let eigenvalues = try #require(try diagonal.symmetricEigenvalues().value)
        try #require(eigenvalues.count == 3)
        for eigenvalue in eigenvalues {
            #expect(eigenvalue.contains(Rational(-1, 10)))
            #expect(eigenvalue.contains(Rational(1, 10)))
            #expect(eigenvalue.isNonnegative == .undecided)
        }
    }

    @Test("exponential of a nilpotent matrix is exact")
    func nilpotentExponential() throws {
        // exp([[0, 1], [0, 0]]) = I + N = [[1, 1], [0, 1]] because N² = 0.
        let nilpotent = try RationalMatrix([[0, 1], [0, 0]].map { $0.map { Rational($0) } })
        let expected = try RationalMatrix([[1, 1], [0, 1]].map { $0.map { Rational($0) } })
        let result = try BallMatrix(nilpotent, precision: 64).exponential()
        #expect(result.contains(expected))
    }

    @Test("exp(A) exp(-A) contains the identity")
    func exponentialInverse() throws {
        var generator = SplitMix64(seed: 0xE002)
        for index in 0..<50 {
            let n = 1 + index % 4
            let rows = (0..<n).map { _ in (0..<n).map { _ in generator.smallRational() } }
            let a = try BallMatrix(RationalMatrix(rows), precision: 128)
            let product = try a.exponential() * (-a).exponential()
            #expect(product.contains(RationalMatrix.identity(n)), "seed \(generator.seed) case \(index)")
        }
    }

    @Test("exponential of a diagonal matrix")
    func diagonalExponential() throws {
        let diagonal = try RationalMatrix([[1, 0], [0, -2]].map { $0.map { Rational($0) } })
        let result = try BallMatrix(diagonal, precision: 128).exponential()
        // e = 2.718281828459045235…, e^-2 = 0.135335283236612691…
        #expect(result[0, 0].greaterThan(try Rational(parsing: "2.718281828459045235")) == .true)
        #expect(result[0, 0].lessThan(try Rational(parsing: "2.718281828459045236")) == .true)
        #expect(result[1, 1].greaterThan(try Rational(parsing: "0.135335283236612691")) == .true)
        #expect(result[1, 1].lessThan(try Rational(parsing: "0.135335283236612692")) == .true)
        #expect(result[0, 1].contains(Rational(0)))
    }
}

extension SplitMix64 {
    /// A rational p/q with |p| ≤ 20 and 1 ≤ q ≤ 9.
    mutating func smallRational() -> Rational {
        Rational(Int.random(in: -20...20, using: &self), Int.random(in: 1...9, using: &self))
    }
}
