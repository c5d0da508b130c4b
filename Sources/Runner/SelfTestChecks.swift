import ClaimKit
import Exact
import Foundation

// Checks with known behaviour, used only by the engine's tests through test specs. They
// exercise every outcome the runner must handle: verdicts, a counterexample, a trap, a
// hang, a cooperative budget stop and invalid parameters.

/// Returns `proved-exact` on every instance.
public struct SelfTestPass: ClaimCheck {
    public static let kind = "selftest.pass"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        CheckResult(verdict: .provedExact, summary: "self-test: always proved",
                    evidence: [Evidence(name: "seed", value: String(context.seed))])
    }
}

/// Returns `refuted` with a counterexample on every instance.
public struct SelfTestRefute: ClaimCheck {
    public static let kind = "selftest.refute"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        CheckResult(verdict: .refuted, summary: "self-test: always refuted",
                    counterexample: Counterexample(description: "self-test counterexample", input: ["x": "1"],
                                                   recheck: "nothing to recheck: this check refutes every input"))
    }
}

/// Decides `left ≤ right` exactly for the rational parameters `left` and `right`:
/// `proved-exact` when it is true, `refuted` with the two values when it is false.
public struct SelfTestCompare: ClaimCheck {
    public static let kind = "selftest.compare"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        try context.parameters.rejectUnknownKeys(allowed: ["left", "right"])
        let left = try context.parameters.rational("left")
        let right = try context.parameters.rational("right")
        let evidence = [Evidence(name: "left", value: left.description), Evidence(name: "right", value: right.description)]

        if left <= right {
            return CheckResult(verdict: .provedExact, summary: "\(left) ≤ \(right) holds exactly", evidence: evidence)
        }
        let counterexample = Counterexample(
            description: "left exceeds right", input: ["left": left.description, "right": right.description],
            recheck: "compare the two fractions by cross-multiplying their numerators and denominators")
        return CheckResult(verdict: .refuted, summary: "\(left) > \(right)", evidence: evidence, counterexample: counterexample)
    }
}

/// Returns `inconclusive` on every instance.
public struct SelfTestInconclusive: ClaimCheck {
    public static let kind = "selftest.inconclusive"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        CheckResult(verdict: .inconclusive, summary: "self-test: undecided at \(context.precision) bits",
                    precisionBits: context.precision, notes: ["a higher precision would not decide it either"])
    }
}

/// Stops the process with a fatal error, as a failed precondition in a check would.
public struct SelfTestTrap: ClaimCheck {
    public static let kind = "selftest.trap"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        fatalError("self-test trap")
    }
}

/// Never returns and never checks its deadline, so the runner must stop it.
public struct SelfTestHang: ClaimCheck {
    public static let kind = "selftest.hang"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        while true {
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}

/// Loops until `checkDeadline()` throws, so the run ends with a budget outcome.
public struct SelfTestBudget: ClaimCheck {
    public static let kind = "selftest.budget"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        while true {
            try context.checkDeadline()
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}

/// Reads the rational parameter `value`, so a spec with a bad value gets an
/// invalid-input outcome from inside the check.
public struct SelfTestInvalidParameter: ClaimCheck {
    public static let kind = "selftest.read-parameter"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        let value = try context.parameters.rational("value")
        return CheckResult(verdict: .provedExact, summary: "read value \(value)")
    }
}

/// Returns a fixed result with evidence, a table and a plot derived from the seed, so
/// report tests can check that seeds and report files are reproducible.
public struct SelfTestReport: ClaimCheck {
    public static let kind = "selftest.report"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        var generator = SplitMix64(seed: context.seed)
        let samples = (0..<8).map { index in
            PlotPoint(x: Double(index + 1), y: Double(generator.next() % 1000 + 1))
        }
        let table = ReportTable(title: "Samples", columns: ["k", "value"],
                                rows: samples.map { [String(Int($0.x)), String(Int($0.y))] })
        let plot = Plot(id: "samples", title: "Seeded samples", xLabel: "k", yLabel: "value", yScale: .log,
                        series: [PlotSeries(name: "samples", points: samples, style: .points)],
                        markers: [PlotMarker(x: 4, label: "k = 4")])
        return CheckResult(verdict: .supported, summary: "self-test: seeded samples",
                           evidence: [Evidence(name: "first sample", value: String(Int(samples[0].y)), note: "from the run seed")],
                           tables: [table], plots: [plot], precisionBits: context.precision)
    }
}
