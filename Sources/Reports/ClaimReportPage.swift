import ClaimKit
import Runner

/// The Markdown report of one claim, `Reports/<id>.md`, and the SVG files of its plots.
struct ClaimReportPage {
    let spec: TheoremSpec
    let record: ClaimRecord
    let environment: RunEnvironment

    /// An SVG file of the page: its path relative to the reports directory, and its content.
    struct PlotFile {
        var path: String
        var svg: String
    }

    /// Returns `PREFIX INSTANCE--PLOT.svg`, without the instance id and "--" when the plot id
    /// already starts with the instance id followed by "-".
    static func plotPath(_ prefix: String, instanceID: String, plotID: String) -> String {
        if plotID == instanceID || plotID.hasPrefix(instanceID + "-") {
            return prefix + plotID + ".svg"
        }
        return prefix + instanceID + "--" + plotID + ".svg"
    }

    /// Relative paths and contents of every plot on the page, in page order.
    var plotFiles: [PlotFile] {
        let renderer = SVGPlotRenderer()
        return plotEntries.map { PlotFile(path: $0.path, svg: renderer.render($0.plot)) }
    }

    private var plotEntries: [(path: String, plot: Plot)] {
        var entries: [(String, Plot)] = []
        for run in record.instances {
            for plot in run.outcome.result?.plots ?? [] {
                entries.append((ClaimReportPage.plotPath("\(spec.id)/", instanceID: run.instanceID, plotID: plot.id), plot))
            }
        }
        for control in record.controls {
            for run in control.runs {
                for plot in run.outcome.result?.plots ?? [] {
                    entries.append((ClaimReportPage.plotPath("\(spec.id)/control-\(control.id)--", instanceID: run.instanceID,
                                                              plotID: plot.id), plot))
                }
            }
        }
        return entries
    }

    func markdown() -> String {
        var sections: [String] = [header(), statementSection(), sourceSection(), methodSection(), instancesSection(),
                                  resultsSection(), controlsSection(), verdictSection(), environmentSection()]
        sections.removeAll { $0.isEmpty }
        return sections.joined(separator: "\n\n") + "\n"
    }

    // MARK: Sections

    private func header() -> String {
        var lines = ["# \(spec.title)", ""]
        if spec.provenance == .reconstructed {
            lines += ["> **Reconstructed spec: paper body unavailable.** The statement below is the most likely form, "
                      + "rebuilt from the abstract and the standard literature; replace it once the paper text is at hand.", ""]
        }
        lines.append(MarkdownText.table(["item", "value"], [
            ["Claim", MarkdownText.code(spec.id)],
            ["Status", "**\(ReportWording.statusLabel(record.status))**"],
            ["Verdict", "\(ReportWording.verdictLabel(record.verdict)) (expected \(record.expectedVerdict.rawValue))"],
            ["Negative controls", ReportWording.controlsSummary(record)],
        ]))
        return lines.joined(separator: "\n")
    }

    private func statementSection() -> String {
        var lines = ["## Statement", "", spec.statement]
        if !spec.hypotheses.isEmpty {
            lines += ["", "Hypotheses:", ""] + spec.hypotheses.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    private func sourceSection() -> String {
        let source = spec.source
        var citation = source.authors.joined(separator: ", ") + ", \"" + source.title + "\""
        if let venue = source.venue { citation += ", " + venue }
        if let arxiv = source.arxiv { citation += ", arXiv:" + arxiv }
        return ["## Source", "", citation + ". Location: " + source.location + ".", "",
                "Provenance: **\(spec.provenance.rawValue)**. " + ReportWording.provenanceMeaning(spec.provenance)]
            .joined(separator: "\n")
    }

    private func methodSection() -> String {
        ["## Method", "",
         "Check \(MarkdownText.code(spec.check.kind)), rigor **\(spec.check.rigor.rawValue)**: " + ReportWording.rigorMeaning(spec.check.rigor),
         "", spec.check.description,
         "", "Budget: \(spec.budgetSeconds) s per run."].joined(separator: "\n")
    }

    private func instancesSection() -> String {
        let rows = spec.instances.map { instance in
            [MarkdownText.code(instance.id), instance.description, ReportWording.parameterList(instance.parameters),
             instance.data.map(MarkdownText.code) ?? ""]
        }
        var lines = ["## Instances", "", MarkdownText.table(["instance", "description", "parameters", "data"], rows)]
        if !spec.parameters.keys.isEmpty {
            lines += ["", "Claim-wide parameters: " + ReportWording.parameterList(spec.parameters) + "."]
        }
        return lines.joined(separator: "\n")
    }

    private func resultsSection() -> String {
        let rows = record.instances.map { run in
            [MarkdownText.code(run.instanceID), run.outcome.label, run.outcome.summary, String(run.seed)]
        }
        var lines = ["## Results", "", MarkdownText.table(["instance", "verdict", "summary", "seed"], rows)]
        for run in record.instances {
            lines += ["", runDetails(run, heading: "### Instance \(MarkdownText.code(run.instanceID))",
                                     plotPrefix: "\(spec.id)/")]
        }
        return lines.joined(separator: "\n")
    }

    private func runDetails(_ run: RunRecord, heading: String, plotPrefix: String) -> String {
        var lines = [heading, "", run.outcome.summary]
        guard let result = run.outcome.result else { return lines.joined(separator: "\n") }

        if !result.evidence.isEmpty {
            lines += ["", MarkdownText.table(["evidence", "value", "note"],
                                             result.evidence.map { [$0.name, $0.value, $0.note ?? ""] })]
        }
        if let precision = result.precisionBits {
            lines += ["", "Working precision: \(precision) bits."]
        }
        for table in result.tables {
            lines += ["", "**\(table.title)**", "", MarkdownText.table(table.columns, table.rows)]
        }
        for plot in result.plots {
            lines += ["", "![\(plot.title)](\(ClaimReportPage.plotPath(plotPrefix, instanceID: run.instanceID, plotID: plot.id)))"]
        }
        if let counterexample = result.counterexample {
            let inputRows = counterexample.input.keys.sorted().map { [$0, counterexample.input[$0]!] }
            lines += ["", "**Counterexample.** " + counterexample.description, "",
                      MarkdownText.table(["input", "value"], inputRows), "",
                      "To recheck: " + counterexample.recheck]
        }
        if !result.notes.isEmpty {
            lines += [""] + result.notes.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    private func controlsSection() -> String {
        var rows: [[String]] = []
        for control in record.controls {
            rows.append([MarkdownText.code(control.id), control.description, control.runs.map(\.instanceID).joined(separator: ", "),
                         control.expectedVerdict.rawValue, ReportWording.verdictLabel(control.verdict), control.ok ? "yes" : "**no**"])
        }
        var lines = ["## Negative controls", "",
                     "Each control is a slightly false variant of the claim; the check must reject it.", "",
                     MarkdownText.table(["control", "description", "instances", "expected", "got", "ok"], rows)]
        let broken = record.controls.filter { !$0.ok }
        if !broken.isEmpty {
            lines += ["", "**Checker broken:** " + broken.map { MarkdownText.code($0.id) }.joined(separator: ", ")
                      + " did not get the expected verdict, so this check cannot be trusted to reject false claims."]
        }
        for control in record.controls {
            for run in control.runs {
                lines += ["", runDetails(run, heading: "### Control \(MarkdownText.code(control.id)) on \(MarkdownText.code(run.instanceID))",
                                         plotPrefix: "\(spec.id)/control-\(control.id)--")]
            }
        }
        return lines.joined(separator: "\n")
    }

    private func verdictSection() -> String {
        var lines = ["## Verdict", "",
                     "**\(ReportWording.statusLabel(record.status))**: the claim came out \(ReportWording.verdictLabel(record.verdict)), "
                     + "expected \(record.expectedVerdict.rawValue); \(ReportWording.controlsSummary(record))."]
        if !record.reasons.isEmpty {
            lines += [""] + record.reasons.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    private func environmentSection() -> String {
        ["## Environment", "", ReportWording.environmentTable(environment)].joined(separator: "\n")
    }
}
