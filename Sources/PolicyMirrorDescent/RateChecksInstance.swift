import ClaimKit
import Enclosures
import Exact

/// An MDP built from a spec instance, with its state distribution ρ and its exact optimal solution.
struct RateCheckInstance {
    let mdp: MarkovDecisionProcess
    /// ρ, uniform over all states (the absorbing state of a gymnasium export included), so it has
    /// full support as the mass–gap bound and ϑ_ρ require.
    let stateDistribution: [Rational]
    let optimal: OptimalSolution
    /// The MDP's description for reports.
    let label: String

    /// Parameter names that `load(_:)` reads.
    static let parameterNames: Set<String> = [
        "mdp", "discount", "shift", "costs", "states", "actions", "branching", "seed",
    ]

    /// Builds the instance named by the `mdp` parameter, with the parameter names of the exact PMD
    /// checks: `chain` (MDP-1, with an optional `shift` x for the small-gap trap), `bandit` (`costs`),
    /// `garnet` (`states`, `actions`, `branching`, `seed`) or `gymnasium` (the instance's data file).
    /// - Throws: `SpecError` naming the parameter for unknown or invalid values.
    static func load(_ context: CheckContext) throws -> RateCheckInstance {
        let parameters = context.parameters
        let kind = try parameters.string("mdp")
        let discount = try parameters.rational("discount")
        guard discount.signum > 0, discount < Rational.one else {
            throw parameters.invalid("discount", problem: "the discount must lie in (0, 1)",
                                     fix: "use a value such as \"9/10\" or \"99/100\"")
        }

        let mdp: MarkovDecisionProcess
        do {
            switch kind {
            case "chain":
                let shift = try parameters.optionalRational("shift") ?? Rational.zero
                guard shift.signum >= 0, shift < Rational(31, 100) else {
                    throw parameters.invalid("shift", problem: "the shift x must lie in [0, 31/100) so that moving stays optimal",
                                             fix: "use a value such as \"309/1000\"")
                }
                mdp = try MarkovDecisionProcess.delayedRewardChain(discount: discount, shift: shift)
            case "bandit":
                mdp = try MarkovDecisionProcess.selfLoopBandit(costs: try parameters.rationals("costs"),
                                                               discount: discount)
            case "garnet":
                let states = try parameters.integer("states")
                let actions = try parameters.integer("actions")
                let branching = try parameters.integer("branching")
                let seed = try parameters.integer("seed")
                guard states >= 1, actions >= 1, branching >= 1, branching <= min(states, 10), seed >= 0 else {
                    throw parameters.invalid("branching",
                                             problem: "need states ≥ 1, actions ≥ 1, 1 ≤ branching ≤ min(states, 10) and seed ≥ 0",
                                             fix: "use values such as states 10, actions 3, branching 3, seed 1")
                }
                mdp = try MarkovDecisionProcess.garnet(states: states, actions: actions, branching: branching,
                                                       discount: discount, seed: UInt64(seed))
            case "gymnasium":
                mdp = try MarkovDecisionProcess.loadGymnasiumExport(contentsOf: try context.instanceDataURL(),
                                                                    discount: discount).mdp
            default:
                throw parameters.invalid("mdp", problem: "unknown MDP kind",
                                         fix: "use \"chain\", \"bandit\", \"garnet\" or \"gymnasium\"")
            }
        } catch let error as MDPError {
            throw SpecError(file: context.spec.file, field: parameters.fieldPath("mdp"), value: kind,
                            problem: "the MDP is invalid: \(error)", fix: "correct the MDP parameters or data file")
        }

        let optimal = try mdp.solveOptimal(checkpoint: { try context.checkDeadline() })
        let uniform = Rational(1, mdp.stateCount)
        // A data file is labelled by its path relative to the theorems directory, because
        // an absolute path would make reports differ between checkouts.
        let label = kind == "gymnasium" ? (context.instance.data ?? mdp.source) : mdp.source
        return RateCheckInstance(mdp: mdp, stateDistribution: Array(repeating: uniform, count: mdp.stateCount),
                                 optimal: optimal, label: label)
    }

    /// V*(ρ), exact.
    var optimalValueAtDistribution: Rational {
        var total = Rational.zero
        for (weight, value) in zip(stateDistribution, optimal.values) { total += weight * value }
        return total
    }

    /// m^π(s) = Σ_{a ∉ A*(s)} π(a|s) for a policy given by enclosures.
    func suboptimalMass(_ policy: PolicyEnclosure, precision: Int) -> [Ball] {
        policy.enumerated().map { state, row in
            var mass = Ball(0, precision: precision)
            for (action, probability) in row.enumerated() where !optimal.optimalActions[state].contains(action) {
                mass = mass + probability
            }
            return mass
        }
    }

    /// A deterministic optimal policy: the smallest optimal action in every state.
    var deterministicOptimalPolicy: Policy {
        Policy.deterministic(optimal.optimalActions.map { $0[0] }, actionCount: mdp.actionCount)
    }
}

/// The step-size schedule, step count and precision range read from a check's parameters.
struct RunSettings {
    let schedule: StepSchedule
    let steps: Int
    let startPrecision: Int
    let maximumPrecision: Int

    static let parameterNames: Set<String> = ["schedule", "stepSize", "maxSteps", "maxPrecisionBits"]

    /// Reads `schedule` (`constant` or `geometric`, η_k = η₀/γ^k), `stepSize` (η or η₀), `maxSteps` and
    /// `maxPrecisionBits` (the precision cap; the run starts at the context's precision).
    static func read(_ context: CheckContext) throws -> RunSettings {
        let parameters = context.parameters
        let eta = try parameters.rational("stepSize")
        guard eta.signum > 0 else {
            throw parameters.invalid("stepSize", problem: "the step size must be positive", fix: "use a value such as \"1\"")
        }
        let schedule: StepSchedule
        switch try parameters.string("schedule") {
        case "constant": schedule = .constant(eta)
        case "geometric": schedule = .geometric(initial: eta)
        default:
            throw parameters.invalid("schedule", problem: "unknown step-size schedule", fix: "use constant or geometric")
        }
        let steps = try parameters.integer("maxSteps")
        guard (1...10_000).contains(steps) else {
            throw parameters.invalid("maxSteps", problem: "the step count must lie in 1...10000", fix: "use a value such as 40")
        }
        let maximumPrecision = try parameters.optionalInteger("maxPrecisionBits") ?? 4096
        guard maximumPrecision >= context.precision, maximumPrecision <= 1 << 20 else {
            throw parameters.invalid("maxPrecisionBits",
                                     problem: "the precision cap must lie between the run's precision (\(context.precision) bits) and 2^20 bits",
                                     fix: "use a value such as 4096")
        }
        return RunSettings(schedule: schedule, steps: steps, startPrecision: context.precision,
                           maximumPrecision: maximumPrecision)
    }
}

/// Reads the `divergences` parameter as mirror maps.
func readMirrorMaps(_ parameters: Parameters, key: String = "divergences") throws -> [MirrorMap] {
    try parameters.strings(key).map { name in
        guard let map = MirrorMap(rawValue: name) else {
            throw parameters.invalid(key, problem: "unknown divergence \"\(name)\"",
                                     fix: "use " + MirrorMap.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return map
    }
}
