import ClaimKit
import Exact

/// Evidence, tables, plots and refutations shared by the finite-step checks.
enum FiniteStepReport {
    /// Evidence about the MDP and its exact optimum.
    static func optimumEvidence(setup: FiniteStepSetup, optimal: OptimalSolution) -> [Evidence] {
        let optimalStates = optimal.optimalActions.filter { $0.count < setup.mdp.actionCount }.count
        return [
            Evidence(name: "MDP", value: setup.label,
                     note: "\(setup.mdp.stateCount) states, \(setup.mdp.actionCount) actions, γ = \(setup.mdp.discount.fractionString)"),
            Evidence(name: "schedule", value: setup.schedule.description),
            Evidence(name: "gap Δ", value: optimal.gap.map(display) ?? "none (every action optimal)",
                     note: "exact, from policy iteration (\(optimal.policyIterations) evaluations)"),
            Evidence(name: "states with a suboptimal action", value: String(optimalStates)),
            Evidence(name: "Bellman residual of V*", value: setup.mdp.bellmanResidual(optimal.values).fractionString),
        ]
    }

    /// Evidence about one run: first optimal step, condition steps and rational blow-up.
    static func runEvidence(run: EuclideanPMDRun, audit: FiniteStepAudit) -> [Evidence] {
        var evidence = [
            Evidence(name: "first optimal step K", value: run.firstOptimalStep.map(String.init) ?? "not reached",
                     note: run.stopReason),
            Evidence(name: "steps evaluated", value: String(run.iterates.count)),
            Evidence(name: "first step K_ε with η_k(Δ − 2ε_k) ≥ 2", value: audit.epsilonConditionSteps.first.map(String.init) ?? "none"),
            Evidence(name: "steps where the sharp condition held in every state",
                     value: audit.sharpConditionSteps.isEmpty ? "none" : audit.sharpConditionSteps.map(String.init).joined(separator: ", ")),
            Evidence(name: "largest denominator digits per step",
                     value: run.iterates.map { String($0.denominatorDigits) }.joined(separator: ", ")),
        ]
        if let ratio = audit.largestMassRatio {
            evidence.append(Evidence(name: "largest Σρm^k / ((V^k(ρ) − V*(ρ))/Δ)", value: display(ratio),
                                     note: "the mass bound needs at most 1"))
        }
        return evidence
    }

    /// Relabels the run evidence of an exact phase that stopped at the digit cap before a certified
    /// run took over, so that no row reads as the claim's final K.
    static func exactPhaseEvidence(run: EuclideanPMDRun, runEvidence: [Evidence]) -> [Evidence] {
        let stop = Evidence(name: "exact phase", value: "stopped at step \(run.iterates.count) without reaching Π*",
                            note: run.stopReason)
        let rest = runEvidence.dropFirst().map { Evidence(name: "exact phase: " + $0.name, value: $0.value, note: $0.note) }
        return [stop] + rest
    }

    /// Builds one row per step: η_k, mass, value gap, ε_k and denominator digits.
    static func stepTable(run: EuclideanPMDRun) -> ReportTable {
        let rows = run.iterates.map { iterate in
            [String(iterate.step), display(iterate.stepSize), significantDigits(iterate.weightedMass, 6),
             significantDigits(iterate.valueGap, 6), significantDigits(iterate.actionValueError, 6),
             iterate.isOptimal ? "yes" : "no", String(iterate.denominatorDigits)]
        }
        return ReportTable(title: "Exact Euclidean PMD iterates (ρ uniform; decimals rounded for display)",
                           columns: ["k", "η_k", "Σ ρ m^k", "V^k(ρ) − V*(ρ)", "ε_k = ‖Q^k − Q*‖∞", "π^k ∈ Π*",
                                     "denominator digits"],
                           rows: rows)
    }

    /// Value gap and suboptimal mass against k on a log scale, with a marker at the first optimal K.
    static func gapPlot(run: EuclideanPMDRun, id: String, title: String) -> Plot {
        let gap = run.iterates.map { PlotPoint(x: Double($0.step), y: $0.valueGap.approximateDouble) }
        let mass = run.iterates.map { PlotPoint(x: Double($0.step), y: $0.weightedMass.approximateDouble) }
        let markers = run.firstOptimalStep.map { [PlotMarker(x: Double($0), label: "π^K ∈ Π* (K = \($0))")] } ?? []
        return Plot(id: id, title: title, xLabel: "step k", yLabel: "value gap / mass (zero not drawn)", yScale: .log,
                    series: [PlotSeries(name: "V^k(ρ) − V*(ρ)", points: gap),
                             PlotSeries(name: "Σ ρ m^k", points: mass, style: .points)],
                    markers: markers)
    }

    /// Mass against its bound (V^k(ρ) − V*(ρ))/(fΔ), on a log scale.
    static func massPlot(run: EuclideanPMDRun, gapFactor: Rational, label: String) -> Plot {
        let gap = run.optimal.gap ?? Rational.one
        let bound = run.iterates.map {
            PlotPoint(x: Double($0.step), y: ($0.valueGap / (gapFactor * gap)).approximateDouble)
        }
        let mass = run.iterates.map { PlotPoint(x: Double($0.step), y: $0.weightedMass.approximateDouble) }
        return Plot(id: "mass-bound", title: "Suboptimal mass and its bound on \(label)", xLabel: "step k",
                    yLabel: "mass (zero not drawn)", yScale: .log,
                    series: [PlotSeries(name: "(V^k(ρ) − V*(ρ))/(\(gapFactor.fractionString)·Δ)", points: bound),
                             PlotSeries(name: "Σ ρ m^k", points: mass, style: .points)])
    }

    /// Builds a `refuted` result for the first violated property.
    static func refutation(_ violation: FiniteStepAudit.Violation, setup: FiniteStepSetup, evidence: [Evidence],
                           tables: [ReportTable], plots: [Plot]) -> CheckResult {
        var input = ["mdp": setup.label, "schedule": setup.schedule.description, "step k": String(violation.step),
                     "discount": setup.mdp.discount.fractionString]
        if let state = violation.state { input["state s"] = String(state) }
        return CheckResult(
            verdict: .refuted,
            summary: "\(violation.property) fails at k = \(violation.step)"
                + (violation.state.map { ", state \($0)" } ?? "") + ": " + violation.detail,
            evidence: evidence,
            counterexample: Counterexample(
                description: violation.detail, input: input,
                recheck: "run projected Q-descent π^{k+1}(·|s) = Proj_Δ(π^k(·|s) − η_k Q^k(s, ·)) from π⁰ in exact "
                    + "fractions, evaluating V^k = (I − γP_π)⁻¹c_π, and compare at step \(violation.step)"),
            tables: tables, plots: plots)
    }
}
