/// A binary64 sparse LU factorisation of a strictly row diagonally dominant matrix, such as
/// I − γP_π, used only to propose correction steps for iterative refinement.
///
/// Nothing computed here is trusted: the certified evaluation bounds the error of whatever
/// approximation the refinement ends with, so rounding errors in this factorisation affect only
/// how fast the refinement converges.
struct ApproximateSparseLU {
    /// Multipliers l_ij (j < i) applied to the right-hand side during forward substitution.
    private var lower: [[(column: Int, value: Double)]]
    /// Pivots u_ii.
    private var pivots: [Double]
    /// Normalised upper rows U[i][j] / u_ii for j > i.
    private var upper: [[(column: Int, value: Double)]]

    /// Factorises the matrix given by sparse rows, in the natural pivot order.
    init(rows: [[(column: Int, value: Double)]]) {
        let n = rows.count
        lower = Array(repeating: [], count: n)
        pivots = Array(repeating: 1, count: n)
        upper = Array(repeating: [], count: n)

        for i in 0..<n {
            var work: [Int: Double] = [:]
            var pending: [Int] = []
            for entry in rows[i] {
                work[entry.column, default: 0] += entry.value
                if entry.column < i { pending.append(entry.column) }
            }
            var multipliers: [(column: Int, value: Double)] = []
            // Columns left of the diagonal, in increasing order; new ones are added as fill-in appears.
            var pendingSet = Set(pending)
            while let j = pendingSet.min() {
                pendingSet.remove(j)
                guard let factor = work.removeValue(forKey: j), factor != 0 else { continue }
                multipliers.append((j, factor))
                for entry in upper[j] {
                    if work[entry.column] == nil, entry.column < i { pendingSet.insert(entry.column) }
                    work[entry.column, default: 0] -= factor * entry.value
                }
            }
            let pivot = work[i] ?? 0
            pivots[i] = pivot == 0 ? 1 : pivot
            lower[i] = multipliers
            upper[i] = work.filter { $0.key > i && $0.value != 0 }
                .map { (column: $0.key, value: $0.value / pivots[i]) }
                .sorted { $0.column < $1.column }
        }
    }

    /// Returns an approximate solution of A·x = b.
    func solve(_ rightHandSide: [Double]) -> [Double] {
        let n = pivots.count
        var reduced = rightHandSide
        for i in 0..<n {
            var value = reduced[i]
            for entry in lower[i] { value -= entry.value * reduced[entry.column] }
            reduced[i] = value / pivots[i]
        }
        var solution = Array(repeating: 0.0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var value = reduced[i]
            for entry in upper[i] { value -= entry.value * solution[entry.column] }
            solution[i] = value
        }
        return solution
    }
}
