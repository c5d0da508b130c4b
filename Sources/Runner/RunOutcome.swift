import ClaimKit
import Foundation

/// The end state of one run.
public enum RunOutcome: Sendable, Codable, Equatable {
    /// The check returned a result.
    case completed(result: CheckResult)
    /// The check threw `SpecError` or `NumericError`: the spec or its data is invalid.
    case invalidInput(message: String)
    /// The check stopped itself at its deadline (`BudgetExceeded`).
    case budgetExceeded(seconds: Int)
    /// The runner stopped the run because it ran past its budget.
    case timedOut(seconds: Int)
    /// The child process died: a trap, a signal or an exit without a result.
    case crashed(message: String)
    /// The check threw another error.
    case failed(message: String)

    /// The verdict this outcome counts as: the check's own verdict, `inconclusive` when
    /// the budget ran out, and nil when the run produced no verdict.
    public var verdict: Verdict? {
        switch self {
        case .completed(let result): result.verdict
        case .budgetExceeded, .timedOut: .inconclusive
        case .invalidInput, .crashed, .failed: nil
        }
    }

    /// The check result, when the run completed.
    public var result: CheckResult? {
        if case .completed(let result) = self { return result }
        return nil
    }

    /// One line for tables and progress output.
    public var summary: String {
        switch self {
        case .completed(let result): result.summary
        case .invalidInput(let message): "invalid input: \(message)"
        case .budgetExceeded(let seconds): "budget of \(seconds) s exhausted; a larger budgetSeconds may decide it"
        case .timedOut(let seconds): "timed out after \(seconds) s and was stopped; a larger budgetSeconds may decide it"
        case .crashed(let message): "crashed: \(message)"
        case .failed(let message): "check failed: \(message)"
        }
    }

    /// A short label: the verdict, or what went wrong.
    public var label: String {
        switch self {
        case .completed(let result): result.verdict.rawValue
        case .invalidInput: "invalid input"
        case .budgetExceeded: "inconclusive (budget)"
        case .timedOut: "inconclusive (timed out)"
        case .crashed: "crashed"
        case .failed: "check error"
        }
    }
}

/// The JSON coding used between the child process and the runner. Non-finite plot
/// coordinates travel as the strings "inf", "-inf" and "nan".
public enum RunOutcomeCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
