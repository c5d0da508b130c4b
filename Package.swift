// swift-tools-version:6.0
//
// TheoremCheck: checks claims from optimization and deep-learning theory by
// exact, multiple-precision and ball arithmetic (GMP, MPFR, Arb/FLINT).
//
// Debian packages: libgmp-dev, libmpfr-dev, libflint-arb-dev, libflint-dev.
// `scripts/install-deps.sh` installs them when they are missing.

import PackageDescription

let numericC: [Target.Dependency] = ["CGMP", "CMPFR", "CFlint", "CNumericShim"]

let package = Package(
    name: "TheoremCheck",
    products: [
        .executable(name: "theorem-check", targets: ["TheoremCheckTool"]),
        .executable(name: "theorem-check-bench", targets: ["Benchmarks"]),
        .library(name: "Exact", targets: ["Exact"]),
        .library(name: "Multiprecision", targets: ["Multiprecision"]),
        .library(name: "Enclosures", targets: ["Enclosures"]),
    ],
    targets: [
        // C libraries from Debian and one shim for their macro-only and variadic items.
        .systemLibrary(name: "CGMP", providers: [.apt(["libgmp-dev"])]),
        .systemLibrary(name: "CMPFR", providers: [.apt(["libmpfr-dev"])]),
        .systemLibrary(name: "CFlint", providers: [.apt(["libflint-arb-dev", "libflint-dev"])]),
        .target(name: "CNumericShim", dependencies: ["CGMP", "CMPFR", "CFlint"]),

        // Numeric core. No C type appears in the public API of these modules.
        .target(name: "Exact", dependencies: numericC),
        .target(name: "Multiprecision", dependencies: numericC + ["Exact"]),
        .target(name: "Enclosures", dependencies: numericC + ["Exact", "Multiprecision"]),

        // Claim vocabulary: specs, verdicts, evidence, the check protocol.
        .target(name: "ClaimKit", dependencies: ["Exact"]),

        // Objects under test, one module per paper.
        .target(name: "QuantizedBatchNorm",
                dependencies: ["Exact", "Multiprecision", "Enclosures", "ClaimKit"]),
        .target(name: "PolicyMirrorDescent",
                dependencies: ["Exact", "Multiprecision", "Enclosures", "ClaimKit"]),

        // Running checks, writing reports, and the command line.
        .target(name: "Runner",
                dependencies: ["ClaimKit", "Exact", "QuantizedBatchNorm", "PolicyMirrorDescent"]),
        .target(name: "Reports", dependencies: ["ClaimKit", "Runner"]),
        .target(name: "CommandLineInterface",
                dependencies: ["ClaimKit", "Runner", "Reports", "Exact", "Enclosures", "CGMP", "CMPFR", "CFlint", "CNumericShim"]),
        .executableTarget(name: "TheoremCheckTool", dependencies: ["CommandLineInterface"]),

        // Benchmarks: the same tasks through the public API and in plain C.
        .target(name: "CBaseline", dependencies: ["CGMP", "CMPFR", "CFlint"]),
        .executableTarget(
            name: "Benchmarks",
            dependencies: ["Exact", "Multiprecision", "Enclosures", "PolicyMirrorDescent", "CBaseline"]),

        // Memory check: scripts/leak-check.sh runs this under valgrind.
        .executableTarget(name: "LeakCheck", dependencies: ["Exact", "Multiprecision", "Enclosures"]),

        .testTarget(name: "ExactTests", dependencies: ["Exact"]),
        .testTarget(name: "MultiprecisionTests", dependencies: ["Multiprecision", "Exact"]),
        .testTarget(name: "EnclosuresTests", dependencies: ["Enclosures", "Multiprecision", "Exact"]),
        .testTarget(name: "ClaimKitTests", dependencies: ["ClaimKit"]),
        .testTarget(name: "QuantizedBatchNormTests", dependencies: ["QuantizedBatchNorm", "Exact", "ClaimKit"]),
        .testTarget(name: "PolicyMirrorDescentTests", dependencies: ["PolicyMirrorDescent", "Exact", "Enclosures"]),
        .testTarget(name: "RunnerTests", dependencies: ["Runner", "ClaimKit", "Exact"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Runner", "ClaimKit"], exclude: ["Snapshots"]),
        .testTarget(name: "CommandLineInterfaceTests", dependencies: ["CommandLineInterface"]),
    ],
    swiftLanguageModes: [.v6]
)
