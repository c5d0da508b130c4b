import Enclosures
import Exact

/// One iterate π^k of policy mirror descent in balls, with its value enclosures.
public struct BallIterate: Sendable {
    public let step: Int
    public let policy: PolicyEnclosure
    public let evaluation: ValueEnclosure
    /// η_k, the step size used to go from π^k to π^{k+1}.
    public let stepSize: Rational
}

/// The iterates π^0, …, π^K of a ball PMD run, or where the run stopped.
public struct BallTrajectory: Sendable {
    public let iterates: [BallIterate]
    /// Reason the run stopped before the requested step count, or nil when it completed.
    public let stopReason: String?
    public let precision: Int

    public var isComplete: Bool { stopReason == nil }
}

extension MarkovDecisionProcess {
    /// Runs PMD with a mirror map in ball arithmetic from an exact initial policy for `steps` steps.
    ///
    /// Every π^k is an enclosure of the exact PMD iterate: each row update encloses the exact
    /// minimiser over its input balls, and V, Q are enclosed over the policy balls. The run stops
    /// early, with a reason, when a row update is undecided at this precision.
    public func ballMirrorDescent(map: MirrorMap, schedule: StepSchedule, steps: Int, initial: Policy,
                                  precision: Int, checkpoint: () throws -> Void = {}) rethrows -> BallTrajectory {
        var policy = enclosure(of: initial, precision: precision)
        var iterates: [BallIterate] = []
        for k in 0...steps {
            try checkpoint()
            let evaluation = try encloseValues(policy: policy, precision: precision, checkpoint: checkpoint)
            let eta = schedule.stepSize(at: k, discount: discount)
            iterates.append(BallIterate(step: k, policy: policy, evaluation: evaluation, stepSize: eta))
            guard k < steps else { break }

            var next: PolicyEnclosure = []
            for state in 0..<stateCount {
                switch map.step(policy: policy[state], actionValues: evaluation.actionValues[state],
                                stepSize: eta, precision: precision) {
                case .certified(let row):
                    next.append(row)
                case .undecided(let reason):
                    return BallTrajectory(iterates: iterates,
                                          stopReason: "step \(k) → \(k + 1), state \(state): \(reason)",
                                          precision: precision)
                }
            }
            policy = next
        }
        return BallTrajectory(iterates: iterates, stopReason: nil, precision: precision)
    }
}

/// Runs `body` at `start` bits, then at doubled precision while it reports the result undecided,
/// up to `cap` bits. Returns the first decided result, or the result at the last precision tried.
func escalatingPrecision<Result>(start: Int, cap: Int,
                                 _ body: (Int) throws -> (result: Result, decided: Bool)) rethrows
    -> (result: Result, precision: Int) {
    var precision = start
    while true {
        let attempt = try body(precision)
        if attempt.decided || precision * 2 > cap { return (attempt.result, precision) }
        precision *= 2
    }
}

// MARK: - Weighted sums and display helpers shared by the rate checks

extension Array where Element == Ball {
    /// Σ_s weights(s)·self(s) in balls.
    func weighted(by weights: [Rational], precision: Int) -> Ball {
        var total = Ball(0, precision: precision)
        for (value, weight) in zip(self, weights) where !weight.isZero {
            total = total + value * (try! Ball(weight, precision: precision))
        }
        return total
    }
}

extension Ball {
    /// A binary64 value inside the ball (its midpoint), for plots only.
    var plotValue: Double { midpoint.approximateDouble }

    /// The ball printed as "[lo, hi]" with 6 significant digits, rounded outward.
    var text: String { formatted(significantDigits: 6) }
}
