import ClaimKit
import Enclosures
import Exact
import Foundation

/// Value-rate bounds of PMD checked at every step with enclosures, and the policy rates they imply.
///
/// `form` selects the bound B_k on V^k(ρ) − V*(ρ):
/// - `sublinear` (constant η): B_k = (D₀*/η + V⁰(d*) − V*(d*)) / (k(1 − γ)) for k ≥ 1. This is the form
///   that the three-point lemma and the performance-difference lemma give, summed over steps and
///   combined with monotone improvement.
/// - `linear` (geometric steps with η_{k+1} ≥ η_k ϑ_ρ/(ϑ_ρ − 1)): B_k = (1 − 1/ϑ_ρ)^k (V⁰(ρ) − V*(ρ) + D₀*/(η₀(ϑ_ρ − 1))),
///   the reconstructed form of Xiao's linear rate (arXiv:2201.07443). The same derivation gives a
///   D₀* term divided by an extra (1 − γ), which is weaker; the check tests the stronger form as written.
///
/// `rateFactor` multiplies the contraction factor (1 − 1/ϑ_ρ), or the whole bound for the sublinear
/// form. Negative controls use values below 1, which make the bound too optimistic.
/// With `quantity` = `policy-mass` the checked quantity is Σ_s ρ(s) m^k(s), and each step must pass
/// both links of the policy rate Σ_s ρ(s) m^k(s) ≤ B_k/Δ: the mass–gap bound
/// Σ_s ρ(s) m^k(s) ≤ (V^k(ρ) − V*(ρ))/Δ (derived from the performance-difference lemma) and the value
/// bound V^k(ρ) − V*(ρ) ≤ B_k. `gapFactor` multiplies Δ for the mass–gap control. The mass–gap
/// ratio tends to 1 as the mass vanishes, so deciding it needs precision below the gap; the
/// check escalates precision for that.
public struct ValueRateCheck: ClaimCheck {
    public static let kind = "pmd.rate-bound"

    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        let parameters = context.parameters
        try parameters.rejectUnknownKeys(allowed: RateCheckInstance.parameterNames.union(RunSettings.parameterNames)
            .union(["divergences", "form", "rateFactor", "quantity", "gapFactor"]))
        let instance = try RateCheckInstance.load(context)
        let settings = try RunSettings.read(context)
        let maps = try readMirrorMaps(parameters)
        let form = try parameters.string("form")
        guard form == "sublinear" || form == "linear" else {
            throw parameters.invalid("form", problem: "unknown bound form", fix: "use sublinear or linear")
        }
        let quantity = try parameters.optionalString("quantity") ?? "value"
        guard quantity == "value" || quantity == "policy-mass" else {
            throw parameters.invalid("quantity", problem: "unknown quantity", fix: "use value or policy-mass")
        }
        let rateFactor = try parameters.optionalRational("rateFactor") ?? Rational.one
        let gapFactor = try parameters.optionalRational("gapFactor") ?? Rational.one
        guard rateFactor.signum > 0, gapFactor.signum > 0 else {
            throw parameters.invalid("rateFactor", problem: "rateFactor and gapFactor must be positive", fix: "use a value such as \"9/10\"")
        }
        guard let gap = instance.optimal.gap else {
            throw parameters.invalid("mdp", problem: "every action is optimal in every state, so Δ and the rates are undefined",
                                     fix: "choose an MDP with a suboptimal action")
        }
        let initial = Policy.uniform(states: instance.mdp.stateCount, actions: instance.mdp.actionCount)

        switch (form, settings.schedule) {
        case ("sublinear", .geometric):
            throw parameters.invalid("schedule", problem: "the sublinear bound is stated for a constant step size", fix: "use \"constant\"")
        case ("linear", .constant):
            throw parameters.invalid("schedule", problem: "the linear bound needs geometrically increasing steps", fix: "use \"geometric\"")
        default:
            break
        }

        var verdicts: [Verdict] = []
        var evidence: [Evidence] = []
        var rows: [[String]] = []
        var series: [PlotSeries] = []
        var notes: [String] = []
        var counterexample: Counterexample?
        var precisionUsed = settings.startPrecision

        for map in maps {
            let (outcome, precision) = try escalatingPrecision(start: settings.startPrecision,
                                                               cap: settings.maximumPrecision) { precision in
                guard let constants = try RateConstants.compute(instance: instance, map: map, initial: initial,
                                                                precision: precision,
                                                                checkpoint: { try context.checkDeadline() }) else {
                    throw parameters.invalid(
                        "divergences",
                        problem: "D_h(π*, π⁰) is infinite for \(map.rawValue) because π* has zero entries, so the bound is vacuous",
                        fix: "check the rates only for kl and tsallis")
                }
                let trajectory = try instance.mdp.ballMirrorDescent(
                    map: map, schedule: settings.schedule, steps: settings.steps, initial: initial,
                    precision: precision, checkpoint: { try context.checkDeadline() })
                let outcome = RateOutcome(trajectory: trajectory, instance: instance, constants: constants, form: form,
                                          quantity: quantity, rateFactor: rateFactor, gap: gap * gapFactor,
                                          schedule: settings.schedule)
                return (outcome, outcome.isDecided)
            }
            precisionUsed = max(precisionUsed, precision)
            verdicts.append(outcome.verdict)

            let constants = outcome.constants
            let claimedFactor = Rational.one - Rational.one / constants.mismatch
            evidence.append(Evidence(name: "\(map.rawValue): ϑ_ρ", value: constants.mismatch.fractionString,
                                     note: "≈ \(constants.mismatch.decimalString(fractionDigits: 4)); ρ uniform"))
            evidence.append(Evidence(name: "\(map.rawValue): D₀*", value: constants.initialDivergence.text))
            evidence.append(Evidence(name: "\(map.rawValue): steps with the bound certified",
                                     value: "\(outcome.certifiedSteps) of \(outcome.bounds.compactMap { $0 }.count)",
                                     note: "\(settings.schedule), \(precision) bits"))
            if form == "linear" {
                evidence.append(Evidence(name: "\(map.rawValue): claimed per-step factor (1 − 1/ϑ_ρ)·rateFactor",
                                         value: (claimedFactor * rateFactor).decimalString(fractionDigits: 6)))
                if let slope = outcome.fittedSlope(logarithmicSteps: false) {
                    evidence.append(Evidence(name: "\(map.rawValue): fitted per-step factor exp(slope of ln gap on k)",
                                             value: String(format: "%.6g", Foundation.exp(slope)),
                                             note: "least squares over the steps with a positive gap; binary64, for display"))
                }
            } else if let slope = outcome.fittedSlope(logarithmicSteps: true) {
                evidence.append(Evidence(name: "\(map.rawValue): fitted exponent (slope of ln gap on ln k)",
                                         value: String(format: "%.6g", slope),
                                         note: "the bound decays like 1/k; over few steps the measured gap can decay more slowly while staying below it. Binary64 least squares, for display"))
            }
            if let failure = outcome.failureStep {
                counterexample = counterexample ?? Counterexample(
                    description: "\(map.rawValue): the \(outcome.failedLink ?? "bound") fails at k = \(failure)",
                    input: ["divergence": map.rawValue, "k": "\(failure)", "quantity": outcome.values[failure].text,
                            "bound": outcome.bounds[failure]?.text ?? "—", "ϑ_ρ": constants.mismatch.fractionString,
                            "rateFactor": rateFactor.fractionString, "schedule": settings.schedule.description],
                    recheck: "run \(map.rawValue) PMD from the uniform policy on \(instance.label) and compare the "
                        + "\(quantity == "value" ? "gap V^k(ρ) − V*(ρ)" : "mass Σ_s ρ(s) m^k(s)") with the bound at k = \(failure)")
            }
            if let reason = outcome.undecidedReason { notes.append("\(map.rawValue): \(reason)") }

            for k in outcome.values.indices where k % max(1, settings.steps / 10) == 0 || k == outcome.values.count - 1 {
                rows.append([map.rawValue, "\(k)", outcome.values[k].text, outcome.bounds[k]?.text ?? "—"])
            }
            series.append(PlotSeries(name: "\(map.rawValue): measured", points: outcome.values.indices.map {
                PlotPoint(x: Double($0), y: outcome.values[$0].plotValue)
            }))
            series.append(PlotSeries(name: "\(map.rawValue): bound", points: outcome.bounds.indices.compactMap { k in
                outcome.bounds[k].map { PlotPoint(x: Double(k), y: $0.plotValue) }
            }))
        }
        if form == "linear" {
            notes.append("The bound's form is reconstructed (the paper body was unavailable). A rate γ instead of "
                         + "1 − 1/ϑ_ρ, with adaptive steps, is a different result and is not verified here.")
        }

        let verdict = Verdict.combined(verdicts)
        let quantityName = quantity == "value" ? "V^k(ρ) − V*(ρ)" : "Σ_s ρ(s) m^k(s)"
        let summary: String
        switch verdict {
        case .refuted: summary = counterexample?.description ?? "the bound fails"
        case .provedRigorous: summary = "\(quantityName) ≤ B_k certified at every step for " + maps.map(\.rawValue).joined(separator: ", ")
        default: summary = "the \(form) bound was not decided at every step within \(settings.maximumPrecision) bits"
        }
        return CheckResult(
            verdict: verdict, summary: summary, evidence: evidence, counterexample: counterexample,
            tables: [ReportTable(title: "\(quantityName) and the \(form) bound, enclosures rounded outward",
                                 columns: ["divergence", "k", quantityName, "bound"], rows: rows)],
            plots: [Plot(id: "rate-bound", title: "\(quantityName) and the \(form) bound (\(instance.label))",
                         xLabel: "k", yLabel: quantityName, yScale: .log, series: series)],
            precisionBits: precisionUsed, notes: notes)
    }
}

/// The checked quantity and its bound at every step of one trajectory, and what they decide.
struct RateOutcome {
    let constants: RateConstants
    var values: [Ball] = []
    /// B_k per step, or nil where the bound is not defined (k = 0 for the sublinear form).
    var bounds: [Ball?] = []
    var certifiedSteps = 0
    var failureStep: Int?
    /// Name of the inequality that failed at `failureStep`: the value bound or the mass–gap bound.
    var failedLink: String?
    var undecidedReason: String?

    init(trajectory: BallTrajectory, instance: RateCheckInstance, constants: RateConstants, form: String,
         quantity: String, rateFactor: Rational, gap: Rational, schedule: StepSchedule) {
        self.constants = constants
        let precision = trajectory.precision
        let ball = { (value: Rational) in try! Ball(value, precision: precision) }
        let optimalAtDistribution = ball(instance.optimalValueAtDistribution)
        let discount = instance.mdp.discount
        let eta0 = schedule.stepSize(at: 0, discount: discount)

        for iterate in trajectory.iterates {
            let k = iterate.step
            let valueGap = iterate.evaluation.values.weighted(by: instance.stateDistribution, precision: precision)
                - optimalAtDistribution
            var bound: Ball?
            if form == "linear" {
                let factor = (Rational.one - Rational.one / constants.mismatch) * rateFactor
                let start = ball(constants.initialGap)
                    + constants.initialDivergence / ball(eta0 * (constants.mismatch - Rational.one))
                bound = ball(try! factor.power(k)) * start
            } else if k == 0 {
                bound = nil
            } else {
                let numerator = constants.initialDivergence / ball(eta0) + ball(constants.initialGapUnderOccupancy)
                bound = numerator / ball(Rational(k) * (Rational.one - discount)) * ball(rateFactor)
            }

            let value: Ball
            var margins: [(name: String, margin: Ball)] = []
            if quantity == "policy-mass" {
                value = instance.suboptimalMass(iterate.policy, precision: precision)
                    .weighted(by: instance.stateDistribution, precision: precision)
                // V^k ≥ V* always, so an exactly zero mass meets the mass–gap bound even when the
                // enclosure of the zero gap V^k(ρ) − V*(ρ) straddles 0.
                if value.isZero != .true { margins.append(("mass–gap bound", valueGap / ball(gap) - value)) }
                if let valueBound = bound { margins.append(("value bound", valueBound - valueGap)) }
                bound = bound.map { $0 / ball(gap) }
            } else {
                value = valueGap
                if let valueBound = bound { margins.append(("value bound", valueBound - value)) }
            }
            values.append(value)
            bounds.append(bound)

            let decided = margins.map { ($0.name, $0.margin.isNonnegative, $0.margin.isNegative) }
            guard !margins.isEmpty else { continue }
            if decided.allSatisfy({ $0.1 == .true }) {
                certifiedSteps += 1
            } else if let failed = decided.first(where: { $0.2 == .true }) {
                if failureStep == nil {
                    failureStep = k
                    failedLink = failed.0
                }
            } else if undecidedReason == nil {
                let open = decided.filter { $0.1 != .true }.map(\.0).joined(separator: " and ")
                undecidedReason = "the \(open) at k = \(k) is not decided: quantity \(value.text), value gap \(valueGap.text)"
            }
        }
        if let reason = trajectory.stopReason { undecidedReason = undecidedReason ?? reason }
    }

    var isDecided: Bool { failureStep != nil || undecidedReason == nil }

    var verdict: Verdict {
        if failureStep != nil { return .refuted }
        return undecidedReason == nil ? .provedRigorous : .inconclusive
    }

    /// Least-squares slope of ln(quantity) against k (or ln k), over steps with a positive midpoint.
    func fittedSlope(logarithmicSteps: Bool) -> Double? {
        let points = values.indices.compactMap { k -> (x: Double, y: Double)? in
            let y = values[k].midpoint.approximateDouble
            guard y > 0, y.isFinite, !logarithmicSteps || k >= 1 else { return nil }
            return (logarithmicSteps ? Foundation.log(Double(k)) : Double(k), Foundation.log(y))
        }
        return leastSquaresSlope(points)
    }
}
