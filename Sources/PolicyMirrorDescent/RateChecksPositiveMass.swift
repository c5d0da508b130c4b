import ClaimKit
import Enclosures
import Exact

/// Support of PMD iterates, checked in balls, under one of two claims (parameter `claim`):
///
/// - `never-optimal`: when φ'(0) = −∞ (KL, Burg) and π⁰ is interior, every iterate keeps positive
///   mass m^k(s) = Σ_{a ∉ A*(s)} π^k(a|s) in every state with A*(s) ≠ A, so no iterate is in Π*.
///   For KL this follows by induction from π^{k+1}(a|s) ∝ π^k(a|s)·exp(−η_k Q^k(s, a)) with exp > 0;
///   the check certifies m^k(s) > 0 at every step k ≤ maxSteps and refutes on an exactly zero mass.
/// - `finite-step-optimal`: PMD reaches Π* after finitely many steps, shown by a step at which every
///   suboptimal entry is certified exactly zero (the case split of the update is certified). With
///   φ'(0) = −∞ the claim is refuted by certified positive masses at every step, because the same
///   induction shows positivity for all k.
public struct PositiveMassCheck: ClaimCheck {
    public static let kind = "pmd.support"

    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        let parameters = context.parameters
        try parameters.rejectUnknownKeys(
            allowed: RateCheckInstance.parameterNames.union(RunSettings.parameterNames).union(["divergence", "claim"]))
        let instance = try RateCheckInstance.load(context)
        let settings = try RunSettings.read(context)
        let maps = try readMirrorMaps(parameters, key: "divergence")
        guard maps.count == 1, let map = maps.first else {
            throw parameters.invalid("divergence", problem: "expected exactly one divergence", fix: "write [\"kl\"]")
        }
        let claim = try parameters.string("claim")
        guard claim == "never-optimal" || claim == "finite-step-optimal" else {
            throw parameters.invalid("claim", problem: "unknown claim", fix: "use never-optimal or finite-step-optimal")
        }
        let initial = Policy.uniform(states: instance.mdp.stateCount, actions: instance.mdp.actionCount)
        let relevantStates = (0..<instance.mdp.stateCount).filter {
            instance.optimal.optimalActions[$0].count < instance.mdp.actionCount
        }

        let (summary, precision) = try escalatingPrecision(start: settings.startPrecision,
                                                           cap: settings.maximumPrecision) { precision in
            let trajectory = try instance.mdp.ballMirrorDescent(
                map: map, schedule: settings.schedule, steps: settings.steps, initial: initial,
                precision: precision, checkpoint: { try context.checkDeadline() })
            let summary = SupportSummary(trajectory: trajectory, instance: instance, states: relevantStates)
            return (summary, summary.isDecided)
        }

        let lastStep = summary.masses.count - 1
        var evidence = [
            Evidence(name: "steps checked", value: "\(lastStep)", note: "\(map.rawValue), \(settings.schedule)"),
            Evidence(name: "states with a suboptimal action", value: "\(relevantStates.count) of \(instance.mdp.stateCount)"),
        ]
        if let first = summary.firstOptimalStep {
            evidence.append(Evidence(name: "first step with π^k ∈ Π* (certified exact zeros)", value: "\(first)"))
        }
        if lastStep >= 0 {
            for state in relevantStates.prefix(8) {
                evidence.append(Evidence(name: "m^\(lastStep)(s\(state))", value: summary.masses[lastStep][state].text))
            }
        }
        let table = ReportTable(
            title: "Suboptimal mass m^k(s) = Σ_{a ∉ A*(s)} π^k(a|s), enclosures rounded outward",
            columns: ["k"] + relevantStates.prefix(8).map { "s\($0)" },
            rows: summary.masses.indices.filter { $0 % max(1, settings.steps / 10) == 0 || $0 == lastStep }.map { k in
                ["\(k)"] + relevantStates.prefix(8).map { summary.masses[k][$0].text }
            })
        var markers: [PlotMarker] = []
        if let first = summary.firstOptimalStep {
            markers.append(PlotMarker(x: Double(first), label: "\(map.rawValue): π^k ∈ Π*"))
        }
        if claim == "finite-step-optimal" {
            let euclidean = try euclideanFirstOptimalStep(instance: instance, settings: settings, context: context)
            evidence.append(Evidence(name: "Euclidean PMD, same schedule, exact: first step with π^k ∈ Π*",
                                     value: euclidean.step.map(String.init) ?? "not reached",
                                     note: euclidean.note))
            if let step = euclidean.step { markers.append(PlotMarker(x: Double(step), label: "Euclidean: π^k ∈ Π*")) }
        }
        let plot = Plot(
            id: "suboptimal-mass", title: "Suboptimal mass per state, \(map.rawValue) (\(instance.label))",
            xLabel: "k", yLabel: "m^k(s)", yScale: .log,
            series: relevantStates.prefix(8).map { state in
                PlotSeries(name: "s\(state)", points: summary.masses.indices.map {
                    PlotPoint(x: Double($0), y: summary.masses[$0][state].plotValue)
                })
            },
            markers: markers)

        let verdict: Verdict
        let text: String
        var counterexample: Counterexample?
        switch (claim, summary.firstOptimalStep, summary.allPositive) {
        case ("never-optimal", nil, true):
            verdict = .provedRigorous
            text = "m^k(s) > 0 certified in every state with a suboptimal action for k = 0…\(lastStep)"
        case ("never-optimal", .some(let step), _):
            verdict = .refuted
            text = "π^\(step) ∈ Π*: every suboptimal entry is certified exactly zero"
            counterexample = Counterexample(
                description: text, input: ["divergence": map.rawValue, "step": "\(step)", "schedule": settings.schedule.description],
                recheck: "run the \(map.rawValue) update from the uniform policy on \(instance.label) and inspect π^\(step)")
        case ("finite-step-optimal", .some(let step), _):
            verdict = .provedRigorous
            text = "π^\(step) ∈ Π* with certified exact zeros, and π^k stays in Π* up to k = \(lastStep)"
        case ("finite-step-optimal", nil, true) where map.hasInfiniteSlopeAtZero:
            verdict = .refuted
            text = "m^k(s) > 0 certified at every step k ≤ \(lastStep); since φ'(0) = −∞, positivity passes to every later step"
            let state = relevantStates.first ?? 0
            counterexample = Counterexample(
                description: text,
                input: ["divergence": map.rawValue, "step": "\(lastStep)", "state": "\(state)",
                        "mass": lastStep >= 0 ? summary.masses[lastStep][state].text : ""],
                recheck: "π^{k+1}(a|s) ∝ π^k(a|s)·exp(−η_k Q^k(s, a)) is positive whenever π^k(a|s) is")
        default:
            verdict = .inconclusive
            text = summary.undecidedReason ?? "no step in Π* within \(lastStep) steps and not every mass certified positive"
        }
        return CheckResult(verdict: verdict, summary: text, evidence: evidence, counterexample: counterexample,
                           tables: [table], plots: [plot], precisionBits: precision,
                           notes: summary.undecidedReason.map { ["stopped early: " + $0] } ?? [])
    }
}

/// Runs exact Euclidean PMD with the same schedule for comparison and returns its first optimal
/// step. Denominators are capped at 2000 digits and the run gets half the budget, so an instance
/// where the exact iterates blow up reports "not reached" with the reason.
func euclideanFirstOptimalStep(instance: RateCheckInstance, settings: RunSettings,
                               context: CheckContext) throws -> (step: Int?, note: String) {
    let runner = EuclideanPMDRunner(mdp: instance.mdp, optimal: instance.optimal, schedule: settings.schedule,
                                    stateWeights: instance.stateDistribution)
    let softDeadline = ContinuousClock.now + .seconds(Double(context.spec.budgetSeconds) / 2)
    let run = try runner.run(
        from: Policy.uniform(states: instance.mdp.stateCount, actions: instance.mdp.actionCount),
        maximumSteps: settings.steps + 1, maximumDenominatorDigits: 2000,
        checkpoint: {
            try context.checkDeadline()
            if ContinuousClock.now >= softDeadline { throw StopRequested(reason: "half of the budget used") }
        })
    return (run.firstOptimalStep, run.stopReason ?? "exact rationals, \(run.iterates.count) iterates")
}

/// Suboptimal masses of a trajectory and what they decide.
struct SupportSummary {
    /// m^k(s) for every step and state (zero balls for states where every action is optimal).
    var masses: [[Ball]] = []
    /// The first k with every suboptimal entry certified exactly zero, if it stays so to the end.
    var firstOptimalStep: Int?
    /// True when every m^k(s) over the checked states is certified positive.
    var allPositive = true
    var undecidedReason: String?

    init(trajectory: BallTrajectory, instance: RateCheckInstance, states: [Int]) {
        for iterate in trajectory.iterates {
            let precision = iterate.policy.first?.first?.precision ?? trajectory.precision
            let mass = instance.suboptimalMass(iterate.policy, precision: precision)
            masses.append(mass)
            if !states.allSatisfy({ mass[$0].isPositive == .true }) { allPositive = false }

            // π^k ∈ Π* needs every suboptimal entry exactly zero, not just a mass ball containing 0.
            let exactlyOptimal = states.allSatisfy { state in
                iterate.policy[state].indices.allSatisfy { action in
                    instance.optimal.optimalActions[state].contains(action) || iterate.policy[state][action].isZero == .true
                }
            }
            if exactlyOptimal {
                if firstOptimalStep == nil { firstOptimalStep = iterate.step }
            } else {
                firstOptimalStep = nil
            }
        }
        if let reason = trajectory.stopReason {
            undecidedReason = reason
        } else if firstOptimalStep == nil && !allPositive {
            undecidedReason = "some suboptimal mass is neither certified positive nor exactly zero"
        }
    }

    var isDecided: Bool { undecidedReason == nil }
}
