import Exact
import Testing

@Suite("Exact values across tasks")
struct ConcurrencyTests {
    /// Tasks share one matrix, and each writes to its own copy. Copy-on-write
    /// must leave the shared matrix unchanged, and every result must equal the
    /// serial one.
    @Test("shared matrix in a task group")
    func sharedMatrix() async throws {
        let seed: UInt64 = 0x5EED_0040
        var generator = SplitMix64(seed: seed)
        let rows = randomFractionRows(rows: 12, columns: 12, using: &generator)
        let shared = try RationalMatrix(rows)

        func work(_ task: Int) throws -> Rational {
            var copy = shared
            copy[task % 12, (task * 5) % 12] = Rational(task, 7)
            return try copy.determinant() + shared.determinant()
        }
        let serial = try (0..<32).map(work)

        let parallel = try await withThrowingTaskGroup(of: (Int, Rational).self) { group in
            for task in 0..<32 {
                group.addTask { (task, try work(task)) }
            }
            var results = Array(repeating: Rational(0), count: 32)
            for try await (task, value) in group {
                results[task] = value
            }
            return results
        }

        #expect(parallel == serial, "seed \(seed)")
        #expect(shared.entries == rows, "seed \(seed)")
    }
}
