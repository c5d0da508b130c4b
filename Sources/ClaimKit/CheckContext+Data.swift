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
        let members = try JSONFile.readObject(
            at: url, file: displayPath,
            fix: "regenerate the file with its export script, or correct it so that it is UTF-8 JSON with an object at the top level")
        return Parameters(file: displayPath, field: "", members: members)
    }
}
