import Exact
import Testing

@Suite("RationalMatrix basics")
struct RationalMatrixBasicTests {
    @Test("entries round-trip through FLINT")
    func entriesRoundTrip() throws {
        let rows: [[Rational]] = [
            [Rational(1, 3), Rational(-7, 2), try Rational(parsing: "123456789012345678901234567891/2")],
            [Rational(0), Rational(5), try Rational(parsing: "-0.125")],
        ]
        let matrix = try RationalMatrix(rows)
        #expect(matrix.rowCount == 2)
        #expect(matrix.columnCount == 3)
        #expect(matrix.entries == rows)
        #expect(matrix[0, 2] == rows[0][2])
        #expect(matrix.description == "[[1/3, -7/2, 123456789012345678901234567891/2], [0, 5, -1/8]]")
    }

    @Test("subscript write copies shared storage")
    func copyOnWrite() throws {
        let original = try RationalMatrix([[Rational(1), Rational(2)], [Rational(3), Rational(4)]])
        var changed = original
        changed[1, 0] = Rational(-5, 6)
        #expect(original[1, 0] == Rational(3))
        #expect(changed[1, 0] == Rational(-5, 6))
        #expect(original != changed)
    }

    @Test("identity and zero matrices")
    func identityAndZero() {
        #expect(RationalMatrix.identity(3).entries == identityRows(3))
        let zero = RationalMatrix(rows: 2, columns: 4)
        #expect(zero.entries == Array(repeating: Array(repeating: Rational(0), count: 4), count: 2))
        #expect(RationalMatrix(rows: 0, columns: 0).entries.isEmpty)
    }

    @Test("ragged rows throw dimensionMismatch")
    func raggedRows() {
        #expect(throws: NumericError.self) {
            try RationalMatrix([[Rational(1), Rational(2)], [Rational(3)]])
        }
        do {
            _ = try RationalMatrix([[Rational(1)], [Rational(2), Rational(3)]])
            Issue.record("ragged rows were accepted")
        } catch let error as NumericError {
            guard case .dimensionMismatch = error else {
                Issue.record("expected dimensionMismatch, got \(error)")
                return
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("equality compares shapes first")
    func equalityShapes() throws {
        #expect(RationalMatrix(rows: 2, columns: 3) != RationalMatrix(rows: 3, columns: 2))
        #expect(RationalMatrix(rows: 0, columns: 3) != RationalMatrix(rows: 0, columns: 2))
        #expect(RationalMatrix.identity(2) == RationalMatrix.identity(2))
        #expect(RationalMatrix.identity(2).hashValue == (try RationalMatrix(identityRows(2))).hashValue)
    }

    @Test("symmetry check")
    func symmetry() throws {
        #expect(try RationalMatrix([[Rational(1), Rational(2)], [Rational(2), Rational(1)]]).isSymmetric)
        #expect(!(try RationalMatrix([[Rational(1), Rational(2)], [Rational(3), Rational(1)]])).isSymmetric)
        #expect(!RationalMatrix(rows: 2, columns: 3).isSymmetric)
    }
}

@Suite("RationalMatrix arithmetic")
struct RationalMatrixArithmeticTests {
    @Test("products match the definition")
    func productsMatchDefinition() throws {
        let seed: UInt64 = 0x5EED_0001
        var generator = SplitMix64(seed: seed)
        for trial in 0..<200 {
            // Rows as [[Rational]] cannot express a 0×k matrix, so m, k ≥ 1.
            let m = Int.random(in: 1...5, using: &generator)
            let k = Int.random(in: 1...5, using: &generator)
            let n = Int.random(in: 0...5, using: &generator)
            let a = randomFractionRows(rows: m, columns: k, using: &generator)
            let b = randomFractionRows(rows: k, columns: n, using: &generator)
            let x = randomFractionRows(rows: 1, columns: k, using: &generator).first ?? []
            let product = try RationalMatrix(a) * RationalMatrix(b)
            #expect(product.rowCount == m, "seed \(seed), trial \(trial)")
            #expect(product.columnCount == n, "seed \(seed), trial \(trial)")
            #expect(product.entries == referenceProduct(a, b), "seed \(seed), trial \(trial)")
            #expect(try RationalMatrix(a).multiply(x) == referenceProduct(a, x), "seed \(seed), trial \(trial)")
        }
    }

    @Test("sums, differences, scaling and transpose")
    func entrywise() throws {
        let a: [[Rational]] = [[Rational(1, 2), Rational(-3)], [Rational(0), Rational(7, 5)]]
        let b: [[Rational]] = [[Rational(1, 3), Rational(1)], [Rational(-2), Rational(1, 5)]]
        let ma = try RationalMatrix(a)
        let mb = try RationalMatrix(b)
        #expect((ma + mb).entries == [[Rational(5, 6), Rational(-2)], [Rational(-2), Rational(8, 5)]])
        #expect((ma - mb).entries == [[Rational(1, 6), Rational(-4)], [Rational(2), Rational(6, 5)]])
        #expect((-ma).entries == [[Rational(-1, 2), Rational(3)], [Rational(0), Rational(-7, 5)]])
        #expect(ma.scaled(by: Rational(-2, 3)).entries == [[Rational(-1, 3), Rational(2)], [Rational(0), Rational(-14, 15)]])
        #expect(ma.transposed().entries == [[Rational(1, 2), Rational(0)], [Rational(-3), Rational(7, 5)]])
        let wide = RationalMatrix(rows: 2, columns: 3)
        #expect(wide.transposed().rowCount == 3)
    }

    @Test("shape mismatches throw dimensionMismatch")
    func shapeMismatches() throws {
        let a = RationalMatrix(rows: 2, columns: 3)
        let b = RationalMatrix(rows: 3, columns: 2)
        let square = RationalMatrix.identity(2)
        expectDimensionMismatch { _ = try a.adding(b) }
        expectDimensionMismatch { _ = try a.subtracting(b) }
        expectDimensionMismatch { _ = try a.multiplied(by: a) }
        expectDimensionMismatch { _ = try a.multiplied(by: [Rational(1), Rational(2)]) }
        expectDimensionMismatch { _ = try a.determinant() }
        expectDimensionMismatch { _ = try a.inverse() }
        expectDimensionMismatch { _ = try a.solve([Rational(1), Rational(2)]) }
        expectDimensionMismatch { _ = try square.solve([Rational(1), Rational(2), Rational(3)]) }
        expectDimensionMismatch { _ = try square.solve(RationalMatrix(rows: 3, columns: 1)) }
        expectDimensionMismatch { _ = try a.inertia() }
        expectDimensionMismatch { _ = try a.isPositiveSemidefinite() }
        expectDimensionMismatch { _ = try a.characteristicPolynomial() }
        #expect(try a.multiplied(by: b).rowCount == 2)
    }
}

@Suite("RationalMatrix determinant")
struct RationalMatrixDeterminantTests {
    @Test("determinant matches cofactor expansion")
    func cofactor() throws {
        let seed: UInt64 = 0x5EED_0002
        var generator = SplitMix64(seed: seed)
        for trial in 0..<300 {
            let n = Int.random(in: 0...6, using: &generator)
            let rows = trial % 2 == 0
                ? randomIntegerRows(rows: n, columns: n, in: -20...20, using: &generator)
                : randomFractionRows(rows: n, columns: n, using: &generator)
            let expected = cofactorDeterminant(rows)
            #expect(try RationalMatrix(rows).determinant() == expected, "seed \(seed), trial \(trial), n = \(n)")
        }
    }

    /// det H_n = c_n⁴ / c_{2n} with c_n = ∏_{i<n} i! is the closed form for the
    /// Hilbert matrix H_n[i, j] = 1/(i + j + 1); for n = 3 it gives 2⁴/34560 = 1/2160.
    @Test("Hilbert determinants match the closed form", arguments: [1, 2, 3, 5, 8, 12, 20])
    func hilbert(n: Int) throws {
        func superfactorial(_ count: Int) -> BigInt {
            var product = BigInt(1)
            var factorial = BigInt(1)
            for i in 0..<count {
                if i > 0 { factorial *= BigInt(i) }
                product *= factorial
            }
            return product
        }
        let hilbert = try RationalMatrix((0..<n).map { i in (0..<n).map { j in Rational(1, i + j + 1) } })
        let expected = try Rational(superfactorial(n).power(4), superfactorial(2 * n))
        #expect(try hilbert.determinant() == expected)
        if n == 3 {
            #expect(try hilbert.determinant() == Rational(1, 2160))
        }
    }
}

@Suite("RationalMatrix solve and inverse")
struct RationalMatrixSolveTests {
    @Test("solutions satisfy A·x = b")
    func solveChecksByMultiplication() throws {
        let seed: UInt64 = 0x5EED_0003
        var generator = SplitMix64(seed: seed)
        var solved = 0
        for trial in 0..<300 {
            let n = Int.random(in: 1...7, using: &generator)
            let a = randomFractionRows(rows: n, columns: n, using: &generator)
            let b = randomFractionRows(rows: 1, columns: n, using: &generator)[0]
            let matrix = try RationalMatrix(a)
            if cofactorDeterminant(a).isZero {
                #expect(throws: NumericError.singularMatrix(operation: "RationalMatrix.solve")) { try matrix.solve(b) }
                continue
            }
            let x = try matrix.solve(b)
            #expect(referenceProduct(a, x) == b, "seed \(seed), trial \(trial)")

            let rhs = randomFractionRows(rows: n, columns: 2, using: &generator)
            let solution = try matrix.solve(RationalMatrix(rhs))
            #expect(referenceProduct(a, solution.entries) == rhs, "seed \(seed), trial \(trial)")
            solved += 1
        }
        #expect(solved > 250, "seed \(seed): too few nonsingular systems to be a meaningful test")
    }

    @Test("inverse times matrix is the identity")
    func inverse() throws {
        let seed: UInt64 = 0x5EED_0004
        var generator = SplitMix64(seed: seed)
        for trial in 0..<200 {
            let n = Int.random(in: 0...6, using: &generator)
            let a = randomIntegerRows(rows: n, columns: n, in: -9...9, using: &generator)
            guard !cofactorDeterminant(a).isZero else { continue }
            let inverse = try RationalMatrix(a).inverse()
            #expect(referenceProduct(a, inverse.entries) == identityRows(n), "seed \(seed), trial \(trial)")
            #expect(referenceProduct(inverse.entries, a) == identityRows(n), "seed \(seed), trial \(trial)")
        }
    }

    @Test("singular matrices throw singularMatrix")
    func singular() throws {
        // The third row is the sum of the first two.
        let a = try RationalMatrix([
            [Rational(1), Rational(2), Rational(3)],
            [Rational(4), Rational(5), Rational(6)],
            [Rational(5), Rational(7), Rational(9)],
        ])
        #expect(try a.determinant() == Rational(0))
        #expect(throws: NumericError.singularMatrix(operation: "RationalMatrix.solve")) {
            try a.solve([Rational(1), Rational(1), Rational(1)])
        }
        #expect(throws: NumericError.singularMatrix(operation: "RationalMatrix.inverse")) { try a.inverse() }
        #expect(throws: NumericError.singularMatrix(operation: "RationalMatrix.inverse")) {
            try RationalMatrix(rows: 2, columns: 2).inverse()
        }
    }

    @Test("nearly singular matrix still solves exactly")
    func nearlySingular() throws {
        // det = 10⁻³⁰, far below any binary64 tolerance, but exactly nonzero.
        let epsilon = try Rational(parsing: "1e-30")
        let a = try RationalMatrix([[Rational(1), Rational(1)], [Rational(1), Rational(1) + epsilon]])
        #expect(try a.determinant() == epsilon)
        let x = try a.solve([Rational(2), Rational(2) + epsilon])
        #expect(x == [Rational(1), Rational(1)])
    }
}

@Suite("RationalMatrix rank and nullspace")
struct RationalMatrixNullspaceTests {
    @Test("nullspace basis on random matrices")
    func nullspaceRandom() throws {
        let seed: UInt64 = 0x5EED_0005
        var generator = SplitMix64(seed: seed)
        for trial in 0..<300 {
            let m = Int.random(in: 1...6, using: &generator)
            let n = Int.random(in: 1...6, using: &generator)
            let k = Int.random(in: 0...min(m, n), using: &generator)
            // A product of an m×k and a k×n matrix has rank ≤ k.
            let left = randomIntegerRows(rows: m, columns: k, in: -3...3, using: &generator)
            let right = randomIntegerRows(rows: k, columns: n, in: -3...3, using: &generator)
            let a = k == 0 ? Array(repeating: Array(repeating: Rational(0), count: n), count: m) : referenceProduct(left, right)
            let matrix = try RationalMatrix(a)
            let rank = matrix.rank()
            let basis = matrix.nullspace()
            let context = "seed \(seed), trial \(trial), A = \(matrix)"

            #expect(rank <= k, "\(context)")
            #expect(basis.rowCount == n, "\(context)")
            #expect(rank + basis.columnCount == n, "\(context)")
            #expect(basis.rank() == basis.columnCount, "\(context): basis columns are dependent")
            if basis.columnCount > 0 {
                let zero = Array(repeating: Array(repeating: Rational(0), count: basis.columnCount), count: m)
                #expect(referenceProduct(a, basis.entries) == zero, "\(context)")
            }
            #expect(rank == matrix.transposed().rank(), "\(context): row rank differs from column rank")
        }
    }

    @Test("rank of known matrices")
    func knownRanks() throws {
        #expect(RationalMatrix(rows: 3, columns: 4).rank() == 0)
        #expect(RationalMatrix.identity(5).rank() == 5)
        let rankTwo = try RationalMatrix([
            [Rational(1), Rational(2), Rational(3)],
            [Rational(4), Rational(5), Rational(6)],
            [Rational(5), Rational(7), Rational(9)],
        ])
        #expect(rankTwo.rank() == 2)
        // x = (1, −2, 1) spans the nullspace: 1 − 4 + 3 = 0 and 4 − 10 + 6 = 0.
        let basis = rankTwo.nullspace()
        #expect(basis.columnCount == 1)
        #expect(basis[0, 0] * Rational(-2) == basis[1, 0])
        #expect(basis[2, 0] == basis[0, 0])
        #expect(!basis[0, 0].isZero)
    }
}

private func expectDimensionMismatch(
    _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        try body()
        Issue.record("expected NumericError.dimensionMismatch, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as NumericError {
        if case .dimensionMismatch = error { return }
        Issue.record("expected dimensionMismatch, got \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected NumericError.dimensionMismatch, got \(error)", sourceLocation: sourceLocation)
    }
}
