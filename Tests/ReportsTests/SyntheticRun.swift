import ClaimKit
import Foundation
import Runner

/// A fixed, hand-written run used by the report tests. Nothing in it comes from a check.
enum SyntheticRun {
    static let specText = """
    {
      "id": "demo.bound",
      "title": "A demo bound | with a pipe",
      "source": {"title": "A Paper on Bounds", "authors": ["A. Author", "B. Author"], "arxiv": "2205.08176",
                 "venue": "preprint", "location": "Theorem 2"},
      "provenance": "reconstructed",
      "statement": "For every $k \\\\ge 1$, $m_k \\\\le 2^{-k}$.",
      "hypotheses": ["$k$ is a positive integer", "costs lie in $[0, 1]$"],
      "check": {"kind": "selftest.report", "rigor": "rigorous", "description": "Encloses $m_k$ in balls and compares."},
      "parameters": {"steps": 4},
      "instances": [
        {"id": "chain", "description": "three-state chain", "parameters": {"discount": "9/10"}},
        {"id": "bandit", "description": "one-state bandit", "parameters": {"discount": "1/2", "costs": ["1", "0"]}}
      ],
      "expectedVerdict": "proved-rigorous",
      "negativeControls": [
        {"id": "halved", "description": "bound halved", "parameters": {"factor": "1/2"}, "instances": ["chain"], "expectedVerdict": "refuted"},
        {"id": "shifted", "description": "bound shifted by 1/100", "parameters": {"shift": "1/100"}, "instances": ["bandit"], "expectedVerdict": "refuted"}
      ],
      "budgetSeconds": 60
    }
    """

    static func spec() throws -> TheoremSpec {
        try TheoremSpec.parse(specText, file: "Theorems/demo.bound.json", expectedID: "demo.bound", theoremsDirectory: nil)
    }

    static let plot = Plot(
        id: "mass", title: "Suboptimal mass <per step>", xLabel: "step k", yLabel: "mass", xScale: .linear, yScale: .log,
        series: [
            PlotSeries(name: "m_k", points: [PlotPoint(x: 0, y: 0.5), PlotPoint(x: 1, y: 0.25), PlotPoint(x: 2, y: 0.1),
                                             PlotPoint(x: 3, y: 0.01), PlotPoint(x: 4, y: 0)], style: .line),
            PlotSeries(name: "bound 2^-k", points: (0...4).map { PlotPoint(x: Double($0), y: pow(2, -Double($0))) }, style: .step),
            PlotSeries(name: "samples & co", points: [PlotPoint(x: 1.5, y: 0.3), PlotPoint(x: .nan, y: 1)], style: .points),
        ],
        markers: [PlotMarker(x: 3, label: "first optimal step")])

    static let chainResult = CheckResult(
        verdict: .provedRigorous, summary: "m_k ≤ 2^-k certified for k = 1..4",
        evidence: [Evidence(name: "largest ratio", value: "[0.39999, 0.40001]", note: "rounded outward"),
                   Evidence(name: "steps", value: "4")],
        tables: [ReportTable(title: "Per step", columns: ["k", "m_k", "bound"],
                             rows: [["1", "1/4", "1/2"], ["2", "1/10", "1/4"]])],
        plots: [plot], precisionBits: 128, notes: ["enclosures at 128 bits"])

    static let banditResult = CheckResult(verdict: .provedExact, summary: "exact: m_1 = 0")

    static let halvedResult = CheckResult(
        verdict: .refuted, summary: "m_2 = 1/10 > 1/8",
        counterexample: Counterexample(description: "step 2 exceeds the halved bound", input: ["k": "2", "m_k": "1/10"],
                                       recheck: "compute m_2 = 1/10 by hand and compare with 2^-2/2 = 1/8"))

    /// The "shifted" control is not rejected, so the claim fails as "checker broken".
    static let shiftedResult = CheckResult(verdict: .provedExact, summary: "bound still holds")

    static let environment = RunEnvironment(seed: 18_446_744_073_709_551_557, precision: 256,
                                            libraries: ["GMP": "6.2.1", "MPFR": "4.2.0", "Arb": "2.23.0", "FLINT": "2.9.0"],
                                            swiftVersion: "6.3", toolVersion: "0.1.0")

    static func record(spec: TheoremSpec) -> ClaimRecord {
        let outcomes: [RunRequest: RunRecord] = [
            RunRequest(claimID: "demo.bound", instanceID: "chain", controlID: nil):
                RunRecord(instanceID: "chain", seed: 11, outcome: .completed(result: chainResult)),
            RunRequest(claimID: "demo.bound", instanceID: "bandit", controlID: nil):
                RunRecord(instanceID: "bandit", seed: 12, outcome: .completed(result: banditResult)),
            RunRequest(claimID: "demo.bound", instanceID: "chain", controlID: "halved"):
                RunRecord(instanceID: "chain", seed: 13, outcome: .completed(result: halvedResult)),
            RunRequest(claimID: "demo.bound", instanceID: "bandit", controlID: "shifted"):
                RunRecord(instanceID: "bandit", seed: 14, outcome: .completed(result: shiftedResult)),
        ]
        return ClaimRecord(spec: spec, outcomes: outcomes)
    }

    static func summary() throws -> RunSummary {
        let passing = try TheoremSpec.parse(
            specText.replacingOccurrences(of: "demo.bound", with: "demo.pass")
                .replacingOccurrences(of: #""provenance": "reconstructed""#, with: #""provenance": "sourced""#),
            file: "Theorems/demo.pass.json", expectedID: "demo.pass", theoremsDirectory: nil)
        var passingOutcomes: [RunRequest: RunRecord] = [:]
        for request in RunPlan.requests(for: [passing]) {
            let result = request.controlID == nil ? CheckResult(verdict: .provedRigorous, summary: "certified") : halvedResult
            passingOutcomes[request] = RunRecord(instanceID: request.instanceID, seed: 1, outcome: .completed(result: result))
        }
        let crashedOutcomes = passingOutcomes.mapValues { run in
            RunRecord(instanceID: run.instanceID, seed: run.seed, outcome: .crashed(message: "terminated by signal 4 <SIGILL>"))
        }
        var crashed = ClaimRecord(spec: passing, outcomes: crashedOutcomes)
        crashed.id = "demo.crash"
        return RunSummary(environment: environment, shard: nil,
                          claims: [ClaimRecord(spec: passing, outcomes: passingOutcomes), record(spec: try spec()), crashed],
                          invalidSpecs: [InvalidSpecRecord(file: "Theorems/broken.json",
                                                           message: #"Theorems/broken.json: field "title": missing required field & more"#)])
    }
}
