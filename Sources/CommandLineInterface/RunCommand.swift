import ClaimKit
import Foundation
import Reports
import Runner

/// `theorem-check run [ID...]`: runs claims in child processes and writes the reports.
enum RunCommand {
    struct Options {
        var theoremsPath: String
        var reportsPath: String
        var precision: Int
        var seed: UInt64
        var jobs: Int
        var shard: Shard?
        var formats: Set<ReportFormat>
    }

    static func options(_ arguments: ParsedArguments) throws(UsageError) -> Options {
        let command = Commands.run
        let precision = try arguments.value("--precision", command, default: Commands.defaultPrecision,
                                            expected: "an integer from 2 to \(Commands.maximumPrecision)") { text in
            Int(text).flatMap { (2...Commands.maximumPrecision).contains($0) ? $0 : nil }
        }
        let seed = try arguments.value("--seed", command, default: Commands.defaultSeed,
                                       expected: "an integer from 0 to \(UInt64.max)") { UInt64($0) }
        let jobs = try arguments.value("--jobs", command, default: ProcessInfo.processInfo.activeProcessorCount,
                                       expected: "an integer from 1 to 1024") { text in
            Int(text).flatMap { (1...1024).contains($0) ? $0 : nil }
        }
        let shard: Shard? = try arguments.value("--shard", command, default: nil,
                                                expected: "i/n with 1 <= i <= n, such as 1/4") { Shard(parsing: $0) }
        return Options(theoremsPath: CatalogLoading.theoremsPath(arguments),
                       reportsPath: arguments.values["--reports"] ?? Commands.defaultReports,
                       precision: precision, seed: seed, jobs: jobs, shard: shard,
                       formats: try FormatOption.parse(arguments, command: command))
    }

    static func run(_ arguments: ParsedArguments, console: Console) throws(UsageError) -> Int32 {
        let options = try options(arguments)
        let catalog = try CatalogLoading.load(arguments, command: Commands.run)
        if catalog.specs.isEmpty && catalog.errors.isEmpty {
            console.writeError("Error: no claim specs (*.json) in \(options.theoremsPath). "
                               + "Fix: pass the directory that holds the specs with --theorems DIR.\n")
            return 3
        }
        if let problem = ReportWriter.writabilityProblem(of: Paths.url(options.reportsPath)) {
            console.writeError("Error: cannot write reports to \(options.reportsPath): \(problem). "
                               + "Fix: pass a writable directory with --reports.\n")
            return 3
        }
        ChildProcessRegistry.shared.installTerminationHandlers { signalName, stoppedCount in
            "Error: stopped by \(signalName); killed \(stoppedCount) running check process(es).\n"
        }
        var (specs, invalidSpecs) = try select(arguments.positionals, from: catalog, theoremsPath: options.theoremsPath)
        var scope = options.theoremsPath
        if let shard = options.shard {
            specs = shard.select(specs)
            scope += " for shard \(shard.index)/\(shard.count)"
        }
        for invalid in invalidSpecs {
            console.writeError("Error: \(invalid.message)\n")
        }
        if specs.isEmpty && invalidSpecs.isEmpty {
            console.writeError("Warning: no claims to run in \(scope)\n")
        }

        let settings = RunSettings(theoremsDirectory: Paths.url(options.theoremsPath), theoremsDisplayPath: options.theoremsPath,
                                   seed: options.seed, precision: options.precision)
        let runner = ClaimRunner(settings: settings, isolation: .childProcess(executable: Paths.currentExecutable), jobs: options.jobs)
        let results = runner.run(specs) { progress in
            console.writeError(progressLine(progress))
        }

        let summary = RunSummary(environment: .current(seed: options.seed, precision: options.precision), shard: options.shard,
                                 claims: results.claims, invalidSpecs: invalidSpecs)
        for message in invalidInputMessages(summary.claims) {
            console.writeError("Error: \(message)\n")
        }
        let writer = ReportWriter(directory: Paths.url(options.reportsPath), formats: options.formats, staged: true)
        do {
            try writer.writeClaimPages(specs: specs, summary: summary)
            if let shard = options.shard {
                try writer.writeShard(summary, shard: shard)
            } else if arguments.positionals.isEmpty {
                try writer.writeSummaryFiles(summary)
            } else {
                try writer.writeSummaryFiles(indexSummary(afterRunning: summary, catalog: catalog, writer: writer, console: console))
            }
            try writer.writeTimings(results.timings, shard: options.shard)
            try writer.commitStaged()
        } catch {
            writer.discardStaged()
            console.writeError("Error: cannot write the reports: \(error.description)\n")
            return 3
        }

        console.writeOutput(ResultLines.lines(for: summary))
        return summary.exitCode
    }

    /// Returns the summary for the index files after a run of named claims: the claims
    /// that ran plus the previous results of the others, so the index stays complete.
    static func indexSummary(afterRunning summary: RunSummary, catalog: SpecCatalog, writer: ReportWriter,
                             console: Console) -> RunSummary {
        var previous: RunSummary?
        do {
            previous = try SummaryUpdate.readPrevious(in: writer.directory)
        } catch {
            console.writeError("Warning: ignoring the previous results: \(error.description)\n")
        }
        if let previous, previous.environment != summary.environment {
            console.writeError("Warning: the previous results used another seed, precision or library version; "
                               + "the index lists only the claims of this run\n")
        }
        let invalidSpecs = catalog.errors.map(InvalidSpecRecord.init)
        return SummaryUpdate.combine(run: summary, previous: previous, validIDs: Set(catalog.specs.map(\.id)),
                                     invalidSpecs: invalidSpecs)
    }

    /// Returns the distinct invalid-input messages of the runs, such as an invalid data file
    /// or parameter found by a check, in claim order. They go to standard error like the
    /// errors of specs that fail to load.
    static func invalidInputMessages(_ claims: [ClaimRecord]) -> [String] {
        var messages: [String] = []
        for claim in claims {
            let runs = claim.instances + claim.controls.flatMap(\.runs)
            for run in runs {
                guard case .invalidInput(let message) = run.outcome, !messages.contains(message) else { continue }
                messages.append(message)
            }
        }
        return messages
    }

    /// Selects the specs named on the command line (all when none are named) and the
    /// invalid spec files among them. An id with neither a spec nor an invalid file is a usage error.
    static func select(_ ids: [String], from catalog: SpecCatalog,
                       theoremsPath: String) throws(UsageError) -> ([TheoremSpec], [InvalidSpecRecord]) {
        let allInvalid = catalog.errors.map(InvalidSpecRecord.init)
        guard !ids.isEmpty else { return (catalog.specs, allInvalid) }

        var specs: [TheoremSpec] = []
        var invalid: [InvalidSpecRecord] = []
        for id in Set(ids).sorted() {
            if let spec = catalog.specs.first(where: { $0.id == id }) {
                specs.append(spec)
            } else if let record = allInvalid.first(where: { $0.file == "\(id).json" }) {
                invalid.append(record)
            } else {
                throw UsageError(message: "No claim with id '\(id)' in \(theoremsPath); run 'theorem-check list' to see the ids",
                                 command: Commands.run)
            }
        }
        return (specs, invalid)
    }

    static func progressLine(_ progress: RunProgress) -> String {
        let width = String(progress.total).count
        let counter = String(repeating: " ", count: width - String(progress.completed).count) + String(progress.completed)
        return "[\(counter)/\(progress.total)] \(progress.request.label): \(progress.outcome.label) "
            + String(format: "(%.1f s; elapsed %.1f s, ETA %.0f s)\n", progress.runSeconds, progress.elapsedSeconds,
                     progress.estimatedRemainingSeconds)
    }
}

/// `--format markdown,json,junit`.
enum FormatOption {
    static func parse(_ arguments: ParsedArguments, command: CommandDefinition) throws(UsageError) -> Set<ReportFormat> {
        guard let text = arguments.values["--format"] else { return Set(ReportFormat.allCases) }
        var formats: Set<ReportFormat> = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let format = ReportFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw UsageError(message: "Invalid value '\(text)' for '--format': expected a comma-separated list of markdown, json, junit",
                                 command: command)
            }
            formats.insert(format)
        }
        return formats
    }
}

/// The standard-output lines of `run` and `merge`.
enum ResultLines {
    /// Formats one line per claim and invalid spec, then `N passed, N failed`, with
    /// `, N skipped` when some claims were not checked because their input was invalid.
    /// Inconclusive claims count as failed on that line, and the line before it gives the
    /// number of inconclusive claims among them.
    static func lines(for summary: RunSummary) -> String {
        var lines: [String] = []
        for claim in summary.claims {
            let status = claim.status.label
            let padded = status + String(repeating: " ", count: max(1, 14 - status.count))
            let controls = "controls \(claim.controls.filter(\.ok).count)/\(claim.controls.count)"
            let reconstructed = claim.provenance == .reconstructed ? " [reconstructed spec]" : ""
            lines.append(padded + claim.id + "  " + (claim.verdict?.rawValue ?? "no verdict")
                         + " (expected \(claim.expectedVerdict.rawValue)), " + controls + reconstructed)
            lines += claim.reasons.map { "    " + $0 }
        }
        for invalid in summary.invalidSpecs {
            lines.append("INVALID INPUT " + invalid.file)
        }
        let counts = summary.counts
        if var inconclusive = ReportWording.inconclusiveSentence(counts) {
            if summary.exitCode == 2 { inconclusive += "; exit status 2" }
            lines.append(inconclusive + ".")
        }
        var total = ReportWording.passedFailed(counts)
        if counts.invalid > 0 { total += ", \(counts.invalid) skipped" }
        lines.append(total)
        return lines.joined(separator: "\n") + "\n"
    }
}
