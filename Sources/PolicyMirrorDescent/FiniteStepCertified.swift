import ClaimKit
import Enclosures
import Exact

/// The finite-step claim decided by certified support identification, for runs whose exact
/// rationals grow past the digit cap.
enum CertifiedFiniteStep {
    /// Runs certified Euclidean PMD from `setup.initialPolicy`, doubling the precision from
    /// `startPrecision` up to `maximumPrecision` whenever optimality of an iterate is undecided.
    ///
    /// The mass bound and monotone improvement are decided at every step 0…K. A step where the
    /// mass bound is undecided makes the result inconclusive. A step where monotone improvement is
    /// undecided is listed in the evidence and the summary but not claimed, and a certified failure
    /// of either refutes the claim.
    static func decide(setup: FiniteStepSetup, optimal: OptimalSolution, startPrecision: Int, maximumPrecision: Int,
                       claimedMaximumSteps: Int?, exactEvidence: [Evidence],
                       checkpoint: () throws -> Void) throws -> CheckResult {
        var precision = startPrecision
        var attempts: [String] = []
        var run: CertifiedPMDRun
        let steps = claimedMaximumSteps.map { min(setup.maximumSteps, $0 + 1) } ?? setup.maximumSteps
        while true {
            let runner = CertifiedEuclideanPMDRunner(mdp: setup.mdp, optimal: optimal, schedule: setup.schedule,
                                                     stateWeights: setup.stateWeights, precision: precision)
            run = try runner.run(from: setup.initialPolicy, maximumSteps: steps, checkpoint: checkpoint)
            attempts.append("\(precision) bits: " + (run.firstCertifiedOptimalStep.map { "π^\($0) certified in Π*" }
                                                      ?? run.stopReason ?? "stopped"))
            let undecided = run.iterates.last?.isOptimal == .undecided || run.successorIsOptimal == .undecided
            guard undecided, precision * 2 <= maximumPrecision, !(run.stopReason ?? "").hasPrefix("stopped") else { break }
            precision *= 2
        }

        var evidence = exactEvidence
        evidence.append(Evidence(name: "certified runs", value: attempts.joined(separator: "; "),
                                 note: "ball enclosures of every π^k(a|s); an entry is set to 0 only when every policy in the box projects to 0"))
        evidence.append(Evidence(name: "first optimal step K (certified)",
                                 value: run.firstCertifiedOptimalStep.map(String.init) ?? "not reached",
                                 note: run.firstCertifiedOptimalStep == nil ? run.stopReason : "every earlier iterate is certified outside Π*"))
        evidence.append(Evidence(name: "first certified step K_ε with η_k(Δ − 2ε_k) ≥ 2",
                                 value: run.firstCertifiedConditionStep.map(String.init) ?? "none"))
        if let last = run.iterates.last {
            evidence.append(Evidence(name: "policy radius at the last step", value: significantDigits(last.largestPolicyRadius, 3)))
        }
        let tables = [table(run)]
        let plots = [plot(run, label: setup.label, schedule: setup.schedule)]

        guard let k = run.firstCertifiedOptimalStep else {
            if let claimedMaximumSteps, run.iterates.count > claimedMaximumSteps,
               run.iterates.prefix(claimedMaximumSteps + 1).allSatisfy({ $0.isOptimal == .false }) {
                return CheckResult(
                    verdict: .refuted,
                    summary: "π^k ∉ Π* is certified for every k ≤ \(claimedMaximumSteps), against the claim K ≤ \(claimedMaximumSteps)",
                    evidence: evidence,
                    counterexample: Counterexample(
                        description: "a suboptimal action keeps a certified positive probability up to the claimed step",
                        input: ["mdp": setup.label, "schedule": setup.schedule.description,
                                "claimedMaximumSteps": String(claimedMaximumSteps)],
                        recheck: "run projected Q-descent with interval arithmetic and check that a suboptimal π^k(a|s) has a positive lower bound"),
                    tables: tables, plots: plots, precisionBits: run.precision)
            }
            return CheckResult(
                verdict: .inconclusive,
                summary: "no certified optimal iterate: \(run.stopReason ?? "run stopped"); a higher maxPrecisionBits, more steps or a larger budget may decide it",
                evidence: evidence, tables: tables, plots: plots, precisionBits: run.precision)
        }

        // Monotone improvement and the mass bound at every step 0…K, decided on the certified iterates.
        let audited = run.iterates.prefix(k + 1)
        let monotoneFailure = audited.first { $0.monotoneImprovement == .false }
        let massFailure = audited.first { $0.massBound == .false }
        let monotoneUndecided = audited.filter { $0.monotoneImprovement != .true && $0.monotoneImprovement != .false }.map(\.step)
        let massUndecided = audited.filter { $0.massBound == .undecided }.map(\.step)
        evidence.append(Evidence(name: "V^{k+1} ≤ V^k certified", value: stepSummary(total: k + 1, undecided: monotoneUndecided, failed: monotoneFailure?.step),
                                 note: "from (T_{π^{k+1}}V^k − V^k)(s) ≤ 0 in balls, which implies V^{k+1} ≤ V^k; states where the policy stays on one class of identical actions are decided from the MDP's structure; a step stays undecided when two different actions have Q values too close to separate, such as exact ties"))
        evidence.append(Evidence(name: "Σ ρ m^k ≤ (V^k(ρ) − V*(ρ))/Δ certified", value: stepSummary(total: k + 1, undecided: massUndecided, failed: massFailure?.step),
                                 note: "upper bound of the mass against the lower bound of the gap enclosure; at π^K ∈ Π* both sides are exactly 0"))

        var failures: [String] = []
        if let monotoneFailure { failures.append("V^{k+1}(s) > V^k(s) is certified at k = \(monotoneFailure.step)") }
        if let massFailure { failures.append("the mass bound is certified to fail at k = \(massFailure.step)") }
        if run.successorIsOptimal == .false { failures.append("π^{K+1} leaves Π*") }
        if let conditionStep = run.firstCertifiedConditionStep, k > conditionStep + 1 {
            failures.append("K = \(k) > K_ε + 1 = \(conditionStep + 1)")
        }
        if let claimedMaximumSteps, k > claimedMaximumSteps {
            failures.append("K = \(k) > claimed \(claimedMaximumSteps)")
        }
        if !failures.isEmpty {
            return CheckResult(
                verdict: .refuted, summary: "π^\(k) ∈ Π* but " + failures.joined(separator: "; "), evidence: evidence,
                counterexample: Counterexample(description: failures.joined(separator: "; "),
                                               input: ["mdp": setup.label, "schedule": setup.schedule.description, "K": String(k)],
                                               recheck: "run projected Q-descent with interval arithmetic at \(run.precision) bits"),
                tables: tables, plots: plots, precisionBits: run.precision)
        }
        if run.successorIsOptimal != .true {
            return CheckResult(
                verdict: .inconclusive,
                summary: "π^\(k) ∈ Π* is certified, but the fixed-point step could not be certified at \(run.precision) bits",
                evidence: evidence, tables: tables, plots: plots, precisionBits: run.precision)
        }

        if !massUndecided.isEmpty {
            return CheckResult(
                verdict: .inconclusive,
                summary: "π^\(k) ∈ Π* is certified, but at \(run.precision) bits the mass bound is undecided at "
                    + "\(massUndecided.count) step(s); a higher maxPrecisionBits may decide them",
                evidence: evidence, tables: tables, plots: plots, precisionBits: run.precision)
        }
        // NOTE: monotone improvement is claimed only where the enclosures decide it. When two actions
        // with different transition rows have equal Q^k(s, ·), as on Taxi and CliffWalking, a
        // suboptimal entry can sit exactly on the projection boundary, and then r(s) = 0 exactly
        // while its enclosure straddles 0 at every precision. Those steps are listed, not counted.
        let monotoneNote = monotoneUndecided.isEmpty
            ? "V^{k+1} ≤ V^k is certified at every step 0…\(k)"
            : "V^{k+1} ≤ V^k is certified at \(k + 1 - monotoneUndecided.count) of the \(k + 1) steps 0…\(k) and undecided at the rest"

        let conditionNote = run.firstCertifiedConditionStep.map { "K_ε = \($0)" } ?? "the ε-form condition was never certified"
        return CheckResult(
            verdict: .provedRigorous,
            summary: "K = \(k): π^\(k) ∈ Π* is certified on \(setup.label) (\(setup.schedule)) at \(run.precision) bits, and every "
                + "earlier iterate is certified suboptimal; V^{π^K} = V* follows because V* has zero Bellman residual; "
                + "π^{K+1} is certified in Π*; the mass bound is certified at every step 0…\(k); \(monotoneNote); \(conditionNote)",
            evidence: evidence, tables: tables, plots: plots, precisionBits: run.precision,
            notes: ["Exact rationals were abandoned at the digit cap; the support of each iterate was identified with ball enclosures."])
    }

    /// Builds one row per reported step: every tenth step and the last three.
    static func table(_ run: CertifiedPMDRun) -> ReportTable {
        let count = run.iterates.count
        let rows = run.iterates.filter { $0.step % 10 == 0 || $0.step >= count - 3 }.map { iterate in
            [String(iterate.step), display(iterate.stepSize), iterate.isOptimal.description,
             significantDigits(iterate.weightedMassUpperBound, 4), iterate.valueGap.formatted(significantDigits: 4),
             significantDigits(iterate.actionValueErrorUpperBound, 4), iterate.epsilonCondition.description,
             significantDigits(iterate.largestPolicyRadius, 3), iterate.massBound.description,
             iterate.monotoneImprovement?.description ?? "not computed"]
        }
        return ReportTable(
            title: "Certified Euclidean PMD iterates at \(run.precision) bits (every tenth step and the last three)",
            columns: ["k", "η_k", "π^k ∈ Π*", "Σ ρ m^k ≤", "V^k(ρ) − V*(ρ) ∈", "ε_k ≤", "η_k(Δ − 2ε_k) ≥ 2", "policy radius",
                      "Σ ρ m^k ≤ (V^k(ρ) − V*(ρ))/Δ", "V^{k+1} ≤ V^k"],
            rows: rows)
    }

    /// Lower bound of the value gap and the mass upper bound against k, log scale.
    ///
    /// A gap point is drawn only when its enclosure is certainly positive: an enclosure that
    /// contains 0 (at π^K ∈ Π* the gap is exactly 0) would otherwise draw rounding noise as a value.
    static func plot(_ run: CertifiedPMDRun, label: String, schedule: StepSchedule) -> Plot {
        let gap = run.iterates.filter { $0.valueGap.isPositive == .true }.map {
            PlotPoint(x: Double($0.step), y: $0.valueGap.lowerBound.approximateDouble)
        }
        let mass = run.iterates.map { PlotPoint(x: Double($0.step), y: $0.weightedMassUpperBound.approximateDouble) }
        let markers = run.firstCertifiedOptimalStep.map {
            [PlotMarker(x: Double($0), label: "π^K ∈ Π* (K = \($0)): gap and mass 0 (exact)")]
        } ?? []
        return Plot(id: "gap", title: "Certified Euclidean PMD on \(label), \(schedule)", xLabel: "step k",
                    yLabel: "value gap / mass bound (zero not drawn)", yScale: .log,
                    series: [PlotSeries(name: "V^k(ρ) − V*(ρ), lower bound of certainly positive enclosures", points: gap),
                             PlotSeries(name: "Σ ρ m^k upper bound", points: mass, style: .points)],
                    markers: markers)
    }

    /// Describes a per-step decision over steps 0…total−1 for the evidence table.
    private static func stepSummary(total: Int, undecided: [Int], failed: Int?) -> String {
        if let failed { return "fails at k = \(failed)" }
        if undecided.isEmpty { return "all \(total) steps 0…\(total - 1)" }
        let listedSteps = undecided.prefix(10).map(String.init).joined(separator: ", ")
        return "undecided at k = " + listedSteps + (undecided.count > 10 ? ", … (\(undecided.count) steps)" : "")
    }
}
