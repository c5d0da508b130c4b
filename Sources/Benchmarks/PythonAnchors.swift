import Foundation

/// Runs `scripts/bench_anchors.py` with the given Python interpreter and
/// returns the minimum wall time per anchor in seconds. A missing package gives
/// nil for its anchor, and a missing interpreter or script gives an empty
/// result. The anchors are optional, so the benchmark never fails for them.
func pythonAnchorTimes(python: String?, task: String, repeats: Int, extraArgument: String? = nil) -> [String: Double?] {
    guard let python else { return [:] }
    let script = URL(fileURLWithPath: "scripts/bench_anchors.py")
    guard FileManager.default.fileExists(atPath: script.path) else {
        FileHandle.standardError.write(Data("note: scripts/bench_anchors.py not found; run from the package root to get the Python anchors\n".utf8))
        return [:]
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, script.path, task, String(repeats)] + (extraArgument.map { [$0] } ?? [])
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    do {
        try process.run()
    } catch {
        FileHandle.standardError.write(Data("note: could not start \(python): \(error)\n".utf8))
        return [:]
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        FileHandle.standardError.write(Data("note: the Python anchors for \(task) failed (exit \(process.terminationStatus))\n".utf8))
        return [:]
    }
    var times: [String: Double?] = [:]
    for (name, value) in object {
        times[name] = value as? Double
    }
    return times
}
