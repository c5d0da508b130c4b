import Foundation

enum Paths {
    /// Resolves a path given on the command line to an absolute file URL, relative to the
    /// working directory.
    static func url(_ path: String) -> URL {
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
    }

    /// The path of the running executable, used to start child processes.
    static var currentExecutable: String {
        #if os(Linux)
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        #endif
        return url(CommandLine.arguments[0]).path
    }
}
