import Foundation
import Testing

/// Runs the built `theorem-check` executable on temporary theorem directories.
struct ToolHarness {
    struct Result {
        var status: Int32
        var output: String
        var error: String

        var lastOutputLine: String {
            output.split(separator: "\n").last.map(String.init) ?? ""
        }
    }

    /// Working directory of the runs. Specs go to `T/` and, in most tests, reports to `R/`.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("theorem-check-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("T"), withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Finds the executable that `swift build` puts next to the test bundle.
    static func executable() throws -> URL {
        let bundleDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [bundleDirectory.appendingPathComponent("theorem-check"),
                          bundleDirectory.deletingLastPathComponent().appendingPathComponent("theorem-check")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw HarnessError(message: "theorem-check not found next to the test bundle (\(bundleDirectory.path)); run `swift build` first")
        }
        return found
    }

    struct HarnessError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    func writeSpec(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent("T/\(name).json"))
    }

    func file(_ relativePath: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Runs the tool with `arguments` in `directory`, capturing output through files so
    /// that large outputs cannot block on a full pipe.
    func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = try ToolHarness.executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let outputURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errorURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()
        return Result(status: process.terminationStatus,
                      output: try String(contentsOf: outputURL, encoding: .utf8),
                      error: try String(contentsOf: errorURL, encoding: .utf8))
    }

    /// Reads all files under `relativeDirectory`, by relative path, except the timings files
    /// and shard summaries, which are outside the reproducibility guarantee.
    func reportFiles(_ relativeDirectory: String) throws -> [String: Data] {
        let root = directory.appendingPathComponent(relativeDirectory)
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return files }
        while let path = enumerator.nextObject() as? String {
            if path.hasPrefix("timings") || path.hasPrefix("shards") { continue }
            var isDirectory: ObjCBool = false
            let url = root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }
}

/// Self-test spec text. The default claim `left ≤ right` with `left = 1/3`,
/// `right = 1/2` is true, and its control swaps the two.
func selfTestSpec(id: String, kind: String = "selftest.compare", expected: String = "proved-exact",
                  instances: String = #"[{"id": "i1", "description": "thirds", "parameters": {"left": "1/3", "right": "1/2"}}]"#,
                  controlExpected: String = "refuted", budget: Int = 20) -> String {
    """
    {
      "id": "\(id)",
      "title": "Self-test \(id)",
      "source": {"title": "Engine self-test", "authors": ["TheoremCheck"], "location": "none"},
      "provenance": "derived",
      "statement": "$1/3 \\\\le 1/2$",
      "hypotheses": [],
      "check": {"kind": "\(kind)", "rigor": "exact", "description": "Self-test check."},
      "instances": \(instances),
      "expectedVerdict": "\(expected)",
      "negativeControls": [{"id": "swap", "description": "swapped", "parameters": {"left": "1/2", "right": "1/3"}, "expectedVerdict": "\(controlExpected)"}],
      "budgetSeconds": \(budget)
    }
    """
}
