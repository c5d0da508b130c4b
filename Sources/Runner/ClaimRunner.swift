import ClaimKit
import Foundation

/// Execution mode of each run.
public enum Isolation: Sendable {
    /// In a child process of the given `theorem-check` executable: traps and hangs end
    /// only that run.
    case childProcess(executable: String)
    /// In this process. A trap in a check ends the whole run, so use it only with checks
    /// known not to trap.
    case inProcess
}

/// Progress after one run finished.
public struct RunProgress: Sendable {
    public var request: RunRequest
    public var outcome: RunOutcome
    /// Runs finished so far, including this one.
    public var completed: Int
    public var total: Int
    /// Wall time of this run, in seconds.
    public var runSeconds: Double
    /// Wall time since the first run started, in seconds.
    public var elapsedSeconds: Double

    /// Estimate of the remaining wall time from the mean time per finished run.
    public var estimatedRemainingSeconds: Double {
        completed == 0 ? 0 : elapsedSeconds / Double(completed) * Double(total - completed)
    }
}

/// The results of running a list of claims.
public struct RunResults: Sendable {
    /// One record per claim, sorted by id.
    public var claims: [ClaimRecord]
    /// Wall time of each run in seconds, in plan order. Not part of any reproducible output.
    public var timings: [(request: RunRequest, seconds: Double)]
}

/// Runs claims: plans the requests, executes them on `jobs` workers and combines the
/// outcomes per claim.
public struct ClaimRunner: Sendable {
    public var settings: RunSettings
    public var isolation: Isolation
    /// Number of runs at once; at least 1.
    public var jobs: Int

    public init(settings: RunSettings, isolation: Isolation, jobs: Int) {
        precondition(jobs >= 1, "jobs must be at least 1, got \(jobs)")
        self.settings = settings
        self.isolation = isolation
        self.jobs = jobs
    }

    /// Runs every instance and negative control of `specs`. `progress` is called once per
    /// finished run, from worker threads, one call at a time.
    public func run(_ specs: [TheoremSpec], progress: @escaping @Sendable (RunProgress) -> Void = { _ in }) -> RunResults {
        let requests = RunPlan.requests(for: specs)
        var specsByID: [String: TheoremSpec] = [:]
        for spec in specs { specsByID[spec.id] = spec }
        let queue = WorkQueue(count: requests.count)
        let start = ContinuousClock.now
        let specsLookup = specsByID

        let workerCount = min(jobs, max(requests.count, 1))
        let group = DispatchGroup()
        for _ in 0..<workerCount {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while let index = queue.nextIndex() {
                    let request = requests[index]
                    let spec = specsLookup[request.claimID]!
                    let runStart = ContinuousClock.now
                    let outcome = execute(request, spec: spec)
                    let runSeconds = seconds(ContinuousClock.now - runStart)
                    queue.finish(index: index, outcome: outcome, seconds: runSeconds) { completed in
                        progress(RunProgress(request: request, outcome: outcome, completed: completed, total: requests.count,
                                             runSeconds: runSeconds, elapsedSeconds: seconds(ContinuousClock.now - start)))
                    }
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()

        let (outcomes, durations) = queue.results()
        var records: [RunRequest: RunRecord] = [:]
        for (index, request) in requests.enumerated() {
            records[request] = RunRecord(instanceID: request.instanceID, seed: settings.seed(for: request), outcome: outcomes[index])
        }
        let claims = specs.sorted { $0.id < $1.id }.map { ClaimRecord(spec: $0, outcomes: records) }
        let timings = requests.enumerated().map { (request: $0.element, seconds: durations[$0.offset]) }
        return RunResults(claims: claims, timings: timings)
    }

    private func execute(_ request: RunRequest, spec: TheoremSpec) -> RunOutcome {
        switch isolation {
        case .childProcess(let executable):
            ChildProcessExecutor(executable: executable, settings: settings).execute(request, budgetSeconds: spec.budgetSeconds)
        case .inProcess:
            InProcessExecution.run(request, spec: spec, settings: settings)
        }
    }
}

private func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}

/// Hands out request indices to worker threads and collects their outcomes.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var completed = 0
    private let count: Int
    private var outcomes: [RunOutcome?]
    private var durations: [Double]

    init(count: Int) {
        self.count = count
        outcomes = Array(repeating: nil, count: count)
        durations = Array(repeating: 0, count: count)
    }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// Stores an outcome and calls `report` with the number finished, under the lock so
    /// progress lines never interleave.
    func finish(index: Int, outcome: RunOutcome, seconds: Double, report: (Int) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        outcomes[index] = outcome
        durations[index] = seconds
        completed += 1
        report(completed)
    }

    func results() -> ([RunOutcome], [Double]) {
        lock.lock()
        defer { lock.unlock() }
        return (outcomes.map { $0! }, durations)
    }
}
