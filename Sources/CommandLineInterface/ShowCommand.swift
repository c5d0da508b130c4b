import ClaimKit
import Runner

/// `theorem-check show ID`: one claim's spec in readable form.
enum ShowCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws(UsageError) -> Int32 {
        let id = arguments.positionals[0]
        let catalog = try CatalogLoading.load(arguments, command: Commands.show)
        if let error = catalog.errors.first(where: { $0.file.hasSuffix("/\(id).json") || $0.file == "\(id).json" }) {
            console.writeError("Error: \(error.description)\n")
            return 3
        }
        guard let spec = catalog.specs.first(where: { $0.id == id }) else {
            throw UsageError(message: "No claim with id '\(id)' in \(CatalogLoading.theoremsPath(arguments)); run 'theorem-check list' to see the ids",
                             command: Commands.show)
        }
        console.writeOutput(describe(spec))
        return 0
    }

    static func describe(_ spec: TheoremSpec) -> String {
        var lines = ["\(spec.id): \(spec.title)", ""]

        var source = spec.source.authors.joined(separator: ", ") + ", \"" + spec.source.title + "\""
        if let venue = spec.source.venue { source += ", " + venue }
        if let arxiv = spec.source.arxiv { source += ", arXiv:" + arxiv }
        lines += ["Source:      " + source + " (" + spec.source.location + ")",
                  "Provenance:  " + spec.provenance.rawValue,
                  "Check:       " + spec.check.kind + " (" + spec.check.rigor.rawValue + ")",
                  "Expected:    " + spec.expectedVerdict.rawValue,
                  "Budget:      \(spec.budgetSeconds) s per run",
                  "File:        " + spec.file, "",
                  "Statement:", "  " + spec.statement.replacingOccurrences(of: "\n", with: "\n  ")]

        if !spec.hypotheses.isEmpty {
            lines += ["", "Hypotheses:"] + spec.hypotheses.map { "  - " + $0 }
        }

        lines += ["", "Method:", "  " + spec.check.description]
        if !spec.parameters.keys.isEmpty {
            lines += ["", "Parameters: " + parameterList(spec.parameters)]
        }

        lines += ["", "Instances:"]
        for instance in spec.instances {
            lines.append("  \(instance.id): \(instance.description)" + (instance.data.map { " [data: \($0)]" } ?? ""))
            if !instance.parameters.keys.isEmpty {
                lines.append("    " + parameterList(instance.parameters))
            }
        }

        lines += ["", "Negative controls:"]
        for control in spec.negativeControls {
            lines.append("  \(control.id): \(control.description) (expected \(control.expectedVerdict.rawValue); instances: "
                         + control.instances.joined(separator: ", ") + ")")
            if !control.parameters.keys.isEmpty {
                lines.append("    " + parameterList(control.parameters))
            }
        }

        return lines.joined(separator: "\n") + "\n"
    }

    /// Formats `name = value` pairs in key order, with values as compact JSON.
    static func parameterList(_ parameters: Parameters) -> String {
        parameters.sortedEntries.map { "\($0.key) = \($0.entry.value.compactText)" }.joined(separator: ", ")
    }
}
