import Foundation
import Testing

@Suite struct UsageTests {
    static let runUsage = "Usage: theorem-check run [<id> ...] [--theorems <dir>] [--reports <dir>] [--precision <bits>] "
        + "[--seed <n>] [--jobs <n>] [--shard <i/n>] [--format <list>]"

    private func run(_ arguments: [String]) throws -> ToolHarness.Result {
        let harness = try ToolHarness()
        defer { harness.remove() }
        return try harness.run(arguments)
    }

    @Test func rootHelpIsExact() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        #expect(result.error == "")
        #expect(result.output == """
            OVERVIEW: Check claims from optimization and deep-learning theory by exact, multiple-precision and ball arithmetic.

            USAGE: theorem-check <subcommand>

            OPTIONS:
              --version             Show the version.
              -h, --help            Show help information.

            SUBCOMMANDS:
              list                  List the claims in the theorems directory.
              show                  Show the spec of one claim.
              run                   Run claims and write their reports.
              merge                 Combine shard results into the index, JSON and JUnit files.

              See 'theorem-check help <subcommand>' for detailed help.

            """)
    }

    @Test func runHelpIsExact() throws {
        let result = try run(["run", "--help"])
        #expect(result.status == 0)
        #expect(result.output == """
            OVERVIEW: Run claims and write their reports.

            Runs every instance and negative control of the selected claims, each in its own
            child process, so a trap or a hang ends only that run. Progress goes to standard
            error. Standard output gets one line per claim and then 'N passed, N failed'.

            USAGE: theorem-check run [<id> ...] [--theorems <dir>] [--reports <dir>] [--precision <bits>] [--seed <n>] [--jobs <n>] [--shard <i/n>] [--format <list>]

            ARGUMENTS:
              <id>                  Claims to run. (default: all)

            OPTIONS:
              --theorems <dir>      Directory of theorem specs. (default: Theorems)
              --reports <dir>       Directory for the reports. (default: Reports)
              --precision <bits>    Starting precision in bits for MPFR and Arb, 2 to 16777216; checks that escalate go up to their spec's maximum. (default: 256)
              --seed <n>            Global random seed, an unsigned 64-bit integer. (default: 20261204)
              --jobs <n>            Child processes run at once, 1 to 1024. (default: number of cores)
              --shard <i/n>         Run only shard i of n and write shards/shard-i-of-n.json for 'merge'.
              --format <list>       Comma-separated report formats: markdown, json, junit. An earlier results.json or junit.xml of a format not listed is removed. (default: markdown,json,junit)
              -h, --help            Show help information.

            EXIT STATUS:
              0  every claim met its expected verdict
              1  some claim did not: wrong verdict, a negative control not rejected, or a crash
              2  some claim was inconclusive (precision or budget ran out)
              3  invalid input or usage: bad spec, bad option, unknown id, missing data file

            """)
    }

    @Test func everySubcommandHasHelp() throws {
        for name in ["list", "show", "run", "merge"] {
            let result = try run([name, "--help"])
            #expect(result.status == 0, "\(name) --help")
            #expect(result.output.hasPrefix("OVERVIEW: "), "\(name) --help")
            #expect(result.output.contains("USAGE: theorem-check \(name)"), "\(name) --help")
            let viaHelp = try run(["help", name])
            #expect(viaHelp.output == result.output, "help \(name)")
        }
    }

    @Test func versionPrintsName() throws {
        let result = try run(["--version"])
        #expect(result.status == 0)
        #expect(result.output == "theorem-check 0.1.0\n")
    }

    @Test func unknownOptionIsUsageError() throws {
        let result = try run(["run", "--bogus"])
        #expect(result.status == 3)
        #expect(result.output == "")
        #expect(result.error == "Error: Unknown option '--bogus'\n\(UsageTests.runUsage)\n  See 'theorem-check run --help'.\n")
    }

    @Test func negativePrecisionIsRejected() throws {
        let result = try run(["run", "--precision", "-5"])
        #expect(result.status == 3)
        #expect(result.error == "Error: Invalid value '-5' for '--precision': expected an integer from 2 to 16777216\n"
                + "\(UsageTests.runUsage)\n  See 'theorem-check run --help'.\n")
    }

    @Test(arguments: [
        (["run", "--seed", "abc"], "Error: Invalid value 'abc' for '--seed': expected an integer from 0 to 18446744073709551615"),
        (["run", "--jobs", "0"], "Error: Invalid value '0' for '--jobs': expected an integer from 1 to 1024"),
        (["run", "--shard", "3/2"], "Error: Invalid value '3/2' for '--shard': expected i/n with 1 <= i <= n, such as 1/4"),
        (["run", "--format", "markdown,pdf"],
         "Error: Invalid value 'markdown,pdf' for '--format': expected a comma-separated list of markdown, json, junit"),
        (["run", "--precision"], "Error: Missing value for '--precision <bits>'"),
        (["run", "--seed", "1", "--seed", "2"], "Error: Option '--seed' given more than once"),
    ])
    func invalidOptionValues(arguments: [String], firstLine: String) throws {
        let result = try run(arguments)
        #expect(result.status == 3)
        let lines = result.error.split(separator: "\n").map(String.init)
        #expect(lines.first == firstLine)
        #expect(lines.dropFirst().first == UsageTests.runUsage)
        #expect(lines.last == "  See 'theorem-check run --help'.")
    }

    @Test func showNeedsAnId() throws {
        let result = try run(["show"])
        #expect(result.status == 3)
        #expect(result.error == "Error: Missing expected argument '<id>'\nUsage: theorem-check show <id> [--theorems <dir>]\n"
                + "  See 'theorem-check show --help'.\n")
    }

    @Test func unknownSubcommandPointsToRootHelp() throws {
        let result = try run(["prove"])
        #expect(result.status == 3)
        #expect(result.error == "Error: Unknown subcommand 'prove'\nUsage: theorem-check <subcommand>\n  See 'theorem-check --help'.\n")
    }

    @Test func missingTheoremsDirectoryIsUsageError() throws {
        let result = try run(["list", "--theorems", "nowhere"])
        #expect(result.status == 3)
        #expect(result.error.hasPrefix("Error: nowhere: theorems directory not found or not readable. Fix: pass an existing directory with --theorems DIR.\n"))
    }
}
