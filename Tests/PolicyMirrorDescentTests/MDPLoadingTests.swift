import ClaimKit
import Exact
import Foundation
import Testing
@testable import PolicyMirrorDescent

/// A two-state export in the gymnasium format. State 0: action 0 stays with probability 1/3 and
/// reaches the goal with probability 2/3 (reward 1, terminated). Action 1 stays with reward −0.5.
/// State 1 (the goal) is a terminated self-loop.
private let tinyExport = """
{
  "provenance": {"package": "test", "environment": "Tiny-v0"},
  "states": 2,
  "actions": 2,
  "action_names": ["go", "wait"],
  "initial_state_distribution": ["1", "0"],
  "transitions": [
    [[{"probability": "1/3", "next": 0, "reward": "0", "terminated": false},
      {"probability": "2/3", "next": 1, "reward": 1, "terminated": true}],
     [{"probability": "1", "next": 0, "reward": "-0.5", "terminated": false}]],
    [[{"probability": "1", "next": 1, "reward": "0", "terminated": true}],
     [{"probability": "1", "next": 1, "reward": "0", "terminated": true}]]
  ]
}
"""

@Suite("Loading gymnasium exports")
struct MDPLoadingTests {
    @Test("tiny export loads with an absorbing state")
    func tinyExportStructure() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pmd-tiny-\(getpid()).json")
        try tinyExport.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }

        let loaded = try MarkovDecisionProcess.loadGymnasiumExport(contentsOf: url, discount: q("9/10"))
        #expect(loaded.mdp.stateCount == 3)
        #expect(loaded.absorbingState == 2)
        #expect(loaded.environment == "Tiny-v0")
        #expect(loaded.mdp.actionNames == ["go", "wait"])
        #expect(loaded.initialDistribution == qs(["1", "0", "0"]))
        // c = −reward averaged over the row: c(0, go) = −2/3, c(0, wait) = 1/2.
        #expect(loaded.mdp.costs == [qs(["-2/3", "1/2"]), qs(["0", "0"]), qs(["0", "0"])])
        #expect(loaded.mdp.transitions[0][0] == [.init(next: 0, probability: q("1/3")),
                                                 .init(next: 2, probability: q("2/3"))])
        #expect(loaded.mdp.transitions[1][1] == [.init(next: 2, probability: q("1"))])
    }

    /// By hand: if "go" is optimal in state 0, V(0) = −2/3 + (9/10)(1/3)V(0), so V(0) = −20/21.
    /// Then Q(0, wait) = 1/2 + (9/10)(−20/21) = −5/14 > −20/21, which confirms it; Δ = 25/42.
    @Test("tiny export optimal values")
    func tinyExportOptimum() throws {
        let loaded = try MarkovDecisionProcess.parseGymnasiumExport(tinyExport, source: "tiny", discount: q("9/10"))
        let optimal = try loaded.mdp.solveOptimal()
        #expect(optimal.values == qs(["-20/21", "0", "0"]))
        #expect(optimal.actionValues[0] == qs(["-20/21", "-5/14"]))
        #expect(optimal.optimalActions == [[0], [0, 1], [0, 1]])
        #expect(optimal.gap == q("25/42"))
    }

    @Test("row sum error names file and field")
    func rowSumError() {
        let broken = tinyExport.replacingOccurrences(of: "\"2/3\", \"next\": 1", with: "\"0.66\", \"next\": 1")
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess.parseGymnasiumExport(broken, source: "data/tiny.json", discount: q("9/10"))
        }
        #expect(error?.source == "data/tiny.json")
        #expect(error?.field == "transitions[0][0]")
        #expect(error?.state == 0)
        #expect(error?.action == 0)
    }

    @Test("inexact and mistyped fields are rejected", arguments: [
        ("\"next\": 0, \"reward\": \"-0.5\"", "\"next\": 7, \"reward\": \"-0.5\"", "transitions[0][1][0].next"),
        ("\"reward\": \"-0.5\"", "\"reward\": \"abc\"", "transitions[0][1][0].reward"),
        ("\"states\": 2", "\"states\": 3", "transitions"),
        ("\"initial_state_distribution\": [\"1\", \"0\"]", "\"initial_state_distribution\": [\"1/2\", \"0\"]",
         "initial_state_distribution"),
        ("\"terminated\": false}]]", "\"terminated\": \"no\"}]]", "transitions[0][1][0].terminated"),
    ])
    func fieldErrors(original: String, replacement: String, field: String) {
        let broken = tinyExport.replacingOccurrences(of: original, with: replacement)
        #expect(broken != tinyExport)
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess.parseGymnasiumExport(broken, source: "tiny", discount: q("9/10"))
        }
        #expect(error?.field == field)
    }

    @Test("JSON numbers with a fraction are rejected", arguments: [
        ("\"probability\": \"2/3\"", "\"probability\": 0.6666666666666666", "transitions[0][0][1].probability",
         "0.6666666666666666"),
        ("\"reward\": \"-0.5\"", "\"reward\": -0.5", "transitions[0][1][0].reward", "-0.5"),
        ("\"probability\": \"1\", \"next\": 0", "\"probability\": 1.0, \"next\": 0", "transitions[0][1][0].probability",
         "1.0"),
        ("\"initial_state_distribution\": [\"1\", \"0\"]", "\"initial_state_distribution\": [1e0, \"0\"]",
         "initial_state_distribution[0]", "1e0"),
    ])
    func fractionalNumberErrors(original: String, replacement: String, field: String, value: String) {
        let broken = tinyExport.replacingOccurrences(of: original, with: replacement)
        #expect(broken != tinyExport)
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess.parseGymnasiumExport(broken, source: "data/tiny.json", discount: q("9/10"))
        }
        #expect(error?.source == "data/tiny.json")
        #expect(error?.field == field)
        #expect(error?.value == value)
        #expect(error?.problem.contains("binary64") == true)
        #expect(error?.fix.contains("as a string") == true)
    }

    @Test("committed gymnasium exports load", arguments: ["frozenlake_4x4", "frozenlake_8x8", "cliffwalking", "taxi"])
    func committedExportsLoad(name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Theorems/data/\(name).json")
        let loaded = try MarkovDecisionProcess.loadGymnasiumExport(contentsOf: url, discount: q("9/10"))
        #expect(loaded.mdp.stateCount > 1)
    }

    @Test("invalid JSON is reported with its position")
    func invalidJSON() {
        let error = #expect(throws: MDPError.self) {
            try MarkovDecisionProcess.parseGymnasiumExport("{\"states\": }", source: "tiny", discount: q("9/10"))
        }
        #expect(error?.problem.contains("invalid JSON") == true)
    }

    @Test("missing file is reported")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/pmd-missing.json")
        #expect(throws: MDPError.self) {
            try MarkovDecisionProcess.loadGymnasiumExport(contentsOf: url, discount: q("9/10"))
        }
    }
}

@Suite("Garnet generator")
struct GarnetTests {
    /// Reference outputs of SplitMix64 for seed 1234567, from the published C reference
    /// implementation (splitmix64.c by S. Vigna).
    @Test("SplitMix64 reference outputs")
    func splitMixReference() {
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                                  4_593_380_528_125_082_431, 16_408_922_859_458_223_821]
        for value in expected {
            #expect(generator.next() == value)
        }
    }

    @Test("same seed gives the same MDP")
    func determinism() throws {
        let first = try MarkovDecisionProcess.garnet(states: 10, actions: 3, branching: 3, discount: q("9/10"), seed: 7)
        let second = try MarkovDecisionProcess.garnet(states: 10, actions: 3, branching: 3, discount: q("9/10"), seed: 7)
        let other = try MarkovDecisionProcess.garnet(states: 10, actions: 3, branching: 3, discount: q("9/10"), seed: 8)
        #expect(first.transitions == second.transitions)
        #expect(first.costs == second.costs)
        #expect(first.transitions != other.transitions)
    }

    @Test("rows have three next states with denominators dividing 10")
    func structure() throws {
        let mdp = try MarkovDecisionProcess.garnet(states: 100, actions: 5, branching: 3, discount: q("99/100"), seed: 3)
        for state in 0..<100 {
            for action in 0..<5 {
                let row = mdp.transitions[state][action]
                #expect(row.count == 3)
                #expect(Set(row.map(\.next)).count == 3)
                #expect(row.allSatisfy { BigInt(10) % $0.probability.denominator == BigInt.zero })
                #expect(row.reduce(Rational.zero) { $0 + $1.probability } == Rational.one)
                let cost = mdp.costs[state][action]
                #expect(cost.signum >= 0 && cost <= Rational.one)
            }
        }
    }
}
