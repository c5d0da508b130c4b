import Foundation

/// A check of one kind of claim. Model modules implement it, and the runner's
/// `CheckRegistry` maps `kind` to the type.
///
/// `run` must print nothing, must be deterministic for a given context (use
/// `context.seed` for all randomness), and should call `context.checkDeadline()` in long
/// loops. It throws `SpecError` for invalid parameters or data; the runner reports that
/// as invalid input for the claim. A result must keep `CheckResult.contractViolation(rigor:)`
/// nil: no proved verdict from an empirical check, and a counterexample with every
/// `refuted`.
public protocol ClaimCheck: Sendable {
    /// Registry key, equal to `check.kind` in the specs that use this check.
    static var kind: String { get }
    init()
    func run(_ context: CheckContext) throws -> CheckResult
}

/// Everything a check needs for one run: one instance of a claim, or one negative
/// control on one instance.
public struct CheckContext: Sendable {
    public var spec: TheoremSpec
    public var instance: InstanceSpec
    /// The claim's parameters, overridden by the instance's, then by the control's.
    public var parameters: Parameters
    /// The negative control being run, or nil for the claim itself.
    public var control: ControlSpec?
    /// Seed for this run, derived from the global seed and the run's ids, so a run gives
    /// the same result whatever the sharding or the order.
    public var seed: UInt64
    /// Working precision in bits for MPFR and Arb.
    public var precision: Int
    public var theoremsDirectory: URL
    /// Time after which `checkDeadline()` throws.
    public var deadline: ContinuousClock.Instant

    public init(spec: TheoremSpec, instance: InstanceSpec, control: ControlSpec?, seed: UInt64, precision: Int,
                theoremsDirectory: URL, deadline: ContinuousClock.Instant) {
        self.spec = spec
        self.instance = instance
        self.control = control
        self.seed = seed
        self.precision = precision
        self.theoremsDirectory = theoremsDirectory
        self.deadline = deadline
        var merged = spec.parameters.merging(instance.parameters)
        if let control { merged = merged.merging(control.parameters) }
        self.parameters = merged
    }

    /// True when this run is a negative control.
    public var isControl: Bool { control != nil }

    /// Resolves a data file path given relative to the theorems directory.
    /// - Throws: `SpecError` naming the instance's `data` field when the file is missing.
    public func dataURL(_ relative: String) throws(SpecError) -> URL {
        let url = theoremsDirectory.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            let index = spec.instances.firstIndex { $0.id == instance.id } ?? 0
            throw SpecError(file: spec.file, field: "instances[\(index)].data", value: JSONValue.quoted(relative),
                            problem: "data file not found at \(url.path)",
                            fix: "create the file (see scripts/ for the export scripts) or correct the path")
        }
        return url
    }

    /// Resolves the data file named by this instance.
    /// - Throws: `SpecError` when the instance has no `data` field or the file is missing.
    public func instanceDataURL() throws(SpecError) -> URL {
        guard let data = instance.data else {
            let index = spec.instances.firstIndex { $0.id == instance.id } ?? 0
            throw SpecError(file: spec.file, field: "instances[\(index)].data", value: "",
                            problem: "this check needs a data file and the instance names none",
                            fix: "add \"data\": \"data/<file>\" to the instance")
        }
        return try dataURL(data)
    }

    /// Throws `BudgetExceeded` once the deadline has passed.
    public func checkDeadline() throws(BudgetExceeded) {
        if ContinuousClock.now >= deadline {
            throw BudgetExceeded(budgetSeconds: spec.budgetSeconds)
        }
    }
}
