import ClaimKit
import Foundation
import Runner

/// Output formats selectable with `--format`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `<id>.md` per claim with its SVG plots, and the index `README.md`.
    case markdown
    /// `results.json`.
    case json
    /// `junit.xml`.
    case junit
}

/// A report file that could not be written or read.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var problem: String

    public var description: String { "\(path): \(problem)" }
}

/// Writes report files into one directory. Every file is written to a temporary file in
/// the same directory and renamed over the target, so readers never see a partial file.
///
/// A writer made with `staging` writes every file into a staging directory inside the
/// reports directory and records the removals of stale files. `commitStaged()` applies
/// them: it checks every target first, then removes and renames. A failure before the
/// renames leaves the old reports untouched. The renames are atomic one by one, but not
/// as a set, so a failure among them can leave some files new and others old.
public struct ReportWriter: Sendable {
    public var directory: URL
    public var formats: Set<ReportFormat>
    /// Staged files and removals, or nil when files go straight to their targets.
    public let staging: ReportStaging?

    public init(directory: URL, formats: Set<ReportFormat> = Set(ReportFormat.allCases), staged: Bool = false) {
        self.directory = directory
        self.formats = formats
        staging = staged ? ReportStaging(reportsDirectory: directory) : nil
    }

    /// Moves every staged file into place and applies the recorded removals, then deletes
    /// the staging directory. Does nothing for a writer without staging.
    public func commitStaged() throws(ReportError) {
        guard let staging else { return }
        try staging.commit()
    }

    /// Deletes the staging directory and clears the recorded removals.
    public func discardStaged() {
        staging?.discard()
    }

    /// Subdirectory for shard summaries until `merge` combines them.
    public static let shardDirectoryName = "shards"

    /// Writes `<id>.md` and the plots under `<id>/` for every claim that has a spec.
    /// Old SVG files under `<id>/` are removed first, so stale plots do not linger.
    /// NOTE: pages of claims whose spec was deleted stay in the directory; the index no
    /// longer links them.
    public func writeClaimPages(specs: [TheoremSpec], summary: RunSummary) throws(ReportError) {
        guard formats.contains(.markdown) else { return }
        let specsByID = Dictionary(specs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for record in summary.claims {
            guard let spec = specsByID[record.id] else { continue }
            let page = ClaimReportPage(spec: spec, record: record, environment: summary.environment)
            try removeOldPlots(claimID: record.id)
            for file in page.plotFiles {
                try write(file.svg, to: file.path)
            }
            try write(page.markdown(), to: record.id + ".md")
        }
    }

    /// Writes the files that cover the whole run: `README.md`, `results.json` and
    /// `junit.xml`, as selected by `formats`.
    public func writeSummaryFiles(_ summary: RunSummary) throws(ReportError) {
        if formats.contains(.markdown) {
            try write(IndexPage(summary: summary).markdown(), to: "README.md")
        }
        if formats.contains(.json) {
            try write(try ReportWriter.encode(summary), to: "results.json")
        }
        if formats.contains(.junit) {
            try write(JUnitReport(summary: summary).xml(), to: "junit.xml")
        }
        try removeUnrequestedSummaryFiles()
    }

    /// Removes `results.json` and `junit.xml` left by an earlier run when their format is
    /// not requested now, so that no reader takes them for results of this run.
    func removeUnrequestedSummaryFiles() throws(ReportError) {
        for (format, name) in [(ReportFormat.json, "results.json"), (.junit, "junit.xml")] where !formats.contains(format) {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            if let staging {
                staging.recordRemoval(of: url)
                continue
            }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw ReportError(path: url.path, problem: "cannot remove the file of an earlier run: \(error.localizedDescription)")
            }
        }
    }

    /// Checks that `directory` exists or can be created and that a file can be created
    /// and removed in it. Returns nil when it can, or the reason it cannot.
    public static func writabilityProblem(of directory: URL) -> String? {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return "a file with that name exists and is not a directory"
            }
            return "cannot create the directory (\(creationFailure(directory)))"
        }
        let probe = directory.appendingPathComponent(".theorem-check-probe-\(ProcessInfo.processInfo.processIdentifier)")
        let descriptor = open(probe.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            return "cannot create a file in it (\(String(cString: strerror(errno))))"
        }
        close(descriptor)
        guard unlink(probe.path) == 0 else {
            return "cannot remove a file from it (\(String(cString: strerror(errno))))"
        }
        return nil
    }

    /// Returns the POSIX reason why `directory` cannot be created: the `mkdir` error of the
    /// first missing directory on its path, such as "Permission denied".
    private static func creationFailure(_ directory: URL) -> String {
        var missing = directory
        while !FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path), missing.path != "/" {
            missing = missing.deletingLastPathComponent()
        }
        guard mkdir(missing.path, 0o755) != 0 else {
            rmdir(missing.path)
            return "unknown reason"
        }
        return String(cString: strerror(errno))
    }

    /// Writes one shard's summary to `shards/shard-I-of-N.json` for a later `merge`.
    public func writeShard(_ summary: RunSummary, shard: Shard) throws(ReportError) {
        try write(try ReportWriter.encode(summary), to: "\(ReportWriter.shardDirectoryName)/shard-\(shard.index)-of-\(shard.count).json")
    }

    /// Writes wall times, one `seconds<TAB>run` line per run, to `timings.tsv`, or to
    /// `timings-shard-I-of-N.tsv` for a shard so that shards sharing a directory keep
    /// their own. The files are excluded from the reproducibility guarantee.
    public func writeTimings(_ timings: [(request: RunRequest, seconds: Double)], shard: Shard? = nil) throws(ReportError) {
        let lines = timings.map { String(format: "%.3f", $0.seconds) + "\t" + $0.request.label }
        let name = shard.map { "timings-shard-\($0.index)-of-\($0.count).tsv" } ?? "timings.tsv"
        try write(lines.joined(separator: "\n") + "\n", to: name)
    }

    /// JSON with sorted keys and two-space indentation, ending in a newline.
    public static func encode(_ summary: RunSummary) throws(ReportError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
        } catch {
            throw ReportError(path: "results.json", problem: "cannot encode the results: \(error)")
        }
    }

    public static func decode(_ data: Data, path: String) throws(ReportError) -> RunSummary {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(RunSummary.self, from: data)
        } catch {
            throw ReportError(path: path, problem: "not a theorem-check results file: \(error)")
        }
    }

    /// Writes `contents` to `relativePath` atomically, creating parent directories.
    /// With staging, the file goes into the staging directory until `commitStaged()`.
    public func write(_ contents: String, to relativePath: String) throws(ReportError) {
        if let staging {
            try staging.stage(contents, at: relativePath)
            return
        }
        let target = directory.appendingPathComponent(relativePath)
        let parent = target.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: temporary)
        } catch {
            throw ReportError(path: target.path, problem: "cannot write the file: \(error.localizedDescription)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError(path: target.path, problem: "cannot replace the file: \(reason)")
        }
    }

    private func removeOldPlots(claimID: String) throws(ReportError) {
        let plotDirectory = directory.appendingPathComponent(claimID)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: plotDirectory.path) else { return }
        for name in names where name.hasSuffix(".svg") {
            if let staging {
                staging.recordRemoval(of: plotDirectory.appendingPathComponent(name))
                continue
            }
            do {
                try FileManager.default.removeItem(at: plotDirectory.appendingPathComponent(name))
            } catch {
                throw ReportError(path: plotDirectory.appendingPathComponent(name).path, problem: "cannot remove the old plot")
            }
        }
    }
}
