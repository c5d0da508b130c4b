import ClaimKit
import Runner

/// `theorem-check list`: the claims of a theorems directory, or the registered check kinds.
enum ListCommand {
    static func run(_ arguments: ParsedArguments, console: Console) throws(UsageError) -> Int32 {
        if arguments.flags.contains("--kinds") {
            console.writeOutput(CheckRegistry.kinds.map { $0 + "\n" }.joined())
            return 0
        }

        let catalog = try CatalogLoading.load(arguments, command: Commands.list)
        for spec in catalog.specs {
            console.writeOutput("\(spec.id)\t\(spec.expectedVerdict.rawValue)\t\(spec.check.kind)\t\(spec.title)\n")
        }
        for error in catalog.errors {
            console.writeError("Error: \(error.description)\n")
        }
        return catalog.errors.isEmpty ? 0 : 3
    }
}

/// Loading the catalog named by `--theorems`.
enum CatalogLoading {
    static func theoremsPath(_ arguments: ParsedArguments) -> String {
        arguments.values["--theorems"] ?? Commands.defaultTheorems
    }

    static func load(_ arguments: ParsedArguments, command: CommandDefinition) throws(UsageError) -> SpecCatalog {
        let path = theoremsPath(arguments)
        do {
            return try SpecCatalog.load(directory: Paths.url(path), displayPath: path)
        } catch {
            throw UsageError(message: error.description, command: command)
        }
    }
}
