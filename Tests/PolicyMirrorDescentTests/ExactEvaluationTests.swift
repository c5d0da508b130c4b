import Exact
import Testing
@testable import PolicyMirrorDescent

/// Reference values for the 3-state delayed-reward chain (γ = 9/10) were computed by hand and with Python's
/// `fractions`, outside this code.
@Suite("Exact evaluation on the chain")
struct ExactEvaluationTests {
    let mdp = try! MarkovDecisionProcess.delayedRewardChain()

    @Test("uniform policy values")
    func uniformPolicyValues() throws {
        let values = try mdp.evaluate(Policy.uniform(states: 3, actions: 2))
        #expect(values == qs(["840/139", "795/139", "5"]))
    }

    @Test("optimal values, Q-values, action sets and gap")
    func optimalSolution() throws {
        let optimal = try mdp.solveOptimal()
        #expect(optimal.values == qs(["19/10", "1", "0"]))
        #expect(optimal.actionValues == [qs(["221/100", "19/10"]), qs(["221/100", "1"]), qs(["0", "1"])])
        #expect(optimal.optimalActions == [[1], [1], [0]])
        #expect(optimal.gap == q("31/100"))
    }

    @Test("Bellman residual is zero only at V*")
    func bellmanResidual() throws {
        #expect(mdp.bellmanResidual(qs(["19/10", "1", "0"])).isZero)
        // V = (19/10, 1, 1): min_a Q(s1, a) = min(1/2 + 9/10·19/10, 1 + 9/10·1) = 19/10 against V(s1) = 1,
        // and min_a Q(s2, a) = 9/10 against V(s2) = 1, so the residual is 9/10.
        #expect(mdp.bellmanResidual(qs(["19/10", "1", "1"])) == q("9/10"))
        #expect(mdp.bellmanResidual(qs(["840/139", "795/139", "5"])) > Rational.zero)
    }

    @Test("policy Bellman equation holds exactly")
    func policyBellmanEquation() throws {
        let policy = Policy([qs(["84/139", "55/139"]), qs(["39/139", "100/139"]), qs(["1", "0"])])
        let values = try mdp.evaluate(policy)
        let q = mdp.actionValues(values)
        for state in 0..<3 {
            let expected = zip(policy[state], q[state]).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
            #expect(values[state] == expected, "state \(state)")
        }
    }

    @Test("small-gap trap keeps move optimal with gap 1/1000")
    func smallGapTrap() throws {
        let trap = try MarkovDecisionProcess.delayedRewardChain(shift: q("309/1000"))
        let optimal = try trap.solveOptimal()
        #expect(optimal.values == qs(["19/10", "1", "0"]))
        #expect(optimal.gap == q("1/1000"))
    }

    @Test("sparse solver matches a dense hand solve")
    func sparseSolverDense() throws {
        // [[4, 1, 0], [1, 5, 2], [0, 2, 6]] x = (5, 8, 8) has the solution x = (1, 1, 1).
        let solver = SparseEliminationSolver(rows: [
            [(0, q("4")), (1, q("1"))], [(0, q("1")), (1, q("5")), (2, q("2"))], [(1, q("2")), (2, q("6"))],
        ])
        #expect(try solver.solve(qs(["5", "8", "8"])) == qs(["1", "1", "1"]))
        // Right-hand side (1, 0, 0): x = A⁻¹e₁, the first column of the adjugate over det 98: (26, −6, 2)/98.
        #expect(try solver.solve(qs(["1", "0", "0"])) == qs(["13/49", "-3/49", "1/49"]))
    }

    @Test("sparse solver reports a zero pivot")
    func sparseSolverSingular() {
        let solver = SparseEliminationSolver(rows: [[(0, q("1")), (1, q("1"))], [(0, q("1")), (1, q("1"))]])
        #expect(throws: NumericError.self) { try solver.solve(qs(["1", "1"])) }
    }
}
