import ClaimKit
import Exact

/// Claim qbn-1: integers (M, B, k) exist with clamp((M·x + B) >> k) = q(x) on every input,
/// at the reconstructed margin-bound shift and at the minimal shift.
///
/// Instances are hand-written maps (`a`, `b`) or every batch-norm channel of a checkpoint
/// (`data`). Controls set `variant` to `shift-below-minimum` (k = k_min − 1) or
/// `truncated-multiplier` (a Jacob-style multiplier M₀ with too few significant bits).
public struct QuantizedBatchNormExactnessCheck: ClaimCheck {
    public static let kind = "quantized-bn.exactness"

    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        let parameters = context.parameters
        let variant = try parameters.optionalString("variant") ?? "claim"
        guard ["claim", "shift-below-minimum", "truncated-multiplier"].contains(variant) else {
            throw parameters.invalid("variant", problem: "unknown variant",
                                     fix: "use \"shift-below-minimum\" or \"truncated-multiplier\", or omit it for the claim")
        }
        if context.instance.data != nil {
            return try MobileNetSurvey.run(context, variant: variant)
        }

        try parameters.rejectUnknownKeys(allowed: ["a", "b", "coefficients", "rounding", "input", "output", "shiftLimit",
                                                   "variant", "fractionBitsBelowMinimalShift", "multiplier", "shift", "zeroPoint"])
        let instance = try HandInstance(parameters)
        let shiftLimit = try parameters.nonnegativeInteger("shiftLimit", default: 200)
        try context.checkDeadline()
        let analysis = ExactnessAnalysis(reference: instance.reference, domain: instance.domain, shiftLimit: shiftLimit)

        switch variant {
        case "shift-below-minimum":
            return HandExactness.shiftBelowMinimum(analysis, instance: instance)
        case "truncated-multiplier":
            let below = try parameters.nonnegativeInteger("fractionBitsBelowMinimalShift", default: 1)
            return HandExactness.truncatedMultiplier(analysis, instance: instance, fractionBitsBelow: below)
        default:
            return HandExactness.claim(analysis, instance: instance, instanceID: context.instance.id)
        }
    }
}

/// The hand-instance runs of the exactness check.
enum HandExactness {
    static func baseEvidence(_ analysis: ExactnessAnalysis, instance: HandInstance) -> [Evidence] {
        var evidence = [Evidence(name: "reference", value: instance.summary)]
        evidence.append(Evidence(name: "input domain", value: "\(analysis.domain) (\(analysis.domain.count) inputs)"))
        evidence.append(Evidence(name: "constraint points", value: "\(analysis.constraints.pointCount) run ends; hull vertices "
            + "\(analysis.constraints.lowerBoundHull.count) (lower bounds) and \(analysis.constraints.upperBoundHull.count) (upper bounds)"))
        if let shift = analysis.minimal.shift, let quantizer = analysis.minimal.quantizer, let solution = analysis.minimal.solution {
            evidence.append(Evidence(name: "minimal shift k_min", value: "\(shift)",
                                     note: "found by bisection over k; \(analysis.minimal.shiftsDecided) shifts decided exactly"))
            evidence.append(Evidence(name: "fixed-point form at k_min", value: "M = \(quantizer.multiplier), B = \(quantizer.offset)"))
            evidence.append(Evidence(name: "feasible M interval at k_min", value: EvidenceText.multiplierInterval(solution)))
            if let offsets = analysis.minimal.offsetInterval {
                evidence.append(Evidence(name: "feasible B interval for this M", value: EvidenceText.interval(offsets.lower, offsets.upper)))
            }
            if let below = analysis.minimal.belowMinimum {
                evidence.append(Evidence(name: "k_min − 1 infeasible", value: EvidenceText.infeasibility(below)))
            }
        } else {
            evidence.append(Evidence(name: "minimal shift k_min", value: "none up to \(analysis.minimal.searchLimit)"))
        }
        if let gap = analysis.gapOverAllInputs {
            evidence.append(Evidence(name: "margin g over all inputs", value: gap.description))
        }
        if let gap = analysis.gapAtOutputLevels {
            evidence.append(Evidence(name: "margin g at output levels", value: gap.description,
                                     note: "minimum distance of a·x + b + δ to the levels q_lo + 1 … q_hi only"))
        }
        let marginScope = analysis.gapOverAllInputs != nil ? "g over all inputs" : "g at output levels"
        evidence.append(Evidence(name: "margin-bound shift", value: analysis.marginShift.map { "\($0) (from \(marginScope))" }
            ?? "none: some a·x + b + δ is an integer (a tie), so g = 0"))
        if let margin = analysis.marginShift, let minimal = analysis.minimal.shift {
            evidence.append(Evidence(name: "margin bound − k_min", value: "\(margin - minimal)",
                                     note: margin > minimal ? "the margin bound is not tight" : "the margin bound is tight here"))
        }
        evidence.append(Evidence(name: "ties", value: "\(analysis.ties.count)"
            + (analysis.ties.isEmpty ? "" : " at x = " + EvidenceText.inputs(analysis.ties)),
            note: analysis.tiesCountedExhaustively ? "all inputs" : "inputs at the output levels q_lo + 1 … q_hi"))
        return evidence
    }

    static func claim(_ analysis: ExactnessAnalysis, instance: HandInstance, instanceID: String) -> CheckResult {
        var evidence = baseEvidence(analysis, instance: instance)
        var plots: [Plot] = []
        let notes = [EvidenceText.reconstructedNote, EvidenceText.referenceNote]

        guard let quantizer = analysis.minimal.quantizer, let boundary = analysis.minimalBoundary else {
            return CheckResult(verdict: .inconclusive,
                               summary: "no shift up to \(analysis.minimal.searchLimit) reproduces q; a larger shiftLimit may decide it",
                               evidence: evidence, notes: notes)
        }
        if let exhaustive = analysis.minimalExhaustive {
            evidence.append(Evidence(name: "comparison at k_min (exhaustive)", value: EvidenceText.comparison(exhaustive)))
        }
        evidence.append(Evidence(name: "comparison at k_min (boundary)", value: EvidenceText.comparison(boundary)))
        if let marginQuantizer = analysis.marginQuantizer, let marginComparison = analysis.marginComparison {
            evidence.append(Evidence(name: "fixed-point form at the margin-bound shift",
                                     value: "M = round(a·2^k) = \(marginQuantizer.multiplier), B = round((b + δ)·2^k) = \(marginQuantizer.offset)"))
            evidence.append(Evidence(name: "comparison at the margin-bound shift", value: EvidenceText.comparison(marginComparison)))
        }
        if let overflow = analysis.overflow {
            evidence.append(Evidence(name: "overflow at k_min", value: EvidenceText.overflow(overflow)))
        }
        if let coefficients = instance.float32Coefficients, analysis.domain.count <= ExactnessAnalysis.exhaustiveLimit {
            let differences = float32Differences(coefficients, reference: instance.reference, domain: analysis.domain)
            evidence.append(Evidence(name: "float32 evaluation differs from q", value: "\(differences.count) inputs"
                + (differences.isEmpty ? "" : " (x = " + EvidenceText.inputs(differences) + ")"),
                note: "q from fl(fl(a·x) + b) with float32 a, b; reported, not a failure"))
            if analysis.domain == .int8 {
                plots.append(QuantizationPlots.float32Error(id: "\(instanceID)-float32-error",
                                                            title: "float32 evaluation error of a·x + b (\(instanceID))",
                                                            slope: coefficients.slope, intercept: coefficients.intercept,
                                                            domain: analysis.domain))
            }
        }
        if let plot = QuantizationPlots.stepPositions(id: "\(instanceID)-step-positions",
                                                      title: "step crossings within their integer gap (\(instanceID), k = \(quantizer.shift))",
                                                      reference: instance.reference, quantizer: quantizer, steps: analysis.steps) {
            plots.append(plot)
        }

        var checked: [(ComparisonResult, FixedPointQuantizer)] = [(boundary, quantizer)]
        if let exhaustive = analysis.minimalExhaustive { checked.append((exhaustive, quantizer)) }
        if let marginComparison = analysis.marginComparison, let marginQuantizer = analysis.marginQuantizer {
            checked.append((marginComparison, marginQuantizer))
        }
        if !analysis.methodsAgree {
            return CheckResult(verdict: .inconclusive,
                               summary: "the exhaustive and boundary comparisons disagree, which is a defect in the checker",
                               evidence: evidence, plots: plots, notes: notes)
        }
        if let (failed, failedQuantizer) = checked.first(where: { !$0.0.isEqual }), let mismatch = failed.firstMismatch {
            return CheckResult(verdict: .refuted, summary: "the fixed-point form differs from q at x = \(mismatch.input)",
                               evidence: evidence,
                               counterexample: EvidenceText.counterexample(mismatch, quantizer: failedQuantizer,
                                                                           reference: instance.reference, context: "fixed-point form"),
                               plots: plots, notes: notes)
        }
        let marginText = analysis.marginShift.map { ", and at the margin-bound shift k = \($0)" } ?? ""
        return CheckResult(verdict: .provedExact,
                           summary: "reconstructed spec: (M, B) = (\(quantizer.multiplier), \(quantizer.offset)) at the minimal shift "
                               + "k = \(quantizer.shift) reproduces q on all of \(analysis.domain)\(marginText)",
                           evidence: evidence, plots: plots, notes: notes)
    }

    /// Repeats an exhaustive comparison by the boundary method and reports whether both give
    /// the same mismatch count and first mismatch. Returns no evidence when the comparison
    /// already used the boundary method.
    static func boundaryCrossCheck(_ quantizer: FixedPointQuantizer, comparison: ComparisonResult,
                                   analysis: ExactnessAnalysis) -> [Evidence] {
        guard comparison.method == .exhaustive else { return [] }
        let boundary = OutputComparison.boundary(referenceSteps: analysis.steps,
                                                 candidateSteps: quantizer.affineEquivalent.stepFunction(on: analysis.domain),
                                                 reference: analysis.reference.value(at:), candidate: quantizer.value(at:))
        let agree = boundary.mismatchCount == comparison.mismatchCount && boundary.firstMismatch == comparison.firstMismatch
        return [Evidence(name: "boundary method on the same form", value: EvidenceText.comparison(boundary),
                         note: agree ? "same mismatch count and first mismatch as the exhaustive sweep"
                                     : "DISAGREES with the exhaustive sweep: a checker defect")]
    }

    static func float32Differences(_ coefficients: (slope: Float, intercept: Float), reference: AffineQuantizer,
                                   domain: IntegerDomain) -> [Int] {
        (domain.lowerBound...domain.upperBound).filter { x in
            let value = coefficients.slope * Float(x) + coefficients.intercept
            return quantizedFloat(value, rounding: reference.rounding, output: reference.output) != reference.value(at: x)
        }
    }

    static func shiftBelowMinimum(_ analysis: ExactnessAnalysis, instance: HandInstance) -> CheckResult {
        let evidence = baseEvidence(analysis, instance: instance)
        let notes = [EvidenceText.reconstructedNote]
        guard let minimal = analysis.minimal.shift, minimal > 0, let below = analysis.minimal.belowMinimum else {
            return CheckResult(verdict: .inconclusive, summary: "k_min is 0 or not found, so k_min − 1 is not a shift",
                               evidence: evidence, notes: notes)
        }
        let shift = minimal - 1
        let delta = instance.reference.rounding.floorOffset ?? Rational(1, 2)
        let rounded = FixedPointQuantizer.rounded(from: instance.reference, shift: shift, offset: delta)
        let comparison = OutputComparison.compare(rounded, with: instance.reference, on: analysis.domain, referenceSteps: analysis.steps)
        var extra = evidence
        extra.append(Evidence(name: "rounded form at k_min − 1", value: "M = \(rounded.multiplier), B = \(rounded.offset), k = \(shift)"))
        extra.append(Evidence(name: "comparison of the rounded form", value: EvidenceText.comparison(comparison)))
        extra.append(contentsOf: boundaryCrossCheck(rounded, comparison: comparison, analysis: analysis))

        guard !below.isFeasible else {
            return CheckResult(verdict: .inconclusive, summary: "k_min − 1 is feasible, which contradicts the bisection: a checker defect",
                               evidence: extra, notes: notes)
        }
        let certificate = EvidenceText.infeasibility(below)
        let counterexample: Counterexample
        if let mismatch = comparison.firstMismatch {
            counterexample = EvidenceText.counterexample(mismatch, quantizer: rounded, reference: instance.reference,
                                                         context: "no (M, B) works at k = \(shift) (\(certificate)); the rounded form")
        } else {
            counterexample = Counterexample(description: "no (M, B) works at k = \(shift): \(certificate)",
                                            input: ["k": "\(shift)"], recheck: "check the two pairwise bounds on M by hand")
        }
        return CheckResult(verdict: .refuted, summary: "no integers (M, B) reproduce q at k = \(shift) = k_min − 1",
                           evidence: extra, counterexample: counterexample, notes: notes)
    }

    static func truncatedMultiplier(_ analysis: ExactnessAnalysis, instance: HandInstance, fractionBitsBelow: Int) -> CheckResult {
        var evidence = baseEvidence(analysis, instance: instance)
        let notes = [EvidenceText.reconstructedNote]
        let reference = instance.reference
        guard let minimal = analysis.minimal.shift, !reference.slope.isZero,
              let full = QuantizedMultiplier(approximating: reference.slope.magnitude), full.totalRightShift >= 1 else {
            return CheckResult(verdict: .inconclusive, summary: "the truncated-multiplier control needs a ≠ 0, |a| < 2^30 and a known k_min",
                               evidence: evidence, notes: notes)
        }
        let fractionBits = minimal - fractionBitsBelow
        // Bit j of M₀ has weight 2^(j + shift − 31); keeping weights ≥ 2^−f keeps shift + f bits.
        let keptBits = min(max(full.shift + fractionBits, 0), 31)
        let truncated = full.truncated(toSignificantBits: keptBits)
        let totalShift = truncated.totalRightShift
        let sign = BigInt(reference.slope.signum)
        let multiplier = sign * BigInt(Int(truncated.multiplier))
        let delta = reference.rounding.floorOffset ?? Rational(1, 2)
        let offset = (reference.intercept + delta).timesPowerOfTwo(totalShift).rounded(.toNearestOrUp)
        let quantizer = FixedPointQuantizer(multiplier: multiplier, offset: offset, shift: totalShift, output: reference.output)
        let comparison = OutputComparison.compare(quantizer, with: reference, on: analysis.domain, referenceSteps: analysis.steps)
        let offsets = analysis.constraints.offsetInterval(multiplier: multiplier, shift: totalShift)
        let rescuable = offsets.lower == nil || offsets.upper == nil || offsets.lower! <= offsets.upper!

        evidence.append(Evidence(name: "Jacob-style multiplier", value: "\(full) (scale M₀·2^(shift − 31))"))
        evidence.append(Evidence(name: "truncated multiplier", value: "\(truncated): \(keptBits) significant bits, "
            + "resolution 2^−\(fractionBits) = 2^−(k_min − \(fractionBitsBelow))"))
        evidence.append(Evidence(name: "offset", value: "B = round((b + δ)·2^\(totalShift)) = \(offset)"))
        evidence.append(Evidence(name: "comparison", value: EvidenceText.comparison(comparison)))
        evidence.append(contentsOf: boundaryCrossCheck(quantizer, comparison: comparison, analysis: analysis))
        evidence.append(Evidence(name: "offsets that work with this multiplier", value: rescuable
            ? EvidenceText.interval(offsets.lower, offsets.upper) : "none: every B fails, by the pairwise constraints"))

        guard let mismatch = comparison.firstMismatch else {
            return CheckResult(verdict: .provedExact,
                               summary: "the truncated multiplier still reproduces q on all of \(analysis.domain)",
                               evidence: evidence, notes: notes)
        }
        return CheckResult(verdict: .refuted,
                           summary: "the multiplier truncated to \(keptBits) significant bits differs from q at x = \(mismatch.input)",
                           evidence: evidence,
                           counterexample: EvidenceText.counterexample(mismatch, quantizer: quantizer, reference: reference,
                                                                       context: "truncated Jacob-style multiplier"),
                           notes: notes)
    }
}
