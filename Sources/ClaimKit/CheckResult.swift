/// The outcome of one check run: one instance, or one negative control on one instance.
///
/// Encoded as JSON between the child process that runs a check and the runner, and into
/// `Reports/results.json`. Every field must be deterministic for a given seed and
/// precision: no timestamps, durations or addresses.
public struct CheckResult: Sendable, Codable, Equatable {
    public var verdict: Verdict
    /// One-line summary of the finding.
    public var summary: String
    /// Statistics, certificates and key values.
    public var evidence: [Evidence]
    /// Set when the verdict is `refuted`.
    public var counterexample: Counterexample?
    public var tables: [ReportTable]
    public var plots: [Plot]
    /// Working precision in bits, when the check used floating point or balls.
    public var precisionBits: Int?
    public var notes: [String]

    public init(verdict: Verdict, summary: String, evidence: [Evidence] = [], counterexample: Counterexample? = nil,
                tables: [ReportTable] = [], plots: [Plot] = [], precisionBits: Int? = nil, notes: [String] = []) {
        self.verdict = verdict
        self.summary = summary
        self.evidence = evidence
        self.counterexample = counterexample
        self.tables = tables
        self.plots = plots
        self.precisionBits = precisionBits
        self.notes = notes
    }
}

/// A named value that supports a verdict: a statistic, a bound, a certificate.
public struct Evidence: Sendable, Codable, Equatable {
    public var name: String
    /// The value as text. Enclosures are printed rounded outward; exact values as `p/q`.
    public var value: String
    public var note: String?

    public init(name: String, value: String, note: String? = nil) {
        self.name = name
        self.value = value
        self.note = note
    }
}

/// An input on which the claim fails, with what is needed to recheck it independently.
public struct Counterexample: Sendable, Codable, Equatable {
    public var description: String
    /// The failing input, by parameter name; values as exact text.
    public var input: [String: String]
    /// How to recheck the failure by hand or with another tool.
    public var recheck: String

    public init(description: String, input: [String: String], recheck: String) {
        self.description = description
        self.input = input
        self.recheck = recheck
    }
}

/// A table of strings for the report.
public struct ReportTable: Sendable, Codable, Equatable {
    public var title: String
    public var columns: [String]
    /// Each row has one cell per column.
    public var rows: [[String]]

    public init(title: String, columns: [String], rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

extension CheckResult {
    /// Returns why this result breaks the verdict rules for a check of the given rigor, or
    /// nil when it keeps them. The runner turns a violation into a failed run.
    ///
    /// - An empirical check never returns `proved-exact` or `proved-rigorous`, because a
    ///   floating-point result is never a proof.
    /// - A `refuted` result carries a counterexample, so the failure can be rechecked.
    public func contractViolation(rigor: Rigor) -> String? {
        if rigor == .empirical && (verdict == .provedExact || verdict == .provedRigorous) {
            return "an empirical check returned \(verdict.rawValue); empirical checks return supported, refuted or inconclusive"
        }
        if verdict == .refuted && counterexample == nil {
            return "the check returned refuted without a counterexample; attach one with the input and how to recheck it"
        }
        return nil
    }
}
