import ClaimKit
import Exact
import Foundation

/// One PMD run as a spec describes it: the MDP, the state weights ρ, the initial policy and the
/// step schedule.
struct FiniteStepSetup {
    var mdp: MarkovDecisionProcess
    /// Short description of the MDP for summaries.
    var label: String
    /// Weights ρ for V(ρ) and the mass bound: uniform over the states of the MDP.
    var stateWeights: [Rational]
    var initialPolicy: Policy
    var schedule: StepSchedule
    var maximumSteps: Int

    /// Parameter names every finite-step check accepts.
    static let parameterNames: Set<String> = [
        "mdp", "discount", "schedule", "stepSize", "maxSteps", "initialPolicy", "costs", "shift", "states",
        "actions", "branching", "seed", "maxDenominatorDigits", "maxPrecisionBits", "claimedMaximumSteps",
        "requireCondition", "constant", "gapFactor", "referenceFirstPolicy",
        "exactPhase",
    ]

    /// Reads the setup from the merged parameters of a run.
    ///
    /// `mdp` selects the MDP: `"chain"` (the 3-state delayed-reward chain, optionally with `shift`
    /// x for the small-gap trap), `"bandit"` (one state with self-loops and `costs`), `"garnet"`
    /// (`states`, `actions`, `branching`, `seed`) or `"gymnasium"` (the instance's data file).
    static func read(_ context: CheckContext) throws -> FiniteStepSetup {
        let parameters = context.parameters
        try parameters.rejectUnknownKeys(allowed: parameterNames)

        let discount = try parameters.rational("discount")
        guard discount.signum >= 0, discount < Rational.one else {
            throw parameters.invalid("discount", problem: "the discount must lie in [0, 1)",
                                     fix: "use a value such as \"9/10\" or \"99/100\"")
        }

        let mdp: MarkovDecisionProcess
        let label: String
        let kind = try parameters.string("mdp")
        do {
            switch kind {
            case "chain":
                let shift = try parameters.optionalRational("shift") ?? Rational.zero
                mdp = try MarkovDecisionProcess.delayedRewardChain(discount: discount, shift: shift)
                label = shift.isZero ? "3-state chain" : "3-state chain, c(s0, a0) = 1/2 − \(shift.fractionString)"
            case "bandit":
                let costs = try parameters.rationals("costs")
                mdp = try MarkovDecisionProcess.selfLoopBandit(costs: costs, discount: discount)
                label = "one-state bandit, c = (" + costs.map(\.fractionString).joined(separator: ", ") + ")"
            case "garnet":
                let states = try parameters.integer("states")
                let actions = try parameters.integer("actions")
                let branching = try parameters.integer("branching")
                let seed = try parameters.integer("seed")
                guard states >= 1, actions >= 1, branching >= 1, branching <= min(states, 10), seed >= 0 else {
                    throw parameters.invalid("branching", problem: "need states ≥ 1, actions ≥ 1, 1 ≤ branching ≤ min(states, 10) and seed ≥ 0",
                                             fix: "use values such as states 10, actions 3, branching 3, seed 1")
                }
                mdp = try MarkovDecisionProcess.garnet(states: states, actions: actions, branching: branching,
                                                       discount: discount, seed: UInt64(seed))
                label = "Garnet S = \(states), A = \(actions), b = \(branching), seed \(seed)"
            case "gymnasium":
                let url = try context.instanceDataURL()
                let loaded = try MarkovDecisionProcess.loadGymnasiumExport(contentsOf: url, discount: discount)
                mdp = loaded.mdp
                label = loaded.environment ?? url.lastPathComponent
            default:
                throw parameters.invalid("mdp", problem: "unknown MDP \"\(kind)\"",
                                         fix: "use \"chain\", \"bandit\", \"garnet\" or \"gymnasium\"")
            }
        } catch let error as MDPError {
            throw SpecError(file: context.instance.data ?? context.spec.file, field: error.field,
                            value: error.value, problem: error.problem
                                + (error.state.map { " (state \($0)" + (error.action.map { ", action \($0))" } ?? ")") } ?? ""),
                            fix: error.fix)
        }

        let initialPolicy: Policy
        if parameters.contains("initialPolicy") {
            initialPolicy = Policy(try parameters.rationalMatrix("initialPolicy"))
            do {
                try mdp.validate(initialPolicy)
            } catch {
                throw parameters.invalid("initialPolicy", problem: error.problem, fix: error.fix)
            }
        } else {
            initialPolicy = Policy.uniform(states: mdp.stateCount, actions: mdp.actionCount)
        }

        let stepSize = try parameters.rational("stepSize")
        guard stepSize.signum > 0 else {
            throw parameters.invalid("stepSize", problem: "the step size must be positive", fix: "use a value such as \"1\"")
        }
        let schedule: StepSchedule
        switch try parameters.string("schedule") {
        case "constant":
            schedule = .constant(stepSize)
        case "geometric":
            guard !discount.isZero else {
                throw parameters.invalid("schedule", problem: "a geometric schedule η₀/γ^k needs γ > 0",
                                         fix: "use \"constant\" or a positive discount")
            }
            schedule = .geometric(initial: stepSize)
        default:
            throw parameters.invalid("schedule", problem: "unknown schedule", fix: "use \"constant\" or \"geometric\"")
        }

        let maximumSteps = try parameters.optionalInteger("maxSteps") ?? 50
        guard maximumSteps >= 1 else {
            throw parameters.invalid("maxSteps", problem: "must be at least 1", fix: "use a value such as 50")
        }

        return FiniteStepSetup(
            mdp: mdp, label: label,
            stateWeights: Array(repeating: Rational(1, mdp.stateCount), count: mdp.stateCount),
            initialPolicy: initialPolicy, schedule: schedule, maximumSteps: maximumSteps)
    }

    /// Returns a checkpoint for long exact runs: it throws `StopRequested` once a fraction of the
    /// budget has passed, so a run can stop with partial results before the runner's hard deadline.
    static func softCheckpoint(_ context: CheckContext, fraction: Double = 0.8) -> () throws -> Void {
        let budget = Duration.seconds(Double(context.spec.budgetSeconds) * fraction)
        let softDeadline = min(context.deadline, ContinuousClock.now + budget)
        return {
            if ContinuousClock.now >= softDeadline {
                throw StopRequested(reason: "time budget of \(context.spec.budgetSeconds) s nearly used")
            }
        }
    }
}
