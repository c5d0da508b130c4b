/// Invalid input in a theorem spec or its data: names the file, the field, the offending
/// value and how to fix it.
///
/// Thrown by the spec loader and by every `Parameters` accessor. A check that throws it
/// gets an invalid-input outcome, never a crash.
public struct SpecError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Path of the spec or data file, as given to the loader.
    public var file: String
    /// Field path inside the file, such as `instances[1].parameters.stepSize`; empty for
    /// problems with the whole file.
    public var field: String
    /// The offending value as written (compact JSON), or empty when the field is missing.
    public var value: String
    /// Description of the problem.
    public var problem: String
    /// Change that resolves the problem.
    public var fix: String

    public init(file: String, field: String, value: String, problem: String, fix: String) {
        self.file = file
        self.field = field
        self.value = value
        self.problem = problem
        self.fix = fix
    }

    /// One line: `FILE: field "PATH" (value V): PROBLEM. Fix: FIX.`
    public var description: String {
        var text = file
        if !field.isEmpty { text += ": field \"\(field)\"" }
        if !value.isEmpty { text += " (value \(value))" }
        text += ": " + problem
        if !fix.isEmpty { text += ". Fix: " + fix }
        if !text.hasSuffix(".") { text += "." }
        return text
    }
}

/// A check ran past its deadline. Thrown by `CheckContext.checkDeadline()`; the runner
/// turns it into an `inconclusive` outcome that names the budget.
public struct BudgetExceeded: Error, CustomStringConvertible, Sendable {
    public var budgetSeconds: Int

    public init(budgetSeconds: Int) {
        self.budgetSeconds = budgetSeconds
    }

    public var description: String {
        "the check ran past its budget of \(budgetSeconds) s; a larger budgetSeconds in the spec may decide it"
    }
}
