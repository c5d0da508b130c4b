import Foundation
import Testing
import ClaimKit

/// Builds a valid spec as text, with hooks to break one part of it.
private func specText(id: String = "demo.claim", instanceExtra: String = "", controls: String? = nil,
                      topExtra: String = "", budget: String = "30", check: String? = nil) -> String {
    let defaultControls = #"[{"id": "flip", "description": "flipped", "parameters": {"left": 2}, "expectedVerdict": "refuted"}]"#
    let defaultCheck = #"{"kind": "selftest.compare", "rigor": "exact", "description": "Exact comparison."}"#
    return """
    {
      "id": "\(id)",
      "title": "Demo",
      "source": {"title": "A paper", "authors": ["A. Author"], "arxiv": "2205.08176", "location": "Theorem 1"},
      "provenance": "derived",
      "statement": "$1 \\\\le 2$",
      "hypotheses": ["none"],
      "check": \(check ?? defaultCheck),
      "parameters": {"right": 2},
      "instances": [{"id": "one", "description": "one", "parameters": {"left": 1}\(instanceExtra)}],
      "expectedVerdict": "proved-exact",
      "negativeControls": \(controls ?? defaultControls),
      "budgetSeconds": \(budget)\(topExtra)
    }
    """
}

private func parse(_ text: String, directory: URL? = nil) throws(SpecError) -> TheoremSpec {
    try TheoremSpec.parse(text, file: "Theorems/demo.claim.json", expectedID: "demo.claim", theoremsDirectory: directory)
}

private func expectSpecError(_ text: String, field: String, value: String, problemContains: String,
                             directory: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try parse(text, directory: directory)
        Issue.record("invalid spec accepted", sourceLocation: sourceLocation)
    } catch {
        #expect(error.file == "Theorems/demo.claim.json", sourceLocation: sourceLocation)
        #expect(error.field == field, sourceLocation: sourceLocation)
        #expect(error.value == value, sourceLocation: sourceLocation)
        #expect(error.problem.contains(problemContains), "problem was: \(error.problem)", sourceLocation: sourceLocation)
        #expect(!error.fix.isEmpty, sourceLocation: sourceLocation)
    }
}

@Suite struct TheoremSpecLoadingTests {
    @Test func validSpecDecodes() throws {
        let spec = try parse(specText())
        #expect(spec.id == "demo.claim")
        #expect(spec.source.arxiv == "2205.08176")
        #expect(spec.check.kind == "selftest.compare")
        #expect(spec.instances.map(\.id) == ["one"])
        #expect(spec.negativeControls[0].instances == ["one"])
        #expect(spec.negativeControls[0].expectedVerdict == .refuted)
        #expect(spec.budgetSeconds == 30)
    }

    @Test func malformedJSONGivesPosition() {
        expectSpecError("{\"id\": }", field: "", value: "", problemContains: "invalid JSON at line 1, column 8")
    }

    @Test func missingFieldIsNamed() {
        let text = specText().replacingOccurrences(of: #""title": "Demo","#, with: "")
        expectSpecError(text, field: "title", value: "", problemContains: "missing required field")
    }

    @Test func misspeltFieldIsRejected() {
        expectSpecError(specText(topExtra: #", "budgetSecond": 3"#), field: "budgetSecond", value: "3", problemContains: "unknown field")
    }

    @Test func binary64ParameterIsRejected() {
        expectSpecError(specText(instanceExtra: #", "data": null"#).replacingOccurrences(of: #""left": 1"#, with: #""left": 0.5"#),
                        field: "instances[0].parameters.left", value: "0.5", problemContains: "binary64")
    }

    @Test func binary64InsideNestedArrayIsRejected() {
        let text = specText().replacingOccurrences(of: #""parameters": {"right": 2}"#,
                                                   with: #""parameters": {"right": 2, "grid": [[1, 2.5]]}"#)
        expectSpecError(text, field: "parameters.grid[0][1]", value: "2.5", problemContains: "binary64")
    }

    @Test func idMustMatchFileName() {
        expectSpecError(specText(id: "other"), field: "id", value: "\"other\"", problemContains: "differs from the file name")
    }

    @Test func badVerdictListsChoices() {
        let text = specText().replacingOccurrences(of: #""expectedVerdict": "proved-exact""#, with: #""expectedVerdict": "proved""#)
        expectSpecError(text, field: "expectedVerdict", value: "\"proved\"", problemContains: "not a known value")
    }

    @Test func controlOnUnknownInstanceIsRejected() {
        let controls = #"[{"id": "c", "description": "d", "instances": ["two"], "expectedVerdict": "refuted"}]"#
        expectSpecError(specText(controls: controls), field: "negativeControls[0].instances[0]", value: "\"two\"",
                        problemContains: "no instance has this id")
    }

    @Test func emptyControlsAreRejected() {
        expectSpecError(specText(controls: "[]"), field: "negativeControls", value: "[]", problemContains: "at least one negative control")
    }

    @Test func nonPositiveBudgetIsRejected() {
        expectSpecError(specText(budget: "0"), field: "budgetSeconds", value: "0", problemContains: "must be positive")
    }

    @Test func missingDataFileIsRejected() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("claimkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let text = specText(instanceExtra: #", "data": "data/missing.json""#)
        expectSpecError(text, field: "instances[0].data", value: "\"data/missing.json\"", problemContains: "data file not found",
                        directory: directory)

        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: directory.appendingPathComponent("data/missing.json"))
        #expect(try parse(text, directory: directory).instances[0].data == "data/missing.json")
    }

    @Test func dataPathMayNotLeaveDirectory() {
        expectSpecError(specText(instanceExtra: #", "data": "../secret.json""#), field: "instances[0].data",
                        value: "\"../secret.json\"", problemContains: "inside the theorems directory")
    }

    @Test func invalidIdentifierIsRejected() {
        let text = specText().replacingOccurrences(of: #"[{"id": "one""#, with: #"[{"id": "One Two""#)
        expectSpecError(text, field: "instances[0].id", value: "\"One Two\"", problemContains: "lower-case letters")
    }

    @Test func errorDescriptionNamesEverything() {
        let error = SpecError(file: "Theorems/x.json", field: "parameters.eta", value: "0.1",
                              problem: "a JSON number with a fraction or exponent would be read as binary64", fix: "write \"0.1\"")
        #expect(error.description
                == #"Theorems/x.json: field "parameters.eta" (value 0.1): a JSON number with a fraction or exponent would be read as binary64. Fix: write "0.1"."#)
    }

    @Test func contextMergesClaimInstanceControl() throws {
        let spec = try parse(specText())
        let plain = CheckContext(spec: spec, instance: spec.instances[0], control: nil, seed: 1, precision: 64,
                                 theoremsDirectory: URL(fileURLWithPath: "/tmp"), deadline: .now + .seconds(60))
        #expect(try plain.parameters.integer("left") == 1)
        #expect(try plain.parameters.integer("right") == 2)

        let control = CheckContext(spec: spec, instance: spec.instances[0], control: spec.negativeControls[0], seed: 1,
                                   precision: 64, theoremsDirectory: URL(fileURLWithPath: "/tmp"), deadline: .now - .seconds(1))
        #expect(try control.parameters.integer("left") == 2)
        #expect(throws: BudgetExceeded.self) { try control.checkDeadline() }
    }
}

@Suite struct InstanceDataTests {
    @Test func dataFieldsNameTheDataFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("claimkit-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"layers": [{"eps": "1/100000", "weight": [0.5]}]}"#.utf8).write(to: directory.appendingPathComponent("data/bn.json"))

        let text = specText(instanceExtra: #", "data": "data/bn.json""#)
        let spec = try TheoremSpec.parse(text, file: "Theorems/demo.claim.json", expectedID: "demo.claim", theoremsDirectory: directory)
        let context = CheckContext(spec: spec, instance: spec.instances[0], control: nil, seed: 1, precision: 64,
                                   theoremsDirectory: directory, deadline: .now + .seconds(60))
        let layer = try context.instanceData().objects("layers")[0]
        #expect(try layer.exactNumberText("eps") == "1/100000")
        do {
            _ = try layer.exactNumberTexts("weight")
            Issue.record("a binary64 number in a data file was accepted")
        } catch {
            #expect(error.file == "Theorems/data/bn.json")
            #expect(error.field == "layers[0].weight[0]")
            #expect(error.value == "0.5")
        }
    }

    @Test func instanceWithoutDataFileThrows() throws {
        let spec = try TheoremSpec.parse(specText(), file: "Theorems/demo.claim.json", expectedID: "demo.claim", theoremsDirectory: nil)
        let context = CheckContext(spec: spec, instance: spec.instances[0], control: nil, seed: 1, precision: 64,
                                   theoremsDirectory: URL(fileURLWithPath: "/tmp"), deadline: .now + .seconds(60))
        #expect(throws: SpecError.self) { try context.instanceData() }
    }
}
