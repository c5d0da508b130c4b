import Foundation
import Testing

/// Runs the tool on one bad spec per case and expects exit status 3 with an error that
/// names the file, the field, the value and a fix.
@Suite struct InvalidSpecTests {
    private func runBad(_ text: String, name: String = "bad", extraFiles: [String: String] = [:]) throws -> ToolHarness.Result {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec(name, text)
        for (path, contents) in extraFiles {
            let url = harness.directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
        return try harness.run(["run", "--theorems", "T", "--reports", "R"])
    }

    private func expectInvalid(_ result: ToolHarness.Result, errorLine: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 3, sourceLocation: sourceLocation)
        #expect(result.error.split(separator: "\n").first.map(String.init) == errorLine, sourceLocation: sourceLocation)
        #expect(result.output == "INVALID INPUT bad.json\n0 passed, 0 failed, 1 skipped\n", sourceLocation: sourceLocation)
    }

    @Test func malformedJSON() throws {
        let text = selfTestSpec(id: "bad").replacingOccurrences(of: #""hypotheses": [],"#, with: #""hypotheses": [,"#)
        expectInvalid(try runBad(text), errorLine: "Error: T/bad.json: invalid JSON at line 7, column 18: unexpected character ',', expected a value. Fix: correct the JSON syntax at that position.")
    }

    @Test func missingField() throws {
        let text = selfTestSpec(id: "bad").replacingOccurrences(of: #""statement": "$1/3 \\le 1/2$","#, with: "")
        expectInvalid(try runBad(text), errorLine: #"Error: T/bad.json: field "statement": missing required field. Fix: add "statement"; docs/SPEC-FORMAT.md lists every field."#)
    }

    @Test func binary64Number() throws {
        let text = selfTestSpec(id: "bad").replacingOccurrences(of: #""left": "1/3""#, with: #""left": 0.1"#)
        expectInvalid(try runBad(text), errorLine: #"Error: T/bad.json: field "instances[0].parameters.left" (value 0.1): a JSON number with a fraction or exponent would be read as binary64. Fix: write the exact value as a string, "0.1", or as a fraction such as "1/3"."#)
    }

    @Test func budgetAboveMaximum() throws {
        for budget in ["10000000", "9223372036854775807"] {
            let text = selfTestSpec(id: "bad").replacingOccurrences(of: #""budgetSeconds": 20"#, with: #""budgetSeconds": "# + budget)
            expectInvalid(try runBad(text), errorLine: #"Error: T/bad.json: field "budgetSeconds" (value "# + budget
                          + #"): the budget exceeds the maximum of 604800 s (7 days). Fix: give a budget from 1 to 604800 seconds."#)
        }
    }

    @Test func budgetOutOfIntegerRange() throws {
        let text = selfTestSpec(id: "bad").replacingOccurrences(of: #""budgetSeconds": 20"#, with: #""budgetSeconds": 99999999999999999999999"#)
        expectInvalid(try runBad(text), errorLine: #"Error: T/bad.json: field "budgetSeconds" (value 99999999999999999999999): the integer is out of range -9223372036854775808...9223372036854775807. Fix: write a whole number in that range."#)
    }

    @Test func budgetWithExponent() throws {
        let text = selfTestSpec(id: "bad").replacingOccurrences(of: #""budgetSeconds": 20"#, with: #""budgetSeconds": 1e16"#)
        expectInvalid(try runBad(text), errorLine: #"Error: T/bad.json: field "budgetSeconds" (value 1e16): expected an integer, found a number with a fraction or exponent. Fix: write a whole number such as 60."#)
    }

    @Test func unknownCheckKind() throws {
        let text = selfTestSpec(id: "bad", kind: "no.such-check")
        expectInvalid(try runBad(text), errorLine: #"Error: T/bad.json: field "check.kind" (value "no.such-check"): unknown check kind. Fix: use a registered kind (`theorem-check list --kinds` prints them) or register the check in CheckRegistry."#)
    }

    @Test func missingDataFile() throws {
        let instances = #"[{"id": "i1", "description": "d", "parameters": {"left": "1", "right": "2"}, "data": "data/absent.json"}]"#
        let result = try runBad(selfTestSpec(id: "bad", instances: instances))
        #expect(result.status == 3)
        let line = result.error.split(separator: "\n").first.map(String.init) ?? ""
        #expect(line.hasPrefix(#"Error: T/bad.json: field "instances[0].data" (value "data/absent.json"): data file not found at "#))
        #expect(line.hasSuffix("/T/data/absent.json. Fix: create the file (see scripts/ for the export scripts) or correct the path."))
    }

    @Test func invalidParameterInsideCheck() throws {
        let instances = #"[{"id": "i1", "description": "d", "parameters": {"value": "0.1.2"}}]"#
        let result = try runBad(selfTestSpec(id: "bad", kind: "selftest.read-parameter", controlExpected: "proved-exact").replacingOccurrences(
            of: #"[{"id": "i1", "description": "thirds", "parameters": {"left": "1/3", "right": "1/2"}}]"#, with: instances))
        #expect(result.status == 3)
        #expect(result.output.hasPrefix("INVALID INPUT bad  no verdict (expected proved-exact), controls 0/1\n"))
        #expect(result.output.contains(#"Instance i1 has invalid input: T/bad.json: field "instances[0].parameters.value" (value "0.1.2"): not an exact number."#))
        #expect(result.lastOutputLine == "0 passed, 0 failed, 1 skipped")
        #expect(result.error.contains(#"Error: T/bad.json: field "instances[0].parameters.value" (value "0.1.2"): not an exact number."#))
    }

    @Test func validSpecsStillRunBesideInvalidOne() throws {
        let harness = try ToolHarness()
        defer { harness.remove() }
        try harness.writeSpec("alpha", selfTestSpec(id: "alpha"))
        try harness.writeSpec("broken", "{")

        let result = try harness.run(["run", "--theorems", "T", "--reports", "R"])
        #expect(result.status == 3)
        #expect(result.output.hasPrefix("PASSED        alpha"))
        #expect(result.lastOutputLine == "1 passed, 0 failed, 1 skipped")
        #expect(try harness.file("R/README.md").contains("## Invalid specs"))
    }
}
