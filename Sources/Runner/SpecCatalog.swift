import ClaimKit
import Foundation

/// All specs found in a theorems directory, with the errors of those that failed to load.
public struct SpecCatalog: Sendable {
    /// Valid specs, sorted by id.
    public var specs: [TheoremSpec]
    /// One error per invalid spec file, sorted by file.
    public var errors: [SpecError]

    /// Loads every `*.json` file directly inside `directory` (subdirectories such as
    /// `data/` are not searched) and checks that each spec names a registered check kind.
    ///
    /// - Parameter displayPath: the directory as the user wrote it; error messages and
    ///   `TheoremSpec.file` use it as the prefix.
    /// - Throws: `SpecError` when the directory itself cannot be read.
    public static func load(directory: URL, displayPath: String) throws(SpecError) -> SpecCatalog {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw SpecError(file: displayPath, field: "", value: "", problem: "theorems directory not found or not readable",
                            fix: "pass an existing directory with --theorems DIR")
        }

        var specs: [TheoremSpec] = []
        var errors: [SpecError] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            do {
                specs.append(try loadSpec(url: url, displayPath: join(displayPath, name), theoremsDirectory: directory))
            } catch {
                errors.append(error)
            }
        }
        return SpecCatalog(specs: specs.sorted { $0.id < $1.id }, errors: errors)
    }

    /// Loads one spec and checks its check kind against the registry.
    public static func loadSpec(url: URL, displayPath: String, theoremsDirectory: URL) throws(SpecError) -> TheoremSpec {
        let spec = try TheoremSpec.load(from: url, displayPath: displayPath, theoremsDirectory: theoremsDirectory)
        guard CheckRegistry.checkType(for: spec.check.kind) != nil else {
            throw SpecError(file: displayPath, field: "check.kind", value: JSONValue.quoted(spec.check.kind),
                            problem: "unknown check kind",
                            fix: "use a registered kind (`theorem-check list --kinds` prints them) or register the check in CheckRegistry")
        }
        return spec
    }

    /// Joins a displayed directory and a file name without doubling the slash.
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty || directory == "." { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
