import ClaimKit
import Exact
import Foundation

/// The scaling of the first optimal step K with a constant step size η for Euclidean PMD.
///
/// Claim: K(η) ∝ η^b with b in `exponentBand`, such as a band around −1 for K = O(1/η). Each K
/// is decided exactly or by certified support identification. The exponent is an empirical
/// statistic, a least-squares fit of log K against log η over the constant step sizes, reported
/// with the range of its leave-one-out refits. The geometric schedule η_k = η₀/γ^k, when given,
/// is reported and plotted but not fitted.
public struct StepCountScalingCheck: ClaimCheck {
    public static let kind = "pmd.step-count-scaling"
    public init() {}

    static let parameterNames: Set<String> = [
        "mdp", "discount", "shift", "costs", "states", "actions", "branching", "seed",
        "stepSizes", "geometricStepSize", "exponentBand", "maxSteps", "maxDenominatorDigits", "maxPrecisionBits",
    ]

    public func run(_ context: CheckContext) throws -> CheckResult {
        let parameters = context.parameters
        try parameters.rejectUnknownKeys(allowed: Self.parameterNames)
        let (mdp, label) = try Self.readMDP(context)
        let stepSizes = try parameters.rationals("stepSizes")
        guard stepSizes.count >= 3, stepSizes.allSatisfy({ $0.signum > 0 }), Set(stepSizes).count == stepSizes.count else {
            throw parameters.invalid("stepSizes", problem: "the fit and its leave-one-out spread need at least 3 distinct positive step sizes",
                                     fix: "use a list such as [\"1/10\", \"1\", \"10\"]")
        }
        let geometricStepSize = try parameters.optionalRational("geometricStepSize")
        if let geometricStepSize, geometricStepSize.signum <= 0 || mdp.discount.isZero {
            throw parameters.invalid("geometricStepSize", problem: "a geometric schedule needs η₀ > 0 and γ > 0",
                                     fix: "use a value such as \"1\" with a positive discount, or remove the field")
        }
        let band = try parameters.rationals("exponentBand")
        guard band.count == 2, band[0] < band[1] else {
            throw parameters.invalid("exponentBand", problem: "must be a pair [low, high] with low < high",
                                     fix: "use [\"-23/20\", \"-17/20\"]")
        }
        let maximumSteps = try parameters.optionalInteger("maxSteps") ?? 1_000
        guard maximumSteps >= 1 else {
            throw parameters.invalid("maxSteps", problem: "must be at least 1", fix: "use a value such as 1000")
        }
        let startPrecision = max(128, context.precision)
        let limits = FirstOptimalStepLimits(
            maximumSteps: maximumSteps,
            maximumDenominatorDigits: try parameters.optionalInteger("maxDenominatorDigits") ?? 2_000,
            startPrecision: startPrecision,
            maximumPrecision: max(startPrecision, try parameters.optionalInteger("maxPrecisionBits") ?? 4096))
        let checkpoint = FiniteStepSetup.softCheckpoint(context)

        // Set-up: the optimum, then K for every schedule.
        let optimal: OptimalSolution
        do {
            optimal = try mdp.solveOptimal(checkpoint: checkpoint)
        } catch let stop as StopRequested {
            return CheckResult(verdict: .inconclusive, summary: "policy iteration did not finish: \(stop.reason)")
        }
        var evidence = [Evidence(name: "MDP", value: label),
                        Evidence(name: "gap Δ", value: optimal.gap.map(display) ?? "none")]
        guard optimal.gap != nil else {
            return CheckResult(verdict: .inconclusive, summary: "every action is optimal in every state of \(label), so K = 0 for every η",
                               evidence: evidence)
        }

        var outcomes: [(stepSize: Rational, result: FirstOptimalStep)] = []
        for eta in stepSizes {
            let result = try mdp.firstOptimalStep(optimal: optimal, schedule: .constant(eta), limits: limits, checkpoint: checkpoint)
            outcomes.append((eta, result))
        }
        let geometric = try geometricStepSize.map {
            try mdp.firstOptimalStep(optimal: optimal, schedule: .geometric(initial: $0), limits: limits, checkpoint: checkpoint)
        }

        var rows = outcomes.map { ["constant η = \($0.stepSize.fractionString)", $0.result.step.map(String.init) ?? "–", $0.result.method] }
        if let geometricStepSize, let geometric {
            rows.append(["geometric η_k = \(geometricStepSize.fractionString)/γ^k", geometric.step.map(String.init) ?? "–", geometric.method])
        }
        let tables = [ReportTable(title: "First optimal step K on \(label)", columns: ["schedule", "K", "decided by"], rows: rows)]

        // Every constant-step K is needed for the fit, and K = 0 has no logarithm.
        let missing = outcomes.filter { $0.result.step == nil }
        guard missing.isEmpty else {
            let list = missing.map { "η = \($0.stepSize.fractionString) (\($0.result.method))" }.joined(separator: "; ")
            return CheckResult(verdict: .inconclusive,
                               summary: "K was not decided for \(list); more steps, a higher maxPrecisionBits or a larger budget may decide it",
                               evidence: evidence, tables: tables)
        }
        let counts = outcomes.map { $0.result.step! }
        guard counts.allSatisfy({ $0 > 0 }) else {
            return CheckResult(verdict: .inconclusive, summary: "π⁰ is already optimal (K = 0), so log K is undefined",
                               evidence: evidence, tables: tables)
        }
        guard let fit = PowerLawFit(stepSizes: stepSizes.map(\.approximateDouble), stepCounts: counts.map(Double.init)) else {
            return CheckResult(verdict: .inconclusive, summary: "the least-squares fit is undefined for these step sizes",
                               evidence: evidence, tables: tables)
        }

        // Result: the exponent against the band fixed in the spec.
        let low = band[0].approximateDouble
        let high = band[1].approximateDouble
        let spread = fit.leaveOneOutRange.map { "[\(Self.format($0.lowerBound)), \(Self.format($0.upperBound))]" } ?? "none"
        evidence.append(Evidence(name: "exponent b in log K = a + b log η", value: Self.format(fit.slope),
                                 note: "least squares over \(counts.count) constant step sizes"))
        evidence.append(Evidence(name: "leave-one-out range of b", value: spread))
        evidence.append(Evidence(name: "claimed band for b", value: "[\(band[0].fractionString), \(band[1].fractionString)]"))
        if let geometric, let k = geometric.step {
            evidence.append(Evidence(name: "K with the geometric schedule", value: String(k), note: "not part of the fit"))
        }
        let plots = [Self.plot(outcomes: outcomes, geometricStepSize: geometricStepSize, geometric: geometric, fit: fit, label: label)]
        let fitSummary = "b = \(Self.format(fit.slope)) (leave-one-out \(spread)) from K = \(counts.map(String.init).joined(separator: ", "))"

        guard fit.slope >= low, fit.slope <= high else {
            return CheckResult(
                verdict: .refuted,
                summary: "\(fitSummary), outside the claimed band [\(band[0].fractionString), \(band[1].fractionString)]",
                evidence: evidence,
                counterexample: Counterexample(
                    description: "the fitted exponent of K against η lies outside the claimed band",
                    input: ["mdp": label,
                            "stepSizes": stepSizes.map(\.fractionString).joined(separator: ", "),
                            "K": counts.map(String.init).joined(separator: ", ")],
                    recheck: "fit log K = a + b log η by least squares to the listed (η, K) pairs"),
                tables: tables, plots: plots)
        }
        return CheckResult(verdict: .supported,
                           summary: "\(fitSummary), inside the claimed band [\(band[0].fractionString), \(band[1].fractionString)]",
                           evidence: evidence, tables: tables, plots: plots)
    }

    /// Builds the log–log plot of K against η with the fitted line and the geometric-schedule K as a marker.
    static func plot(outcomes: [(stepSize: Rational, result: FirstOptimalStep)], geometricStepSize: Rational?,
                     geometric: FirstOptimalStep?, fit: PowerLawFit, label: String) -> Plot {
        let etas = outcomes.map { $0.stepSize.approximateDouble }
        let points = zip(etas, outcomes).compactMap { eta, outcome in
            outcome.result.step.map { PlotPoint(x: eta, y: Double($0)) }
        }
        let fitted = [etas.min()!, etas.max()!].map { PlotPoint(x: $0, y: fit.predictedStepCount(at: $0)) }
        var series = [PlotSeries(name: label, points: points, style: .points),
                      PlotSeries(name: "fit, b = \(format(fit.slope))", points: fitted, style: .line)]
        var markers: [PlotMarker] = []
        if let geometricStepSize, let k = geometric?.step {
            let eta = geometricStepSize.approximateDouble
            series.append(PlotSeries(name: "geometric η_k = \(geometricStepSize.fractionString)/γ^k", points: [PlotPoint(x: eta, y: Double(max(k, 1)))],
                                     style: .points))
            markers.append(PlotMarker(x: eta, label: "geometric K = \(k)"))
        }
        return Plot(id: "step-count", title: "First optimal step K against constant η, \(label)",
                    xLabel: "step size η", yLabel: "first optimal step K", xScale: .log, yScale: .log,
                    series: series, markers: markers)
    }

    /// Formats a floating-point statistic with four decimals.
    static func format(_ value: Double) -> String {
        String(format: "%.4f", value)
    }

    /// Reads the MDP: `"chain"` (with optional `shift`), `"bandit"` (`costs`) or `"garnet"`.
    static func readMDP(_ context: CheckContext) throws -> (MarkovDecisionProcess, String) {
        let parameters = context.parameters
        let discount = try parameters.rational("discount")
        guard discount.signum >= 0, discount < Rational.one else {
            throw parameters.invalid("discount", problem: "the discount must lie in [0, 1)", fix: "use a value such as \"9/10\"")
        }
        let kind = try parameters.string("mdp")
        do {
            switch kind {
            case "chain":
                let shift = try parameters.optionalRational("shift") ?? Rational.zero
                let label = shift.isZero ? "3-state chain" : "3-state chain, c(s0, a0) = 1/2 − \(shift.fractionString)"
                return (try MarkovDecisionProcess.delayedRewardChain(discount: discount, shift: shift), label)
            case "bandit":
                let costs = try parameters.rationals("costs")
                let label = "one-state bandit, c = (" + costs.map(\.fractionString).joined(separator: ", ") + ")"
                return (try MarkovDecisionProcess.selfLoopBandit(costs: costs, discount: discount), label)
            case "garnet":
                let states = try parameters.integer("states")
                let actions = try parameters.integer("actions")
                let branching = try parameters.integer("branching")
                let seed = try parameters.integer("seed")
                guard states >= 1, actions >= 1, branching >= 1, branching <= min(states, 10), seed >= 0 else {
                    throw parameters.invalid("branching", problem: "must satisfy states ≥ 1, actions ≥ 1, 1 ≤ branching ≤ min(states, 10) and seed ≥ 0",
                                             fix: "use values such as states 10, actions 3, branching 3, seed 1")
                }
                let mdp = try MarkovDecisionProcess.garnet(states: states, actions: actions, branching: branching,
                                                           discount: discount, seed: UInt64(seed))
                return (mdp, "Garnet S = \(states), A = \(actions), b = \(branching), seed \(seed)")
            default:
                throw parameters.invalid("mdp", problem: "unknown MDP \"\(kind)\"", fix: "use \"chain\", \"bandit\" or \"garnet\"")
            }
        } catch let error as MDPError {
            throw parameters.invalid(error.field, problem: error.problem, fix: error.fix)
        }
    }
}
