import ClaimKit
import Exact
import Foundation

/// The exactness check run over every batch-norm channel of a checkpoint.
///
/// Each channel is folded in float32 with symmetric per-tensor calibration (see
/// `SymmetricCalibration`), and the folded float32 a, b are taken as exact rationals.
enum MobileNetSurvey {
    /// The per-channel findings.
    struct ChannelOutcome {
        let layer: String
        let channel: Int
        let slope: Rational
        let intercept: Rational
        let minimalShift: Int?
        let quantizer: FixedPointQuantizer?
        let marginShift: Int?
        let ties: Int
        /// Both comparisons at k_min and the comparison at the margin shift found no mismatch.
        let isExact: Bool
        let methodsAgree: Bool
        let firstMismatch: Mismatch?
        let float32Differences: Int
        let unfoldedFloat32Differences: Int
        /// Inputs where a float32 pipeline gives another output than q, with the pipeline's
        /// name, its float32 value and its output.
        let float32Mismatches: [(pipeline: String, input: Int, value: Float, output: Int?)]
        let overflow: OverflowReport?

        var name: String { "\(layer) channel \(channel)" }
    }

    static let allowedKeys: Set<String> = ["input", "output", "rounding", "channelLimit", "channelStride", "plotChannel", "shiftLimit",
                                          "variant", "fractionBitsBelowMinimalShift"]

    static func run(_ context: CheckContext, variant: String) throws -> CheckResult {
        let parameters = context.parameters
        try parameters.rejectUnknownKeys(allowed: allowedKeys)
        let domain = try parameters.integerDomain("input")
        let output = try parameters.integerDomain("output")
        let rounding = try parameters.roundingRule("rounding")
        let channelLimit = try parameters.optionalInteger("channelLimit")
        let shiftLimit = try parameters.nonnegativeInteger("shiftLimit", default: 200)
        let channelStride = try parameters.optionalInteger("channelStride") ?? 1
        guard channelStride >= 1 else {
            throw parameters.invalid("channelStride", problem: "must be at least 1", fix: "write 1 to check every channel, n to check every n-th")
        }
        let url = try context.instanceDataURL()
        let checkpoint = try BatchNormCheckpoint.load(from: url, file: context.instance.data ?? url.path)

        var evidenceHeader = [
            Evidence(name: "checkpoint", value: "\(checkpoint.layers.count) batch-norm layers, \(checkpoint.channelCount) channels, "
                + "ε = \(try! Rational(exactly: checkpoint.epsilon)) (float32)"),
            Evidence(name: "folding", value: "float32: std = √(var + ε), a = (γ·s_in)/(s_out·std), b = (β − (γ·μ)/std)/s_out, zero points 0"),
            Evidence(name: "calibration", value: "per layer, float32: s_in = max_c(|μ_c| + 4·√var_c)/127, s_out = max_c(|β_c| + 4·|γ_c|)/127",
                     note: "no activation data ships with the checkpoint, so the scales come from the batch-norm statistics"),
            Evidence(name: "reference", value: "q(x) = clamp(\(rounding.rawValue)(a·x + b), \(output.lowerBound), \(output.upperBound)), x in \(domain)"),
        ]

        var outcomes: [ChannelOutcome] = []
        var variantFailures: [(String, Counterexample)] = []
        var variantCertified = 0
        var variantApplicable = 0
        var layerCalibrations: [String: SymmetricCalibration] = [:]
        let fractionBitsBelow = try parameters.nonnegativeInteger("fractionBitsBelowMinimalShift", default: 1)

        var channelIndex = -1
        channels: for layer in checkpoint.layers {
            let calibration = SymmetricCalibration(layer: layer)
            layerCalibrations[layer.name] = calibration
            for channel in 0..<layer.channelCount {
                channelIndex += 1
                guard channelIndex % channelStride == 0 else { continue }
                if let channelLimit, outcomes.count >= channelLimit { break channels }
                try context.checkDeadline()
                let folded = FoldedChannel(layer: layer, channel: channel, calibration: calibration, epsilon: checkpoint.epsilon)
                let reference = folded.reference(rounding: rounding, output: output)
                let analysis = ExactnessAnalysis(reference: reference, domain: domain, shiftLimit: shiftLimit, includeOutputLevelGap: false)
                outcomes.append(outcome(folded, analysis: analysis))

                switch variant {
                case "shift-below-minimum":
                    guard let minimal = analysis.minimal.shift, minimal > 0, let below = analysis.minimal.belowMinimum else { continue }
                    variantApplicable += 1
                    guard !below.isFeasible else { continue }
                    variantCertified += 1
                    let delta = rounding.floorOffset ?? Rational(1, 2)
                    let rounded = FixedPointQuantizer.rounded(from: reference, shift: minimal - 1, offset: delta)
                    let comparison = OutputComparison.compare(rounded, with: reference, on: domain, referenceSteps: analysis.steps)
                    if let mismatch = comparison.firstMismatch, variantFailures.isEmpty {
                        variantFailures.append((folded.layer + " channel \(channel)", EvidenceText.counterexample(
                            mismatch, quantizer: rounded, reference: reference,
                            context: "\(folded.layer) channel \(channel): no (M, B) works at k = \(minimal - 1) (\(EvidenceText.infeasibility(below))); the rounded form")))
                    }
                case "truncated-multiplier":
                    guard analysis.minimal.shift != nil, !reference.slope.isZero else { continue }
                    variantApplicable += 1
                    let instance = HandInstance(reference: reference, domain: domain, float32Coefficients: nil,
                                                coefficientSource: "folded checkpoint channel")
                    let result = HandExactness.truncatedMultiplier(analysis, instance: instance, fractionBitsBelow: fractionBitsBelow)
                    if result.verdict == .refuted, let counterexample = result.counterexample {
                        variantCertified += 1
                        if variantFailures.isEmpty {
                            variantFailures.append((folded.layer + " channel \(channel)", Counterexample(
                                description: "\(folded.layer) channel \(channel): " + counterexample.description,
                                input: counterexample.input, recheck: counterexample.recheck)))
                        }
                    }
                default:
                    break
                }
            }
        }
        evidenceHeader.append(Evidence(name: "channels checked", value: "\(outcomes.count)"
            + (channelStride > 1 ? " (one in every \(channelStride), in checkpoint order)" : "")))
        let notes = [EvidenceText.reconstructedNote, EvidenceText.referenceNote]

        switch variant {
        case "shift-below-minimum":
            var evidence = evidenceHeader
            evidence.append(Evidence(name: "channels with k_min ≥ 1", value: "\(variantApplicable)"))
            evidence.append(Evidence(name: "channels proved infeasible at k_min − 1", value: "\(variantCertified)",
                                     note: "pairwise bounds on M with no integer between them"))
            guard let (_, counterexample) = variantFailures.first else {
                return CheckResult(verdict: .inconclusive, summary: "no channel was certified infeasible at k_min − 1", evidence: evidence, notes: notes)
            }
            return CheckResult(verdict: .refuted,
                               summary: "\(variantCertified) of \(variantApplicable) channels with k_min ≥ 1 admit no (M, B) at k_min − 1",
                               evidence: evidence, counterexample: counterexample, notes: notes)
        case "truncated-multiplier":
            var evidence = evidenceHeader
            evidence.append(Evidence(name: "channels with a truncated multiplier that mismatches", value: "\(variantCertified) of \(variantApplicable)",
                                     note: "M₀ truncated to resolution 2^−(k_min − \(fractionBitsBelow)), B rounded at the full shift"))
            guard let (_, counterexample) = variantFailures.first else {
                return CheckResult(verdict: .provedExact, summary: "every truncated multiplier still reproduces q", evidence: evidence, notes: notes)
            }
            return CheckResult(verdict: .refuted,
                               summary: "\(variantCertified) of \(variantApplicable) channels differ from q with a truncated multiplier",
                               evidence: evidence, counterexample: counterexample, notes: notes)
        default:
            return try summarize(outcomes, header: evidenceHeader, notes: notes, checkpoint: checkpoint, calibrations: layerCalibrations,
                                 domain: domain, rounding: rounding, output: output, parameters: parameters,
                                 instanceID: context.instance.id)
        }
    }

    static func outcome(_ folded: FoldedChannel, analysis: ExactnessAnalysis) -> ChannelOutcome {
        let domain = analysis.domain
        let reference = analysis.reference
        var foldedDifferences = 0
        var unfoldedDifferences = 0
        var mismatches: [(pipeline: String, input: Int, value: Float, output: Int?)] = []
        // The float32 pipelines are compared input by input, so only on enumerable domains.
        for x in analysis.referenceValues == nil ? [] : Array(domain.lowerBound...domain.upperBound) {
            let expected = analysis.referenceValues![x - domain.lowerBound]
            let foldedValue = folded.foldedFloat32Value(at: x)
            let foldedOutput = quantizedFloat(foldedValue, rounding: reference.rounding, output: reference.output)
            if foldedOutput != expected {
                foldedDifferences += 1
                mismatches.append(("folded", x, foldedValue, foldedOutput))
            }
            let unfoldedValue = folded.unfoldedFloat32Value(at: x)
            let unfoldedOutput = quantizedFloat(unfoldedValue, rounding: reference.rounding, output: reference.output)
            if unfoldedOutput != expected {
                unfoldedDifferences += 1
                mismatches.append(("unfolded", x, unfoldedValue, unfoldedOutput))
            }
        }
        let comparisons = [analysis.minimalExhaustive, analysis.minimalBoundary, analysis.marginComparison].compactMap { $0 }
        let exact = analysis.minimal.shift != nil && comparisons.allSatisfy(\.isEqual)
        return ChannelOutcome(layer: folded.layer, channel: folded.channel, slope: reference.slope, intercept: reference.intercept,
                              minimalShift: analysis.minimal.shift, quantizer: analysis.minimal.quantizer,
                              marginShift: analysis.marginShift, ties: analysis.ties.count, isExact: exact,
                              methodsAgree: analysis.methodsAgree,
                              firstMismatch: comparisons.first(where: { !$0.isEqual })?.firstMismatch,
                              float32Differences: foldedDifferences, unfoldedFloat32Differences: unfoldedDifferences,
                              float32Mismatches: mismatches,
                              overflow: analysis.overflow)
    }
}
