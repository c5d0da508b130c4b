import Exact

/// A step-size schedule η_k for policy mirror descent.
public enum StepSchedule: Sendable, Equatable, CustomStringConvertible {
    /// η_k = η for every k.
    case constant(Rational)
    /// η_k = η₀/γ^k, the geometrically increasing steps of L. Xiao, "On the convergence rates of
    /// policy gradient methods" (arXiv:2201.07443), which satisfy η_{k+1} ≥ η_k/γ with equality.
    case geometric(initial: Rational)

    /// Returns η_k for discount γ.
    /// - Precondition: γ > 0 for the geometric schedule.
    public func stepSize(at k: Int, discount: Rational) -> Rational {
        switch self {
        case .constant(let eta):
            return eta
        case .geometric(let initial):
            precondition(!discount.isZero, "a geometric schedule η₀/γ^k needs γ > 0")
            var eta = initial
            let ratio = Rational.one / discount
            for _ in 0..<k { eta *= ratio }
            return eta
        }
    }

    public var description: String {
        switch self {
        case .constant(let eta): "constant η = \(eta.fractionString)"
        case .geometric(let initial): "geometric η_k = \(initial.fractionString)/γ^k"
        }
    }
}

extension MarkovDecisionProcess {
    /// Performs one Euclidean PMD step (projected Q-descent) exactly:
    /// π^{k+1}(·|s) = Proj_Δ(π^k(·|s) − η Q^{π^k}(s, ·)) for every state s.
    ///
    /// This is the PMD update argmin_p { η⟨Q(s, ·), p⟩ + ½‖p − π(·|s)‖² } over the simplex
    /// (L. Xiao, arXiv:2201.07443, with h = ½‖·‖²).
    public func euclideanMirrorDescentStep(_ policy: Policy, actionValues q: [[Rational]],
                                           stepSize eta: Rational) -> Policy {
        var next = policy
        for state in 0..<stateCount {
            let shifted = (0..<actionCount).map { action in policy[state][action] - eta * q[state][action] }
            next[state] = SimplexProjection.project(shifted).point
        }
        return next
    }
}

/// Exact values of one Euclidean PMD iterate π^k and the derived conditions tested at that step.
public struct EuclideanPMDIterate: Sendable {
    public let step: Int
    public let policy: Policy
    /// V^{π^k}.
    public let values: [Rational]
    /// Q^{π^k}.
    public let actionValues: [[Rational]]
    /// η_k, the step size used to go from π^k to π^{k+1}.
    public let stepSize: Rational
    /// m^k(s) = Σ_{a ∉ A*(s)} π^k(a|s).
    public let suboptimalMass: [Rational]
    /// π^k ∈ Π*.
    public let isOptimal: Bool
    /// ρ-weighted value gap V^k(ρ) − V*(ρ).
    public let valueGap: Rational
    /// ρ-weighted suboptimal mass Σ_s ρ(s) m^k(s).
    public let weightedMass: Rational
    /// ε_k = ‖Q^k − Q*‖∞.
    public let actionValueError: Rational
    /// gap_k(s) = min_{a ∉ A*(s)} Q^k(s, a) − min_{b ∈ A*(s)} Q^k(s, b); nil where A*(s) = A.
    public let stateGaps: [Rational?]
    /// Largest number of decimal digits in a denominator of π^k.
    public let denominatorDigits: Int
}

/// The outcome of running Euclidean PMD exactly from π⁰ until an optimal policy is reached, the
/// step budget runs out, or the caller stops it.
public struct EuclideanPMDRun: Sendable {
    public let schedule: StepSchedule
    public let optimal: OptimalSolution
    /// Weights ρ of the value gap and the mass bound.
    public let stateWeights: [Rational]
    public var iterates: [EuclideanPMDIterate] = []
    /// π^{K+1} computed from the first optimal π^K, when one was reached.
    public var successorOfOptimal: Policy?
    /// Reason the run stopped before reaching Π*, or nil when it reached Π*.
    public var stopReason: String?

    /// The first K with π^K ∈ Π*.
    public var firstOptimalStep: Int? { iterates.first { $0.isOptimal }?.step }

    /// True when the run stopped because an iterate exceeded the denominator digit cap.
    public var hitDigitCap = false

    /// True when the first optimal policy is a fixed point of the PMD update.
    public var isFixedPoint: Bool? {
        guard let successorOfOptimal, let k = firstOptimalStep else { return nil }
        return successorOfOptimal == iterates[k].policy
    }
}

/// Thrown by a checkpoint to end a long exact run early while keeping what it has computed.
public struct StopRequested: Error, Sendable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// Runs Euclidean PMD in exact rationals.
public struct EuclideanPMDRunner: Sendable {
    public let mdp: MarkovDecisionProcess
    public let optimal: OptimalSolution
    public let schedule: StepSchedule
    /// ρ for the value gap V^k(ρ) − V*(ρ) and the mass bound; uniform by default.
    public let stateWeights: [Rational]

    public init(mdp: MarkovDecisionProcess, optimal: OptimalSolution, schedule: StepSchedule,
                stateWeights: [Rational]? = nil) {
        self.mdp = mdp
        self.optimal = optimal
        self.schedule = schedule
        self.stateWeights = stateWeights ?? Array(repeating: Rational(1, mdp.stateCount), count: mdp.stateCount)
    }

    /// Iterates from `initial` until π^K ∈ Π* (then computes π^{K+1} for the fixed-point test),
    /// until `maximumSteps` iterates have been evaluated, or until `checkpoint` throws.
    ///
    /// `checkpoint` runs once per state in every policy evaluation. When it throws `StopRequested`,
    /// the run ends early with the iterates so far and the reason in `stopReason`; any other error
    /// propagates.
    public func run(from initial: Policy, maximumSteps: Int, maximumDenominatorDigits: Int = Int.max,
                    checkpoint: () throws -> Void = {}) throws -> EuclideanPMDRun {
        var result = EuclideanPMDRun(schedule: schedule, optimal: optimal, stateWeights: stateWeights)
        var policy = initial
        for k in 0..<maximumSteps {
            let iterate: EuclideanPMDIterate
            do {
                iterate = try evaluateIterate(policy, step: k, checkpoint: checkpoint)
            } catch let stop as StopRequested {
                result.stopReason = "stopped while evaluating π^\(k): \(stop.reason)"
                return result
            }
            result.iterates.append(iterate)
            let next = mdp.euclideanMirrorDescentStep(policy, actionValues: iterate.actionValues,
                                                      stepSize: iterate.stepSize)
            if iterate.isOptimal {
                result.successorOfOptimal = next
                return result
            }
            if next.maximumDenominatorDigits > maximumDenominatorDigits {
                result.hitDigitCap = true
                result.stopReason = "π^\(k + 1) has a denominator with \(next.maximumDenominatorDigits) digits, "
                    + "above the cap of \(maximumDenominatorDigits)"
                return result
            }
            policy = next
        }
        result.stopReason = "no optimal policy within \(maximumSteps) steps"
        return result
    }

    /// Evaluates π^k exactly and computes the quantities the derived conditions use.
    public func evaluateIterate(_ policy: Policy, step k: Int,
                                checkpoint: () throws -> Void = {}) throws -> EuclideanPMDIterate {
        let values = try mdp.evaluate(policy, checkpoint: checkpoint)
        let q = mdp.actionValues(values)
        let mass = optimal.suboptimalMass(policy)

        var valueGap = Rational.zero
        var weightedMass = Rational.zero
        var scratch = Rational.zero
        for state in 0..<mdp.stateCount {
            valueGap.addProduct(stateWeights[state], values[state] - optimal.values[state], scratch: &scratch)
            weightedMass.addProduct(stateWeights[state], mass[state], scratch: &scratch)
        }

        let stateGaps: [Rational?] = (0..<mdp.stateCount).map { state in
            let optimalSet = optimal.optimalActions[state]
            guard optimalSet.count < mdp.actionCount else { return nil }
            let bestOptimal = optimalSet.map { q[state][$0] }.min()!
            let bestSuboptimal = (0..<mdp.actionCount).filter { !optimalSet.contains($0) }.map { q[state][$0] }.min()!
            return bestSuboptimal - bestOptimal
        }

        return EuclideanPMDIterate(
            step: k, policy: policy, values: values, actionValues: q,
            stepSize: schedule.stepSize(at: k, discount: mdp.discount), suboptimalMass: mass,
            isOptimal: mass.allSatisfy(\.isZero), valueGap: valueGap, weightedMass: weightedMass,
            actionValueError: optimal.distance(toActionValues: q), stateGaps: stateGaps,
            denominatorDigits: policy.maximumDenominatorDigits)
    }
}
