import Foundation
import Testing

@Suite struct ReproducibilityTests {
    /// Three claims with different outcomes, one of which draws seeded samples.
    private func makeHarness() throws -> ToolHarness {
        let harness = try ToolHarness()
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))
        try harness.writeSpec("delta", selfTestSpec(id: "delta", kind: "selftest.report", expected: "supported", controlExpected: "supported"))
        try harness.writeSpec("epsilon", selfTestSpec(id: "epsilon", kind: "selftest.refute", expected: "refuted"))
        try harness.writeSpec("zeta", selfTestSpec(id: "zeta", kind: "selftest.pass", controlExpected: "proved-exact"))
        return harness
    }

    @Test func sameSeedGivesIdenticalReports() throws {
        let harness = try makeHarness()
        defer { harness.remove() }

        let first = try harness.run(["run", "--theorems", "T", "--reports", "A", "--seed", "42", "--jobs", "2"])
        let second = try harness.run(["run", "--theorems", "T", "--reports", "B", "--seed", "42", "--jobs", "1"])
        #expect(first.status == 0)
        #expect(first.output == second.output)
        let a = try harness.reportFiles("A")
        let b = try harness.reportFiles("B")
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a {
            #expect(b[path] == data, "\(path) differs between two runs with seed 42")
        }
        #expect(a.keys.contains("delta/i1--samples.svg"))
    }

    @Test func theoremsPathSpellingKeepsResults() throws {
        let harness = try makeHarness()
        defer { harness.remove() }

        let absolute = harness.directory.appendingPathComponent("T").path
        let relative = try harness.run(["run", "--theorems", "T", "--reports", "A", "--format", "json"])
        let spelledOut = try harness.run(["run", "--theorems", absolute + "/", "--reports", "B", "--format", "json"])
        #expect(relative.status == 0)
        #expect(spelledOut.status == 0)
        let first = try harness.file("A/results.json")
        #expect(first.contains(#""file" : "alpha.json""#))
        #expect(first == (try harness.file("B/results.json")))
    }

    @Test func otherSeedChangesSeededResults() throws {
        let harness = try makeHarness()
        defer { harness.remove() }

        _ = try harness.run(["run", "delta", "--theorems", "T", "--reports", "A", "--seed", "42"])
        _ = try harness.run(["run", "delta", "--theorems", "T", "--reports", "B", "--seed", "43"])
        #expect(try harness.file("A/delta.md") != harness.file("B/delta.md"))
    }

    @Test func shardsMergeToUnshardedRun() throws {
        let harness = try makeHarness()
        defer { harness.remove() }

        let whole = try harness.run(["run", "--theorems", "T", "--reports", "W"])
        let shard1 = try harness.run(["run", "--theorems", "T", "--reports", "S", "--shard", "1/2"])
        let shard2 = try harness.run(["run", "--theorems", "T", "--reports", "S", "--shard", "2/2"])
        #expect(shard1.lastOutputLine == "2 passed, 0 failed")
        #expect(shard2.lastOutputLine == "2 passed, 0 failed")
        let merged = try harness.run(["merge", "--reports", "S"])
        #expect(merged.status == whole.status)
        #expect(merged.output == whole.output)

        let wholeFiles = try harness.reportFiles("W")
        let mergedFiles = try harness.reportFiles("S")
        #expect(wholeFiles.keys.sorted() == mergedFiles.keys.sorted())
        for (path, data) in wholeFiles {
            #expect(mergedFiles[path] == data, "\(path) differs between the merged and the unsharded run")
        }
    }

    @Test func mergeWithMissingShardFails() throws {
        let harness = try makeHarness()
        defer { harness.remove() }

        _ = try harness.run(["run", "--theorems", "T", "--reports", "S", "--shard", "2/3"])
        let merged = try harness.run(["merge", "--reports", "S"])
        #expect(merged.status == 3)
        #expect(merged.error == "Error: S: missing shard(s) 1/3, 3/3; run them with `theorem-check run --shard I/N --reports S`\n")
    }
}
