import ClaimKit

/// Settings and library versions that a run's results depend on.
public struct RunEnvironment: Sendable, Codable, Equatable {
    public var seed: UInt64
    public var precision: Int
    /// Library name to version string, e.g. `"GMP": "6.2.1"`.
    public var libraries: [String: String]
    public var swiftVersion: String
    public var toolVersion: String

    public init(seed: UInt64, precision: Int, libraries: [String: String], swiftVersion: String, toolVersion: String) {
        self.seed = seed
        self.precision = precision
        self.libraries = libraries
        self.swiftVersion = swiftVersion
        self.toolVersion = toolVersion
    }
}

/// Totals per status.
public struct StatusCounts: Sendable, Codable, Equatable {
    public var passed = 0
    public var failed = 0
    public var inconclusive = 0
    public var invalid = 0

    public init() {}
}

/// The results of a run, or of one shard of it: the content of `results.json`.
public struct RunSummary: Sendable, Codable, Equatable {
    public var environment: RunEnvironment
    /// The shard this summary covers; nil for a whole run or a merged one.
    public var shard: Shard?
    /// Sorted by id.
    public var claims: [ClaimRecord]
    /// Sorted by file.
    public var invalidSpecs: [InvalidSpecRecord]

    public init(environment: RunEnvironment, shard: Shard?, claims: [ClaimRecord], invalidSpecs: [InvalidSpecRecord]) {
        self.environment = environment
        self.shard = shard
        self.claims = claims.sorted { $0.id < $1.id }
        self.invalidSpecs = invalidSpecs.sorted { $0.file < $1.file }
    }

    /// Claims per status; each invalid spec file counts as one invalid claim.
    public var counts: StatusCounts {
        var counts = StatusCounts()
        for claim in claims {
            switch claim.status {
            case .passed: counts.passed += 1
            case .failed: counts.failed += 1
            case .inconclusive: counts.inconclusive += 1
            case .invalid: counts.invalid += 1
            }
        }
        counts.invalid += invalidSpecs.count
        return counts
    }

    /// The process exit code: 1 when a claim failed, else 3 when an input was invalid,
    /// else 2 when a claim was inconclusive, else 0.
    public var exitCode: Int32 {
        let counts = counts
        if counts.failed > 0 { return 1 }
        if counts.invalid > 0 { return 3 }
        if counts.inconclusive > 0 { return 2 }
        return 0
    }
}
