// Creates and drops numeric-core values in a loop so that valgrind's memcheck
// can show that every GMP, MPFR, FLINT, Arb and Swift allocation is freed.
// scripts/leak-check.sh builds this program and runs it under valgrind.
//
// The program must stay single-threaded, because valgrind 3.19 crashes on
// Swift programs that start a TaskGroup.

#if canImport(Glibc)
import Glibc
#endif

/// One workload per numeric type. Each closure runs one iteration, creating
/// and dropping values of its type, and returns a number that depends on the
/// results so that the optimizer cannot remove the work.
let workloads: [(name: String, iterate: (Int) -> Int)] = [
    ("BigInt", bigIntIteration),
    ("Rational", rationalIteration),
    ("RationalMatrix", rationalMatrixIteration),
    ("BigFloat", bigFloatIteration),
    ("Ball", ballIteration),
]

let usage = """
    Usage: LeakCheck [--iterations N] [--workload NAME]... [--deliberate-leak]

      --iterations N     iterations of every workload (default 1000)
      --workload NAME    run only this workload (repeatable); one of \(workloads.map(\.name).joined(separator: ", "))
      --deliberate-leak  also leak one BigInt per iteration, as a positive
                         control that the leak checker must report
    """

func fail(_ message: String) -> Never {
    let text = "Error: \(message)\n\(usage)\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(2)
}

var iterations = 1000
var leaksDeliberately = false
var selectedNames: Set<String> = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--iterations":
        guard let text = arguments.popFirst() else { fail("--iterations needs a value") }
        guard let value = Int(text), value >= 0 else {
            fail("invalid value \"\(text)\" for --iterations; pass a nonnegative integer")
        }
        iterations = value
    case "--workload":
        guard let name = arguments.popFirst() else { fail("--workload needs a value") }
        guard workloads.contains(where: { $0.name == name }) else {
            fail("unknown workload \"\(name)\"; pass one of \(workloads.map(\.name).joined(separator: ", "))")
        }
        selectedNames.insert(name)
    case "--deliberate-leak":
        leaksDeliberately = true
    case "--help", "-h":
        print(usage)
        exit(0)
    default:
        fail("unknown argument \"\(argument)\"")
    }
}


var checksum = 0
for (name, iterate) in workloads where selectedNames.isEmpty || selectedNames.contains(name) {
    var workloadChecksum = 0
    for iteration in 0..<iterations {
        workloadChecksum &+= iterate(iteration)
    }
    print("\(name): \(iterations) iterations, checksum \(workloadChecksum)")
    checksum &+= workloadChecksum
}
if leaksDeliberately {
    for iteration in 0..<iterations {
        leakOneBigInt(iteration)
    }
    print("deliberate leak: \(iterations) BigInt values never freed")
}
print("total checksum \(checksum)")
