import ClaimKit
import Foundation
import Testing
@testable import QuantizedBatchNorm

/// The repository's theorems directory, found from this file's path.
private let theoremsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Theorems")

private func context(claim: String, instance: String, control: String? = nil) throws -> CheckContext {
    let url = theoremsDirectory.appendingPathComponent(claim + ".json")
    let spec = try TheoremSpec.load(from: url, displayPath: "Theorems/\(claim).json", theoremsDirectory: theoremsDirectory)
    let instanceSpec = try #require(spec.instance(instance))
    let controlSpec = control.map { spec.control($0) } ?? nil
    return CheckContext(spec: spec, instance: instanceSpec, control: controlSpec, seed: 1, precision: 64,
                        theoremsDirectory: theoremsDirectory, deadline: .now + .seconds(600))
}

@Test func tiesClaimAndControl() throws {
    let check = QuantizedBatchNormTiesCheck()
    let claim = try check.run(try context(claim: "quantized-bn-ties", instance: "half-slope-half-even-0-7"))
    #expect(claim.verdict == .provedExact)
    let control = try check.run(try context(claim: "quantized-bn-ties", instance: "half-slope-half-even-0-7", control: "half-up-reference"))
    #expect(control.verdict == .refuted)
    #expect(control.counterexample?.input["k"] == "1")
}

@Test func halfEvenControlReportsEveryTie() throws {
    let check = QuantizedBatchNormTiesCheck()
    let result = try check.run(try context(claim: "quantized-bn-ties", instance: "half-slope-half-up-int8", control: "half-even-reference"))
    #expect(result.verdict == .refuted)
    // Half up and half even differ at the ties x/2 = m + 1/2 with m even: x ≡ 1 (mod 4), 64 of the 128 odd inputs.
    #expect(result.tables.first?.rows.count == 128)
    #expect(result.evidence.contains { $0.value.hasPrefix("64 of 128") })
}

@Test func doubleRoundingControlShowsBugInput() throws {
    let check = QuantizedBatchNormRoundingSchemesCheck()
    let result = try check.run(try context(claim: "quantized-bn-rounding-schemes", instance: "requantize-1583594044-shift-9",
                                           control: "double-rounding"))
    #expect(result.verdict == .refuted)
    #expect(result.counterexample?.input["x"] == "7984")
    #expect(result.counterexample?.description.contains("rounds once to 11, the scheme gives 12") == true)
}

@Test func exactnessHandInstance() throws {
    let check = QuantizedBatchNormExactnessCheck()
    let result = try check.run(try context(claim: "quantized-bn-exactness", instance: "half-quarter-int8"))
    #expect(result.verdict == .provedExact)
    #expect(result.evidence.first { $0.name == "minimal shift k_min" }?.value == "1")
    #expect(result.evidence.first { $0.name == "margin-bound shift" }?.value.hasPrefix("9 ") == true)
    let control = try check.run(try context(claim: "quantized-bn-exactness", instance: "half-quarter-int8", control: "shift-below-minimum"))
    #expect(control.verdict == .refuted)
}

@Test func invalidRoundingRuleNamesField() throws {
    var base = try context(claim: "quantized-bn-ties", instance: "half-slope-half-up-int8")
    let overrides = Parameters(file: "test.json", field: "instances[0].parameters", members: ["rounding": .string("nearest")])
    base.parameters = base.parameters.merging(overrides)
    do {
        _ = try QuantizedBatchNormTiesCheck().run(base)
        Issue.record("an unknown rounding rule was accepted")
    } catch let error as SpecError {
        #expect(error.field == "instances[0].parameters.rounding")
        #expect(error.fix.contains("half-even"))
    }
}
