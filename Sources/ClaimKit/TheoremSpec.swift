/// One claim, decoded and validated from `Theorems/<id>.json`. `docs/SPEC-FORMAT.md`
/// describes the file format.
public struct TheoremSpec: Sendable, Equatable {
    /// File stem and registry-independent name of the claim, e.g. `pmd.finite-step`.
    public var id: String
    public var title: String
    public var source: SourceReference
    public var provenance: Provenance
    /// The claim in Markdown with LaTeX math.
    public var statement: String
    public var hypotheses: [String]
    public var check: CheckMethod
    /// Claim-wide parameters, such as thresholds fixed before the run.
    public var parameters: Parameters
    /// At least one instance; ids are unique.
    public var instances: [InstanceSpec]
    public var expectedVerdict: Verdict
    /// At least one control; ids are unique.
    public var negativeControls: [ControlSpec]
    /// Wall-clock budget for each run of this claim (one instance, or one control on one
    /// instance). A run past it is stopped and reported as inconclusive.
    public var budgetSeconds: Int
    /// Largest accepted `budgetSeconds`: 7 days. The runner converts the budget to a
    /// deadline in nanoseconds, and this bound keeps that conversion far from overflow.
    public static let maximumBudgetSeconds = 604_800
    /// Path of the spec file as given to the loader.
    public var file: String

    /// Returns the instance with the given id, or nil.
    public func instance(_ id: String) -> InstanceSpec? {
        instances.first { $0.id == id }
    }

    /// Returns the control with the given id, or nil.
    public func control(_ id: String) -> ControlSpec? {
        negativeControls.first { $0.id == id }
    }
}

/// Bibliographic source of a claim.
public struct SourceReference: Sendable, Equatable, Codable {
    /// Title of the paper.
    public var title: String
    public var authors: [String]
    /// arXiv identifier such as `2205.08176`, when the paper has one.
    public var arxiv: String?
    /// Journal, conference or "preprint".
    public var venue: String?
    /// Theorem, equation or section that states the claim, e.g. "Theorem 3.1" or "abstract".
    public var location: String

    public init(title: String, authors: [String], arxiv: String?, venue: String?, location: String) {
        self.title = title
        self.authors = authors
        self.arxiv = arxiv
        self.venue = venue
        self.location = location
    }
}

/// Check method of a claim: registry key, rigor and description.
public struct CheckMethod: Sendable, Equatable {
    /// Registry key of the `ClaimCheck` that runs the claim, e.g. `quantized-bn.exactness`.
    public var kind: String
    public var rigor: Rigor
    /// The method in a few sentences, for the report.
    public var description: String
}

/// One input on which a claim is checked.
public struct InstanceSpec: Sendable, Equatable {
    public var id: String
    public var description: String
    /// Parameters of this instance; they override the claim-wide ones.
    public var parameters: Parameters
    /// Data file path relative to the theorems directory, e.g. `data/mobilenet_v2_bn.json`.
    /// The loader has checked that it exists.
    public var data: String?
}

/// A slightly false variant of the claim that the check must reject.
public struct ControlSpec: Sendable, Equatable {
    public var id: String
    public var description: String
    /// Overrides laid over the parameters of each instance the control runs on.
    public var parameters: Parameters
    /// Ids of the instances the control runs on; all instances when the spec omits the field.
    public var instances: [String]
    /// Usually `refuted`.
    public var expectedVerdict: Verdict
}
