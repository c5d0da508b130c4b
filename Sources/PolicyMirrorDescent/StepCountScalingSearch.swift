import ClaimKit
import Enclosures
import Exact

/// The first optimal step K of one Euclidean PMD run, with how it was decided.
enum FirstOptimalStep: Sendable {
    /// π^K ∈ Π* and π^k ∉ Π* for k < K, all decided in exact rationals.
    case exact(Int)
    /// The same, decided by ball enclosures at the given precision in bits.
    case certified(Int, precision: Int)
    /// No K was decided within the step, digit, precision or time limits.
    case notReached(String)

    var step: Int? {
        switch self {
        case .exact(let k), .certified(let k, _): k
        case .notReached: nil
        }
    }

    var method: String {
        switch self {
        case .exact: "exact ℚ"
        case .certified(_, let precision): "certified, \(precision) bits"
        case .notReached(let reason): "not reached: \(reason)"
        }
    }
}

/// Limits for one first-K search.
struct FirstOptimalStepLimits {
    var maximumSteps: Int
    var maximumDenominatorDigits: Int
    var startPrecision: Int
    var maximumPrecision: Int
}

extension MarkovDecisionProcess {
    /// Finds the first K with π^K ∈ Π* for Euclidean PMD from the uniform policy.
    ///
    /// The run is exact until an iterate's denominator passes `maximumDenominatorDigits`. Then a
    /// certified run restarts from π⁰ and doubles the precision while some iterate's optimality is
    /// undecided. A certified K counts only when every earlier iterate is certified outside Π*.
    func firstOptimalStep(optimal: OptimalSolution, schedule: StepSchedule, limits: FirstOptimalStepLimits,
                          checkpoint: () throws -> Void) throws -> FirstOptimalStep {
        let initial = Policy.uniform(states: stateCount, actions: actionCount)
        let exactRunner = EuclideanPMDRunner(mdp: self, optimal: optimal, schedule: schedule, stateWeights: nil)
        let exactRun = try exactRunner.run(from: initial, maximumSteps: limits.maximumSteps,
                                           maximumDenominatorDigits: limits.maximumDenominatorDigits,
                                           checkpoint: checkpoint)
        if let k = exactRun.firstOptimalStep { return .exact(k) }
        guard exactRun.hitDigitCap else {
            return .notReached(exactRun.stopReason ?? "exact run stopped")
        }

        var precision = limits.startPrecision
        while true {
            let runner = CertifiedEuclideanPMDRunner(
                mdp: self, optimal: optimal, schedule: schedule,
                stateWeights: Array(repeating: Rational(1, stateCount), count: stateCount), precision: precision)
            let run = try runner.run(from: initial, maximumSteps: limits.maximumSteps, checkpoint: checkpoint)
            if let k = run.firstCertifiedOptimalStep, run.isFirstOptimalStepExact {
                return .certified(k, precision: precision)
            }
            // Only an undecided iterate can change at a higher precision, so other stops are final.
            let undecided = run.iterates.contains { $0.isOptimal == .undecided }
            guard undecided, precision * 2 <= limits.maximumPrecision else {
                return .notReached((run.stopReason ?? "optimality of some iterate undecided") + " at \(precision) bits")
            }
            precision *= 2
        }
    }
}
