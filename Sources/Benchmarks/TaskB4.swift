import CBaseline
import Exact
import Foundation
import PolicyMirrorDescent

/// B4: exact policy evaluation of the seeded 100-state, 3-action Garnet MDP
/// (γ = 9/10, rational transition rows with denominators ≤ 10) under the
/// uniform policy, beside FLINT's own solve of the same linear system in C.
/// Outside the timed region it checks that the Bellman residual of the
/// evaluated policy is exactly 0 and takes one Euclidean PMD step.
struct TaskB4 {
    let states = 100
    let actions = 3
    let seed: UInt64 = 4

    func run(repeats: Int, python: String?) throws -> TaskReport {
        let mdp = try MarkovDecisionProcess.garnet(
            states: states, actions: actions, branching: 3, denominator: 10,
            discount: Rational(9, 10), seed: seed)
        let policy = Policy.uniform(states: states, actions: actions)
        let (matrix, costs) = try linearSystem(mdp: mdp, policy: policy)
        let pairs = try integerPairs(matrix: matrix, rhs: costs)

        let contenders: [Contender] = [
            Contender(name: "C FLINT fmpq_mat_solve") {
                let ok = pairs.matrixNumerators.withUnsafeBufferPointer { mn in
                    pairs.matrixDenominators.withUnsafeBufferPointer { md in
                        pairs.rhsNumerators.withUnsafeBufferPointer { rn in
                            pairs.rhsDenominators.withUnsafeBufferPointer { rd in
                                cb_fmpq_solve_pairs(states, mn.baseAddress, md.baseAddress, rn.baseAddress, rd.baseAddress)
                            }
                        }
                    }
                }
                precondition(ok == 1, "FLINT reported a singular B4 system")
            },
            Contender(name: "MarkovDecisionProcess.evaluate (exact)") {
                _ = try mdp.evaluate(policy)
            },
            Contender(name: "RationalMatrix.solve (FLINT, exact)") {
                // The same prebuilt system as the C side, so both time the solve alone.
                _ = try matrix.solve(costs)
            },
        ]

        let timings = try measure(contenders, repeats: repeats)
        let systemFile = try writeSystem(matrix: matrix, rhs: costs)
        defer { try? FileManager.default.removeItem(at: systemFile) }
        let anchors = pythonAnchorTimes(python: python, task: "b4", repeats: max(1, repeats / 2), extraArgument: systemFile.path)
        let byName = Dictionary(uniqueKeysWithValues: timings.map { ($0.name, $0.median) })

        var report = TaskReport(
            id: "B4", title: "exact policy evaluation, \(states) states × \(actions) actions, γ = 9/10",
            timings: timings, anchors: anchors)
        let flint = byName["C FLINT fmpq_mat_solve"]!
        report.addRatio("MarkovDecisionProcess.evaluate / C FLINT", byName["MarkovDecisionProcess.evaluate (exact)"]! / flint, target: 1.5)
        report.addRatio("RationalMatrix.solve / C FLINT", byName["RationalMatrix.solve (FLINT, exact)"]! / flint, target: 1.5)

        let values = try mdp.evaluate(policy)
        let residualOfEvaluation = try matrix.multiplied(by: values).enumerated().map { $0.element - costs[$0.offset] }
        let exactlySolved = residualOfEvaluation.allSatisfy(\.isZero)
        report.notes.append("(I − γP_π)V = c_π holds exactly for the evaluated V: \(exactlySolved ? "yes" : "NO")")
        let optimal = try mdp.solveOptimal()
        report.notes.append("Bellman optimality residual of V* from exact policy iteration: \(mdp.bellmanResidual(optimal.values))")
        let q = mdp.actionValues(values)
        let next = mdp.euclideanMirrorDescentStep(policy, actionValues: q, stepSize: Rational.one)
        let nextValues = try mdp.evaluate(next)
        let improved = zip(nextValues, values).allSatisfy { $0 <= $1 }
        report.notes.append("one Euclidean PMD step (η = 1) improves V in every state, exactly: \(improved ? "yes" : "NO")")
        return report
    }

    /// Builds the system (I − γP_π)V = c_π as a dense rational matrix and right side.
    func linearSystem(mdp: MarkovDecisionProcess, policy: Policy) throws -> (matrix: RationalMatrix, costs: [Rational]) {
        var matrix = RationalMatrix.identity(mdp.stateCount)
        var costs = [Rational](repeating: Rational.zero, count: mdp.stateCount)
        for state in 0..<mdp.stateCount {
            for action in 0..<mdp.actionCount {
                let p = policy[state][action]
                costs[state] += p * mdp.costs[state][action]
                for transition in mdp.transitions[state][action] {
                    matrix[state, transition.next] = matrix[state, transition.next] - mdp.discount * p * transition.probability
                }
            }
        }
        return (matrix, costs)
    }

    struct IntegerPairs {
        var matrixNumerators: [Int] = []
        var matrixDenominators: [Int] = []
        var rhsNumerators: [Int] = []
        var rhsDenominators: [Int] = []
    }

    func integerPairs(matrix: RationalMatrix, rhs: [Rational]) throws -> IntegerPairs {
        var pairs = IntegerPairs()
        func split(_ value: Rational) throws -> (Int, Int) {
            guard let n = value.numerator.exactInt, let d = value.denominator.exactInt else {
                throw NumericError.domainError(operation: "B4", detail: "entry \(value) does not fit in machine integers")
            }
            return (n, d)
        }
        for row in matrix.entries {
            for value in row {
                let (n, d) = try split(value)
                pairs.matrixNumerators.append(n)
                pairs.matrixDenominators.append(d)
            }
        }
        for value in rhs {
            let (n, d) = try split(value)
            pairs.rhsNumerators.append(n)
            pairs.rhsDenominators.append(d)
        }
        return pairs
    }

    func writeSystem(matrix: RationalMatrix, rhs: [Rational]) throws -> URL {
        var text = "\(matrix.rowCount)\n"
        for row in matrix.entries {
            text += row.map(\.description).joined(separator: " ") + "\n"
        }
        text += rhs.map(\.description).joined(separator: " ") + "\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("theorem-check-b4-\(ProcessInfo.processInfo.processIdentifier).txt")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
