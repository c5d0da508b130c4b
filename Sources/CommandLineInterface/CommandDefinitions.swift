/// The declared shape of a subcommand: its help text, positional arguments and options.
struct CommandDefinition: Sendable {
    struct Argument: Sendable {
        var name: String
        var help: String
        /// True when the argument may repeat; repeated arguments are optional.
        var repeating: Bool
    }

    struct Option: Sendable {
        var name: String
        /// Placeholder for the value in help text; nil for a flag without a value.
        var valueName: String?
        var help: String
        /// Default shown in help text, or nil.
        var defaultText: String?
    }

    var name: String
    var abstract: String
    var discussion: String?
    var arguments: [Argument]
    var options: [Option]
    var showsExitStatus: Bool = false

    /// `theorem-check run [<id> ...] [--theorems <dir>] ...`
    var usage: String {
        var parts = ["theorem-check", name]
        for argument in arguments {
            parts.append(argument.repeating ? "[<\(argument.name)> ...]" : "<\(argument.name)>")
        }
        for option in options {
            parts.append(option.valueName.map { "[\(option.name) <\($0)>]" } ?? "[\(option.name)]")
        }
        return parts.joined(separator: " ")
    }

    var helpText: String {
        var lines = ["OVERVIEW: \(abstract)", ""]
        if let discussion {
            lines += [discussion, ""]
        }
        lines += ["USAGE: \(usage)", ""]
        if !arguments.isEmpty {
            lines.append("ARGUMENTS:")
            for argument in arguments {
                lines.append(HelpLayout.row("<\(argument.name)>", argument.help))
            }
            lines.append("")
        }
        lines.append("OPTIONS:")
        for option in options {
            let label = option.valueName.map { "\(option.name) <\($0)>" } ?? option.name
            let help = option.help + (option.defaultText.map { " (default: \($0))" } ?? "")
            lines.append(HelpLayout.row(label, help))
        }
        lines.append(HelpLayout.row("-h, --help", "Show help information."))
        if showsExitStatus {
            lines += ["", "EXIT STATUS:"] + HelpLayout.exitStatusLines
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Column layout shared by all help texts.
enum HelpLayout {
    static let labelWidth = 24

    static func row(_ label: String, _ help: String) -> String {
        let padded = "  " + label
        if padded.count < labelWidth {
            return padded + String(repeating: " ", count: labelWidth - padded.count) + help
        }
        return padded + "\n" + String(repeating: " ", count: labelWidth) + help
    }

    static let exitStatusLines = [
        "  0  every claim met its expected verdict",
        "  1  some claim did not: wrong verdict, a negative control not rejected, or a crash",
        "  2  some claim was inconclusive (precision or budget ran out)",
        "  3  invalid input or usage: bad spec, bad option, unknown id, missing data file",
    ]
}

/// The subcommands of `theorem-check`.
enum Commands {
    static let defaultTheorems = "Theorems"
    static let defaultReports = "Reports"
    static let defaultPrecision = 256
    /// Fixed so that two runs without `--seed` give identical reports.
    static let defaultSeed: UInt64 = 20_261_204
    static let maximumPrecision = 1 << 24

    static let theoremsOption = CommandDefinition.Option(
        name: "--theorems", valueName: "dir", help: "Directory of theorem specs.", defaultText: defaultTheorems)
    static let reportsOption = CommandDefinition.Option(
        name: "--reports", valueName: "dir", help: "Directory for the reports.", defaultText: defaultReports)
    static let formatOption = CommandDefinition.Option(
        name: "--format", valueName: "list", help: "Comma-separated report formats: markdown, json, junit. An earlier results.json or junit.xml of a format not listed is removed.",
        defaultText: "markdown,json,junit")

    static let list = CommandDefinition(
        name: "list", abstract: "List the claims in the theorems directory.",
        discussion: "Prints one line per claim: id, expected verdict, check kind and title.",
        arguments: [],
        options: [theoremsOption,
                  .init(name: "--kinds", valueName: nil, help: "List the registered check kinds instead.", defaultText: nil)])

    static let show = CommandDefinition(
        name: "show", abstract: "Show the spec of one claim.",
        arguments: [.init(name: "id", help: "The claim id, as printed by 'theorem-check list'.", repeating: false)],
        options: [theoremsOption])

    static let run = CommandDefinition(
        name: "run", abstract: "Run claims and write their reports.",
        discussion: """
            Runs every instance and negative control of the selected claims, each in its own
            child process, so a trap or a hang ends only that run. Progress goes to standard
            error. Standard output gets one line per claim and then 'N passed, N failed'.
            """,
        arguments: [.init(name: "id", help: "Claims to run. (default: all)", repeating: true)],
        options: [
            theoremsOption, reportsOption,
            .init(name: "--precision", valueName: "bits",
                  help: "Starting precision in bits for MPFR and Arb, 2 to \(maximumPrecision); checks that escalate go up to their spec's maximum.", defaultText: String(defaultPrecision)),
            .init(name: "--seed", valueName: "n", help: "Global random seed, an unsigned 64-bit integer.", defaultText: String(defaultSeed)),
            .init(name: "--jobs", valueName: "n", help: "Child processes run at once, 1 to 1024.", defaultText: "number of cores"),
            .init(name: "--shard", valueName: "i/n",
                  help: "Run only shard i of n and write shards/shard-i-of-n.json for 'merge'.", defaultText: nil),
            formatOption,
        ],
        showsExitStatus: true)

    static let merge = CommandDefinition(
        name: "merge", abstract: "Combine shard results into the index, JSON and JUnit files.",
        discussion: "Reads <reports>/shards/shard-*.json, written by 'run --shard', and writes README.md, results.json and junit.xml.",
        arguments: [],
        options: [reportsOption, formatOption],
        showsExitStatus: true)

    static let all = [list, show, run, merge]

    static let rootHelp: String = {
        var lines = ["OVERVIEW: Check claims from optimization and deep-learning theory by exact, multiple-precision and ball arithmetic.",
                     "", "USAGE: theorem-check <subcommand>", "", "OPTIONS:",
                     HelpLayout.row("--version", "Show the version."),
                     HelpLayout.row("-h, --help", "Show help information."),
                     "", "SUBCOMMANDS:"]
        lines += all.map { HelpLayout.row($0.name, $0.abstract) }
        lines += ["", "  See 'theorem-check help <subcommand>' for detailed help."]
        return lines.joined(separator: "\n") + "\n"
    }()
}
