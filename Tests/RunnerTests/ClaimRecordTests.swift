import ClaimKit
import Testing
import Runner

@Suite struct ClaimRecordTests {
    private let spec: TheoremSpec

    init() throws {
        spec = try TestSpecs.spec(TestSpecs.json(id: "r", kind: "selftest.compare"), id: "r")
    }

    private func record(instance: RunOutcome, control: RunOutcome) -> ClaimRecord {
        let outcomes: [RunRequest: RunRecord] = [
            RunRequest(claimID: "r", instanceID: "i1", controlID: nil): RunRecord(instanceID: "i1", seed: 1, outcome: instance),
            RunRequest(claimID: "r", instanceID: "i1", controlID: "swap"): RunRecord(instanceID: "i1", seed: 2, outcome: control),
        ]
        return ClaimRecord(spec: spec, outcomes: outcomes)
    }

    private func verdict(_ verdict: Verdict) -> RunOutcome {
        .completed(result: CheckResult(verdict: verdict, summary: verdict.rawValue))
    }

    @Test func passesWhenVerdictAndControlsMatch() {
        let claim = record(instance: verdict(.provedExact), control: verdict(.refuted))
        #expect(claim.status == .passed)
        #expect(claim.verdict == .provedExact)
        #expect(claim.controls[0].ok)
        #expect(claim.reasons.isEmpty)
    }

    @Test func controlNotRejectedMeansCheckerBroken() {
        let claim = record(instance: verdict(.provedExact), control: verdict(.provedExact))
        #expect(claim.status == .failed)
        #expect(!claim.controls[0].ok)
        #expect(claim.reasons.count == 1)
        #expect(claim.reasons.first?.hasPrefix("Checker broken: negative control swap came out proved-exact") == true)
    }

    @Test func wrongVerdictFails() {
        let claim = record(instance: verdict(.refuted), control: verdict(.refuted))
        #expect(claim.status == .failed)
        #expect(claim.reasons == ["The claim came out refuted; proved-exact was expected."])
    }

    @Test func timeoutIsInconclusive() {
        let claim = record(instance: .timedOut(seconds: 20), control: verdict(.refuted))
        #expect(claim.status == .inconclusive)
        #expect(claim.verdict == .inconclusive)
    }

    @Test func invalidInputIsInvalid() {
        let claim = record(instance: .invalidInput(message: "bad"), control: verdict(.refuted))
        #expect(claim.status == .invalid)
        #expect(claim.verdict == nil)
    }

    @Test func crashOutranksInvalidInput() {
        let claim = record(instance: .invalidInput(message: "bad"), control: .crashed(message: "signal 4"))
        #expect(claim.status == .failed)
    }

    static let precedenceCases: [([ClaimStatus], Int32)] = [
        ([.passed, .passed], 0),
        ([.passed, .inconclusive], 2),
        ([.inconclusive, .invalid], 3),
        ([.invalid, .failed, .inconclusive], 1),
    ]

    @Test(arguments: precedenceCases)
    func exitCodePrecedence(statuses: [ClaimStatus], expected: Int32) {
        let outcomes: [ClaimStatus: (RunOutcome, RunOutcome)] = [
            .passed: (verdict(.provedExact), verdict(.refuted)),
            .failed: (verdict(.refuted), verdict(.refuted)),
            .inconclusive: (.timedOut(seconds: 1), verdict(.refuted)),
            .invalid: (.invalidInput(message: "bad"), verdict(.refuted)),
        ]
        let claims = statuses.enumerated().map { index, status in
            var claim = record(instance: outcomes[status]!.0, control: outcomes[status]!.1)
            #expect(claim.status == status)
            claim.id = "claim-\(index)"
            return claim
        }
        let environment = RunEnvironment(seed: 1, precision: 64, libraries: [:], swiftVersion: "6", toolVersion: "0")
        #expect(RunSummary(environment: environment, shard: nil, claims: claims, invalidSpecs: []).exitCode == expected)
    }
}
