import Foundation

/// The files of one report write held in a staging directory inside the reports
/// directory, with the stale files to remove, until `commit()` moves them into place.
///
/// The staging directory is `.staging-PID` in the reports directory, so every rename
/// stays on one file system.
/// NOTE: a process killed while staging (SIGKILL, or SIGINT/SIGTERM during the report
/// write) leaves its `.staging-PID` directory behind. Later runs ignore it.
public final class ReportStaging: @unchecked Sendable {
    public let reportsDirectory: URL
    public let stagingDirectory: URL

    private let lock = NSLock()
    /// Relative paths of the staged files, in the order they were written.
    private var stagedPaths: [String] = []
    /// Files of an earlier run to remove when committing.
    private var removals: [URL] = []

    init(reportsDirectory: URL) {
        self.reportsDirectory = reportsDirectory
        stagingDirectory = reportsDirectory.appendingPathComponent(".staging-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Writes `contents` to `relativePath` under the staging directory.
    func stage(_ contents: String, at relativePath: String) throws(ReportError) {
        let staged = stagingDirectory.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: staged.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: staged)
        } catch {
            throw ReportError(path: staged.path, problem: "cannot write the staged file: \(error.localizedDescription)")
        }
        lock.lock()
        if !stagedPaths.contains(relativePath) { stagedPaths.append(relativePath) }
        lock.unlock()
    }

    func recordRemoval(of url: URL) {
        lock.lock()
        removals.append(url)
        lock.unlock()
    }

    /// Checks every target, then applies the removals and renames each staged file over
    /// its target, and deletes the staging directory.
    func commit() throws(ReportError) {
        lock.lock()
        let paths = stagedPaths
        let removed = removals
        lock.unlock()

        // Checks first, so that a target that cannot be replaced stops the commit before
        // any old report changes.
        for path in paths {
            let target = reportsDirectory.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
                discard()
                throw ReportError(path: target.path, problem: "cannot replace the file: a directory has that name")
            }
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                discard()
                throw ReportError(path: target.deletingLastPathComponent().path,
                                  problem: "cannot create the directory: \(error.localizedDescription)")
            }
        }

        for url in removed where FileManager.default.fileExists(atPath: url.path) {
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                discard()
                throw ReportError(path: url.path, problem: "cannot remove the file of an earlier run: \(error.localizedDescription)")
            }
        }
        for path in paths {
            let target = reportsDirectory.appendingPathComponent(path)
            guard rename(stagingDirectory.appendingPathComponent(path).path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw ReportError(path: target.path, problem: "cannot replace the file: \(reason)")
            }
        }
        discard()
    }

    /// Deletes the staging directory and clears the lists of staged files and removals.
    func discard() {
        try? FileManager.default.removeItem(at: stagingDirectory)
        lock.lock()
        stagedPaths = []
        removals = []
        lock.unlock()
    }
}
