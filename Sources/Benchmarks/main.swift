import Foundation

// theorem-check-bench: times benchmark tasks B1, B3 and B4 through
// TheoremCheck's public API beside the same tasks in C (MPFR, Arb, FLINT) and,
// when installed, beside mpmath, gmpy2 and python-flint, and prints the ratios
// as markdown. Build it in release mode: debug builds run 2-3× more instructions.

let usage = """
    USAGE: theorem-check-bench [--tasks b1,b3,b4] [--repeats N] [--python PATH | --no-python]

    OPTIONS:
      --tasks LIST     Comma-separated tasks to run (default: b1,b3,b4).
      --repeats N      Timed runs per implementation; medians are reported (default: 7).
      --python PATH    Python interpreter for the optional anchors (default: python3).
      --no-python      Skip the Python anchors.
      --iterations N   Multiply-adds in B3 (default: 1000000); a smaller count
                       suits instruction counting under valgrind --tool=callgrind.
      -h, --help       Show this help.
    """

struct Options {
    var tasks: [String] = ["b1", "b3", "b4"]
    var repeats = 7
    var python: String? = "python3"
    var iterations = 1_000_000
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("Error: \(message)\n\(usage)\n".utf8))
    exit(3)
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
        switch argument {
        case "-h", "--help":
            print(usage)
            exit(0)
        case "--tasks":
            guard let value = remaining.popFirst() else { fail("--tasks needs a value such as b1,b3") }
            options.tasks = value.split(separator: ",").map { $0.lowercased() }
            for task in options.tasks where !["b1", "b3", "b4"].contains(task) {
                fail("unknown task '\(task)' in --tasks; the tasks are b1, b3 and b4")
            }
        case "--repeats":
            guard let value = remaining.popFirst(), let count = Int(value), count >= 1 else {
                fail("--repeats needs a positive integer")
            }
            options.repeats = count
        case "--python":
            guard let value = remaining.popFirst() else { fail("--python needs an interpreter path") }
            options.python = value
        case "--iterations":
            guard let value = remaining.popFirst(), let count = Int(value), count >= 1 else {
                fail("--iterations needs a positive integer")
            }
            options.iterations = count
        case "--no-python":
            options.python = nil
        default:
            fail("unknown argument '\(argument)'")
        }
    }
    return options
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
print("# TheoremCheck benchmarks\n")
print("Each ratio is TheoremCheck's median time over the anchor's median time, measured in this run.\n")
do {
    for task in options.tasks {
        FileHandle.standardError.write(Data("running \(task)...\n".utf8))
        let report: TaskReport
        switch task {
        case "b1": report = try TaskB1(size: 64, precision: 256).run(repeats: options.repeats, python: options.python)
        case "b3": report = try TaskB3(iterations: options.iterations, precision: 256).run(repeats: options.repeats, python: options.python)
        default: report = try TaskB4().run(repeats: options.repeats, python: options.python)
        }
        print(report.markdown(repeats: options.repeats))
    }
} catch {
    FileHandle.standardError.write(Data("Error: benchmark failed: \(error)\n".utf8))
    exit(1)
}
