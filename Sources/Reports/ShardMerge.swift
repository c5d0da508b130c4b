import Foundation
import Runner

/// Combines the shard summaries of one sharded run into the summary of the whole run.
public enum ShardMerge {
    /// Reads every `shards/shard-*.json` in the reports directory, sorted by name.
    public static func readShards(in reportsDirectory: URL) throws(ReportError) -> [RunSummary] {
        let shardDirectory = reportsDirectory.appendingPathComponent(ReportWriter.shardDirectoryName)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: shardDirectory.path) else {
            throw ReportError(path: shardDirectory.path, problem: "no shard results found; run `theorem-check run --shard I/N` first")
        }
        var summaries: [RunSummary] = []
        for name in names.sorted() where name.hasPrefix("shard-") && name.hasSuffix(".json") {
            let url = shardDirectory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ReportError(path: url.path, problem: "cannot read the file")
            }
            summaries.append(try ReportWriter.decode(data, path: url.path))
        }
        guard !summaries.isEmpty else {
            throw ReportError(path: shardDirectory.path, problem: "no shard results found; run `theorem-check run --shard I/N` first")
        }
        return summaries
    }

    /// Merges shard summaries. They must come from one sharded run: the same environment
    /// and shard count, every shard present once, and no claim in two shards.
    public static func merge(_ shards: [RunSummary], directory: String) throws(ReportError) -> RunSummary {
        guard let first = shards.first else {
            throw ReportError(path: directory, problem: "no shard results to merge")
        }
        var seenIndices: Set<Int> = []
        var claims: [ClaimRecord] = []
        var invalidSpecs: [InvalidSpecRecord] = []
        for summary in shards {
            guard let shard = summary.shard, shard.count == first.shard?.count else {
                throw ReportError(path: directory, problem: "the results are not all shards of one run with the same shard count; remove \(directory)/shards and run every shard again with the same options")
            }
            guard summary.environment == first.environment else {
                throw ReportError(path: directory, problem: "shard \(shard.index)/\(shard.count) was run with a different seed, precision or library version; remove \(directory)/shards and run every shard again with the same options")
            }
            guard seenIndices.insert(shard.index).inserted else {
                throw ReportError(path: directory, problem: "shard \(shard.index)/\(shard.count) appears twice; remove \(directory)/shards and run every shard again with the same options")
            }
            claims += summary.claims
            // Every shard lists the invalid spec files, because they are found before sharding.
            for invalid in summary.invalidSpecs where !invalidSpecs.contains(invalid) {
                invalidSpecs.append(invalid)
            }
        }
        let count = first.shard!.count
        let missing = (1...count).filter { !seenIndices.contains($0) }
        guard missing.isEmpty else {
            throw ReportError(path: directory, problem: "missing shard(s) " + missing.map { "\($0)/\(count)" }.joined(separator: ", ")
                              + "; run them with `theorem-check run --shard I/N --reports \(directory)`")
        }
        guard Set(claims.map(\.id)).count == claims.count else {
            throw ReportError(path: directory, problem: "a claim appears in more than one shard; remove \(directory)/shards and run every shard again with the same options")
        }
        return RunSummary(environment: first.environment, shard: nil, claims: claims, invalidSpecs: invalidSpecs)
    }
}
