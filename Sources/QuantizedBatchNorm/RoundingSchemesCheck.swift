import ClaimKit
import Exact

/// Claim qbn-4: folding a and b into one fixed-point multiply, add and shift rounds once and
/// is exact, while quantizing a and b with separate scales, or requantizing with two
/// roundings, is not.
///
/// Instances give `a`, `b` or a requantization (`multiplier` M₀, `shift`, `zeroPoint`).
/// Control parameter `variant` selects the scheme under test: `separate-scales` or
/// `double-rounding` (gemmlowp-style rounding doubling high multiply, then rounding shift).
public struct QuantizedBatchNormRoundingSchemesCheck: ClaimCheck {
    public static let kind = "quantized-bn.rounding-schemes"

    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        let parameters = context.parameters
        try parameters.rejectUnknownKeys(allowed: ["a", "b", "coefficients", "rounding", "input", "output", "multiplier", "shift",
                                                   "zeroPoint", "probeInputs", "variant", "separateShift"])
        let instance = try HandInstance(parameters)
        let probes = try parameters.optionalValue("probeInputs") == nil ? [] : parameters.integers("probeInputs")
        for (index, probe) in probes.enumerated() where !instance.domain.contains(probe) {
            throw SpecError(file: parameters.file, field: parameters.fieldPath("probeInputs") + "[\(index)]", value: "\(probe)",
                            problem: "outside the input domain \(instance.domain)", fix: "use inputs inside the domain")
        }
        guard instance.domain.count <= ExactnessAnalysis.exhaustiveLimit else {
            throw parameters.invalid("input", problem: "the rounding schemes are compared exhaustively, so at most 65536 inputs are allowed",
                                     fix: "use int8, uint8 or int16")
        }
        let requantization: QuantizedMultiplier? = parameters.contains("multiplier")
            ? QuantizedMultiplier(multiplier: Int32(try parameters.integer("multiplier")), shift: try parameters.integer("shift")) : nil
        let zeroPoint = try parameters.optionalInteger("zeroPoint") ?? 0
        try context.checkDeadline()
        let analysis = ExactnessAnalysis(reference: instance.reference, domain: instance.domain)
        guard let quantizer = analysis.minimal.quantizer else {
            return CheckResult(verdict: .inconclusive, summary: "no shift up to \(analysis.minimal.searchLimit) reproduces q",
                               evidence: HandExactness.baseEvidence(analysis, instance: instance))
        }

        let variant = try parameters.optionalString("variant") ?? "single-rounding"
        let reference = instance.reference
        let scheme: (name: String, value: (Int) -> Int)
        var evidence = [Evidence(name: "reference", value: instance.summary),
                        Evidence(name: "single-rounding form at k_min", value: "\(quantizer)")]
        switch variant {
        case "single-rounding":
            scheme = ("one multiply, one add and one floor shift", quantizer.value(at:))
        case "separate-scales":
            let shift = try parameters.optionalInteger("separateShift") ?? quantizer.shift
            guard shift >= 1 else {
                throw parameters.invalid("separateShift", problem: "must be at least 1", fix: "write a positive shift")
            }
            let separate = SeparateScaleQuantizer(reference: reference, slopeShift: shift, interceptShift: shift)
            evidence.append(Evidence(name: "separate scales", value: "A = round(a·2^\(shift)) = \(separate.slopeNumerator), "
                + "B = round(b·2^\(shift)) = \(separate.interceptNumerator); q = round(A·x/2^\(shift)) + round(B/2^\(shift))"))
            scheme = ("separate scales for a and b", separate.value(at:))
        case "double-rounding":
            guard let requantization else {
                throw parameters.invalid("variant", problem: "double rounding needs a requantization instance",
                                         fix: "run this control only on instances with multiplier and shift")
            }
            evidence.append(Evidence(name: "double rounding", value: "round(round(x·M₀/2^31)/2^\(-requantization.shift)) + zero point, "
                + "each rounding half away from zero (gemmlowp semantics)"))
            scheme = ("double rounding", { x in
                let value = Int(GemmlowpArithmetic.multiplyByQuantizedMultiplier(Int32(x), requantization)) + zeroPoint
                return clamp(BigInt(value), to: reference.output)
            })
        default:
            throw parameters.invalid("variant", problem: "unknown variant",
                                     fix: "use \"separate-scales\" or \"double-rounding\", or omit it for the claim")
        }

        let comparison = OutputComparison.exhaustive(domain: instance.domain, reference: reference.value(at:), candidate: scheme.value)
        evidence.append(Evidence(name: "comparison of \(scheme.name)", value: EvidenceText.comparison(comparison)))
        let nonTieMismatches = comparison.mismatchCount == 0 ? 0
            : (instance.domain.lowerBound...instance.domain.upperBound).filter { x in
                !reference.isTie(at: x) && reference.value(at: x) != scheme.value(x)
            }.count
        evidence.append(Evidence(name: "mismatches away from ties", value: "\(nonTieMismatches)"))
        if let requantization, variant == "single-rounding" {
            let single = FixedPointQuantizer(multiplier: BigInt(Int(requantization.multiplier)),
                                             offset: BigInt.powerOfTwo(requantization.totalRightShift - 1)
                                                 + (BigInt(zeroPoint) << requantization.totalRightShift),
                                             shift: requantization.totalRightShift, output: reference.output)
            let singleComparison = OutputComparison.exhaustive(domain: instance.domain, reference: reference.value(at:), candidate: single.value(at:))
            evidence.append(Evidence(name: "single-rounding requantization (x·M₀ + 2^(n−1)) >> n", value: EvidenceText.comparison(singleComparison)))
        }

        let probeRows = probes.map { x -> [String] in
            let exact = reference.exactValue(at: x)
            var row = [String(x), exact.description, exact.decimalString(fractionDigits: 6, rounding: .down), String(reference.value(at: x)),
                       String(quantizer.value(at: x)), String(scheme.value(x))]
            if let requantization {
                row.append(GemmlowpArithmetic.singleRoundingMultiply(Int32(x), requantization).description)
            }
            return row
        }
        var columns = ["x", "a·x + b", "decimal (rounded down)", "q(x)", "fixed point at k_min", scheme.name]
        if requantization != nil { columns.append("(x·M₀ + 2^(n−1)) >> n") }
        let tables = probes.isEmpty ? [] : [ReportTable(title: "Probe inputs", columns: columns, rows: probeRows)]
        let notes = [EvidenceText.reconstructedNote, EvidenceText.referenceNote]

        guard let first = comparison.firstMismatch else {
            return CheckResult(verdict: .provedExact, summary: "\(scheme.name) reproduces q on all of \(instance.domain)",
                               evidence: evidence, tables: tables, notes: notes)
        }
        // Prefer a probe input from a bug report as the counterexample, so it can be rechecked by hand.
        let probeMismatch = probes.first { reference.value(at: $0) != scheme.value($0) }
            .map { Mismatch(input: $0, reference: reference.value(at: $0), candidate: scheme.value($0)) }
        let shown = probeMismatch ?? first
        return CheckResult(verdict: .refuted,
                           summary: "\(scheme.name) differs from q at \(comparison.mismatchCount) inputs, first at x = \(first.input) "
                               + "(q = \(first.reference), scheme \(first.candidate))",
                           evidence: evidence,
                           counterexample: Counterexample(
                               description: "\(scheme.name): at x = \(shown.input) the exact a·x + b = \(reference.exactValue(at: shown.input)) "
                                   + "rounds once to \(shown.reference), the scheme gives \(shown.candidate)",
                               input: ["x": "\(shown.input)", "a": reference.slope.description, "b": reference.intercept.description],
                               recheck: "compute a·x + b exactly, round it once half up, and compare with the scheme's integer pipeline"),
                           tables: tables, notes: notes)
    }
}
