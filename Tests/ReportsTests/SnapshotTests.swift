import ClaimKit
import Foundation
import Testing
@testable import Reports
import Runner

/// Compares report output for `SyntheticRun` with the files in `Snapshots/`. The snapshots
/// were read line by line when recorded; rerecord them with
/// `THEOREMCHECK_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests` after an intended
/// change, and review the diff.
@Suite struct SnapshotTests {
    private static let snapshotDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    private func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = SnapshotTests.snapshotDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["THEOREMCHECK_RECORD_SNAPSHOTS"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = (0..<min(actualLines.count, expectedLines.count)).first { actualLines[$0] != expectedLines[$0] } ?? min(actualLines.count, expectedLines.count)
            let got = firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end of output>"
            let want = firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end of snapshot>"
            Issue.record("\(name) differs at line \(firstDifference + 1):\n  got:  \(got)\n  want: \(want)", sourceLocation: sourceLocation)
        }
    }

    @Test func claimMarkdown() throws {
        let spec = try SyntheticRun.spec()
        let page = ClaimReportPage(spec: spec, record: SyntheticRun.record(spec: spec), environment: SyntheticRun.environment)
        try assertSnapshot(page.markdown(), named: "demo.bound.md")
    }

    @Test func plotSVG() throws {
        try assertSnapshot(SVGPlotRenderer().render(SyntheticRun.plot), named: "mass.svg")
    }

    @Test func indexMarkdown() throws {
        try assertSnapshot(IndexPage(summary: try SyntheticRun.summary()).markdown(), named: "README.md")
    }

    @Test func resultsJSON() throws {
        try assertSnapshot(try ReportWriter.encode(try SyntheticRun.summary()), named: "results.json")
    }

    @Test func junitXML() throws {
        try assertSnapshot(JUnitReport(summary: try SyntheticRun.summary()).xml(), named: "junit.xml")
    }
}
