import Foundation

extension TheoremSpec {
    /// Reads and validates the spec at `url`.
    ///
    /// - Parameters:
    ///   - displayPath: the path used in error messages and stored in `file`, usually
    ///     relative to the working directory (`Theorems/pmd.finite-step.json`).
    ///   - theoremsDirectory: the directory that data paths are relative to; every
    ///     instance's data file must exist there.
    /// - Throws: `SpecError` for unreadable files, JSON syntax errors, missing or
    ///   misspelt fields, wrong types, duplicate ids, a file name that does not match the
    ///   id, and missing data files.
    public static func load(from url: URL, displayPath: String, theoremsDirectory: URL) throws(SpecError) -> TheoremSpec {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SpecError(file: displayPath, field: "", value: "", problem: "cannot read the file as UTF-8 text",
                            fix: "check that the file exists, is readable and is saved as UTF-8")
        }
        let stem = url.deletingPathExtension().lastPathComponent
        return try parse(text, file: displayPath, expectedID: stem, theoremsDirectory: theoremsDirectory)
    }

    /// Parses and validates spec text. `expectedID` is the file stem the id must equal;
    /// nil skips that check.
    public static func parse(_ text: String, file: String, expectedID: String?,
                             theoremsDirectory: URL?) throws(SpecError) -> TheoremSpec {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw SpecError(file: file, field: "", value: "",
                            problem: "invalid JSON at line \(error.line), column \(error.column): \(error.problem)",
                            fix: "correct the JSON syntax at that position")
        }

        let root = try SpecObject(document, file: file, field: "")
        try root.rejectUnknownKeys(["id", "title", "source", "provenance", "statement", "hypotheses", "check",
                                    "parameters", "instances", "expectedVerdict", "negativeControls", "budgetSeconds"])

        let id = try root.identifier("id")
        if let expectedID, id != expectedID {
            throw root.invalid("id", problem: "the id differs from the file name \"\(expectedID).json\"",
                               fix: "rename the file to \"\(id).json\" or set \"id\" to \"\(expectedID)\"")
        }

        let source = try decodeSource(try root.object("source"))
        let check = try decodeCheck(try root.object("check"))
        let parameters = try root.parameters("parameters")

        let instanceObjects = try root.objects("instances")
        guard !instanceObjects.isEmpty else {
            throw root.invalid("instances", problem: "a claim needs at least one instance", fix: "add an instance object")
        }
        var instances: [InstanceSpec] = []
        for object in instanceObjects {
            let instance = try decodeInstance(object, theoremsDirectory: theoremsDirectory)
            if instances.contains(where: { $0.id == instance.id }) {
                throw object.invalid("id", problem: "duplicate instance id", fix: "give every instance its own id")
            }
            instances.append(instance)
        }

        let controlObjects = try root.objects("negativeControls")
        guard !controlObjects.isEmpty else {
            throw root.invalid("negativeControls", problem: "every claim needs at least one negative control",
                               fix: "add a slightly false variant of the claim that the check must refute")
        }
        var controls: [ControlSpec] = []
        for object in controlObjects {
            let control = try decodeControl(object, instanceIDs: instances.map(\.id))
            if controls.contains(where: { $0.id == control.id }) {
                throw object.invalid("id", problem: "duplicate control id", fix: "give every negative control its own id")
            }
            controls.append(control)
        }

        let budget = try root.integer("budgetSeconds")
        guard budget > 0 else {
            throw root.invalid("budgetSeconds", problem: "the budget must be positive", fix: "give the wall-clock budget in seconds, e.g. 60")
        }
        guard budget <= TheoremSpec.maximumBudgetSeconds else {
            throw root.invalid("budgetSeconds",
                               problem: "the budget exceeds the maximum of \(TheoremSpec.maximumBudgetSeconds) s (7 days)",
                               fix: "give a budget from 1 to \(TheoremSpec.maximumBudgetSeconds) seconds")
        }

        return TheoremSpec(
            id: id, title: try root.text("title"), source: source, provenance: try root.enumeration("provenance"),
            statement: try root.text("statement"), hypotheses: try root.texts("hypotheses"), check: check,
            parameters: parameters, instances: instances, expectedVerdict: try root.enumeration("expectedVerdict"),
            negativeControls: controls, budgetSeconds: budget, file: file)
    }

    private static func decodeSource(_ object: SpecObject) throws(SpecError) -> SourceReference {
        try object.rejectUnknownKeys(["title", "authors", "arxiv", "venue", "location"])
        let authors = try object.texts("authors")
        guard !authors.isEmpty else {
            throw object.invalid("authors", problem: "the author list is empty", fix: "list the paper's authors")
        }
        return SourceReference(title: try object.text("title"), authors: authors, arxiv: try object.optionalText("arxiv"),
                               venue: try object.optionalText("venue"), location: try object.text("location"))
    }

    private static func decodeCheck(_ object: SpecObject) throws(SpecError) -> CheckMethod {
        try object.rejectUnknownKeys(["kind", "rigor", "description"])
        return CheckMethod(kind: try object.identifier("kind"), rigor: try object.enumeration("rigor"),
                           description: try object.text("description"))
    }

    private static func decodeInstance(_ object: SpecObject, theoremsDirectory: URL?) throws(SpecError) -> InstanceSpec {
        try object.rejectUnknownKeys(["id", "description", "parameters", "data"])
        let data = try object.optionalText("data")
        if let data {
            try validateDataPath(data, object: object, theoremsDirectory: theoremsDirectory)
        }
        return InstanceSpec(id: try object.identifier("id"), description: try object.text("description"),
                            parameters: try object.parameters("parameters"), data: data)
    }

    private static func validateDataPath(_ path: String, object: SpecObject, theoremsDirectory: URL?) throws(SpecError) {
        let components = path.split(separator: "/")
        guard !path.hasPrefix("/"), !components.contains(".."), !components.isEmpty else {
            throw object.invalid("data", problem: "the data path must stay inside the theorems directory",
                                 fix: "give a relative path without '..', such as \"data/file.json\"")
        }
        guard let theoremsDirectory else { return }
        let url = theoremsDirectory.appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw object.invalid("data", problem: "data file not found at \(url.path)",
                                 fix: "create the file (see scripts/ for the export scripts) or correct the path")
        }
    }

    private static func decodeControl(_ object: SpecObject, instanceIDs: [String]) throws(SpecError) -> ControlSpec {
        try object.rejectUnknownKeys(["id", "description", "parameters", "instances", "expectedVerdict"])
        var instances = instanceIDs
        if object.contains("instances") {
            instances = try object.texts("instances")
            guard !instances.isEmpty else {
                throw object.invalid("instances", problem: "the control runs on no instance",
                                     fix: "list instance ids, or omit the field to run on every instance")
            }
            for (index, name) in instances.enumerated() where !instanceIDs.contains(name) {
                throw SpecError(file: object.file, field: object.path("instances") + "[\(index)]", value: JSONValue.quoted(name),
                                problem: "no instance has this id",
                                fix: "use one of: " + instanceIDs.joined(separator: ", "))
            }
        }
        return ControlSpec(id: try object.identifier("id"), description: try object.text("description"),
                           parameters: try object.parameters("parameters"), instances: instances,
                           expectedVerdict: try object.enumeration("expectedVerdict"))
    }
}

/// A JSON object inside a spec file, with accessors for the spec's own fields.
struct SpecObject {
    let members: [String: JSONValue]
    let file: String
    let field: String

    init(_ value: JSONValue, file: String, field: String) throws(SpecError) {
        guard case .object(let members) = value else {
            throw SpecError(file: file, field: field, value: value.compactText,
                            problem: "expected an object, found \(value.typeName)", fix: "write a JSON object { ... }")
        }
        self.members = members
        self.file = file
        self.field = field
    }

    func path(_ key: String) -> String { field.isEmpty ? key : field + "." + key }

    func contains(_ key: String) -> Bool { members[key] != nil }

    func invalid(_ key: String, problem: String, fix: String) -> SpecError {
        SpecError(file: file, field: path(key), value: members[key]?.compactText ?? "", problem: problem, fix: fix)
    }

    func rejectUnknownKeys(_ allowed: [String]) throws(SpecError) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            throw invalid(key, problem: "unknown field", fix: "remove it or use one of: " + allowed.joined(separator: ", "))
        }
    }

    func required(_ key: String) throws(SpecError) -> JSONValue {
        guard let value = members[key] else {
            throw SpecError(file: file, field: path(key), value: "", problem: "missing required field",
                            fix: "add \"\(key)\"; docs/SPEC-FORMAT.md lists every field")
        }
        return value
    }

    func text(_ key: String) throws(SpecError) -> String {
        guard case .string(let text) = try required(key) else {
            throw invalid(key, problem: "expected a string, found \(try required(key).typeName)", fix: "write the value in double quotes")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw invalid(key, problem: "the string is empty", fix: "fill in the text")
        }
        return text
    }

    func optionalText(_ key: String) throws(SpecError) -> String? {
        guard let value = members[key], value != .null else { return nil }
        return try text(key)
    }

    func texts(_ key: String) throws(SpecError) -> [String] {
        guard case .array(let elements) = try required(key) else {
            throw invalid(key, problem: "expected an array of strings", fix: "write [\"...\", \"...\"]")
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw SpecError(file: file, field: path(key) + "[\(index)]", value: element.compactText,
                                problem: "expected a string, found \(element.typeName)", fix: "write the value in double quotes")
            }
            result.append(text)
        }
        return result
    }

    /// Reads an id: lower-case ASCII letters, digits, '.', '_' and '-', starting with a letter or digit.
    func identifier(_ key: String) throws(SpecError) -> String {
        let id = try text(key)
        let allowed = id.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-"
        }
        guard allowed, let first = id.unicodeScalars.first, first != ".", first != "_", first != "-" else {
            throw invalid(key, problem: "an id may contain only lower-case letters, digits, '.', '_' and '-', and must start with a letter or digit",
                          fix: "rename it, e.g. \"pmd.finite-step\"")
        }
        return id
    }

    func integer(_ key: String) throws(SpecError) -> Int {
        let value = try required(key)
        guard case .number(let literal) = value, isIntegerLiteral(literal) else {
            throw invalid(key, problem: "expected an integer, found \(value.typeName)", fix: "write a whole number such as 60")
        }
        guard let integer = Int(literal) else {
            throw invalid(key, problem: "the integer is out of range \(Int.min)...\(Int.max)",
                          fix: "write a whole number in that range")
        }
        return integer
    }

    func enumeration<T: RawRepresentable & CaseIterable>(_ key: String) throws(SpecError) -> T where T.RawValue == String {
        let raw = try text(key)
        guard let value = T(rawValue: raw) else {
            throw invalid(key, problem: "not a known value",
                          fix: "use one of: " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    func object(_ key: String) throws(SpecError) -> SpecObject {
        try SpecObject(try required(key), file: file, field: path(key))
    }

    func objects(_ key: String) throws(SpecError) -> [SpecObject] {
        guard case .array(let elements) = try required(key) else {
            throw invalid(key, problem: "expected an array of objects", fix: "write [ { ... }, { ... } ]")
        }
        var result: [SpecObject] = []
        for (index, element) in elements.enumerated() {
            result.append(try SpecObject(element, file: file, field: path(key) + "[\(index)]"))
        }
        return result
    }

    /// Reads the optional `parameters` object; empty when the spec omits it.
    func parameters(_ key: String) throws(SpecError) -> Parameters {
        guard let value = members[key] else { return .empty(file: file, field: path(key)) }
        guard case .object(let object) = value else {
            throw invalid(key, problem: "expected an object, found \(value.typeName)", fix: "write a JSON object { ... }")
        }
        let parameters = Parameters(file: file, field: path(key), members: object)
        try rejectBinary64(in: value, field: path(key))
        return parameters
    }

    /// Rejects JSON numbers with a fraction or exponent anywhere inside a parameters
    /// object, so that no binary64 value reaches a check even through a raw accessor.
    private func rejectBinary64(in value: JSONValue, field: String) throws(SpecError) {
        switch value {
        case .number(let literal) where !isIntegerLiteral(literal):
            throw SpecError(file: file, field: field, value: literal,
                            problem: "a JSON number with a fraction or exponent would be read as binary64",
                            fix: "write the exact value as a string, \"\(literal)\", or as a fraction such as \"1/3\"")
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                try rejectBinary64(in: element, field: field + "[\(index)]")
            }
        case .object(let members):
            for key in members.keys.sorted() {
                try rejectBinary64(in: members[key]!, field: field + "." + key)
            }
        default:
            break
        }
    }
}
