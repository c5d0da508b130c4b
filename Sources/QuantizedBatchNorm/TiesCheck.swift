import ClaimKit
import Exact

/// Claim qbn-3: at ties (a·x + b exactly halfway between two integers) the fixed-point
/// form reproduces round half up, and a half-even reference can be out of reach of every
/// (M, B, k).
///
/// Instance parameter `claim` is `reproduces` (the minimal-shift form equals the reference,
/// ties included) or `not-reproducible` (no (M, B) for any shift up to `shiftLimit`, and a
/// window-sum certificate for every real slope and offset). Control parameter
/// `comparisonRounding` compares the form built for `rounding` with a reference that rounds
/// by another rule.
public struct QuantizedBatchNormTiesCheck: ClaimCheck {
    public static let kind = "quantized-bn.ties"

    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        let parameters = context.parameters
        try parameters.rejectUnknownKeys(allowed: ["a", "b", "coefficients", "rounding", "input", "output", "claim", "shiftLimit",
                                                   "comparisonRounding"])
        let instance = try HandInstance(parameters)
        let claim = try parameters.string("claim")
        switch claim {
        case "reproduces":
            let comparisonRule = try parameters.optionalValue("comparisonRounding") == nil
                ? instance.reference.rounding : parameters.roundingRule("comparisonRounding")
            return try reproduces(instance, comparisonRule: comparisonRule, context: context)
        case "not-reproducible":
            guard instance.domain.count <= ExactnessAnalysis.exhaustiveLimit else {
                throw parameters.invalid("input", problem: "the window-sum certificate enumerates the inputs, so at most 65536 are allowed",
                                         fix: "use a domain of at most int16 size")
            }
            let shiftLimit = try parameters.nonnegativeInteger("shiftLimit", default: 40)
            return try notReproducible(instance, shiftLimit: shiftLimit, context: context)
        default:
            throw parameters.invalid("claim", problem: "unknown claim", fix: "write \"reproduces\" or \"not-reproducible\"")
        }
    }

    func reproduces(_ instance: HandInstance, comparisonRule: Rational.RoundingRule, context: CheckContext) throws -> CheckResult {
        try context.checkDeadline()
        let analysis = ExactnessAnalysis(reference: instance.reference, domain: instance.domain)
        var evidence = HandExactness.baseEvidence(analysis, instance: instance)
        let notes = [EvidenceText.referenceNote]
        guard let quantizer = analysis.minimal.quantizer else {
            return CheckResult(verdict: .inconclusive, summary: "no shift up to \(analysis.minimal.searchLimit) reproduces q",
                               evidence: evidence, notes: notes)
        }

        let reference = instance.reference
        let comparisonReference = AffineQuantizer(slope: reference.slope, intercept: reference.intercept,
                                                  rounding: comparisonRule, output: reference.output)
        let comparison = OutputComparison.compare(quantizer, with: comparisonReference, on: instance.domain)
        evidence.append(Evidence(name: "fixed-point form", value: "\(quantizer), built for \(reference.rounding.rawValue)"))
        evidence.append(Evidence(name: "compared with", value: "\(comparisonRule.rawValue)(a·x + b), clamped"))
        evidence.append(Evidence(name: "comparison", value: EvidenceText.comparison(comparison)))

        // The table lists every tie up to `tieRowLimit`; the evidence above always counts all of them.
        let tieRowLimit = 512
        let tieRows = analysis.ties.prefix(tieRowLimit).map { x -> [String] in
            [String(x), reference.exactValue(at: x).description, String(reference.value(at: x)),
             String(comparisonReference.value(at: x)), String(quantizer.value(at: x))]
        }
        let mismatchedTies = analysis.ties.filter { comparisonReference.value(at: $0) != quantizer.value(at: $0) }
        evidence.append(Evidence(name: "ties where the fixed-point form differs from \(comparisonRule.rawValue)",
                                 value: "\(mismatchedTies.count) of \(analysis.ties.count)"
                                    + (mismatchedTies.isEmpty ? "" : ": x = " + EvidenceText.inputs(mismatchedTies, limit: tieRowLimit))))
        let tableTitle = analysis.ties.count > tieRowLimit
            ? "The first \(tieRowLimit) of \(analysis.ties.count) tie inputs" : "Every tie input"
        let table = ReportTable(title: tableTitle, columns: ["x", "a·x + b", reference.rounding.rawValue, comparisonRule.rawValue, "fixed point"],
                                rows: tieRows)

        guard let mismatch = comparison.firstMismatch else {
            return CheckResult(verdict: .provedExact,
                               summary: "\(quantizer) reproduces \(comparisonRule.rawValue) on all of \(instance.domain), "
                                   + "including its \(analysis.ties.count) ties",
                               evidence: evidence, tables: [table], notes: notes)
        }
        return CheckResult(verdict: .refuted,
                           summary: "the form built for \(reference.rounding.rawValue) differs from \(comparisonRule.rawValue) at "
                               + "\(comparison.mismatchCount) inputs, first at x = \(mismatch.input)",
                           evidence: evidence,
                           counterexample: EvidenceText.counterexample(mismatch, quantizer: quantizer, reference: comparisonReference,
                                                                       context: "\(comparisonRule.rawValue) reference"),
                           tables: [table], notes: notes)
    }

    func notReproducible(_ instance: HandInstance, shiftLimit: Int, context: CheckContext) throws -> CheckResult {
        let reference = instance.reference
        let domain = instance.domain
        let steps = reference.stepFunction(on: domain)
        let constraints = ShiftConstraints(steps: steps, output: reference.output)
        let values = (domain.lowerBound...domain.upperBound).map(reference.value(at:))
        var evidence = [Evidence(name: "reference", value: instance.summary),
                        Evidence(name: "values q(x)", value: EvidenceText.inputs(values, limit: 16))]
        let notes: [String] = []

        var rows: [[String]] = []
        for shift in 0...shiftLimit {
            try context.checkDeadline()
            let solution = constraints.solve(shift: shift)
            if solution.isFeasible {
                let target = reference.slope.timesPowerOfTwo(shift).rounded(.toNearestOrUp)
                let multiplier = solution.multiplier(closestTo: target)!
                let offsets = constraints.offsetInterval(multiplier: multiplier, shift: shift)
                let offset = offsets.lower ?? offsets.upper ?? BigInt(0)
                let quantizer = FixedPointQuantizer(multiplier: multiplier, offset: offset, shift: shift, output: reference.output)
                let comparison = OutputComparison.compare(quantizer, with: reference, on: domain)
                evidence.append(Evidence(name: "feasible shift", value: "\(quantizer)"))
                evidence.append(Evidence(name: "comparison", value: EvidenceText.comparison(comparison)))
                return CheckResult(verdict: .refuted,
                                   summary: "\(quantizer) reproduces \(reference.rounding.rawValue) on \(domain), so the reference is reproducible",
                                   evidence: evidence,
                                   counterexample: Counterexample(description: "integers (M, B, k) that reproduce q: \(quantizer)",
                                                                  input: ["M": "\(multiplier)", "B": "\(offset)", "k": "\(shift)"],
                                                                  recheck: "evaluate clamp(⌊(M·x + B)/2^k⌋) and q(x) on every input"),
                                   notes: notes)
            }
            rows.append([String(shift), EvidenceText.infeasibility(solution)])
        }
        evidence.append(Evidence(name: "shifts proved infeasible", value: "every k in 0...\(shiftLimit)",
                                 note: "pairwise bounds on M leave no integer, shown per k in the table"))

        let certificate = WindowCertificate.find(values: values, domain: domain, output: reference.output)
        let table = ReportTable(title: "Infeasibility certificate per shift", columns: ["k", "certificate"], rows: rows)
        guard let certificate else {
            return CheckResult(verdict: .inconclusive,
                               summary: "no (M, B) for k ≤ \(shiftLimit), but no window-sum certificate covers larger k",
                               evidence: evidence, tables: [table], notes: notes)
        }
        evidence.append(Evidence(name: "window-sum certificate (every k)", value: certificate.description,
                                 note: "⌊u + v⌋ − ⌊u⌋ ∈ {⌊v⌋, ⌊v⌋ + 1}, so for any real α, β the differences ⌊α(x + L) + β⌋ − ⌊αx + β⌋ take at most two consecutive values"))
        return CheckResult(verdict: .provedExact,
                           summary: "no integers (M, B, k) reproduce \(reference.rounding.rawValue) on \(domain): infeasible for "
                               + "k ≤ \(shiftLimit) by the pairwise bounds and for every k by the window-sum certificate",
                           evidence: evidence, tables: [table], notes: notes)
    }
}

/// A proof that a sequence is not ⌊α·x + β⌋ for any real α, β on the inputs it covers.
///
/// For f(x) = ⌊α·x + β⌋ and a window length L, f(x + L) − f(x) ∈ {⌊α·L⌋, ⌊α·L⌋ + 1}. Two
/// windows whose differences are two or more apart rule out every α, β, and therefore every
/// fixed-point form (M, B, k), because (M·x + B)/2^k is such a line. All four values must lie
/// strictly inside the output range, where the clamp does not act.
struct WindowCertificate: CustomStringConvertible {
    let length: Int
    let firstStart: Int
    let firstDifference: Int
    let secondStart: Int
    let secondDifference: Int

    static func find(values: [Int], domain: IntegerDomain, output: IntegerDomain) -> WindowCertificate? {
        func isInterior(_ value: Int) -> Bool { value > output.lowerBound && value < output.upperBound }
        for length in 1..<max(values.count, 1) {
            var smallest: (start: Int, difference: Int)?
            var largest: (start: Int, difference: Int)?
            for index in 0..<(values.count - length) {
                let low = values[index]
                let high = values[index + length]
                guard isInterior(low) && isInterior(high) else { continue }
                let difference = high - low
                if smallest == nil || difference < smallest!.difference { smallest = (index, difference) }
                if largest == nil || difference > largest!.difference { largest = (index, difference) }
            }
            if let smallest, let largest, largest.difference - smallest.difference >= 2 {
                return WindowCertificate(length: length, firstStart: smallest.start + domain.lowerBound, firstDifference: smallest.difference,
                                         secondStart: largest.start + domain.lowerBound, secondDifference: largest.difference)
            }
        }
        return nil
    }

    var description: String {
        "window length L = \(length): q(\(firstStart + length)) − q(\(firstStart)) = \(firstDifference) and "
            + "q(\(secondStart + length)) − q(\(secondStart)) = \(secondDifference) differ by \(secondDifference - firstDifference) ≥ 2"
    }
}
