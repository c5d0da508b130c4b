import Exact

/// Exact sparse Gaussian elimination for square systems A·x = b whose rows are strictly
/// diagonally dominant, such as A = I − γP_π with γ < 1.
///
/// Strict row diagonal dominance survives every elimination step, so the natural pivot order
/// never meets a zero pivot and no row exchanges are needed. The factorisation is computed row
/// by row ("up-looking"): row i is reduced by the already normalised rows j < i, so fill-in stays
/// within the rows that the transition graph connects. A zero pivot still throws
/// `NumericError.singularMatrix` instead of trapping, for callers that pass other matrices.
struct SparseEliminationSolver {
    /// Row `i` of the matrix as (column, value) pairs; a column may appear only once.
    var rows: [[(column: Int, value: Rational)]]

    /// Solves A·x = b exactly. `checkpoint` runs once per row, so a caller can stop a long solve.
    func solve(_ rightHandSide: [Rational], checkpoint: () throws -> Void = {}) throws -> [Rational] {
        let n = rows.count
        precondition(rightHandSide.count == n, "right-hand side has \(rightHandSide.count) entries for \(n) rows")

        // upper[i] stores U[i][j] for j > i, with U[i][i] = 1; upperRightHandSide[i] is the reduced b_i.
        var upper: [[(column: Int, value: Rational)]] = Array(repeating: [], count: n)
        var upperRightHandSide: [Rational] = Array(repeating: Rational.zero, count: n)
        var scratch = Rational.zero

        for i in 0..<n {
            try checkpoint()

            var work: [Int: Rational] = [:]
            var pending = MinimumHeap()
            for entry in rows[i] {
                work[entry.column] = entry.value
                if entry.column < i { pending.insert(entry.column) }
            }
            var reducedRightHandSide = rightHandSide[i]

            // Eliminate the entries left of the diagonal in increasing column order. Row j's
            // entries lie right of j, so every new entry lands right of the popped column.
            while let j = pending.popMinimum() {
                guard let factor = work.removeValue(forKey: j), !factor.isZero else { continue }
                let negativeFactor = -factor
                for entry in upper[j] {
                    if work[entry.column] == nil {
                        work[entry.column] = Rational.zero
                        if entry.column < i { pending.insert(entry.column) }
                    }
                    work[entry.column]!.addProduct(negativeFactor, entry.value, scratch: &scratch)
                }
                reducedRightHandSide.addProduct(negativeFactor, upperRightHandSide[j], scratch: &scratch)
            }

            guard let pivot = work[i], !pivot.isZero else {
                throw NumericError.singularMatrix(operation: "sparse elimination at row \(i)")
            }
            let inversePivot = try pivot.reciprocal()
            var normalised: [(column: Int, value: Rational)] = []
            for (column, value) in work where column > i && !value.isZero {
                normalised.append((column, value * inversePivot))
            }
            normalised.sort { $0.column < $1.column }
            upper[i] = normalised
            upperRightHandSide[i] = reducedRightHandSide * inversePivot
        }

        // Back substitution: x_i = b̃_i − Σ_{j>i} U[i][j]·x_j.
        var solution: [Rational] = Array(repeating: Rational.zero, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var value = upperRightHandSide[i]
            for entry in upper[i] {
                value.addProduct(-entry.value, solution[entry.column], scratch: &scratch)
            }
            solution[i] = value
        }
        return solution
    }
}

/// A binary min-heap of distinct integers.
private struct MinimumHeap {
    private var elements: [Int] = []

    mutating func insert(_ value: Int) {
        elements.append(value)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[child] < elements[parent] else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMinimum() -> Int? {
        guard let last = elements.popLast() else { return nil }
        guard !elements.isEmpty else { return last }
        let minimum = elements[0]
        elements[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < elements.count, elements[left] < elements[smallest] { smallest = left }
            if right < elements.count, elements[right] < elements[smallest] { smallest = right }
            guard smallest != parent else { break }
            elements.swapAt(parent, smallest)
            parent = smallest
        }
        return minimum
    }
}
