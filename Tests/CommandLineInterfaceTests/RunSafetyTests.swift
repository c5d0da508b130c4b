import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// End-to-end checks of `run` on bad directories, stale files and termination signals.
@Suite struct RunSafetyTests {
    @Test func emptyTheoremsDirectoryFails() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try Data("not a spec".utf8).write(to: harness.directory.appendingPathComponent("T/notes.txt"))

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R"])
        #expect(result.status == 3)
        #expect(result.error == "Error: no claim specs (*.json) in T. Fix: pass the directory that holds the specs with --theorems DIR.\n")
        #expect(result.output == "")
    }

    @Test func reportsPathUnderFileFails() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))
        try Data().write(to: harness.directory.appendingPathComponent("plain-file"))

        let result = try harness.run(["run", "--theorems", "T", "--reports", "plain-file/R"])
        #expect(result.status == 3)
        #expect(result.error == "Error: cannot write reports to plain-file/R: cannot create the directory (Not a directory). "
                + "Fix: pass a writable directory with --reports.\n")
        #expect(result.output == "")
    }

    @Test func reportsPathIsFileFails() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))
        try Data().write(to: harness.directory.appendingPathComponent("R"))

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R"])
        #expect(result.status == 3)
        #expect(result.error == "Error: cannot write reports to R: a file with that name exists and is not a directory. "
                + "Fix: pass a writable directory with --reports.\n")
    }

    @Test func markdownOnlyRemovesStaleFiles() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))

        let first = try harness.run(["run", "--theorems", "T", "--reports", "R", "--seed", "1"])
        #expect(first.status == 0)
        #expect(FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("R/results.json").path))
        #expect(FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("R/junit.xml").path))

        let second = try harness.run(["run", "--theorems", "T", "--reports", "R", "--seed", "2", "--format", "markdown"])
        #expect(second.status == 0)
        #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("R/results.json").path))
        #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("R/junit.xml").path))
        #expect(try harness.file("R/README.md").contains("| seed | 2 |"))
    }

    @Test func failedWriteKeepsOldReports() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))
        let first = try harness.run(["run", "--theorems", "T", "--reports", "R", "--seed", "1"])
        #expect(first.status == 0)
        let oldFiles = try harness.reportFiles("R")

        // A directory where the claim page goes makes the second write fail when committing.
        let page = harness.directory.appendingPathComponent("R/alpha.md")
        let oldPage = try Data(contentsOf: page)
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createDirectory(at: page, withIntermediateDirectories: false)

        let second = try harness.run(["run", "--theorems", "T", "--reports", "R", "--seed", "2"])
        #expect(second.status == 3)
        #expect(second.error.contains("Error: cannot write the reports: "))
        #expect(second.error.contains("/R/alpha.md: cannot replace the file: a directory has that name"))
        var newFiles = try harness.reportFiles("R")
        #expect(newFiles.removeValue(forKey: "alpha.md") == nil)
        var expectedFiles = oldFiles
        #expect(expectedFiles.removeValue(forKey: "alpha.md") == oldPage)
        #expect(newFiles == expectedFiles)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: harness.directory.appendingPathComponent("R").path)
        #expect(!leftovers.contains(where: { $0.hasPrefix(".staging") }))
    }

    @Test func shardsKeepSeparateTimings() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))
        try harness.writeSpec("beta", selfTestSpec(id: "beta"))

        for shard in ["1/2", "2/2"] {
            let result = try harness.run(["run", "--theorems", "T", "--reports", "R", "--shard", shard])
            #expect(result.status == 0)
        }
        let first = try harness.file("R/timings-shard-1-of-2.tsv")
        let second = try harness.file("R/timings-shard-2-of-2.tsv")
        #expect(first.contains("alpha/i1"))
        #expect(second.contains("beta/i1"))
        #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("R/timings.tsv").path))
    }

    @Test func specFormatExampleRuns() throws {
        let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/SPEC-FORMAT.md")
        let text = try String(contentsOf: document, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("pmd-chain-example", String(text[start.upperBound..<end.lowerBound]))

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R"])
        #expect(result.status == 0)
        #expect(result.lastOutputLine == "1 passed, 0 failed")
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func signalStopsChildren(signalNumber: Int32, expectedStatus: Int32) throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("hang", selfTestSpec(id: "hang", kind: "selftest.hang", budget: 60))

        let process = Process()
        process.executableURL = try ToolHarness.executable()
        process.arguments = ["run", "--theorems", "T", "--reports", "R", "--jobs", "2"]
        process.currentDirectoryURL = harness.directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        var children: [pid_t] = []
        for _ in 0..<200 where children.count < 2 {
            Thread.sleep(forTimeInterval: 0.05)
            children = Self.childProcesses(of: process.processIdentifier)
        }
        #expect(children.count == 2, "the run should have started one child for the instance and one for the control")

        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == expectedStatus)
        for child in children {
            let probe = kill(child, 0)
            let probeError = errno
            #expect(probe == -1, "child \(child) still exists after the parent exited")
            #expect(probeError == ESRCH, "child \(child): kill(0) failed with errno \(probeError), not ESRCH")
        }
        #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("R/results.json").path))
    }

    /// Process ids whose parent is `parent`, read from /proc/PID/stat.
    private static func childProcesses(of parent: pid_t) -> [pid_t] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> pid_t? in
            guard let pid = pid_t(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let closing = stat.lastIndex(of: ")") else { return nil }
            // Fields after the command name: state, then the parent process id.
            let fields = stat[stat.index(after: closing)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent ? pid : nil
        }
    }
}
