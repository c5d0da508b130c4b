import ClaimKit
import Exact
import Foundation

/// The settings shared by every run of one invocation.
public struct RunSettings: Sendable, Equatable {
    public var theoremsDirectory: URL
    /// The theorems directory as the user wrote it, for messages and `TheoremSpec.file`.
    public var theoremsDisplayPath: String
    public var seed: UInt64
    /// Working precision in bits.
    public var precision: Int

    public init(theoremsDirectory: URL, theoremsDisplayPath: String, seed: UInt64, precision: Int) {
        self.theoremsDirectory = theoremsDirectory
        self.theoremsDisplayPath = theoremsDisplayPath
        self.seed = seed
        self.precision = precision
    }

    /// Returns the seed passed to the check of `request`.
    public func seed(for request: RunRequest) -> UInt64 {
        RunSeed.derive(globalSeed: seed, claimID: request.claimID, instanceID: request.instanceID, controlID: request.controlID)
    }
}

/// Runs one request in the current process. A trap in the check ends this process, so
/// the runner calls this only inside a child process (or in tests with safe checks).
public enum InProcessExecution {
    /// Loads the claim's spec from the theorems directory, runs its check and maps every
    /// thrown error to an outcome.
    public static func run(_ request: RunRequest, settings: RunSettings) -> RunOutcome {
        let url = settings.theoremsDirectory.appendingPathComponent(request.claimID + ".json")
        let displayPath = SpecCatalog.join(settings.theoremsDisplayPath, request.claimID + ".json")
        let spec: TheoremSpec
        do {
            spec = try SpecCatalog.loadSpec(url: url, displayPath: displayPath, theoremsDirectory: settings.theoremsDirectory)
        } catch {
            return .invalidInput(message: error.description)
        }
        return run(request, spec: spec, settings: settings)
    }

    /// Runs one request of an already loaded spec.
    public static func run(_ request: RunRequest, spec: TheoremSpec, settings: RunSettings) -> RunOutcome {
        guard let instance = spec.instance(request.instanceID) else {
            return .invalidInput(message: "\(spec.file): no instance has the id \"\(request.instanceID)\"")
        }
        var control: ControlSpec?
        if let controlID = request.controlID {
            guard let found = spec.control(controlID) else {
                return .invalidInput(message: "\(spec.file): no negative control has the id \"\(controlID)\"")
            }
            control = found
        }
        guard let checkType = CheckRegistry.checkType(for: spec.check.kind) else {
            return .invalidInput(message: "\(spec.file): unknown check kind \"\(spec.check.kind)\"")
        }

        let context = CheckContext(
            spec: spec, instance: instance, control: control, seed: settings.seed(for: request),
            precision: settings.precision, theoremsDirectory: settings.theoremsDirectory,
            deadline: ContinuousClock.now + .seconds(spec.budgetSeconds))
        do {
            let result = try checkType.init().run(context)
            if let violation = result.contractViolation(rigor: spec.check.rigor) {
                return .failed(message: violation)
            }
            return .completed(result: result)
        } catch let error as SpecError {
            return .invalidInput(message: withDisplayPath(error, settings: settings).description)
        } catch let error as NumericError {
            return .invalidInput(message: "\(spec.file): \(error.description)")
        } catch let error as BudgetExceeded {
            return .budgetExceeded(seconds: error.budgetSeconds)
        } catch {
            return .failed(message: String(describing: error))
        }
    }

    /// Returns `error` with its file under the theorems directory as the user wrote it,
    /// such as `Theorems/data/taxi.json`, when a check named a data file by its path
    /// relative to the theorems directory. Errors with other paths stay unchanged.
    public static func withDisplayPath(_ error: SpecError, settings: RunSettings) -> SpecError {
        let displayPrefix = SpecCatalog.join(settings.theoremsDisplayPath, "")
        guard !error.file.isEmpty, !error.file.hasPrefix("/"), !displayPrefix.isEmpty, !error.file.hasPrefix(displayPrefix),
              FileManager.default.fileExists(atPath: settings.theoremsDirectory.appendingPathComponent(error.file).path) else {
            return error
        }
        var rewritten = error
        rewritten.file = SpecCatalog.join(settings.theoremsDisplayPath, error.file)
        return rewritten
    }
}
