import Exact

/// A benchmark workload: one exact Euclidean PMD step on a seeded 100-state Garnet.
public enum PolicyMirrorDescentBenchmark {
    /// The outcome of `runExactStep(seed:)`.
    public struct StepResult: Sendable {
        /// V^{π⁰} for the uniform policy π⁰.
        public let initialValues: [Rational]
        /// π¹ = Proj_Δ(π⁰ − η Q^{π⁰}) state by state.
        public let nextPolicy: Policy
        /// V^{π¹}.
        public let nextValues: [Rational]
        /// max_s |V^π(s) − Σ_a π(a|s) Q^π(s, a)| for π⁰ and π¹; both must be exactly 0.
        public let evaluationResiduals: [Rational]
        /// Largest denominator digit count in π¹.
        public let denominatorDigits: Int
    }

    /// Builds the Garnet MDP with 100 states, 3 actions, branching 3, probabilities and costs with
    /// denominators dividing 10 and γ = 9/10; evaluates the uniform policy exactly; takes one
    /// Euclidean PMD step with η = `stepSize`; and evaluates the new policy exactly.
    ///
    /// - Throws: `MDPError` only if the generated MDP were invalid, which the generator rules out.
    public static func runExactStep(seed: UInt64, stepSize: Rational = Rational.one) throws -> StepResult {
        let mdp = try MarkovDecisionProcess.garnet(states: 100, actions: 3, branching: 3, discount: Rational(9, 10),
                                                   seed: seed)
        let initial = Policy.uniform(states: 100, actions: 3)
        let initialValues = try mdp.evaluate(initial)
        let next = mdp.euclideanMirrorDescentStep(initial, actionValues: mdp.actionValues(initialValues),
                                                  stepSize: stepSize)
        let nextValues = try mdp.evaluate(next)

        return StepResult(
            initialValues: initialValues, nextPolicy: next, nextValues: nextValues,
            evaluationResiduals: [mdp.policyEvaluationResidual(initial, values: initialValues),
                                  mdp.policyEvaluationResidual(next, values: nextValues)],
            denominatorDigits: next.maximumDenominatorDigits)
    }
}

extension MarkovDecisionProcess {
    /// Returns max_s |V(s) − Σ_a π(a|s) Q_V(s, a)|, the residual of the policy Bellman equation
    /// V = c_π + γP_π V; it is exactly zero if and only if V = V^π.
    public func policyEvaluationResidual(_ policy: Policy, values: [Rational]) -> Rational {
        let q = actionValues(values)
        var residual = Rational.zero
        var scratch = Rational.zero
        for state in 0..<stateCount {
            var expected = Rational.zero
            for action in 0..<actionCount {
                expected.addProduct(policy[state][action], q[state][action], scratch: &scratch)
            }
            let difference = (values[state] - expected).magnitude
            if difference > residual { residual = difference }
        }
        return residual
    }
}
