import ClaimKit
import Foundation
import Reports
import Runner

/// Output destinations of the command: standard output for results, standard error for
/// progress and errors. Tests substitute buffers.
public struct Console: Sendable {
    public var writeOutput: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void

    public init(writeOutput: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void) {
        self.writeOutput = writeOutput
        self.writeError = writeError
    }

    /// The process's standard output and standard error, unbuffered by Swift.
    public static let standard = Console(
        writeOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        writeError: { text in FileHandle.standardError.write(Data(text.utf8)) })
}

/// The `theorem-check` command line.
public enum TheoremCheckCLI {
    public static let version = "0.1.0"

    /// Runs the command for `arguments` (without the executable name) and returns the
    /// exit status.
    public static func main(_ arguments: [String], console: Console = .standard) -> Int32 {
        do {
            return try dispatch(arguments, console: console)
        } catch {
            console.writeError(format(error))
            return 3
        }
    }

    private static func dispatch(_ arguments: [String], console: Console) throws(UsageError) -> Int32 {
        guard let first = arguments.first else {
            console.writeOutput(Commands.rootHelp)
            return 0
        }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "-h", "--help":
            console.writeOutput(Commands.rootHelp)
            return 0
        case "--version":
            console.writeOutput("theorem-check \(version)\n")
            return 0
        case "help":
            guard let name = rest.first else {
                console.writeOutput(Commands.rootHelp)
                return 0
            }
            guard let command = Commands.all.first(where: { $0.name == name }), rest.count == 1 else {
                throw UsageError(message: "Unknown subcommand '\(rest.joined(separator: " "))'", command: nil)
            }
            console.writeOutput(command.helpText)
            return 0
        case ChildRunArguments.subcommand:
            return ChildRunCommand.run(rest)
        default:
            break
        }

        guard let command = Commands.all.first(where: { $0.name == first }) else {
            if first.hasPrefix("-") { throw UsageError(message: "Unknown option '\(first)'", command: nil) }
            throw UsageError(message: "Unknown subcommand '\(first)'", command: nil)
        }
        let parsed = try ParsedArguments(rest, for: command)
        if parsed.wantsHelp {
            console.writeOutput(command.helpText)
            return 0
        }
        switch command.name {
        case "list": return try ListCommand.run(parsed, console: console)
        case "show": return try ShowCommand.run(parsed, console: console)
        case "run": return try RunCommand.run(parsed, console: console)
        default: return try MergeCommand.run(parsed, console: console)
        }
    }

    static func format(_ error: UsageError) -> String {
        var lines = ["Error: \(error.message)"]
        if let command = error.command {
            lines += ["Usage: \(command.usage)", "  See 'theorem-check \(command.name) --help'."]
        } else {
            lines += ["Usage: theorem-check <subcommand>", "  See 'theorem-check --help'."]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
