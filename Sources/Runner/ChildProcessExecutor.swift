import ClaimKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hidden subcommand that runs one request in a child process, and its arguments.
public struct ChildRunArguments: Sendable, Equatable {
    /// The subcommand name. Its leading underscores mark it as internal to the runner.
    public static let subcommand = "__run-one"

    public var request: RunRequest
    public var settings: RunSettings

    public init(request: RunRequest, settings: RunSettings) {
        self.request = request
        self.settings = settings
    }

    /// The command-line arguments after the executable path.
    public var arguments: [String] {
        var arguments = [ChildRunArguments.subcommand, "--theorems", settings.theoremsDisplayPath,
                         "--theorems-path", settings.theoremsDirectory.path, "--claim", request.claimID,
                         "--instance", request.instanceID, "--seed", String(settings.seed),
                         "--precision", String(settings.precision)]
        if let controlID = request.controlID { arguments += ["--control", controlID] }
        return arguments
    }

    /// Parses the arguments that follow the subcommand; nil when they are malformed,
    /// which only happens when something other than the runner starts the subcommand.
    public init?(parsing arguments: [String]) {
        var values: [String: String] = [:]
        var index = 0
        while index + 1 < arguments.count, arguments[index].hasPrefix("--") {
            values[arguments[index]] = arguments[index + 1]
            index += 2
        }
        guard index == arguments.count, let display = values["--theorems"], let path = values["--theorems-path"],
              let claim = values["--claim"], let instance = values["--instance"],
              let seed = values["--seed"].flatMap(UInt64.init), let precision = values["--precision"].flatMap(Int.init) else {
            return nil
        }
        request = RunRequest(claimID: claim, instanceID: instance, controlID: values["--control"])
        settings = RunSettings(theoremsDirectory: URL(fileURLWithPath: path), theoremsDisplayPath: display,
                               seed: seed, precision: precision)
    }
}

/// Runs each request in a child process of `executable`, so that a trap or a hang in a
/// check ends only that run.
///
/// The child writes one JSON-encoded `RunOutcome` to its standard output. A child killed
/// by a signal, or exiting without a result, gives `.crashed` with the fatal-error line
/// from its standard error. A child still running `gracePeriod` seconds after its
/// budget is killed with SIGKILL and gives `.timedOut`.
public struct ChildProcessExecutor: Sendable {
    /// Path of the `theorem-check` executable.
    public var executable: String
    public var settings: RunSettings
    /// Seconds past the budget before the child is killed. The check's own
    /// `checkDeadline()` fires at the budget, so a cooperative check stops first.
    public var gracePeriod: Double

    public init(executable: String, settings: RunSettings, gracePeriod: Double = 2) {
        self.executable = executable
        self.settings = settings
        self.gracePeriod = gracePeriod
    }

    /// Runs `request` in a child and waits for it, at most its budget plus the grace period.
    public func execute(_ request: RunRequest, budgetSeconds: Int) -> RunOutcome {
        let arguments = ChildRunArguments(request: request, settings: settings).arguments
        let child: ChildProcess.Exit
        do {
            child = try ChildProcess.run(executable: executable, arguments: arguments,
                                         timeoutSeconds: Double(budgetSeconds) + gracePeriod)
        } catch {
            return .crashed(message: "could not start \(executable): \(error)")
        }

        switch child.status {
        case .timedOut:
            return .timedOut(seconds: budgetSeconds)
        case .signaled(let signal):
            return .crashed(message: "terminated by signal \(signal) (\(ChildProcess.signalName(signal)))"
                            + ChildProcess.fatalErrorSuffix(child.standardError))
        case .exited(let code):
            if code == 0, let outcome = try? RunOutcomeCoding.decoder().decode(RunOutcome.self, from: child.standardOutput) {
                return outcome
            }
            return .crashed(message: "exited with status \(code) without a result" + ChildProcess.fatalErrorSuffix(child.standardError))
        }
    }
}

/// Spawning and waiting for a child process with its output captured in temporary files.
enum ChildProcess {
    enum Status: Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
    }

    struct Exit {
        var status: Status
        var standardOutput: Data
        var standardError: Data
    }

    struct SpawnError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "posix_spawn failed: \(String(cString: strerror(code)))" }
    }

    struct StoppingError: Error, CustomStringConvertible {
        var description: String { "the run is stopping after a termination signal" }
    }

    /// Starts `executable` with `arguments`, standard output and error redirected to
    /// temporary files, and polls until it exits or `timeoutSeconds` pass (then SIGKILL).
    static func run(executable: String, arguments: [String], timeoutSeconds: Double) throws -> Exit {
        let directory = FileManager.default.temporaryDirectory
        let stem = "theorem-check-\(getpid())-\(UUID().uuidString)"
        let outputPath = directory.appendingPathComponent(stem + ".out").path
        let errorPath = directory.appendingPathComponent(stem + ".err").path
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // The Swift runtime's backtracer would spend seconds symbolicating a trap; the
        // runner needs only the fatal-error line.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let environmentStrings = environment.keys.sorted().map { "\($0)=\(environment[$0]!)" }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentStrings.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        // The parent may ignore SIGINT and SIGTERM (see ChildProcessRegistry), and ignored
        // signals stay ignored across exec, so the child gets their default actions back.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGINT)
        sigaddset(&defaultSignals, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let started = try ChildProcessRegistry.shared.start(removingOnStop: [outputPath, errorPath]) { () throws -> pid_t in
            var pid: pid_t = 0
            let spawnResult = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            guard spawnResult == 0 else { throw SpawnError(code: spawnResult) }
            return pid
        }
        guard let pid = started else { throw StoppingError() }

        let status = wait(for: pid, timeoutSeconds: timeoutSeconds)
        ChildProcessRegistry.shared.finish(pid)
        let output = FileManager.default.contents(atPath: outputPath) ?? Data()
        let error = FileManager.default.contents(atPath: errorPath) ?? Data()
        return Exit(status: status, standardOutput: output, standardError: error)
    }

    /// Polls `waitpid` every 10 ms; kills the child with SIGKILL once `timeoutSeconds` pass.
    private static func wait(for pid: pid_t, timeoutSeconds: Double) -> Status {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeoutSeconds * 1000))
        var rawStatus: Int32 = 0
        while true {
            let result = waitpid(pid, &rawStatus, WNOHANG)
            if result == pid { return decode(rawStatus) }
            if result == -1 && errno != EINTR { return .exited(-1) }
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &rawStatus, 0) == -1 && errno == EINTR {}
                return .timedOut
            }
            usleep(10_000)
        }
    }

    /// Decodes a `waitpid` status word: the low 7 bits hold the signal number (0 for a
    /// normal exit) and bits 8–15 the exit status.
    private static func decode(_ rawStatus: Int32) -> Status {
        let signal = rawStatus & 0x7F
        if signal == 0 { return .exited((rawStatus >> 8) & 0xFF) }
        return .signaled(signal)
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: "SIGILL, e.g. a Swift runtime trap"
        case SIGTRAP: "SIGTRAP, e.g. a Swift runtime trap"
        case SIGABRT: "SIGABRT"
        case SIGFPE: "SIGFPE, e.g. an integer division by zero"
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGKILL: "SIGKILL"
        default: "signal \(signal)"
        }
    }

    /// Returns ": MESSAGE" for the first "Fatal error" line on standard error, or an empty
    /// string. The source path before the message is dropped, because it differs between machines.
    static func fatalErrorSuffix(_ standardError: Data) -> String {
        let text = String(decoding: standardError, as: UTF8.self)
        for line in text.split(separator: "\n") {
            if let range = line.range(of: "Fatal error:") {
                return ": " + line[range.lowerBound...].trimmingCharacters(in: .whitespaces)
            }
            if let range = line.range(of: "Precondition failed:") {
                return ": " + line[range.lowerBound...].trimmingCharacters(in: .whitespaces)
            }
        }
        return ""
    }
}
