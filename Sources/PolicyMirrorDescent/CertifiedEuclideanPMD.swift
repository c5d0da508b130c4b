import Enclosures
import Exact

// Euclidean PMD with certified support identification, for runs where exact rationals blow up
// (the digit count of π^k grows by a factor of about 2 to 12 per step).
//
// Each iterate is a box of policies: one ball per π^k(a|s), containing the exact iterate. An
// entry is set to exactly 0 only when every policy in the box projects to 0 there, so once every
// suboptimal entry is exactly 0, the exact iterate lies in Π*. From then on everything is exact:
// every π ∈ Π* has V^π = V* and is a fixed point of the update.

/// One certified Euclidean PMD iterate: enclosures and three-valued decisions.
public struct CertifiedPMDIterate: Sendable {
    public let step: Int
    public let stepSize: Rational
    /// π^k ∈ Π*: `.true` when every suboptimal entry is exactly 0, `.false` when one is certified
    /// positive, `.undecided` otherwise.
    public let isOptimal: Truth
    /// Upper bound on the ρ-weighted suboptimal mass Σ_s ρ(s) m^k(s).
    public let weightedMassUpperBound: Rational
    /// Enclosure of V^k(ρ) − V*(ρ).
    public let valueGap: Ball
    /// Upper bound on ε_k = ‖Q^k − Q*‖∞.
    public let actionValueErrorUpperBound: Rational
    /// Whether η_k(Δ − 2ε_k) ≥ 2 holds, three-valued.
    public let epsilonCondition: Truth
    /// Largest radius among the policy entries.
    public let largestPolicyRadius: Rational
    /// Radius of the value enclosure V^k.
    public let valueRadius: Rational
    /// Whether Σ_s ρ(s) m^k(s) ≤ (V^k(ρ) − V*(ρ))/Δ holds, three-valued.
    public let massBound: Truth
    /// Whether V^{k+1} ≤ V^k componentwise, three-valued, or nil when π^{k+1} was not computed.
    public internal(set) var monotoneImprovement: Truth?
}

/// The outcome of a certified run at one precision.
public struct CertifiedPMDRun: Sendable {
    public let precision: Int
    public var iterates: [CertifiedPMDIterate] = []
    /// Whether the step after the first certified optimal iterate is certified optimal again.
    public var successorIsOptimal: Truth?
    /// Reason the run stopped before certifying an optimal iterate, or nil when it certified one.
    public var stopReason: String?

    /// The first step whose iterate is certified to lie in Π*.
    public var firstCertifiedOptimalStep: Int? { iterates.first { $0.isOptimal == .true }?.step }

    /// True when every iterate before the first certified optimal one is certified not optimal,
    /// so that the first certified optimal step is the first optimal step K.
    public var isFirstOptimalStepExact: Bool {
        guard let k = firstCertifiedOptimalStep else { return false }
        return iterates[..<k].allSatisfy { $0.isOptimal == .false }
    }

    /// The first step k at which the ε-form condition is certified to hold.
    public var firstCertifiedConditionStep: Int? { iterates.first { $0.epsilonCondition == .true }?.step }
}

/// Runs Euclidean PMD on boxes of policies with ball arithmetic at a fixed precision.
public struct CertifiedEuclideanPMDRunner: Sendable {
    public let mdp: MarkovDecisionProcess
    public let optimal: OptimalSolution
    public let schedule: StepSchedule
    public let stateWeights: [Rational]
    public let precision: Int

    public init(mdp: MarkovDecisionProcess, optimal: OptimalSolution, schedule: StepSchedule,
                stateWeights: [Rational], precision: Int) {
        self.mdp = mdp
        self.optimal = optimal
        self.schedule = schedule
        self.stateWeights = stateWeights
        self.precision = precision
    }

    /// Iterates from the exact policy `initial` until an iterate is certified optimal (then one
    /// more step tests the fixed point), until optimality of an iterate is undecided, or until
    /// `maximumSteps` iterates. A `StopRequested` thrown by `checkpoint` ends the run with its
    /// partial results.
    public func run(from initial: Policy, maximumSteps: Int, checkpoint: () throws -> Void = {}) throws -> CertifiedPMDRun {
        var result = CertifiedPMDRun(precision: precision)
        var policy = try initial.probabilities.map { row in try row.map { try Ball($0, precision: precision) } }
        var previousValues: [Ball]?
        let actionClasses = identicalActionClasses()

        do {
            for k in 0..<maximumSteps {
                try checkpoint()
                let values = try enclosedValues(policy, checkpoint: checkpoint)
                let q = actionValues(values.values)
                if let previousValues, let violation = violation(previous: previousValues, current: values.values) {
                    result.iterates[k - 1].monotoneImprovement = violation
                }
                previousValues = values.values
                let eta = schedule.stepSize(at: k, discount: mdp.discount)
                var iterate = try describe(policy, values: values, actionValues: q, step: k, stepSize: eta)
                let next = try step(policy, actionValues: q, stepSize: eta)
                iterate.monotoneImprovement = improvement(from: policy, to: next, values: values.values, actionValues: q,
                                                           actionClasses: actionClasses)
                result.iterates.append(iterate)

                switch iterate.isOptimal {
                case .true:
                    let successorIsOptimal = isOptimal(next)
                    result.successorIsOptimal = successorIsOptimal
                    // π^K and π^{K+1} both in Π* give V^{K+1} = V^K = V* exactly.
                    if successorIsOptimal == .true { result.iterates[k].monotoneImprovement = .true }
                    return result
                case .undecided:
                    result.stopReason = "optimality of π^\(k) is undecided at \(precision) bits "
                        + "(policy radius \(significantDigits(iterate.largestPolicyRadius, 3)))"
                    return result
                case .false:
                    policy = next
                }
            }
            result.stopReason = "no certified optimal iterate within \(maximumSteps) steps"
        } catch let stop as StopRequested {
            result.stopReason = "stopped after \(result.iterates.count) steps: \(stop.reason)"
        }
        return result
    }

    // MARK: Policy evaluation with a rigorous error bound

    /// Encloses V^π for every policy π in the box.
    ///
    /// For any V̂ and any policy π, V^π − V̂ = (I − γP_π)⁻¹(T_π V̂ − V̂) with
    /// T_π V = c_π + γP_π V, and ‖(I − γP_π)⁻¹‖∞ ≤ 1/(1 − γ). Because Σ_a π(a|s) = 1,
    /// (T_π V̂ − V̂)(s) = Σ_a π(a|s)(Q̂(s, a) − V̂(s)) with Q̂ = c + γPV̂, which ball arithmetic
    /// bounds over the whole box by R. So |V^π(s) − V̂(s)| ≤ R/(1 − γ) for every s. V̂ itself is
    /// any approximation; it comes from iterative refinement with a binary64 LU factorisation.
    func enclosedValues(_ policy: [[Ball]], checkpoint: () throws -> Void) throws -> (values: [Ball], radius: Rational) {
        let midpoints = policy.map { row in row.map(\.midpoint) }
        let approximation = try refinedApproximation(midpoints, checkpoint: checkpoint)
        let approximationBalls = try approximation.map { try Ball($0, precision: precision) }
        let q = actionValues(approximationBalls)

        var bound = Rational.zero
        for state in 0..<mdp.stateCount {
            var residual = Ball(0, precision: precision)
            for action in 0..<mdp.actionCount where policy[state][action].isZero != .true {
                residual.addProduct(policy[state][action], q[state][action] - approximationBalls[state])
            }
            let magnitude = residual.magnitude.upperBound
            if magnitude > bound { bound = magnitude }
        }

        let radius = bound / (Rational.one - mdp.discount)
        let values = try approximation.map { try Ball(midpoint: $0, radius: radius, precision: precision) }
        return (values, radius)
    }

    /// Approximates V^π for an exact policy by iterative refinement: residuals in balls at the
    /// working precision, corrections from a binary64 LU factorisation of I − γP_π.
    private func refinedApproximation(_ policy: [[Rational]], checkpoint: () throws -> Void) throws -> [Rational] {
        let gamma = mdp.discount.approximateDouble
        var rows: [[(column: Int, value: Double)]] = []
        for state in 0..<mdp.stateCount {
            var row: [Int: Double] = [state: 1]
            for action in 0..<mdp.actionCount {
                let p = policy[state][action].approximateDouble
                guard p != 0 else { continue }
                for transition in mdp.transitions[state][action] {
                    row[transition.next, default: 0] -= gamma * p * transition.probability.approximateDouble
                }
            }
            rows.append(row.map { (column: $0.key, value: $0.value) })
        }
        let factorisation = ApproximateSparseLU(rows: rows)
        let policyBalls = try policy.map { row in try row.map { try Ball($0, precision: precision) } }

        var approximation = Array(repeating: Rational.zero, count: mdp.stateCount)
        var previousExponent = Int.max
        let maximumPasses = 4 + precision / 30
        for _ in 0..<maximumPasses {
            try checkpoint()
            let balls = try approximation.map { try Ball($0, precision: precision) }
            let q = actionValues(balls)
            var residual: [Rational] = []
            var largest = Rational.zero
            for state in 0..<mdp.stateCount {
                var value = Ball(0, precision: precision) - balls[state]
                for action in 0..<mdp.actionCount where !policy[state][action].isZero {
                    value.addProduct(policyBalls[state][action], q[state][action])
                }
                let midpoint = value.midpoint
                residual.append(midpoint)
                largest = max(largest, midpoint.magnitude)
            }
            if largest.isZero { break }

            // The residual is scaled by a power of two into binary64 range, because it falls far
            // below the smallest binary64 number at high precision.
            let exponent = largest.numerator.bitWidth - largest.denominator.bitWidth
            let scaleExponent = max(0, approximation.map { $0.numerator.bitWidth - $0.denominator.bitWidth }.max() ?? 0)
            // Stop when the residual is at the working precision or no longer shrinks.
            if exponent < scaleExponent - (precision - 8) || exponent > previousExponent - 2 { break }
            previousExponent = exponent

            let scaled = residual.map { $0.timesPowerOfTwo(-exponent).approximateDouble }
            let correction = factorisation.solve(scaled)
            for state in 0..<mdp.stateCount where correction[state].isFinite && correction[state] != 0 {
                approximation[state] += try Rational(exactly: correction[state]).timesPowerOfTwo(exponent)
            }
        }
        return approximation
    }

    /// Q(s, a) = c(s, a) + γ Σ_{s'} P(s'|s, a) V(s') in ball arithmetic.
    func actionValues(_ values: [Ball]) -> [[Ball]] {
        let gamma = try! Ball(mdp.discount, precision: precision)
        return (0..<mdp.stateCount).map { state in
            (0..<mdp.actionCount).map { action in
                var expected = Ball(0, precision: precision)
                for transition in mdp.transitions[state][action] {
                    expected.addProduct(try! Ball(transition.probability, precision: precision), values[transition.next])
                }
                return try! Ball(mdp.costs[state][action], precision: precision) + gamma * expected
            }
        }
    }

    // MARK: The certified projection step

    /// Encloses Proj_Δ(π(·|s) − ηQ(s, ·)) for every π and Q in their boxes, state by state.
    ///
    /// The threshold τ(y) of the projection is nondecreasing in every y_a, so for y in the box
    /// [y_lo, y_hi] it lies in [τ(y_lo), τ(y_hi)], both computed exactly in ℚ. Then
    /// p_a = max(y_a − τ, 0) lies in [max(y_lo,a − τ(y_hi), 0), max(y_hi,a − τ(y_lo), 0)], and
    /// p_a = 0 exactly whenever y_hi,a ≤ τ(y_lo).
    func step(_ policy: [[Ball]], actionValues q: [[Ball]], stepSize eta: Rational) throws -> [[Ball]] {
        let etaBall = try Ball(eta, precision: precision)
        var next: [[Ball]] = []
        next.reserveCapacity(mdp.stateCount)
        for state in 0..<mdp.stateCount {
            let shifted = (0..<mdp.actionCount).map { policy[state][$0] - etaBall * q[state][$0] }
            let lower = shifted.map(\.lowerBound)
            let upper = shifted.map(\.upperBound)
            let thresholdLow = SimplexProjection.project(lower).threshold
            let thresholdHigh = SimplexProjection.project(upper).threshold

            var row: [Ball] = []
            for action in 0..<mdp.actionCount {
                if upper[action] <= thresholdLow {
                    row.append(Ball(0, precision: precision))
                    continue
                }
                let low = max(lower[action] - thresholdHigh, Rational.zero)
                let high = min(upper[action] - thresholdLow, Rational.one)
                row.append(try Ball(lower: low, upper: max(low, high), precision: precision))
            }
            next.append(row)
        }
        return next
    }

    // MARK: Decisions

    /// π ∈ Π*, three-valued.
    func isOptimal(_ policy: [[Ball]]) -> Truth {
        var decided = Truth.true
        for state in 0..<mdp.stateCount {
            for action in 0..<mdp.actionCount where !optimal.optimalActions[state].contains(action) {
                let entry = policy[state][action]
                if entry.isZero == .true { continue }
                if entry.isPositive == .true { return .false }
                decided = .undecided
            }
        }
        return decided
    }

    private func describe(_ policy: [[Ball]], values: (values: [Ball], radius: Rational), actionValues q: [[Ball]],
                          step k: Int, stepSize eta: Rational) throws -> CertifiedPMDIterate {
        var mass = Rational.zero
        var massLower = Rational.zero
        var largestRadius = Rational.zero
        var valueGap = Ball(0, precision: precision)
        for state in 0..<mdp.stateCount {
            for action in 0..<mdp.actionCount {
                let entry = policy[state][action]
                if entry.radius > largestRadius { largestRadius = entry.radius }
                if !optimal.optimalActions[state].contains(action) {
                    mass += stateWeights[state] * max(entry.upperBound, Rational.zero)
                    massLower += stateWeights[state] * max(entry.lowerBound, Rational.zero)
                }
            }
            let weight = try Ball(stateWeights[state], precision: precision)
            valueGap.addProduct(weight, values.values[state] - optimal.values[state])
        }

        var errorUpper = Rational.zero
        var errorLower = Rational.zero
        for state in 0..<mdp.stateCount {
            for action in 0..<mdp.actionCount {
                let difference = (q[state][action] - optimal.actionValues[state][action]).magnitude
                errorUpper = max(errorUpper, difference.upperBound)
                errorLower = max(errorLower, max(difference.lowerBound, Rational.zero))
            }
        }

        var condition = Truth.false
        if let gap = optimal.gap {
            let two = Rational(2)
            let best = eta * (gap - errorLower - errorLower)
            let worst = eta * (gap - errorUpper - errorUpper)
            let marginPositive = (gap - errorUpper - errorUpper).signum > 0
            if marginPositive && worst >= two {
                condition = .true
            } else if best < two || (gap - errorLower - errorLower).signum <= 0 {
                condition = .false
            } else {
                condition = .undecided
            }
        }

        // Mass bound Σ ρ m^k ≤ (V^k(ρ) − V*(ρ))/Δ. An iterate in Π* has m^k = 0 and V^k = V*
        // exactly, so the bound holds with equality although the gap enclosure straddles 0.
        let optimality = isOptimal(policy)
        var massBound = Truth.undecided
        if optimality == .true {
            massBound = .true
        } else if let gap = optimal.gap {
            if mass <= valueGap.lowerBound / gap {
                massBound = .true
            } else if massLower > valueGap.upperBound / gap {
                massBound = .false
            }
        }

        return CertifiedPMDIterate(
            step: k, stepSize: eta, isOptimal: optimality, weightedMassUpperBound: mass, valueGap: valueGap,
            actionValueErrorUpperBound: errorUpper, epsilonCondition: condition, largestPolicyRadius: largestRadius,
            valueRadius: values.radius, massBound: massBound, monotoneImprovement: nil)
    }
}
