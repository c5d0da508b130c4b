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
        var controls = ControlTally()
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
                    controls.recordShiftBelowMinimum(analysis, channel: "\(folded.layer) channel \(channel)")
                case "truncated-multiplier":
                    controls.recordTruncatedMultiplier(analysis, channel: "\(folded.layer) channel \(channel)",
                                                       fractionBitsBelow: fractionBitsBelow)
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
            return controls.shiftBelowMinimumResult(header: evidenceHeader, notes: notes)
        case "truncated-multiplier":
            return controls.truncatedMultiplierResult(header: evidenceHeader, notes: notes, fractionBitsBelow: fractionBitsBelow)
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

/// Per-channel results of a negative control over the checkpoint.
struct ControlTally {
    /// Channels the control applies to.
    private(set) var applicable = 0
    /// Channels on which the control's variant is shown false.
    private(set) var refuted = 0
    /// The counterexample of the first refuted channel.
    private(set) var firstCounterexample: Counterexample?

    /// Records k = k_min − 1 for one channel: refuted when the pairwise bounds leave no integer
    /// M; the counterexample adds the first mismatch of the rounded (M, B).
    mutating func recordShiftBelowMinimum(_ analysis: ExactnessAnalysis, channel: String) {
        guard let minimal = analysis.minimal.shift, minimal > 0, let below = analysis.minimal.belowMinimum else { return }
        applicable += 1
        guard !below.isFeasible else { return }
        refuted += 1
        guard firstCounterexample == nil else { return }

        let reference = analysis.reference
        let delta = reference.rounding.floorOffset ?? Rational(1, 2)
        let rounded = FixedPointQuantizer.rounded(from: reference, shift: minimal - 1, offset: delta)
        let comparison = OutputComparison.compare(rounded, with: reference, on: analysis.domain, referenceSteps: analysis.steps)
        let certificate = "\(channel): no (M, B) works at k = \(minimal - 1) (\(EvidenceText.infeasibility(below)))"
        if let mismatch = comparison.firstMismatch {
            firstCounterexample = EvidenceText.counterexample(mismatch, quantizer: rounded, reference: reference,
                                                              context: certificate + "; the rounded form")
        } else {
            firstCounterexample = Counterexample(description: certificate, input: ["channel": channel, "k": "\(minimal - 1)"],
                                                 recheck: "check the two pairwise bounds on M by hand")
        }
    }

    /// Records the truncated Jacob-style multiplier for one channel: refuted when it mismatches q.
    mutating func recordTruncatedMultiplier(_ analysis: ExactnessAnalysis, channel: String, fractionBitsBelow: Int) {
        guard analysis.minimal.shift != nil, !analysis.reference.slope.isZero else { return }
        applicable += 1
        let instance = HandInstance(reference: analysis.reference, domain: analysis.domain, float32Coefficients: nil,
                                    coefficientSource: "folded checkpoint channel")
        let result = HandExactness.truncatedMultiplier(analysis, instance: instance, fractionBitsBelow: fractionBitsBelow)
        guard result.verdict == .refuted, let counterexample = result.counterexample else { return }
        refuted += 1
        if firstCounterexample == nil {
            firstCounterexample = Counterexample(description: "\(channel): " + counterexample.description,
                                                 input: counterexample.input, recheck: counterexample.recheck)
        }
    }

    func shiftBelowMinimumResult(header: [Evidence], notes: [String]) -> CheckResult {
        var evidence = header
        evidence.append(Evidence(name: "channels with k_min ≥ 1", value: "\(applicable)"))
        evidence.append(Evidence(name: "channels proved infeasible at k_min − 1", value: "\(refuted)",
                                 note: "pairwise bounds on M with no integer between them"))
        guard let firstCounterexample else {
            return CheckResult(verdict: .inconclusive, summary: "no channel was certified infeasible at k_min − 1", evidence: evidence, notes: notes)
        }
        return CheckResult(verdict: .refuted, summary: "\(refuted) of \(applicable) channels with k_min ≥ 1 admit no (M, B) at k_min − 1",
                           evidence: evidence, counterexample: firstCounterexample, notes: notes)
    }

    func truncatedMultiplierResult(header: [Evidence], notes: [String], fractionBitsBelow: Int) -> CheckResult {
        var evidence = header
        evidence.append(Evidence(name: "channels with a truncated multiplier that mismatches", value: "\(refuted) of \(applicable)",
                                 note: "M₀ truncated to resolution 2^−(k_min − \(fractionBitsBelow)), B rounded at the full shift"))
        guard let firstCounterexample else {
            return CheckResult(verdict: .provedExact, summary: "every truncated multiplier still reproduces q", evidence: evidence, notes: notes)
        }
        return CheckResult(verdict: .refuted, summary: "\(refuted) of \(applicable) channels differ from q with a truncated multiplier",
                           evidence: evidence, counterexample: firstCounterexample, notes: notes)
    }
}
