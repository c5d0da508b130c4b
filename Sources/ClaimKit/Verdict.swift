/// The outcome of checking a claim on one instance, or on all of them combined.
///
/// The strength order is `provedExact` > `provedRigorous` > `supported`. `refuted` and
/// `inconclusive` are not strengths: they dominate any combination (see `combined(_:)`).
public enum Verdict: String, Codable, Sendable, CaseIterable {
    /// Exact rational computation or exhaustive enumeration.
    case provedExact = "proved-exact"
    /// Enclosures with every rounding error accounted for.
    case provedRigorous = "proved-rigorous"
    /// Empirical evidence, with a statistic and its uncertainty.
    case supported
    /// A counterexample was found.
    case refuted
    /// Precision or budget ran out before the claim was decided.
    case inconclusive

    /// Combines per-instance verdicts into one claim verdict.
    ///
    /// Any `refuted` gives `refuted`; otherwise any `inconclusive` gives `inconclusive`;
    /// otherwise the weakest of the proved and supported verdicts. An empty list gives
    /// `inconclusive`, because nothing was checked.
    public static func combined<S: Sequence>(_ verdicts: S) -> Verdict where S.Element == Verdict {
        var sawAny = false
        var sawInconclusive = false
        var weakest = Verdict.provedExact
        for verdict in verdicts {
            sawAny = true
            switch verdict {
            case .refuted:
                return .refuted
            case .inconclusive:
                sawInconclusive = true
            case .provedExact, .provedRigorous, .supported:
                if verdict.strength < weakest.strength { weakest = verdict }
            }
        }
        if !sawAny || sawInconclusive { return .inconclusive }
        return weakest
    }

    /// Rank used by `combined(_:)`: higher is stronger. Only meaningful for the proved and
    /// supported verdicts.
    private var strength: Int {
        switch self {
        case .provedExact: 3
        case .provedRigorous: 2
        case .supported: 1
        case .refuted, .inconclusive: 0
        }
    }
}

/// Origin of a claim's statement.
public enum Provenance: String, Codable, Sendable, CaseIterable {
    /// Read in the paper itself or in a standard reference.
    case sourced
    /// Read in a third-party page or code that describes the paper.
    case sourcedMeta = "sourced-meta"
    /// Not in any retrieved text; proved from sourced definitions.
    case derived
    /// The paper body was unavailable; the most likely form, rebuilt from the abstract and
    /// the literature. Reports built on it say so at the top.
    case reconstructed
}

/// Rigor class of a check's method.
public enum Rigor: String, Codable, Sendable, CaseIterable {
    /// Exact rationals or exhaustive enumeration.
    case exact
    /// Ball or interval enclosures.
    case rigorous
    /// High-precision floating point plus a statistic.
    case empirical
}
