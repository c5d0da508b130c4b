import ClaimKit
import Foundation
import Testing
@testable import Reports
import Runner

@Suite struct ReportFilesTests {
    @Test func junitHasCommonSchemaShape() throws {
        let summary = try SyntheticRun.summary()
        let (root, error) = XMLShapeParser.parse(JUnitReport(summary: summary).xml())
        #expect(error == nil)
        let suites = try #require(root)
        #expect(suites.name == "testsuites")
        #expect(suites.children.map(\.name) == ["testsuite"])
        let suite = suites.children[0]
        #expect(suite.children.allSatisfy { $0.name == "testcase" })
        #expect(suite.children.count == 4)
        #expect(suite.attributes["tests"] == "4")
        #expect(suite.attributes["failures"] == "2")
        #expect(suite.attributes["errors"] == "1")
        #expect(suite.all("failure").count == 2)
        #expect(suite.all("error").count == 1)
        #expect(suite.children.allSatisfy { $0.attributes["name"] != nil })
        #expect(suite.children.allSatisfy { $0.attributes["classname"] != nil })
    }

    @Test func reconstructedSpecIsFlaggedAtTop() throws {
        let spec = try SyntheticRun.spec()
        let markdown = ClaimReportPage(spec: spec, record: SyntheticRun.record(spec: spec), environment: SyntheticRun.environment).markdown()
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].hasPrefix("> **Reconstructed spec: paper body unavailable.**"))
        #expect(markdown.contains("**Checker broken:** `shifted`"))
        #expect(markdown.contains("![Suboptimal mass <per step>](demo.bound/chain--mass.svg)"))
    }

    @Test func resultsRoundTripThroughJSON() throws {
        let summary = try SyntheticRun.summary()
        let text = try ReportWriter.encode(summary)
        // Text comparison, because the synthetic plot contains a NaN and NaN != NaN.
        let decoded = try ReportWriter.decode(Data(text.utf8), path: "results.json")
        #expect(try ReportWriter.encode(decoded) == text)
        #expect(decoded.claims.map(\.id) == summary.claims.map(\.id))
        #expect(text.contains("18446744073709551557"))
    }

    @Test func writerReplacesFilesAtomically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = ReportWriter(directory: directory)
        try writer.write("first\n", to: "sub/file.txt")
        try writer.write("second\n", to: "sub/file.txt")
        #expect(try String(contentsOf: directory.appendingPathComponent("sub/file.txt"), encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("sub").path) == ["file.txt"])
    }

    @Test func writerRemovesStalePlots() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = ReportWriter(directory: directory)
        try writer.write("<svg/>", to: "demo.bound/old--plot.svg")
        let spec = try SyntheticRun.spec()
        let summary = RunSummary(environment: SyntheticRun.environment, shard: nil, claims: [SyntheticRun.record(spec: spec)], invalidSpecs: [])
        try writer.writeClaimPages(specs: [spec], summary: summary)
        let plots = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("demo.bound").path).sorted()
        #expect(plots == ["chain--mass.svg"])
    }

    @Test func mergeRejectsMissingAndDuplicateShards() throws {
        let summary = try SyntheticRun.summary()
        var first = RunSummary(environment: summary.environment, shard: Shard(parsing: "1/2"), claims: [summary.claims[0]], invalidSpecs: [])
        let second = RunSummary(environment: summary.environment, shard: Shard(parsing: "2/2"), claims: [summary.claims[1]], invalidSpecs: [])

        #expect(throws: ReportError.self) { try ShardMerge.merge([first], directory: "R") }
        #expect(throws: ReportError.self) { try ShardMerge.merge([first, first], directory: "R") }
        let merged = try ShardMerge.merge([second, first], directory: "R")
        #expect(merged.claims.map(\.id) == [summary.claims[0].id, summary.claims[1].id])
        #expect(merged.shard == nil)

        first.environment.seed = 1
        #expect(throws: ReportError.self) { try ShardMerge.merge([first, second], directory: "R") }
    }
}
