import Foundation
import Reports
import Runner

/// `theorem-check merge`: combines shard summaries into the files of a whole run.
enum MergeCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws(UsageError) -> Int32 {
        let reportsPath = arguments.values["--reports"] ?? Commands.defaultReports
        let formats = try FormatOption.parse(arguments, command: Commands.merge)
        let writer = ReportWriter(directory: Paths.url(reportsPath), formats: formats, staged: true)
        let summary: RunSummary
        do {
            summary = try ShardMerge.merge(try ShardMerge.readShards(in: writer.directory), directory: reportsPath)
            try writer.writeSummaryFiles(summary)
            try writer.commitStaged()
        } catch {
            writer.discardStaged()
            console.writeError("Error: \(error.description)\n")
            return 3
        }
        console.writeOutput(ResultLines.lines(for: summary))
        return summary.exitCode
    }
}
