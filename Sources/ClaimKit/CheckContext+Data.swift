import Foundation

extension CheckContext {
    /// Reads the data file named by this instance as a JSON object, with the same typed
    /// accessors as spec parameters. Errors name the data file and the field path inside it.
    ///
    /// - Throws: `SpecError` when the instance names no data file, the file is missing, is
    ///   not valid JSON, or its top level is not an object.
    public func instanceData() throws(SpecError) -> Parameters {
        guard let relative = instance.data else {
            _ = try instanceDataURL()
            preconditionFailure("instanceDataURL() throws when the instance has no data file")
        }
        return try data(relative)
    }

    /// Reads a data file, given relative to the theorems directory, as a JSON object.
    public func data(_ relative: String) throws(SpecError) -> Parameters {
        let url = try dataURL(relative)
        let displayPath = (spec.file as NSString).deletingLastPathComponent.isEmpty
            ? relative
            : (spec.file as NSString).deletingLastPathComponent + "/" + relative
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SpecError(file: displayPath, field: "", value: "", problem: "cannot read the data file as UTF-8 text",
                            fix: "check that the file is readable and saved as UTF-8")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw SpecError(file: displayPath, field: "", value: "",
                            problem: "invalid JSON at line \(error.line), column \(error.column): \(error.problem)",
                            fix: "regenerate the file with its export script, or correct the JSON at that position")
        }
        guard case .object(let members) = document else {
            throw SpecError(file: displayPath, field: "", value: "", problem: "the top level of a data file must be a JSON object",
                            fix: "wrap the content in an object, e.g. {\"rows\": [...]}")
        }
        return Parameters(file: displayPath, field: "", members: members)
    }
}
