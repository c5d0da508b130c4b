import Exact
import Testing
@testable import PolicyMirrorDescent

private typealias T = MarkovDecisionProcess.Transition

/// Returns the rows of a valid two-state, two-action MDP, for tests that break one field at a time.
private func validRows() -> [[[T]]] {
    [[[T(next: 0, probability: q("1/2")), T(next: 1, probability: q("1/2"))], [T(next: 1, probability: q("1"))]],
     [[T(next: 0, probability: q("1"))], [T(next: 1, probability: q("1"))]]]
}

private let validCosts = [qs(["0", "1"]), qs(["1/2", "0"])]

@Suite("MDP validation")
struct MarkovDecisionProcessValidationTests {
    @Test("valid MDP is accepted")
    func validMDP() throws {
        let mdp = try MarkovDecisionProcess(transitions: validRows(), costs: validCosts, discount: q("9/10"))
        #expect(mdp.stateCount == 2)
        #expect(mdp.actionCount == 2)
    }

    @Test("row not summing to one")
    func rowSum() {
        var rows = validRows()
        rows[0][0][1].probability = q("1/3")
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: rows, costs: validCosts, discount: q("9/10"))
        }
        #expect(error?.state == 0)
        #expect(error?.action == 0)
        #expect(error?.field == "transitions[0][0]")
        #expect(error?.value == "5/6")
        #expect(error?.description.contains("not exactly 1") == true)
    }

    @Test("negative probability")
    func negativeProbability() {
        var rows = validRows()
        rows[1][0] = [T(next: 0, probability: q("3/2")), T(next: 1, probability: q("-1/2"))]
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: rows, costs: validCosts, discount: q("9/10"))
        }
        #expect(error?.field == "transitions[1][0][1].probability")
        #expect(error?.state == 1)
        #expect(error?.action == 0)
        #expect(error?.value == "-1/2")
    }

    @Test("discount outside [0, 1)", arguments: ["1", "-1/10", "3/2"])
    func discountOutOfRange(text: String) {
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: validRows(), costs: validCosts, discount: q(text))
        }
        #expect(error?.field == "discount")
        #expect(error?.value == q(text).fractionString)
    }

    @Test("discount zero is accepted")
    func discountZero() throws {
        _ = try MarkovDecisionProcess(transitions: validRows(), costs: validCosts, discount: q("0"))
    }

    @Test("action count differs between states")
    func shapeMismatchActions() {
        var rows = validRows()
        rows[1].append([T(next: 0, probability: q("1"))])
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: rows, costs: validCosts, discount: q("9/10"))
        }
        #expect(error?.field == "transitions[1]")
        #expect(error?.state == 1)
    }

    @Test("cost rows do not match states")
    func shapeMismatchCosts() {
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: validRows(), costs: [qs(["0", "1"])], discount: q("9/10"))
        }
        #expect(error?.field == "costs")
    }

    @Test("cost row too short")
    func shapeMismatchCostRow() {
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: validRows(), costs: [qs(["0", "1"]), qs(["0"])], discount: q("9/10"))
        }
        #expect(error?.field == "costs[1]")
        #expect(error?.state == 1)
    }

    @Test("empty action set")
    func emptyActionSet() {
        var rows = validRows()
        rows[0] = []
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: rows, costs: validCosts, discount: q("9/10"))
        }
        #expect(error?.state == 0)
        #expect(error?.description.contains("empty action set") == true)
    }

    @Test("no states")
    func noStates() {
        #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: [], costs: [], discount: q("9/10"))
        }
    }

    @Test("next state out of range", arguments: [2, -1])
    func nextOutOfRange(next: Int) {
        var rows = validRows()
        rows[1][1] = [T(next: next, probability: q("1"))]
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: rows, costs: validCosts, discount: q("9/10"))
        }
        #expect(error?.field == "transitions[1][1][0].next")
        #expect(error?.value == "\(next)")
    }

    @Test("empty transition row")
    func emptyRow() {
        var rows = validRows()
        rows[0][1] = []
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess(transitions: rows, costs: validCosts, discount: q("9/10"))
        }
        #expect(error?.field == "transitions[0][1]")
    }

    @Test("duplicate next states are merged")
    func duplicatesMerged() throws {
        var rows = validRows()
        rows[0][0] = [T(next: 1, probability: q("1/4")), T(next: 0, probability: q("1/2")),
                      T(next: 1, probability: q("1/4"))]
        let mdp = try MarkovDecisionProcess(transitions: rows, costs: validCosts, discount: q("9/10"))
        #expect(mdp.transitions[0][0] == [T(next: 1, probability: q("1/2")), T(next: 0, probability: q("1/2"))])
    }

    @Test("error description names source, field, state, value and fix")
    func errorDescription() {
        let error = MDPError(source: "data/x.json", field: "transitions[2][1]", state: 2, action: 1, value: "2/3",
                             problem: "the probabilities sum to 2/3, not exactly 1", fix: "write exact fractions")
        #expect(error.description == "data/x.json: field \"transitions[2][1]\" (state 2, action 1, value 2/3): "
                + "the probabilities sum to 2/3, not exactly 1. Fix: write exact fractions.")
    }

    @Test("invalid policies are rejected")
    func policyValidation() throws {
        let mdp = try MarkovDecisionProcess(transitions: validRows(), costs: validCosts, discount: q("9/10"))
        #expect(throws: MDPError.self) { try mdp.validate(Policy([qs(["1", "0"])])) }
        #expect(throws: MDPError.self) { try mdp.validate(Policy([qs(["1", "0"]), qs(["1"])])) }
        #expect(throws: MDPError.self) { try mdp.validate(Policy([qs(["1", "0"]), qs(["3/2", "-1/2"])])) }
        #expect(throws: MDPError.self) { try mdp.validate(Policy([qs(["1", "0"]), qs(["1/2", "1/3"])])) }
        try mdp.validate(Policy([qs(["1", "0"]), qs(["1/2", "1/2"])]))
    }
}
