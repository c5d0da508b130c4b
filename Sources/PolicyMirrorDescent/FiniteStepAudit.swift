import ClaimKit
import Exact

/// The derived properties of an exact Euclidean PMD run, tested at every step.
///
/// - Monotone improvement (L. Xiao, arXiv:2201.07443): V^{k+1} ≤ V^k componentwise.
/// - Mass against value gap (derived from the performance-difference lemma):
///   Σ_s ρ(s) m^k(s) ≤ (V^k(ρ) − V*(ρ))/(f·Δ), where the claim has f = 1.
/// - Sufficient condition, sharp form: η_k·gap_k(s) ≥ C implies supp π^{k+1}(·|s) ⊆ A*(s), where the claim has C = 2R_φ = 2.
/// - Sufficient condition, ε-form: ε_k < Δ/2 and η_k(Δ − 2ε_k) ≥ C imply π^{k+1} ∈ Π*.
struct FiniteStepAudit {
    /// The first violation of one property, with what is needed to recheck it.
    struct Violation {
        var property: String
        var step: Int
        var state: Int?
        var detail: String
    }

    var monotonicityViolation: Violation?
    var massBoundViolation: Violation?
    var sharpConditionViolation: Violation?
    var epsilonConditionViolation: Violation?
    /// Steps k at which the sharp condition held in every state with a suboptimal action.
    var sharpConditionSteps: [Int] = []
    /// Steps k at which the sharp condition held in at least one state.
    var sharpConditionStateCount = 0
    /// Steps k at which the ε-form condition held.
    var epsilonConditionSteps: [Int] = []
    /// Largest ratio (Σ ρ m^k)/((V^k(ρ) − V*(ρ))/Δ) over the steps with a positive value gap.
    var largestMassRatio: Rational?

    var violations: [Violation] {
        [monotonicityViolation, massBoundViolation, sharpConditionViolation, epsilonConditionViolation].compactMap { $0 }
    }

    /// Audits every step of `run`. The successor of the last iterate is known only when the run
    /// reached Π*, so the conditions at a last, non-optimal step are not tested.
    init(run: EuclideanPMDRun, mdp: MarkovDecisionProcess, constant: Rational, gapFactor: Rational) {
        let optimal = run.optimal
        let iterates = run.iterates

        for (k, iterate) in iterates.enumerated() {
            // Mass bound with the gap scaled by f.
            if let gap = optimal.gap {
                let bound = iterate.valueGap / (gapFactor * gap)
                if iterate.weightedMass > bound, massBoundViolation == nil {
                    massBoundViolation = Violation(
                        property: "mass bound", step: k, state: nil,
                        detail: "Σ ρ m^k = \(display(iterate.weightedMass)) > (V^k(ρ) − V*(ρ))/(\(gapFactor.fractionString)·Δ) = \(display(bound))")
                }
                if iterate.valueGap.signum > 0 {
                    let ratio = iterate.weightedMass / (iterate.valueGap / gap)
                    if largestMassRatio == nil || ratio > largestMassRatio! { largestMassRatio = ratio }
                }
            }

            // Monotone improvement against the next iterate.
            if k + 1 < iterates.count {
                let next = iterates[k + 1]
                if let state = (0..<mdp.stateCount).first(where: { next.values[$0] > iterate.values[$0] }),
                   monotonicityViolation == nil {
                    monotonicityViolation = Violation(
                        property: "monotone improvement", step: k, state: state,
                        detail: "V^{k+1}(s) = \(display(next.values[state])) > V^k(s) = \(display(iterate.values[state]))")
                }
            }

            let successor: Policy?
            if k + 1 < iterates.count {
                successor = iterates[k + 1].policy
            } else {
                successor = run.successorOfOptimal
            }
            guard let successor else { continue }
            let successorMass = optimal.suboptimalMass(successor)

            // Sufficient condition, sharp form, state by state.
            var allStatesHold = true
            var anyStateHolds = false
            for state in 0..<mdp.stateCount {
                guard let stateGap = iterate.stateGaps[state] else { continue }
                guard iterate.stepSize * stateGap >= constant else {
                    allStatesHold = false
                    continue
                }
                anyStateHolds = true
                if !successorMass[state].isZero, sharpConditionViolation == nil {
                    sharpConditionViolation = Violation(
                        property: "sharp condition", step: k, state: state,
                        detail: "η_k·gap_k(s) = \(display(iterate.stepSize * stateGap)) ≥ \(constant.fractionString) "
                            + "but π^{k+1} puts mass \(display(successorMass[state])) on suboptimal actions, "
                            + "π^{k+1}(·|s) = (" + successor[state].map(display).joined(separator: ", ") + ")")
                }
            }
            if anyStateHolds { sharpConditionStateCount += 1 }
            if allStatesHold && optimal.gap != nil { sharpConditionSteps.append(k) }

            // Sufficient condition, ε-form.
            if let gap = optimal.gap {
                let margin = gap - iterate.actionValueError - iterate.actionValueError
                if margin.signum > 0, iterate.stepSize * margin >= constant {
                    epsilonConditionSteps.append(k)
                    let mass = successorMass.reduce(Rational.zero, +)
                    if !mass.isZero, epsilonConditionViolation == nil {
                        epsilonConditionViolation = Violation(
                            property: "ε-form condition", step: k, state: nil,
                            detail: "ε_k = \(display(iterate.actionValueError)), η_k(Δ − 2ε_k) = "
                                + "\(display(iterate.stepSize * margin)) ≥ \(constant.fractionString) but π^{k+1} "
                                + "puts total mass \(display(mass)) on suboptimal actions")
                    }
                }
            }
        }
    }
}

/// Formats an exact rational for reports: `p/q` when short, else a rounded decimal marked "≈".
func display(_ value: Rational) -> String {
    let exact = value.fractionString
    if exact.count <= 32 { return exact }
    return "≈" + significantDigits(value, 8)
}

/// Rounds a rational to `digits` significant decimal digits in scientific notation, for display only.
func significantDigits(_ value: Rational, _ digits: Int) -> String {
    precondition(digits >= 1, "at least one significant digit is needed")
    if value.isZero { return "0" }

    let magnitude = value.magnitude
    var exponent = magnitude.numerator.description.count - magnitude.denominator.description.count
    var mantissa = BigInt.zero
    // The digit-count estimate of the exponent can be off by one; rescale until the rounded
    // mantissa has exactly `digits` digits.
    for _ in 0..<3 {
        let shift = digits - 1 - exponent
        let ten = BigInt(10)
        let scaled = shift >= 0 ? magnitude * Rational(ten.power(shift)) : magnitude / Rational(ten.power(-shift))
        mantissa = scaled.rounded(.toNearestOrEven)
        let count = mantissa.description.count
        if count == digits { break }
        exponent += count > digits ? 1 : -1
    }

    var text = mantissa.description
    if text.count > 1 { text.insert(".", at: text.index(after: text.startIndex)) }
    return (value.signum < 0 ? "-" : "") + text + "e" + (exponent >= 0 ? "+" : "") + String(exponent)
}
