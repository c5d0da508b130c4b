import ClaimKit
import Foundation
import Runner
#if canImport(Glibc)
import Glibc
#endif

/// The hidden subcommand the runner starts in a child process for one run.
enum ChildRunCommand {
    /// Runs the request and writes its `RunOutcome` as JSON to standard output. While the
    /// check runs, standard output is redirected to standard error, so stray prints
    /// cannot corrupt the result.
    static func run(_ arguments: [String]) -> Int32 {
        guard let parsed = ChildRunArguments(parsing: arguments) else {
            FileHandle.standardError.write(Data("Error: \(ChildRunArguments.subcommand) is internal to 'theorem-check run' and got malformed arguments\n".utf8))
            return 3
        }

        let resultDescriptor = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        let outcome = InProcessExecution.run(parsed.request, settings: parsed.settings)

        let data: Data
        do {
            data = try RunOutcomeCoding.encoder().encode(outcome)
        } catch {
            FileHandle.standardError.write(Data("Error: cannot encode the check result: \(error)\n".utf8))
            return 1
        }
        let handle = FileHandle(fileDescriptor: resultDescriptor, closeOnDealloc: true)
        handle.write(data)
        return 0
    }
}
