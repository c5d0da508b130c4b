import Foundation
import ClaimKit

/// Whether a claim met its expectations.
public enum ClaimStatus: String, Sendable, Codable, CaseIterable {
    /// The combined verdict equals the expected one and every negative control got its
    /// expected verdict.
    case passed
    /// A verdict differs from the expected one, a negative control was not rejected, or a
    /// run crashed.
    case failed
    /// The claim was not decided within its precision or budget.
    case inconclusive
    /// The spec, its parameters or its data are invalid.
    case invalid

    /// Upper-case label for reports and result lines, e.g. `PASSED`.
    public var label: String {
        switch self {
        case .passed: "PASSED"
        case .failed: "FAILED"
        case .inconclusive: "INCONCLUSIVE"
        case .invalid: "INVALID INPUT"
        }
    }
}

/// One finished run.
public struct RunRecord: Sendable, Codable, Equatable {
    public var instanceID: String
    /// The seed the check received.
    public var seed: UInt64
    public var outcome: RunOutcome

    public init(instanceID: String, seed: UInt64, outcome: RunOutcome) {
        self.instanceID = instanceID
        self.seed = seed
        self.outcome = outcome
    }
}

/// A negative control and its runs.
public struct ControlRecord: Sendable, Codable, Equatable {
    public var id: String
    public var description: String
    public var expectedVerdict: Verdict
    /// Combined verdict over the control's runs; nil when a run produced no verdict.
    public var verdict: Verdict?
    /// True when `verdict` equals `expectedVerdict`.
    public var ok: Bool
    public var runs: [RunRecord]
}

/// Everything the reports need about one claim after its runs.
public struct ClaimRecord: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    /// File name of the spec, relative to the theorems directory, so that the record does
    /// not depend on how `--theorems` was written.
    public var file: String
    public var provenance: Provenance
    public var rigor: Rigor
    public var checkKind: String
    public var expectedVerdict: Verdict
    /// Combined verdict over the instances; nil when a run produced no verdict.
    public var verdict: Verdict?
    public var status: ClaimStatus
    /// Reasons the claim did not pass, one sentence each; empty when it passed.
    public var reasons: [String]
    public var instances: [RunRecord]
    public var controls: [ControlRecord]

    /// Combines the runs of `spec` into a record. `outcomes` must hold one entry per
    /// request of `RunPlan.requests(for: [spec])`.
    public init(spec: TheoremSpec, outcomes: [RunRequest: RunRecord]) {
        id = spec.id
        title = spec.title
        file = URL(fileURLWithPath: spec.file).lastPathComponent
        provenance = spec.provenance
        rigor = spec.check.rigor
        checkKind = spec.check.kind
        expectedVerdict = spec.expectedVerdict

        instances = spec.instances.map { instance in
            outcomes[RunRequest(claimID: spec.id, instanceID: instance.id, controlID: nil)]!
        }
        controls = spec.negativeControls.map { control in
            let runs = control.instances.map { instanceID in
                outcomes[RunRequest(claimID: spec.id, instanceID: instanceID, controlID: control.id)]!
            }
            let verdict = ClaimRecord.combinedVerdict(runs)
            return ControlRecord(id: control.id, description: control.description, expectedVerdict: control.expectedVerdict,
                                 verdict: verdict, ok: verdict == control.expectedVerdict, runs: runs)
        }
        verdict = ClaimRecord.combinedVerdict(instances)

        (status, reasons) = ClaimRecord.evaluate(instances: instances, verdict: verdict, expected: spec.expectedVerdict,
                                                 controls: controls)
    }

    /// Returns the combined verdict, or nil when some run produced none.
    static func combinedVerdict(_ runs: [RunRecord]) -> Verdict? {
        let verdicts = runs.compactMap(\.outcome.verdict)
        guard verdicts.count == runs.count else { return nil }
        return Verdict.combined(verdicts)
    }

    /// Decides the status. A failure outranks invalid input, which outranks an
    /// inconclusive verdict.
    static func evaluate(instances: [RunRecord], verdict: Verdict?, expected: Verdict,
                         controls: [ControlRecord]) -> (ClaimStatus, [String]) {
        var reasons: [String] = []
        var failed = false
        var invalid = false
        var inconclusive = false

        for run in instances {
            switch run.outcome {
            case .invalidInput(let message):
                invalid = true
                reasons.append("Instance \(run.instanceID) has invalid input: \(message)")
            case .crashed, .failed:
                failed = true
                reasons.append("Instance \(run.instanceID): \(run.outcome.summary)")
            case .completed, .budgetExceeded, .timedOut:
                break
            }
        }

        if let verdict, verdict != expected {
            if verdict == .inconclusive {
                inconclusive = true
                reasons.append("The claim is inconclusive; \(expected.rawValue) was expected.")
            } else {
                failed = true
                reasons.append("The claim came out \(verdict.rawValue); \(expected.rawValue) was expected.")
            }
        }

        for control in controls where !control.ok {
            if control.runs.contains(where: { if case .invalidInput = $0.outcome { true } else { false } }) {
                invalid = true
                reasons.append("Negative control \(control.id) has invalid input.")
                continue
            }
            failed = true
            let got = control.verdict.map { "came out \($0.rawValue)" } ?? "produced no verdict"
            reasons.append("Checker broken: negative control \(control.id) \(got), "
                           + "\(control.expectedVerdict.rawValue) was expected, so the check does not reject this false variant.")
        }

        if failed { return (.failed, reasons) }
        if invalid { return (.invalid, reasons) }
        if inconclusive { return (.inconclusive, reasons) }
        return (.passed, reasons)
    }
}

/// A spec file that could not be loaded.
public struct InvalidSpecRecord: Sendable, Codable, Equatable {
    /// File name relative to the theorems directory.
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// Creates the record of a spec that failed to load. The file is stored by its name
    /// relative to the theorems directory, while the message keeps the path as given.
    public init(_ error: SpecError) {
        self.init(file: URL(fileURLWithPath: error.file).lastPathComponent, message: error.description)
    }
}
