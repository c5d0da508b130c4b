import Foundation
import Runner

/// Keeps the index of a reports directory complete when only some claims are run.
public enum SummaryUpdate {
    /// Reads `results.json` from the reports directory; nil when the file does not exist.
    public static func readPrevious(in reportsDirectory: URL) throws(ReportError) -> RunSummary? {
        let url = reportsDirectory.appendingPathComponent("results.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try ReportWriter.decode(data, path: url.path)
    }

    /// Combines a run of some claims with the previous results of the others.
    ///
    /// A previous claim is kept when it is not in `run`, still has a valid spec
    /// (`validIDs`), and was computed with the same seed, precision and library versions.
    /// `invalidSpecs` replaces the previous list, because it comes from the current specs.
    public static func combine(run: RunSummary, previous: RunSummary?, validIDs: Set<String>,
                               invalidSpecs: [InvalidSpecRecord]) -> RunSummary {
        var claims = run.claims
        if let previous, previous.environment == run.environment {
            let ranIDs = Set(run.claims.map(\.id))
            claims += previous.claims.filter { !ranIDs.contains($0.id) && validIDs.contains($0.id) }
        }
        return RunSummary(environment: run.environment, shard: nil, claims: claims, invalidSpecs: invalidSpecs)
    }
}
