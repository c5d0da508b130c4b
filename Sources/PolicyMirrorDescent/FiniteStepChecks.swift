import ClaimKit
import Exact
import Foundation

/// Finite-step exact optimality of Euclidean PMD (projected Q-descent).
///
/// Claim: from π⁰, Euclidean PMD reaches some π^K ∈ Π* (supp π^K(·|s) ⊆ A*(s) for every s) after
/// finitely many steps, for constant and geometric step sizes. Then V^{π^K} = V*, the Bellman
/// residual is exactly zero, π^K is a fixed point of the update, and K ≤ K_ε + 1 where K_ε is the
/// first step at which the derived ε-form condition η_k(Δ − 2ε_k) ≥ 2 holds. Monotone improvement
/// and the mass bound are tested at every step as well, exactly in ℚ. A run whose rationals pass the
/// digit cap is handed to `CertifiedFiniteStep`, which decides the claim with ball enclosures.
///
/// Optional claim parameters used by negative controls: `claimedMaximumSteps` N claims K ≤ N,
/// and `requireCondition` claims that the ε-form condition holds at some step.
public struct EuclideanFiniteStepCheck: ClaimCheck {
    public static let kind = "pmd.euclidean-finite-step"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        let setup = try FiniteStepSetup.read(context)
        let parameters = context.parameters
        let claimedMaximumSteps = try parameters.optionalInteger("claimedMaximumSteps")
        let requireCondition = try parameters.optionalBool("requireCondition") ?? false
        let maximumDigits = try parameters.optionalInteger("maxDenominatorDigits") ?? 2_000
        let checkpoint = FiniteStepSetup.softCheckpoint(context)

        let optimal: OptimalSolution
        do {
            optimal = try setup.mdp.solveOptimal(checkpoint: checkpoint)
        } catch let stop as StopRequested {
            return CheckResult(verdict: .inconclusive, summary: "policy iteration did not finish: \(stop.reason)")
        }
        var evidence = FiniteStepReport.optimumEvidence(setup: setup, optimal: optimal)
        guard let gap = optimal.gap else {
            return CheckResult(verdict: .inconclusive, summary: "every action is optimal in every state of \(setup.label), so the claim is vacuous",
                               evidence: evidence)
        }

        // A constant step with η·Δ < 2 can never satisfy η(Δ − 2ε_k) ≥ 2, because ε_k ≥ 0.
        if requireCondition, case .constant(let eta) = setup.schedule, eta * gap < Rational(2) {
            return CheckResult(
                verdict: .refuted,
                summary: "the ε-form condition never holds: η·Δ = \(display(eta * gap)) < 2 and ε_k ≥ 0",
                evidence: evidence,
                counterexample: Counterexample(
                    description: "constant step size too small for the sufficient condition η(Δ − 2ε_k) ≥ 2",
                    input: ["mdp": setup.label, "stepSize": eta.fractionString, "gap": gap.fractionString],
                    recheck: "η(Δ − 2ε) ≤ ηΔ for every ε ≥ 0; compute ηΔ = \(eta.fractionString)·\(gap.fractionString)"))
        }

        // With `exactPhase` false the exact run stops before π¹, for MDPs whose exact evaluation
        // fills in densely (such as 100-state Garnets), and the certified run decides the claim.
        let exactPhase = try parameters.optionalBool("exactPhase") ?? true
        let runner = EuclideanPMDRunner(mdp: setup.mdp, optimal: optimal, schedule: setup.schedule,
                                        stateWeights: setup.stateWeights)
        let steps = claimedMaximumSteps.map { min(setup.maximumSteps, $0 + 1) } ?? setup.maximumSteps
        let run = try runner.run(from: setup.initialPolicy, maximumSteps: steps,
                                 maximumDenominatorDigits: exactPhase ? maximumDigits : 0, checkpoint: checkpoint)
        let audit = FiniteStepAudit(run: run, mdp: setup.mdp, constant: Rational(2), gapFactor: Rational.one)
        let optimumEvidence = evidence
        let runEvidence = FiniteStepReport.runEvidence(run: run, audit: audit)
        evidence += runEvidence
        let tables = [FiniteStepReport.stepTable(run: run)]
        let plots = [FiniteStepReport.gapPlot(run: run, id: "gap", title: "Euclidean PMD on \(setup.label), \(setup.schedule)")]

        if let violation = audit.violations.first {
            return FiniteStepReport.refutation(violation, setup: setup, evidence: evidence, tables: tables, plots: plots)
        }

        guard let k = run.firstOptimalStep else {
            if run.hitDigitCap {
                let startPrecision = max(128, context.precision)
                let maximumPrecision = try parameters.optionalInteger("maxPrecisionBits") ?? 4096
                return try CertifiedFiniteStep.decide(
                    setup: setup, optimal: optimal, startPrecision: startPrecision,
                    maximumPrecision: max(startPrecision, maximumPrecision), claimedMaximumSteps: claimedMaximumSteps,
                    exactEvidence: optimumEvidence + FiniteStepReport.exactPhaseEvidence(run: run, runEvidence: runEvidence),
                    checkpoint: checkpoint)
            }
            if let claimedMaximumSteps, run.iterates.count > claimedMaximumSteps {
                return CheckResult(
                    verdict: .refuted,
                    summary: "π^k ∉ Π* for every k ≤ \(claimedMaximumSteps), against the claim K ≤ \(claimedMaximumSteps)",
                    evidence: evidence,
                    counterexample: Counterexample(
                        description: "no optimal iterate within the claimed number of steps",
                        input: ["mdp": setup.label, "schedule": setup.schedule.description,
                                "claimedMaximumSteps": String(claimedMaximumSteps)],
                        recheck: "run projected Q-descent in exact fractions and compare supp π^k with A*(s) for k ≤ \(claimedMaximumSteps)"),
                    tables: tables, plots: plots)
            }
            return CheckResult(
                verdict: .inconclusive,
                summary: "no optimal iterate yet: \(run.stopReason ?? "run stopped"); more steps or a higher digit cap may decide it",
                evidence: evidence, tables: tables, plots: plots)
        }

        // π^K ∈ Π*: confirm V^{π^K} = V*, a zero residual, the fixed point and K ≤ K_ε + 1.
        let final = run.iterates[k]
        let residual = setup.mdp.bellmanResidual(final.values)
        var failures: [String] = []
        if final.values != optimal.values { failures.append("V^{π^K} ≠ V*") }
        if !residual.isZero { failures.append("Bellman residual \(display(residual)) ≠ 0") }
        if run.isFixedPoint != true { failures.append("π^{K+1} ≠ π^K") }
        if let conditionStep = audit.epsilonConditionSteps.first, k > conditionStep + 1 {
            failures.append("K = \(k) > K_ε + 1 = \(conditionStep + 1)")
        }
        if let claimedMaximumSteps, k > claimedMaximumSteps {
            failures.append("K = \(k) > claimed \(claimedMaximumSteps)")
        }
        if requireCondition, audit.epsilonConditionSteps.isEmpty {
            return CheckResult(verdict: .inconclusive,
                               summary: "π^\(k) ∈ Π*, but the ε-form condition did not hold at any of the steps run",
                               evidence: evidence, tables: tables, plots: plots)
        }
        if !failures.isEmpty {
            return CheckResult(
                verdict: .refuted, summary: "π^\(k) ∈ Π* but " + failures.joined(separator: "; "), evidence: evidence,
                counterexample: Counterexample(description: failures.joined(separator: "; "),
                                               input: ["mdp": setup.label, "schedule": setup.schedule.description, "K": String(k)],
                                               recheck: "evaluate π^K exactly and compare with V*"),
                tables: tables, plots: plots)
        }

        let conditionNote = audit.epsilonConditionSteps.first.map { "K_ε = \($0)" } ?? "the ε-form condition never held"
        return CheckResult(
            verdict: .provedExact,
            summary: "π^\(k) ∈ Π* exactly on \(setup.label) (\(setup.schedule)); V^{π^K} = V*, zero Bellman residual, fixed point; \(conditionNote)",
            evidence: evidence, tables: tables, plots: plots)
    }
}

/// The derived sufficient conditions for one-step optimality, sharp and ε-form.
///
/// Claim: at every step k of an exact Euclidean PMD run, η_k·gap_k(s) ≥ C implies
/// supp π^{k+1}(·|s) ⊆ A*(s), and ε_k < Δ/2 with η_k(Δ − 2ε_k) ≥ C implies π^{k+1} ∈ Π*, with
/// C = 2R_φ = 2 (parameter `constant`). A run in which neither condition ever holds tests
/// nothing, so it is reported as inconclusive.
public struct FiniteStepConditionCheck: ClaimCheck {
    public static let kind = "pmd.finite-step-condition"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        let setup = try FiniteStepSetup.read(context)
        let constant = try context.parameters.optionalRational("constant") ?? Rational(2)
        let maximumDigits = try context.parameters.optionalInteger("maxDenominatorDigits") ?? 20_000
        let checkpoint = FiniteStepSetup.softCheckpoint(context)

        let optimal = try setup.mdp.solveOptimal(checkpoint: checkpoint)
        var evidence = FiniteStepReport.optimumEvidence(setup: setup, optimal: optimal)
        evidence.append(Evidence(name: "constant C", value: constant.fractionString))
        guard optimal.gap != nil else {
            return CheckResult(verdict: .inconclusive, summary: "every action is optimal, so the conditions are vacuous",
                               evidence: evidence)
        }

        let runner = EuclideanPMDRunner(mdp: setup.mdp, optimal: optimal, schedule: setup.schedule,
                                        stateWeights: setup.stateWeights)
        let run = try runner.run(from: setup.initialPolicy, maximumSteps: setup.maximumSteps,
                                 maximumDenominatorDigits: maximumDigits, checkpoint: checkpoint)
        let audit = FiniteStepAudit(run: run, mdp: setup.mdp, constant: constant, gapFactor: Rational.one)
        evidence += FiniteStepReport.runEvidence(run: run, audit: audit)
        if setup.mdp.stateCount == 1 {
            let first = run.iterates.count > 1 ? run.iterates[1].policy : run.successorOfOptimal
            if let first {
                evidence.append(Evidence(name: "π¹", value: "(" + first[0].map(\.fractionString).joined(separator: ", ") + ")"))
            }
        }
        let tables = [FiniteStepReport.stepTable(run: run)]

        if let violation = audit.sharpConditionViolation ?? audit.epsilonConditionViolation {
            return FiniteStepReport.refutation(violation, setup: setup, evidence: evidence, tables: tables, plots: [])
        }

        // A reference π¹ from an independent derivation, used by the tightness instances.
        var referenceSummary = ""
        if context.parameters.contains("referenceFirstPolicy") {
            let reference = Policy(try context.parameters.rationalMatrix("referenceFirstPolicy"))
            let first = run.iterates.count > 1 ? run.iterates[1].policy : run.successorOfOptimal
            guard let first else {
                return CheckResult(verdict: .inconclusive, summary: "the run ended before π¹", evidence: evidence, tables: tables)
            }
            guard first == reference else {
                let computed = first.probabilities.map { "(" + $0.map(display).joined(separator: ", ") + ")" }.joined(separator: ", ")
                return CheckResult(
                    verdict: .refuted, summary: "π¹ = \(computed) differs from the reference value", evidence: evidence,
                    counterexample: Counterexample(
                        description: "π¹ differs from the reference", input: ["mdp": setup.label, "schedule": setup.schedule.description],
                        recheck: "compute Proj_Δ(π⁰ − η Q⁰) by hand"),
                    tables: tables)
            }
            referenceSummary = "π¹ equals the reference value exactly; "
        }

        let tested = audit.sharpConditionStateCount + audit.epsilonConditionSteps.count
        guard tested > 0 || !referenceSummary.isEmpty else {
            return CheckResult(
                verdict: .inconclusive,
                summary: "neither condition held at any of the \(run.iterates.count) steps run, so nothing was tested",
                evidence: evidence, tables: tables)
        }
        if tested == 0 {
            return CheckResult(
                verdict: .provedExact,
                summary: referenceSummary + "neither condition held in the \(run.iterates.count) steps run",
                evidence: evidence, tables: tables)
        }
        return CheckResult(
            verdict: .provedExact,
            summary: referenceSummary + "the conditions with C = \(constant.fractionString) held at "
                + "\(audit.sharpConditionStateCount) step(s) (sharp, some state) and \(audit.epsilonConditionSteps.count) "
                + "step(s) (ε-form), and each time π^{k+1} put no mass on suboptimal actions there",
            evidence: evidence, tables: tables)
    }
}

/// The mass bound along exact Euclidean PMD runs: Σ_s ρ(s) m^k(s) ≤ (V^k(ρ) − V*(ρ))/Δ at every
/// step, derived from the performance-difference lemma with π* as reference and d_ρ^π ≥ (1 − γ)ρ.
/// The parameter `gapFactor` f replaces Δ by f·Δ for negative controls.
public struct ExactMassGapCheck: ClaimCheck {
    public static let kind = "pmd.exact-mass-gap"
    public init() {}

    public func run(_ context: CheckContext) throws -> CheckResult {
        let setup = try FiniteStepSetup.read(context)
        let gapFactor = try context.parameters.optionalRational("gapFactor") ?? Rational.one
        guard gapFactor.signum > 0 else {
            throw context.parameters.invalid("gapFactor", problem: "must be positive", fix: "use \"1\"")
        }
        let maximumDigits = try context.parameters.optionalInteger("maxDenominatorDigits") ?? 20_000
        let checkpoint = FiniteStepSetup.softCheckpoint(context)

        let optimal = try setup.mdp.solveOptimal(checkpoint: checkpoint)
        var evidence = FiniteStepReport.optimumEvidence(setup: setup, optimal: optimal)
        guard optimal.gap != nil else {
            return CheckResult(verdict: .inconclusive, summary: "every action is optimal, so the bound is vacuous",
                               evidence: evidence)
        }
        let runner = EuclideanPMDRunner(mdp: setup.mdp, optimal: optimal, schedule: setup.schedule,
                                        stateWeights: setup.stateWeights)
        let run = try runner.run(from: setup.initialPolicy, maximumSteps: setup.maximumSteps,
                                 maximumDenominatorDigits: maximumDigits, checkpoint: checkpoint)
        let audit = FiniteStepAudit(run: run, mdp: setup.mdp, constant: Rational(2), gapFactor: gapFactor)
        evidence += FiniteStepReport.runEvidence(run: run, audit: audit)
        let tables = [FiniteStepReport.stepTable(run: run)]
        let plots = [FiniteStepReport.massPlot(run: run, gapFactor: gapFactor, label: setup.label)]

        if let violation = audit.massBoundViolation {
            return FiniteStepReport.refutation(violation, setup: setup, evidence: evidence, tables: tables, plots: plots)
        }
        return CheckResult(
            verdict: .provedExact,
            summary: "Σ ρ m^k ≤ (V^k(ρ) − V*(ρ))/(\(gapFactor.fractionString)·Δ) exactly at all \(run.iterates.count) steps run",
            evidence: evidence, tables: tables, plots: plots)
    }
}
