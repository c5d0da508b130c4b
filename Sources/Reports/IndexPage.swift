import ClaimKit
import Runner

/// `Reports/README.md`: every claim with its verdict and status.
struct IndexPage {
    let summary: RunSummary

    func markdown() -> String {
        let counts = summary.counts
        var totals = ReportWording.passedFailed(counts) + ", \(counts.invalid) invalid."
        if let inconclusive = ReportWording.inconclusiveSentence(counts) {
            totals += " " + inconclusive + "."
        }
        var lines = ["# TheoremCheck results", "", totals, "",
                     "A claim passes when its combined verdict equals the expected verdict and every negative control "
                     + "(a slightly false variant) gets its expected verdict, usually refuted.", ""]

        let rows = summary.claims.map { claim in
            ["[\(MarkdownText.code(claim.id))](\(claim.id).md)", claim.title, claim.provenance.rawValue, claim.rigor.rawValue,
             claim.expectedVerdict.rawValue, ReportWording.verdictLabel(claim.verdict),
             "\(claim.controls.filter(\.ok).count)/\(claim.controls.count)", "**\(ReportWording.statusLabel(claim.status))**"]
        }
        lines.append(MarkdownText.table(["claim", "title", "provenance", "rigor", "expected", "verdict", "controls ok", "status"], rows))

        if !summary.invalidSpecs.isEmpty {
            lines += ["", "## Invalid specs", ""]
            // The message starts with the file path.
            lines += summary.invalidSpecs.map { "- " + $0.message }
        }

        let reconstructed = summary.claims.filter { $0.provenance == .reconstructed }
        if !reconstructed.isEmpty {
            lines += ["", "Reconstructed specs (paper body unavailable): "
                      + reconstructed.map { MarkdownText.code($0.id) }.joined(separator: ", ") + "."]
        }

        lines += ["", "## Environment", "", ReportWording.environmentTable(summary.environment)]
        return lines.joined(separator: "\n") + "\n"
    }
}
