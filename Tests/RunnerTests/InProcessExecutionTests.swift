import ClaimKit
import Exact
import Foundation
import Testing
import Runner

@Suite struct InProcessExecutionTests {
    private func run(_ specText: String, id: String, control: String? = nil) throws -> RunOutcome {
        let directory = try TestSpecs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(specText.utf8).write(to: directory.appendingPathComponent("\(id).json"))
        let settings = RunSettings(theoremsDirectory: directory, theoremsDisplayPath: "T", seed: 5, precision: 64)
        return InProcessExecution.run(RunRequest(claimID: id, instanceID: "i1", controlID: control), settings: settings)
    }

    @Test func compareProvesAndControlRefutes() throws {
        let text = TestSpecs.json(id: "cmp", kind: "selftest.compare")
        #expect(try run(text, id: "cmp").verdict == .provedExact)

        let refuted = try run(text, id: "cmp", control: "swap")
        #expect(refuted.verdict == .refuted)
        #expect(refuted.result?.counterexample?.input == ["left": "1/2", "right": "1/3"])
    }

    @Test func badParameterIsInvalidInput() throws {
        let instances = #"[{"id": "i1", "description": "bad", "parameters": {"value": "one half"}}]"#
        let outcome = try run(TestSpecs.json(id: "bad", kind: "selftest.read-parameter", instances: instances), id: "bad")
        guard case .invalidInput(let message) = outcome else {
            Issue.record("expected invalid input, got \(outcome)")
            return
        }
        #expect(message.hasPrefix(#"T/bad.json: field "instances[0].parameters.value" (value "one half"): not an exact number"#))
    }

    @Test func budgetStopIsInconclusive() throws {
        let outcome = try run(TestSpecs.json(id: "slow", kind: "selftest.budget", budget: 1), id: "slow")
        #expect(outcome == .budgetExceeded(seconds: 1))
        #expect(outcome.verdict == .inconclusive)
    }

    @Test func unknownKindIsInvalidInput() throws {
        let outcome = try run(TestSpecs.json(id: "nokind", kind: "no.such-kind"), id: "nokind")
        guard case .invalidInput(let message) = outcome else {
            Issue.record("expected invalid input, got \(outcome)")
            return
        }
        #expect(message.contains(#"field "check.kind" (value "no.such-kind"): unknown check kind"#))
    }

    @Test func claimRunnerInProcessCombinesRuns() throws {
        let directory = try TestSpecs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = TestSpecs.json(id: "cmp", kind: "selftest.compare")
        let spec = try TestSpecs.spec(text, id: "cmp")
        let settings = RunSettings(theoremsDirectory: directory, theoremsDisplayPath: "T", seed: 5, precision: 64)
        let results = ClaimRunner(settings: settings, isolation: .inProcess, jobs: 2).run([spec])
        #expect(results.claims.count == 1)
        #expect(results.claims[0].status == .passed)
        #expect(results.timings.count == 2)
    }
}

@Suite struct DataPathDisplayTests {
    private func settings(_ directory: URL, display: String) -> RunSettings {
        RunSettings(theoremsDirectory: directory, theoremsDisplayPath: display, seed: 5, precision: 64)
    }

    @Test func relativeDataPathGetsTheoremsPrefix() throws {
        let directory = try TestSpecs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: directory.appendingPathComponent("data/mdp.json"))
        let error = SpecError(file: "data/mdp.json", field: "states", value: "", problem: "missing required field", fix: "add it")

        let rewritten = InProcessExecution.withDisplayPath(error, settings: settings(directory, display: "Theorems"))
        #expect(rewritten.file == "Theorems/data/mdp.json")
        #expect(rewritten.field == "states")
        let sameDirectory = InProcessExecution.withDisplayPath(error, settings: settings(directory, display: "."))
        #expect(sameDirectory.file == "data/mdp.json")
    }

    @Test func specPathStaysUnchanged() throws {
        let directory = try TestSpecs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let specError = SpecError(file: "Theorems/a.json", field: "id", value: "", problem: "p", fix: "f")
        #expect(InProcessExecution.withDisplayPath(specError, settings: settings(directory, display: "Theorems")) == specError)
        let missing = SpecError(file: "data/absent.json", field: "", value: "", problem: "p", fix: "f")
        #expect(InProcessExecution.withDisplayPath(missing, settings: settings(directory, display: "Theorems")) == missing)
    }
}
