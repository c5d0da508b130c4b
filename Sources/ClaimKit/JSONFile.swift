import Foundation

/// Reading of JSON data files whose top level is an object.
public enum JSONFile {
    /// Reads `url` as UTF-8 JSON and returns the members of its top-level object.
    ///
    /// - Parameters:
    ///   - file: the path that error messages name.
    ///   - fix: what the user should do when the file cannot be read or parsed.
    /// - Throws: `SpecError` when the file is unreadable, is not valid JSON (with line and
    ///   column), or has another value than an object at the top level.
    public static func readObject(at url: URL, file: String, fix: String) throws(SpecError) -> [String: JSONValue] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SpecError(file: file, field: "", value: "", problem: "cannot read the file as UTF-8 text: \(error.localizedDescription)",
                            fix: fix)
        }

        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw SpecError(file: file, field: "", value: "",
                            problem: "invalid JSON at line \(error.line), column \(error.column): \(error.problem)", fix: fix)
        }

        guard case .object(let members) = document else {
            throw SpecError(file: file, field: "", value: document.typeName,
                            problem: "the top level must be a JSON object", fix: fix)
        }
        return members
    }
}
