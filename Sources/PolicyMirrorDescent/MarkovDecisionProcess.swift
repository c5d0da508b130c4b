import Exact

/// A finite Markov decision process with exact rational data, in the cost-minimisation convention.
///
/// Every state has the same `actionCount` actions. `transitions[s][a]` is the sparse row
/// P(·|s, a) as (next state, probability) pairs, and `costs[s][a]` is the expected one-step cost
/// c(s, a). The initializer guarantees: probabilities are nonnegative, each row sums to exactly 1,
/// next states are in range, and the discount γ lies in [0, 1). So I − γP_π is strictly diagonally
/// dominant by rows for every policy π, and policy evaluation has a unique solution.
public struct MarkovDecisionProcess: Sendable {
    /// One entry P(next | s, a) of a sparse transition row.
    public struct Transition: Sendable, Equatable {
        public var next: Int
        public var probability: Rational

        public init(next: Int, probability: Rational) {
            self.next = next
            self.probability = probability
        }
    }

    public let stateCount: Int
    public let actionCount: Int
    /// Sparse rows P(·|s, a), indexed `[state][action]`, with each next state listed at most once.
    public let transitions: [[[Transition]]]
    /// Expected one-step cost c(s, a), indexed `[state][action]`.
    public let costs: [[Rational]]
    /// Discount factor γ in [0, 1).
    public let discount: Rational
    /// Display names of the actions, one per action.
    public let actionNames: [String]
    /// Origin of the data, a file path or a generator description, for error messages.
    public let source: String

    /// Validates and stores an MDP. Duplicate next states in a row are merged by adding their
    /// probabilities.
    ///
    /// - Throws: `MDPError` naming the state, action, offending value and a fix. The cases are
    ///   mismatched shapes, an empty action set, a negative probability, a next state out of range,
    ///   a row that does not sum to exactly 1, and a discount outside [0, 1).
    public init(transitions: [[[Transition]]], costs: [[Rational]], discount: Rational,
                actionNames: [String]? = nil, source: String = "in-memory MDP") throws(MDPError) {
        guard !transitions.isEmpty else {
            throw MDPError(source: source, field: "transitions", value: "[]", problem: "the MDP has no states",
                           fix: "give at least one state")
        }
        let stateCount = transitions.count
        let actionCount = transitions[0].count
        guard actionCount > 0 else {
            throw MDPError(source: source, field: "transitions[0]", state: 0, value: "[]",
                           problem: "state 0 has an empty action set", fix: "give every state at least one action")
        }
        guard discount.signum >= 0, discount < Rational.one else {
            throw MDPError(source: source, field: "discount", value: discount.fractionString,
                           problem: "the discount must lie in [0, 1)", fix: "use a value such as 9/10 or 99/100")
        }
        guard costs.count == stateCount else {
            throw MDPError(source: source, field: "costs", value: "\(costs.count) rows",
                           problem: "costs has \(costs.count) rows but transitions has \(stateCount) states",
                           fix: "give one cost row per state")
        }
        if let actionNames, actionNames.count != actionCount {
            throw MDPError(source: source, field: "actionNames", value: "\(actionNames.count) names",
                           problem: "there are \(actionNames.count) action names for \(actionCount) actions",
                           fix: "give one name per action")
        }

        var merged: [[[Transition]]] = []
        merged.reserveCapacity(stateCount)
        for state in 0..<stateCount {
            let actions = transitions[state]
            guard !actions.isEmpty else {
                throw MDPError(source: source, field: "transitions[\(state)]", state: state, value: "[]",
                               problem: "state \(state) has an empty action set",
                               fix: "give every state at least one action")
            }
            guard actions.count == actionCount else {
                throw MDPError(source: source, field: "transitions[\(state)]", state: state,
                               value: "\(actions.count) actions",
                               problem: "state \(state) has \(actions.count) actions but state 0 has \(actionCount)",
                               fix: "give every state the same number of actions")
            }
            guard costs[state].count == actionCount else {
                throw MDPError(source: source, field: "costs[\(state)]", state: state,
                               value: "\(costs[state].count) costs",
                               problem: "state \(state) has \(costs[state].count) costs for \(actionCount) actions",
                               fix: "give one cost per action")
            }
            var stateRows: [[Transition]] = []
            stateRows.reserveCapacity(actionCount)
            for action in 0..<actionCount {
                stateRows.append(try MarkovDecisionProcess.validatedRow(
                    actions[action], state: state, action: action, stateCount: stateCount, source: source))
            }
            merged.append(stateRows)
        }

        self.stateCount = stateCount
        self.actionCount = actionCount
        self.transitions = merged
        self.costs = costs
        self.discount = discount
        self.actionNames = actionNames ?? (0..<actionCount).map { "a\($0)" }
        self.source = source
    }

    /// Checks one row P(·|s, a) and merges duplicate next states, keeping first-seen order.
    private static func validatedRow(_ row: [Transition], state: Int, action: Int, stateCount: Int,
                                     source: String) throws(MDPError) -> [Transition] {
        let field = "transitions[\(state)][\(action)]"
        guard !row.isEmpty else {
            throw MDPError(source: source, field: field, state: state, action: action, value: "[]",
                           problem: "the transition row is empty, so its probabilities sum to 0",
                           fix: "list at least one next state; the probabilities must sum to exactly 1")
        }

        var sum = Rational.zero
        var positionOfNext: [Int: Int] = [:]
        var result: [Transition] = []
        for (index, entry) in row.enumerated() {
            guard entry.next >= 0, entry.next < stateCount else {
                throw MDPError(source: source, field: "\(field)[\(index)].next", state: state, action: action,
                               value: "\(entry.next)",
                               problem: "next state \(entry.next) is out of range 0..<\(stateCount)",
                               fix: "use a state index from 0 to \(stateCount - 1)")
            }
            guard entry.probability.signum >= 0 else {
                throw MDPError(source: source, field: "\(field)[\(index)].probability", state: state, action: action,
                               value: entry.probability.fractionString, problem: "the probability is negative",
                               fix: "use a probability in [0, 1]")
            }
            sum += entry.probability
            if let position = positionOfNext[entry.next] {
                result[position].probability += entry.probability
            } else {
                positionOfNext[entry.next] = result.count
                result.append(entry)
            }
        }
        guard sum == Rational.one else {
            throw MDPError(source: source, field: field, state: state, action: action, value: sum.fractionString,
                           problem: "the probabilities sum to \(sum.fractionString), not exactly 1",
                           fix: "write exact fractions (\"1/3\", not \"0.333\") that sum to 1")
        }
        return result.filter { !$0.probability.isZero }
    }
}

/// Invalid MDP data: names the source, the field, the state and action, the value and a fix.
public struct MDPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// File path or generator description.
    public var source: String
    /// Field path inside the source, such as `transitions[3][1][0].probability`.
    public var field: String
    public var state: Int?
    public var action: Int?
    /// The offending value as text; empty when the field is missing.
    public var value: String
    public var problem: String
    public var fix: String

    public init(source: String, field: String, state: Int? = nil, action: Int? = nil, value: String,
                problem: String, fix: String) {
        self.source = source
        self.field = field
        self.state = state
        self.action = action
        self.value = value
        self.problem = problem
        self.fix = fix
    }

    /// One line: `SOURCE: field "PATH" (state S, action A, value V): PROBLEM. Fix: FIX.`
    public var description: String {
        var details: [String] = []
        if let state { details.append("state \(state)") }
        if let action { details.append("action \(action)") }
        if !value.isEmpty { details.append("value \(value)") }

        var text = source + ": field \"\(field)\""
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        text += ": " + problem + ". Fix: " + fix
        if !text.hasSuffix(".") { text += "." }
        return text
    }
}

/// A stochastic policy π(a|s) with exact rational probabilities, indexed `[state][action]`.
public struct Policy: Sendable, Equatable, Hashable {
    public var probabilities: [[Rational]]

    public init(_ probabilities: [[Rational]]) {
        self.probabilities = probabilities
    }

    /// Returns the uniform policy π(a|s) = 1/|A|.
    public static func uniform(states: Int, actions: Int) -> Policy {
        Policy(Array(repeating: Array(repeating: Rational(1, actions), count: actions), count: states))
    }

    /// Returns the deterministic policy that plays `actions[s]` in state s.
    public static func deterministic(_ actions: [Int], actionCount: Int) -> Policy {
        Policy(actions.map { chosen in (0..<actionCount).map { $0 == chosen ? Rational.one : Rational.zero } })
    }

    public subscript(state: Int) -> [Rational] {
        get { probabilities[state] }
        set { probabilities[state] = newValue }
    }

    /// The largest number of decimal digits in any denominator, a measure of rational blow-up.
    public var maximumDenominatorDigits: Int {
        var digits = 1
        for row in probabilities {
            for p in row where !p.denominator.isZero {
                digits = max(digits, p.denominator.description.count)
            }
        }
        return digits
    }
}

extension MarkovDecisionProcess {
    /// Checks that `policy` has one row per state and one probability per action, every entry
    /// nonnegative, and every row summing to exactly 1.
    public func validate(_ policy: Policy) throws(MDPError) {
        guard policy.probabilities.count == stateCount else {
            throw MDPError(source: source, field: "policy", value: "\(policy.probabilities.count) rows",
                           problem: "the policy has \(policy.probabilities.count) rows for \(stateCount) states",
                           fix: "give one row per state")
        }
        for (state, row) in policy.probabilities.enumerated() {
            guard row.count == actionCount else {
                throw MDPError(source: source, field: "policy[\(state)]", state: state, value: "\(row.count) entries",
                               problem: "the row has \(row.count) entries for \(actionCount) actions",
                               fix: "give one probability per action")
            }
            var sum = Rational.zero
            for (action, p) in row.enumerated() {
                guard p.signum >= 0 else {
                    throw MDPError(source: source, field: "policy[\(state)][\(action)]", state: state, action: action,
                                   value: p.fractionString, problem: "the probability is negative",
                                   fix: "use a probability in [0, 1]")
                }
                sum += p
            }
            guard sum == Rational.one else {
                throw MDPError(source: source, field: "policy[\(state)]", state: state, value: sum.fractionString,
                               problem: "the row sums to \(sum.fractionString), not exactly 1",
                               fix: "give probabilities that sum to exactly 1")
            }
        }
    }

    /// Returns a copy with a different discount, keeping the validated transitions and costs.
    public func withDiscount(_ newDiscount: Rational) throws(MDPError) -> MarkovDecisionProcess {
        try MarkovDecisionProcess(transitions: transitions, costs: costs, discount: newDiscount,
                                  actionNames: actionNames, source: source)
    }
}
