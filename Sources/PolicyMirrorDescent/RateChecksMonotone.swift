import ClaimKit
import Enclosures
import Exact

/// Monotone improvement V^{k+1} ≤ V^k componentwise at every step, for each divergence (L. Xiao,
/// arXiv:2201.07443, the improvement lemma of PMD), checked in balls.
///
/// A step is certified in one of two ways. Directly: V^{k+1}(s) − V^k(s) ≤ 0 from the value
/// enclosures. Or through the identity V^{k+1} − V^k = (I − γP_{k+1})⁻¹ g with
/// g(s) = Σ_a (π^{k+1}(a|s) − π^k(a|s)) Q^k(s, a): since (I − γP_{k+1})⁻¹ = Σ_t γ^t P_{k+1}^t is
/// entrywise nonnegative, g ≤ 0 in every state implies the inequality. Using Σ_a (π^{k+1} − π^k) = 0,
/// g(s) = Σ_{a ≠ b} (π^{k+1}(a|s) − π^k(a|s))(Q^k(s, a) − Q^k(s, b)) for the action b of largest mass,
/// which keeps relative accuracy when the suboptimal mass is far below 2^(−precision).
/// A step is refuted when V^{k+1}(s) − V^k(s) > 0 is certified in some state.
public struct MonotoneImprovementCheck: ClaimCheck {
    public static let kind = "pmd.monotone-improvement"

    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        try context.parameters.rejectUnknownKeys(
            allowed: RateCheckInstance.parameterNames.union(RunSettings.parameterNames).union(["divergences"]))
        let instance = try RateCheckInstance.load(context)
        let settings = try RunSettings.read(context)
        let maps = try readMirrorMaps(context.parameters)
        let initial = Policy.uniform(states: instance.mdp.stateCount, actions: instance.mdp.actionCount)

        var verdicts: [Verdict] = []
        var evidence: [Evidence] = []
        var rows: [[String]] = []
        var series: [PlotSeries] = []
        var counterexample: Counterexample?
        var notes: [String] = []
        var precisionUsed = settings.startPrecision

        for map in maps {
            let (result, precision) = try escalatingPrecision(start: settings.startPrecision,
                                                               cap: settings.maximumPrecision) { precision in
                let trajectory = try instance.mdp.ballMirrorDescent(
                    map: map, schedule: settings.schedule, steps: settings.steps, initial: initial,
                    precision: precision, checkpoint: { try context.checkDeadline() })
                let outcome = MonotoneOutcome(trajectory: trajectory, mdp: instance.mdp)
                return (outcome, outcome.isDecided)
            }
            precisionUsed = max(precisionUsed, precision)

            verdicts.append(result.verdict)
            evidence.append(Evidence(
                name: "\(map.rawValue): steps certified",
                value: "\(result.directSteps) directly, \(result.certificateSteps) by g ≤ 0, of \(result.stepCount)",
                note: "\(settings.schedule), \(precision) bits"))
            if let failure = result.failure {
                counterexample = counterexample ?? Counterexample(
                    description: "\(map.rawValue) divergence: V^{k+1}(s) > V^k(s) at step \(failure.step), state \(failure.state)",
                    input: ["divergence": map.rawValue, "step": "\(failure.step)", "state": "\(failure.state)",
                            "V^k(s)": failure.before.text, "V^{k+1}(s)": failure.after.text,
                            "schedule": settings.schedule.description],
                    recheck: "run the \(map.rawValue) PMD update from the uniform policy on \(instance.label); "
                        + "evaluate V^k and V^{k+1} exactly at step \(failure.step) and compare state \(failure.state)")
            }
            if let reason = result.undecidedReason { notes.append("\(map.rawValue): undecided at \(precision) bits: \(reason)") }

            let iterates = result.trajectory.iterates
            let optimalAtDistribution = instance.optimalValueAtDistribution
            var points: [PlotPoint] = []
            for iterate in iterates {
                let gap = iterate.evaluation.values.weighted(by: instance.stateDistribution, precision: precision)
                    - (try! Ball(optimalAtDistribution, precision: precision))
                points.append(PlotPoint(x: Double(iterate.step), y: gap.plotValue))
                if iterate.step % max(1, settings.steps / 10) == 0 || iterate.step == iterates.count - 1 {
                    rows.append([map.rawValue, "\(iterate.step)", gap.text,
                                 result.largestIncrease.indices.contains(iterate.step)
                                     ? result.largestIncrease[iterate.step].text : "—"])
                }
            }
            series.append(PlotSeries(name: map.rawValue, points: points))
        }

        let verdict = Verdict.combined(verdicts)
        let summary: String
        switch verdict {
        case .refuted: summary = "monotone improvement fails: " + (counterexample?.description ?? "")
        case .provedRigorous: summary = "V^{k+1} ≤ V^k certified at every step for " + maps.map(\.rawValue).joined(separator: ", ")
        default: summary = "monotone improvement not decided within \(settings.maximumPrecision) bits"
        }
        return CheckResult(
            verdict: verdict, summary: summary, evidence: evidence, counterexample: counterexample,
            tables: [ReportTable(title: "Gap V^k(ρ) − V*(ρ) and the largest max_s (V^{k+1}(s) − V^k(s)), ρ uniform",
                                 columns: ["divergence", "k", "V^k(ρ) − V*(ρ)", "max_s V^{k+1}(s) − V^k(s)"], rows: rows)],
            plots: [Plot(id: "gap-by-step", title: "Optimality gap V^k(ρ) − V*(ρ) (\(instance.label))",
                         xLabel: "k", yLabel: "V^k(ρ) − V*(ρ)", yScale: .log, series: series)],
            precisionBits: precisionUsed, notes: notes)
    }
}

/// The per-step monotonicity decisions of one trajectory.
struct MonotoneOutcome {
    struct Failure {
        let step: Int
        let state: Int
        let before: Ball
        let after: Ball
    }

    let trajectory: BallTrajectory
    var directSteps = 0
    var certificateSteps = 0
    var stepCount = 0
    var failure: Failure?
    var undecidedReason: String?
    /// max_s (V^{k+1}(s) − V^k(s)) for each k, as balls.
    var largestIncrease: [Ball] = []

    init(trajectory: BallTrajectory, mdp: MarkovDecisionProcess) {
        self.trajectory = trajectory
        let iterates = trajectory.iterates
        stepCount = max(0, iterates.count - 1)
        for k in 0..<stepCount {
            let before = iterates[k]
            let after = iterates[k + 1]
            let differences = zip(after.evaluation.values, before.evaluation.values).map { $0 - $1 }
            largestIncrease.append(differences.max { $0.upperBound < $1.upperBound }!)

            if let state = differences.firstIndex(where: { $0.isPositive == .true }) {
                failure = Failure(step: k + 1, state: state, before: before.evaluation.values[state],
                                  after: after.evaluation.values[state])
                return
            }
            if differences.allSatisfy({ $0.isNonpositive == .true }) {
                directSteps += 1
                continue
            }
            let certificate = MonotoneOutcome.improvementCertificate(before: before, after: after, mdp: mdp)
            if let state = certificate.firstIndex(where: { $0.signum > 0 }) {
                undecidedReason = "step \(k + 1): neither V^{k+1} ≤ V^k nor g(s) ≤ 0 is certified at state \(state) "
                    + "(g(s) ≤ \(certificate[state].approximateDouble) is the best bound)"
                return
            }
            certificateSteps += 1
        }
        if let reason = trajectory.stopReason { undecidedReason = reason }
    }

    var isDecided: Bool { failure != nil || undecidedReason == nil }

    var verdict: Verdict {
        if failure != nil { return .refuted }
        return undecidedReason == nil ? .provedRigorous : .inconclusive
    }

    /// Upper bounds on g(s) = Σ_{a ≠ b} (π^{k+1}(a|s) − π^k(a|s))(Q^k(s, a) − Q^k(s, b)), with b the action
    /// of largest mass in π^{k+1}(·|s).
    ///
    /// Each term's bound is the largest product of the exact endpoints of its two factors, and the
    /// difference π^{k+1}(a|s) − π^k(a|s) is bounded from the endpoints of both balls. So a term whose
    /// entry is exactly 0 in π^{k+1} and enclosed in [0, ε] in π^k contributes at most 0 exactly,
    /// where ball multiplication would give a bound slightly above 0. Q^k(s, a) − Q^k(s, b) is exactly
    /// 0 when a and b have the same cost and transition row (every action of an absorbing state).
    static func improvementCertificate(before: BallIterate, after: BallIterate, mdp: MarkovDecisionProcess) -> [Rational] {
        before.policy.indices.map { state in
            let next = after.policy[state]
            let current = before.policy[state]
            let q = before.evaluation.actionValues[state]
            let reference = next.indices.max { next[$0].midpoint < next[$1].midpoint }!
            var bound = Rational.zero
            for action in next.indices where action != reference
                && !mdp.actionsHaveSameData(state: state, action, reference) {
                let changeLower = next[action].lowerBound - current[action].upperBound
                let changeUpper = next[action].upperBound - current[action].lowerBound
                let gapBall = q[action] - q[reference]
                let gapLower = gapBall.lowerBound
                let gapUpper = gapBall.upperBound
                bound += [changeLower * gapLower, changeLower * gapUpper, changeUpper * gapLower, changeUpper * gapUpper].max()!
            }
            return bound
        }
    }
}

extension MarkovDecisionProcess {
    /// True when actions a and b at `state` have the same cost and the same transition row, so that
    /// Q^π(s, a) = Q^π(s, b) exactly for every policy π.
    func actionsHaveSameData(state: Int, _ a: Int, _ b: Int) -> Bool {
        guard costs[state][a] == costs[state][b] else { return false }
        let rowA = Dictionary(transitions[state][a].map { ($0.next, $0.probability) }, uniquingKeysWith: +)
        let rowB = Dictionary(transitions[state][b].map { ($0.next, $0.probability) }, uniquingKeysWith: +)
        return rowA == rowB
    }
}
