import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The running child processes of this process, so that SIGINT or SIGTERM can stop them
/// before the parent exits.
///
/// After `installTerminationHandlers` the parent ignores SIGINT and SIGTERM at the
/// process level and handles them on a dispatch queue instead. The handler sets the
/// stopping flag, so no further child starts. It then kills every registered child with
/// SIGKILL, waits for each and removes its output files. Last it exits with 128 + the
/// signal number (130 for SIGINT, 143 for SIGTERM), the status shells report for a
/// process killed by that signal.
public final class ChildProcessRegistry: @unchecked Sendable {
    public static let shared = ChildProcessRegistry()

    private let lock = NSLock()
    private var children: [pid_t: [String]] = [:]
    private var stopping = false
    private var signalSources: [DispatchSourceSignal] = []

    private init() {}

    /// Starts a child through `spawn` unless a termination signal arrived, and registers
    /// its process id with the files to remove if the parent is stopped. Returns nil when
    /// stopping. The lock is held while spawning, so the handler never misses a child.
    func start(removingOnStop paths: [String], _ spawn: () throws -> pid_t) rethrows -> pid_t? {
        lock.lock()
        defer { lock.unlock() }
        guard !stopping else { return nil }
        let pid = try spawn()
        children[pid] = paths
        return pid
    }

    /// Removes a child that has been waited for.
    func finish(_ pid: pid_t) {
        lock.lock()
        children[pid] = nil
        lock.unlock()
    }

    /// Handles SIGINT and SIGTERM as described on the type. `message` returns the line
    /// written to standard error before the exit, given the signal name and the number of
    /// children stopped.
    public func installTerminationHandlers(message: @escaping @Sendable (String, Int) -> String) {
        lock.lock()
        defer { lock.unlock() }
        guard signalSources.isEmpty else { return }
        for (signalNumber, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                let count = stopChildren()
                FileHandle.standardError.write(Data(message(name, count).utf8))
                exit(128 + signalNumber)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// Sets the stopping flag, kills every registered child and waits for it. Returns the
    /// number of children stopped.
    private func stopChildren() -> Int {
        lock.lock()
        stopping = true
        let stopped = children
        children = [:]
        lock.unlock()

        for (pid, paths) in stopped {
            kill(pid, SIGKILL)
            var rawStatus: Int32 = 0
            while waitpid(pid, &rawStatus, 0) == -1 && errno == EINTR {}
            paths.forEach { unlink($0) }
        }
        return stopped.count
    }
}
