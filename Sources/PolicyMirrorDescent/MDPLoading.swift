import ClaimKit
import Exact
import Foundation

/// An MDP read from a gymnasium transition-table export, with its initial-state distribution.
public struct LoadedMDP: Sendable {
    public let mdp: MarkovDecisionProcess
    /// Initial-state distribution ρ over the MDP's states (0 on the added absorbing state).
    public let initialDistribution: [Rational]
    /// Index of the absorbing zero-cost state added for terminated transitions, or nil when the
    /// file has none.
    public let absorbingState: Int?
    /// The environment name recorded in the file's provenance, when present.
    public let environment: String?
}

extension MarkovDecisionProcess {
    /// Reads a gymnasium transition-table export (the `Theorems/data/*.json` format).
    ///
    /// The file contains `states`, `actions`, optional `action_names`, optional
    /// `initial_state_distribution` (exact fractions) and `transitions[s][a]`, a list of
    /// `{"probability", "next", "reward", "terminated"}` objects. Costs are c = −reward, and c(s, a)
    /// is the expected cost Σ p·(−r) over the row. A transition with `"terminated": true` keeps its
    /// reward but goes to one added absorbing state with zero cost and a self-loop for every action,
    /// which is how gymnasium's episodic return is written as a discounted infinite-horizon MDP.
    ///
    /// - Throws: `MDPError` naming the file, the field path, the state and action, the value and a
    ///   fix, for unreadable JSON, missing or mistyped fields, inexact numbers, and every violation
    ///   that `MarkovDecisionProcess.init` checks.
    public static func loadGymnasiumExport(contentsOf url: URL, discount: Rational) throws(MDPError) -> LoadedMDP {
        let path = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw MDPError(source: path, field: "", value: "", problem: "cannot read the file: \(error)",
                           fix: "check that the file exists and is UTF-8 JSON")
        }
        return try parseGymnasiumExport(text, source: path, discount: discount)
    }

    /// Parses the text of a gymnasium transition-table export; see `loadGymnasiumExport(contentsOf:discount:)`.
    public static func parseGymnasiumExport(_ text: String, source: String,
                                            discount: Rational) throws(MDPError) -> LoadedMDP {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw MDPError(source: source, field: "", value: "",
                           problem: "invalid JSON at line \(error.line), column \(error.column): \(error.problem)",
                           fix: "repair the JSON syntax")
        }
        let reader = ExportReader(source: source)
        guard case .object(let root) = document else {
            throw reader.error("", document, "the top level must be a JSON object", "write { \"states\": ..., ... }")
        }

        let stateCount = try reader.count(root, "states")
        let actionCount = try reader.count(root, "actions")
        var actionNames: [String]?
        if let names = root["action_names"] {
            actionNames = try reader.strings(names, field: "action_names")
        }

        guard let transitionsValue = root["transitions"] else {
            throw reader.error("transitions", nil, "missing field", "add transitions[state][action] = [{...}, ...]")
        }
        let stateEntries = try reader.array(transitionsValue, field: "transitions", expectedCount: stateCount)

        // Read every row first; terminated transitions are marked with next = -1 until the
        // absorbing state's index is known.
        var rows: [[[Transition]]] = []
        var costs: [[Rational]] = []
        var hasTerminated = false
        for (state, stateEntry) in stateEntries.enumerated() {
            let actionEntries = try reader.array(stateEntry, field: "transitions[\(state)]", expectedCount: actionCount,
                                                 state: state)
            var stateRows: [[Transition]] = []
            var stateCosts: [Rational] = []
            for (action, actionEntry) in actionEntries.enumerated() {
                let field = "transitions[\(state)][\(action)]"
                let entries = try reader.array(actionEntry, field: field, state: state, action: action)
                var row: [Transition] = []
                var cost = Rational.zero
                for (index, entry) in entries.enumerated() {
                    let entryField = "\(field)[\(index)]"
                    guard case .object(let members) = entry else {
                        throw reader.error(entryField, entry, "expected an object", "write {\"probability\": \"1/3\", \"next\": 4, \"reward\": \"0\"}",
                                           state: state, action: action)
                    }
                    let probability = try reader.exactNumber(members, "probability", field: entryField,
                                                             state: state, action: action)
                    let next = try reader.integer(members, "next", field: entryField, state: state, action: action)
                    let reward = try reader.exactNumber(members, "reward", field: entryField, state: state, action: action)
                    let terminated = try reader.flag(members, "terminated", field: entryField, state: state,
                                                     action: action)
                    guard next >= 0, next < stateCount else {
                        throw reader.error(entryField + ".next", .number(String(next)),
                                           "next state \(next) is out of range 0..<\(stateCount)",
                                           "use a state index from 0 to \(stateCount - 1)", state: state, action: action)
                    }
                    cost -= probability * reward
                    row.append(Transition(next: terminated ? -1 : next, probability: probability))
                    hasTerminated = hasTerminated || terminated
                }
                stateRows.append(row)
                stateCosts.append(cost)
            }
            rows.append(stateRows)
            costs.append(stateCosts)
        }

        var absorbingState: Int?
        if hasTerminated {
            let absorbing = stateCount
            absorbingState = absorbing
            rows = rows.map { stateRows in
                stateRows.map { row in row.map { Transition(next: $0.next < 0 ? absorbing : $0.next, probability: $0.probability) } }
            }
            rows.append(Array(repeating: [Transition(next: absorbing, probability: Rational.one)], count: actionCount))
            costs.append(Array(repeating: Rational.zero, count: actionCount))
        }

        let mdp = try MarkovDecisionProcess(transitions: rows, costs: costs, discount: discount,
                                            actionNames: actionNames, source: source)

        var initial = Array(repeating: Rational(1, stateCount), count: stateCount)
        if let isd = root["initial_state_distribution"] {
            let entries = try reader.array(isd, field: "initial_state_distribution", expectedCount: stateCount)
            initial = []
            var sum = Rational.zero
            for (state, entry) in entries.enumerated() {
                let value = try reader.exactNumber(entry, field: "initial_state_distribution[\(state)]", state: state)
                guard value.signum >= 0 else {
                    throw reader.error("initial_state_distribution[\(state)]", entry, "the probability is negative",
                                       "use a probability in [0, 1]", state: state)
                }
                sum += value
                initial.append(value)
            }
            guard sum == Rational.one else {
                throw reader.error("initial_state_distribution", nil,
                                   "the probabilities sum to \(sum.fractionString), not exactly 1",
                                   "write exact fractions that sum to 1")
            }
        }
        if absorbingState != nil { initial.append(Rational.zero) }

        var environment: String?
        if case .object(let provenance)? = root["provenance"], case .string(let name)? = provenance["environment"] {
            environment = name
        }
        return LoadedMDP(mdp: mdp, initialDistribution: initial, absorbingState: absorbingState,
                         environment: environment)
    }
}

/// Typed field access for the export format, with errors that name the file and field.
private struct ExportReader {
    var source: String

    func error(_ field: String, _ value: JSONValue?, _ problem: String, _ fix: String, state: Int? = nil,
               action: Int? = nil) -> MDPError {
        MDPError(source: source, field: field, state: state, action: action, value: value?.compactText ?? "",
                 problem: problem, fix: fix)
    }

    func count(_ root: [String: JSONValue], _ key: String) throws(MDPError) -> Int {
        guard let value = root[key] else {
            throw error(key, nil, "missing field", "add \"\(key)\": N with N ≥ 1")
        }
        guard case .number(let text) = value, let count = Int(text), count >= 1 else {
            throw error(key, value, "expected a positive integer", "write a whole number ≥ 1 such as 16")
        }
        return count
    }

    func strings(_ value: JSONValue, field: String) throws(MDPError) -> [String] {
        guard case .array(let elements) = value else {
            throw error(field, value, "expected an array of strings", "write [\"left\", \"down\", ...]")
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw error("\(field)[\(index)]", element, "expected a string", "write the name in double quotes")
            }
            result.append(text)
        }
        return result
    }

    func array(_ value: JSONValue, field: String, expectedCount: Int? = nil, state: Int? = nil,
               action: Int? = nil) throws(MDPError) -> [JSONValue] {
        guard case .array(let elements) = value else {
            throw error(field, value, "expected an array, found \(value.typeName)", "write a JSON array [ ... ]",
                        state: state, action: action)
        }
        if let expectedCount, elements.count != expectedCount {
            throw error(field, .number(String(elements.count)),
                        "the array has \(elements.count) entries but \(expectedCount) are required",
                        "give exactly \(expectedCount) entries (see \"states\" and \"actions\")",
                        state: state, action: action)
        }
        return elements
    }

    func exactNumber(_ members: [String: JSONValue], _ key: String, field: String, state: Int?,
                     action: Int?) throws(MDPError) -> Rational {
        guard let value = members[key] else {
            throw error("\(field).\(key)", nil, "missing field", "add \"\(key)\" as an exact number such as \"1/3\"",
                        state: state, action: action)
        }
        return try exactNumber(value, field: "\(field).\(key)", state: state, action: action)
    }

    /// Reads an exact number from a JSON integer or a string such as "1/3" or "-0.5", taking the
    /// decimal or fraction text at its exact value. A JSON number with a fraction or exponent is
    /// rejected, because other JSON tools read it as binary64 and it usually stands for a rounded value.
    func exactNumber(_ value: JSONValue, field: String, state: Int? = nil, action: Int? = nil) throws(MDPError) -> Rational {
        let text: String
        switch value {
        case .number(let literal) where literal.contains(where: { ".eE".contains($0) }):
            throw error(field, value, "a JSON number with a fraction or exponent would be read as binary64",
                        "write the exact value as a string, \"\(literal)\", or as the intended fraction such as \"2/3\"",
                        state: state, action: action)
        case .number(let literal), .string(let literal): text = literal
        default:
            throw error(field, value, "expected an exact number, found \(value.typeName)",
                        "write an integer or a string such as \"1/3\"", state: state, action: action)
        }
        do {
            return try Rational(parsing: text)
        } catch {
            throw self.error(field, value, "not an exact number: \(error)",
                             "write an integer, a decimal such as \"0.1\" or a fraction such as \"1/3\"",
                             state: state, action: action)
        }
    }

    func integer(_ members: [String: JSONValue], _ key: String, field: String, state: Int,
                 action: Int) throws(MDPError) -> Int {
        guard let value = members[key] else {
            throw error("\(field).\(key)", nil, "missing field", "add \"\(key)\" as a state index",
                        state: state, action: action)
        }
        guard case .number(let text) = value, let number = Int(text) else {
            throw error("\(field).\(key)", value, "expected an integer state index", "write a whole number such as 4",
                        state: state, action: action)
        }
        return number
    }

    func flag(_ members: [String: JSONValue], _ key: String, field: String, state: Int,
              action: Int) throws(MDPError) -> Bool {
        guard let value = members[key] else { return false }
        guard case .bool(let flag) = value else {
            throw error("\(field).\(key)", value, "expected true or false", "write true or false without quotes",
                        state: state, action: action)
        }
        return flag
    }
}
