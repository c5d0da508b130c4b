import Foundation
import Testing

@Suite struct RunEndToEndTests {
    @Test func passingClaimExitsZero() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R"])
        #expect(result.status == 0)
        #expect(result.output == "PASSED        alpha  proved-exact (expected proved-exact), controls 1/1\n1 passed, 0 failed\n")
        #expect(result.error.contains("alpha/i1: proved-exact"))
        #expect(result.error.contains("alpha/swap@i1: refuted"))
        for file in ["README.md", "alpha.md", "results.json", "junit.xml"] {
            #expect(FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("R/\(file)").path), "\(file)")
        }
    }

    @Test func trapIsIsolated() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))
        try harness.writeSpec("beta", selfTestSpec(id: "beta", kind: "selftest.trap"))

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R", "--jobs", "2"])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "PASSED        alpha  proved-exact (expected proved-exact), controls 1/1")
        #expect(lines.contains("FAILED        beta  no verdict (expected proved-exact), controls 0/1"))
        #expect(lines.contains { $0.contains("Instance i1: crashed: terminated by signal") && $0.hasSuffix("Fatal error: self-test trap") })
        #expect(result.lastOutputLine == "1 passed, 1 failed")
        #expect(try harness.file("R/beta.md").contains("crashed: terminated by signal"))
    }

    @Test func hangIsStoppedAtBudget() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("gamma", selfTestSpec(id: "gamma", kind: "selftest.hang", controlExpected: "inconclusive", budget: 1))

        let start = Date()
        let result = try harness.run(["run", "--theorems", "T", "--reports", "R", "--jobs", "2"])
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.status == 2)
        #expect(result.output.hasPrefix("INCONCLUSIVE  gamma  inconclusive (expected proved-exact), controls 1/1\n"))
        #expect(result.output.hasSuffix("1 of the failed claims is inconclusive (precision or budget ran out); exit status 2.\n0 passed, 1 failed\n"))
        #expect(try harness.file("R/README.md").contains("0 passed, 1 failed, 0 invalid. 1 of the failed claims is inconclusive (precision or budget ran out).\n"))
        // Budget 1 s plus the 2 s grace period, with slack for a loaded machine.
        #expect(elapsed < 30, "took \(elapsed) s")
        #expect(try harness.file("R/gamma.md").contains("timed out after 1 s and was stopped"))
    }

    @Test func cooperativeBudgetStopIsInconclusive() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("slow", selfTestSpec(id: "slow", kind: "selftest.budget", controlExpected: "inconclusive", budget: 1))

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R"])
        #expect(result.status == 2)
        #expect(try harness.file("R/slow.md").contains("budget of 1 s exhausted"))
    }

    @Test func brokenCheckerFailsClaim() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        // selftest.pass proves everything, so the control is not rejected.
        try harness.writeSpec("naive", selfTestSpec(id: "naive", kind: "selftest.pass"))

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R"])
        #expect(result.status == 1)
        #expect(result.output.contains("Checker broken: negative control swap came out proved-exact, refuted was expected"))
        #expect(try harness.file("R/naive.md").contains("**Checker broken:** `swap`"))
    }

    @Test func reconstructedSpecIsMarked() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        let text = selfTestSpec(id: "recon").replacingOccurrences(of: #""provenance": "derived""#, with: #""provenance": "reconstructed""#)
        try harness.writeSpec("recon", text)

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("PASSED        recon  proved-exact (expected proved-exact), controls 1/1 [reconstructed spec]\n"))
        let page = try harness.file("R/recon.md").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(page[2].hasPrefix("> **Reconstructed spec: paper body unavailable.**"))
    }

    @Test func partialRunKeepsOtherClaimsInIndex() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))
        try harness.writeSpec("zeta", selfTestSpec(id: "zeta", kind: "selftest.pass", controlExpected: "proved-exact"))

        _ = try harness.run(["run", "--theorems", "T", "--reports", "R"])
        let full = try harness.file("R/results.json")
        let partial = try harness.run(["run", "zeta", "--theorems", "T", "--reports", "R"])
        #expect(partial.output == "PASSED        zeta  proved-exact (expected proved-exact), controls 1/1\n1 passed, 0 failed\n")
        #expect(try harness.file("R/results.json") == full)
        #expect(try harness.file("R/README.md").contains("[`alpha`](alpha.md)"))

        let otherSeed = try harness.run(["run", "zeta", "--theorems", "T", "--reports", "R", "--seed", "5"])
        #expect(otherSeed.error.contains("Warning: the previous results used another seed"))
        #expect(try !harness.file("R/README.md").contains("[`alpha`](alpha.md)"))
    }

    @Test func unknownIdIsUsageError() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))

        let result = try harness.run(["run", "nosuch", "--theorems", "T"])
        #expect(result.status == 3)
        #expect(result.error.hasPrefix("Error: No claim with id 'nosuch' in T; run 'theorem-check list' to see the ids\n"))
    }

    @Test func listAndShowDescribeSpecs() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))

        let list = try harness.run(["list", "--theorems", "T"])
        #expect(list.status == 0)
        #expect(list.output == "alpha\tproved-exact\tselftest.compare\tSelf-test alpha\n")

        let kinds = try harness.run(["list", "--kinds"])
        #expect(kinds.output.split(separator: "\n").contains("selftest.trap"))

        let show = try harness.run(["show", "alpha", "--theorems", "T"])
        #expect(show.status == 0)
        #expect(show.output.hasPrefix("alpha: Self-test alpha\n"))
        #expect(show.output.contains("  swap: swapped (expected refuted; instances: i1)"))
        #expect(show.output.contains("  i1: thirds\n    left = \"1/3\", right = \"1/2\"\n"))
    }

    @Test func formatSelectsFiles() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R", "--format", "json"])
        #expect(result.status == 0)
        #expect(try harness.reportFiles("R").keys.sorted() == ["results.json"])
    }
}
