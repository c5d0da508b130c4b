import ClaimKit
import Runner

/// `Reports/junit.xml` in the common JUnit shape: `testsuites` > `testsuite` >
/// `testcase`, with `failure` for failed and inconclusive claims and `error` for invalid
/// input. Times are always 0, so the file is reproducible.
struct JUnitReport {
    let summary: RunSummary

    func xml() -> String {
        let counts = summary.counts
        let tests = summary.claims.count + summary.invalidSpecs.count
        let failures = counts.failed + counts.inconclusive
        let errors = counts.invalid
        let totals = "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"0\""

        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<testsuites name=\"theorem-check\" \(totals)>",
                     "  <testsuite name=\"theorem-check\" \(totals)>"]
        for claim in summary.claims {
            lines += testCase(claim)
        }
        for invalid in summary.invalidSpecs {
            lines.append("    <testcase classname=\"theorem-check.specs\" name=\"\(attribute(invalid.file))\" time=\"0\">")
            lines.append("      <error type=\"invalid-spec\" message=\"\(attribute(invalid.message))\">\(text(invalid.message))</error>")
            lines.append("    </testcase>")
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func testCase(_ claim: ClaimRecord) -> [String] {
        let open = "    <testcase classname=\"theorem-check.\(attribute(claim.checkKind))\" name=\"\(attribute(claim.id))\" time=\"0\""
        let message = claim.verdict.map { "verdict \($0.rawValue), expected \(claim.expectedVerdict.rawValue)" }
            ?? "no verdict because a run crashed or had invalid input, expected \(claim.expectedVerdict.rawValue)"
        let detail = claim.reasons.joined(separator: "\n")
        switch claim.status {
        case .passed:
            return [open + "/>"]
        case .failed, .inconclusive:
            return [open + ">",
                    "      <failure type=\"\(claim.status.rawValue)\" message=\"\(attribute(message))\">\(text(detail))</failure>",
                    "    </testcase>"]
        case .invalid:
            return [open + ">",
                    "      <error type=\"invalid-input\" message=\"\(attribute(message))\">\(text(detail))</error>",
                    "    </testcase>"]
        }
    }

    /// Escapes an attribute value; line breaks become character references so they survive
    /// attribute-value normalization.
    private func attribute(_ value: String) -> String {
        XMLEscaping.escape(value).replacingOccurrences(of: "\n", with: "&#10;")
    }

    private func text(_ value: String) -> String {
        XMLEscaping.escape(value)
    }
}
