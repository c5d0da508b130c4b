import ClaimKit
import Runner

/// Labels and sentences shared by the report pages.
public enum ReportWording {
    /// Returns `N passed, N failed`, where "failed" includes the inconclusive claims,
    /// as standard output and the index both print it.
    public static func passedFailed(_ counts: StatusCounts) -> String {
        "\(counts.passed) passed, \(counts.failed + counts.inconclusive) failed"
    }

    /// Returns the sentence with the number of inconclusive claims among the failed ones,
    /// or nil when none is inconclusive.
    public static func inconclusiveSentence(_ counts: StatusCounts) -> String? {
        guard counts.inconclusive > 0 else { return nil }
        let verb = counts.inconclusive == 1 ? "is" : "are"
        return "\(counts.inconclusive) of the failed claims \(verb) inconclusive (precision or budget ran out)"
    }

    static func statusLabel(_ status: ClaimStatus) -> String {
        status.label
    }

    static func verdictLabel(_ verdict: Verdict?) -> String {
        verdict?.rawValue ?? "no verdict"
    }

    static func controlsSummary(_ record: ClaimRecord) -> String {
        let rejected = record.controls.filter(\.ok).count
        return "\(rejected) of \(record.controls.count) negative controls got their expected verdict"
    }

    static func provenanceMeaning(_ provenance: Provenance) -> String {
        switch provenance {
        case .sourced: "The statement was read in the paper or a standard reference."
        case .sourcedMeta: "The statement was read in a third-party description of the paper."
        case .derived: "The statement is not in the retrieved text; it was derived from sourced definitions and is checked here as an oracle."
        case .reconstructed: "The paper body was unavailable; the statement is the most likely form, rebuilt from the abstract and the literature."
        }
    }

    static func rigorMeaning(_ rigor: Rigor) -> String {
        switch rigor {
        case .exact: "exact rational arithmetic or exhaustive enumeration."
        case .rigorous: "ball enclosures with every rounding error accounted for."
        case .empirical: "high-precision floating point and a statistic with a tolerance fixed before the run."
        }
    }

    /// `name = value` pairs in key order, values as compact JSON.
    static func parameterList(_ parameters: Parameters) -> String {
        parameters.sortedEntries.map { "\(MarkdownText.code($0.key)) = \(MarkdownText.code(abbreviated($0.entry.value.compactText)))" }
            .joined(separator: ", ")
    }

    /// Cuts long JSON values so tables stay readable; the spec file has the full value.
    static func abbreviated(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }

    static func environmentTable(_ environment: RunEnvironment) -> String {
        var rows = [["precision", "\(environment.precision) bits"], ["seed", String(environment.seed)]]
        for name in environment.libraries.keys.sorted() {
            rows.append([name, environment.libraries[name]!])
        }
        rows.append(["Swift", environment.swiftVersion])
        rows.append(["theorem-check", environment.toolVersion])
        return MarkdownText.table(["setting", "value"], rows)
    }
}
