import ClaimKit
import Exact
import Foundation
import Testing
@testable import PolicyMirrorDescent

/// The package's Theorems directory, found from this file's path.
private let theoremsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Theorems")

private func loadSpec(_ id: String) throws -> TheoremSpec {
    try TheoremSpec.load(from: theoremsDirectory.appendingPathComponent(id + ".json"), displayPath: id + ".json",
                         theoremsDirectory: theoremsDirectory)
}

/// Runs the check of `spec` on one instance, optionally under one control, at 128 bits.
private func runCheck(_ check: any ClaimCheck, _ spec: TheoremSpec, instance: String,
                      control: String? = nil) throws -> CheckResult {
    let context = CheckContext(spec: spec, instance: try #require(spec.instance(instance)),
                               control: control.map { spec.control($0)! }, seed: 1, precision: 128,
                               theoremsDirectory: theoremsDirectory, deadline: .now + .seconds(120))
    return try check.run(context)
}

/// The chain instances of the ball PMD specs: each claim, and each negative control, gets the
/// verdict its spec expects.
@Suite struct RateCheckSpecTests {
    @Test(arguments: [
        ("pmd-rates-monotone", "chain-constant", "negative-square"),
        ("pmd-kl-positive-mass", "chain-geometric", "tsallis-instead-of-kl"),
        ("pmd-rates-tsallis-finite-step", "chain-geometric", "kl-reaches-optimal"),
        ("pmd-rates-linear", "chain-small-step", "rate-ten-percent-optimistic"),
        ("pmd-rates-sublinear", "chain-small-step", "bound-ten-times-smaller"),
        ("pmd-rates-policy", "chain-small-step", "twice-the-gap"),
    ])
    func chainVerdicts(specID: String, instance: String, control: String) throws {
        let spec = try loadSpec(specID)
        let checkTypes: [any ClaimCheck.Type] = [MonotoneImprovementCheck.self, PositiveMassCheck.self, ValueRateCheck.self]
        let checkType = try #require(checkTypes.first { $0.kind == spec.check.kind })

        let claim = try runCheck(checkType.init(), spec, instance: instance)
        #expect(claim.verdict == spec.expectedVerdict, "\(specID)/\(instance): \(claim.summary)")

        let refuted = try runCheck(checkType.init(), spec, instance: instance, control: control)
        #expect(refuted.verdict == spec.control(control)?.expectedVerdict, "\(specID)/\(control): \(refuted.summary)")
        #expect(refuted.counterexample != nil, "\(specID)/\(control)")
    }

    @Test func unknownDivergenceIsRejected() throws {
        let spec = try loadSpec("pmd-rates-monotone")
        let text = try String(contentsOf: theoremsDirectory.appendingPathComponent("pmd-rates-monotone.json"), encoding: .utf8)
            .replacingOccurrences(of: #""divergences": ["kl", "tsallis", "burg"]"#, with: #""divergences": ["entropy"]"#)
        let changed = try TheoremSpec.parse(text, file: spec.file, expectedID: nil, theoremsDirectory: theoremsDirectory)
        let error = #expect(throws: SpecError.self) {
            _ = try runCheck(MonotoneImprovementCheck(), changed, instance: "chain-constant")
        }
        #expect(error?.field == "parameters.divergences")
        #expect(error?.problem.contains("entropy") == true)
    }

    @Test func burgRateBoundIsRejected() throws {
        let spec = try loadSpec("pmd-rates-linear")
        let text = try String(contentsOf: theoremsDirectory.appendingPathComponent("pmd-rates-linear.json"), encoding: .utf8)
            .replacingOccurrences(of: #""divergences": ["kl", "tsallis"]"#, with: #""divergences": ["burg"]"#)
        let changed = try TheoremSpec.parse(text, file: spec.file, expectedID: nil, theoremsDirectory: theoremsDirectory)
        let error = #expect(throws: SpecError.self) {
            _ = try runCheck(ValueRateCheck(), changed, instance: "chain")
        }
        #expect(error?.problem.contains("infinite") == true)
    }
}
