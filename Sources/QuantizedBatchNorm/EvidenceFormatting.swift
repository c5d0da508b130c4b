import ClaimKit
import Exact

/// Text for the evidence of the quantized batch-norm checks.
enum EvidenceText {
    /// Note for the claims whose spec provenance is `reconstructed`; the ties claim is derived and omits it.
    static let reconstructedNote = "reconstructed spec: only the abstract of arXiv:2008.13128 was available, so the form "
        + "q̂(x) = clamp((M·x + B) >> k), the margin bound and the rounding convention are reconstructed, not quoted"

    static let referenceNote = "every verdict compares the fixed-point form with the exact reference q(x) = clamp(R(a·x + b)), "
        + "where a and b are exact rationals (the float32 values themselves when the coefficients are float32)"

    static func interval(_ lower: BigInt?, _ upper: BigInt?) -> String {
        "[\(lower.map(\.description) ?? "-inf"), \(upper.map(\.description) ?? "+inf")]"
    }

    static func multiplierInterval(_ solution: ShiftSolution) -> String {
        var text = interval(solution.lower?.integerBound, solution.upper?.integerBound)
        var sources: [String] = []
        if let lower = solution.lower { sources.append("lower bound \(lower.exactBound) from the pair " + pair(lower)) }
        if let upper = solution.upper { sources.append("upper bound \(upper.exactBound) from the pair " + pair(upper)) }
        if !sources.isEmpty { text += " (" + sources.joined(separator: "; ") + ")" }
        return text
    }

    /// Describes the infeasibility certificate at one shift: the two pairwise bounds with no integer between them.
    static func infeasibility(_ solution: ShiftSolution) -> String {
        if let input = solution.sameInputConflict {
            return "k = \(solution.shift): the two constraints at x = \(input) contradict each other"
        }
        guard let lower = solution.lower, let upper = solution.upper else { return "k = \(solution.shift): feasible" }
        return "k = \(solution.shift): M ≥ \(lower.exactBound) from the pair \(pair(lower)) and M ≤ \(upper.exactBound) "
            + "from the pair \(pair(upper)); no integer M satisfies both (ceiling \(lower.integerBound) > floor \(upper.integerBound))"
    }

    static func pair(_ bound: MultiplierBound) -> String {
        "M·x + B ≥ 2^k·q(x) at x = \(bound.lowerPointInput), M·x + B ≤ 2^k·(q(x) + 1) − 1 at x = \(bound.upperPointInput)"
    }

    static func comparison(_ result: ComparisonResult) -> String {
        var text = "\(result.method.rawValue) over \(result.domain): \(result.evaluatedInputs) inputs evaluated, "
            + "\(result.mismatchCount) mismatches"
        if let first = result.firstMismatch {
            text += "; first at x = \(first.input): reference \(first.reference), fixed point \(first.candidate)"
        }
        return text
    }

    static func overflow(_ report: OverflowReport) -> String {
        "bits(M) + bits(max|x|) + 1 = \(report.productBits), max |M·x + B| needs \(report.accumulatorBits) bits, "
            + "|B| needs \(report.offsetBits) bits; accumulator \(report.availableBits) bits: " + (report.fits ? "fits" : "overflows")
    }

    static func inputs(_ values: [Int], limit: Int = 16) -> String {
        let shown = values.prefix(limit).map(String.init).joined(separator: ", ")
        return values.count > limit ? shown + ", … (\(values.count) in all)" : shown
    }

    /// Builds a counterexample for a mismatch of a fixed-point form.
    static func counterexample(_ mismatch: Mismatch, quantizer: FixedPointQuantizer, reference: AffineQuantizer,
                               context: String) -> Counterexample {
        Counterexample(
            description: "\(context): at x = \(mismatch.input) the reference gives \(mismatch.reference) and the fixed-point form gives \(mismatch.candidate)",
            input: ["x": "\(mismatch.input)", "M": quantizer.multiplier.description, "B": quantizer.offset.description,
                    "k": "\(quantizer.shift)", "a": reference.slope.description, "b": reference.intercept.description,
                    "rounding": reference.rounding.rawValue],
            recheck: "compute \(reference.rounding.rawValue)(a·x + b) in exact rationals and clamp it to "
                + "[\(reference.output.lowerBound), \(reference.output.upperBound)]; compute ⌊(M·x + B)/2^k⌋ in integers and clamp it; compare")
    }
}
