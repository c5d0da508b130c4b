/// A JSON object of named parameters from a spec, with typed accessors.
///
/// Every accessor throws `SpecError` naming the file, the full field path (for example
/// `instances[0].parameters.discount`), the value and a fix. Exact numbers are JSON
/// integers or strings such as `"0.1"`, `"1/3"` and `"-2.5e-3"`. A JSON number with a
/// fraction or exponent (`0.1`) is rejected, because specs never carry binary64 values.
public struct Parameters: Sendable, Equatable {
    /// One parameter value and the field path it was read from.
    public struct Entry: Sendable, Equatable {
        public var value: JSONValue
        public var field: String
    }

    /// The spec file the parameters were read from.
    public let file: String
    /// Field path of the object itself, used for keys that are missing.
    public let field: String
    private var entries: [String: Entry]

    /// Wraps the members of a JSON object found at `field` in `file`.
    public init(file: String, field: String, members: [String: JSONValue]) {
        self.file = file
        self.field = field
        var entries: [String: Entry] = [:]
        for (key, value) in members {
            entries[key] = Entry(value: value, field: Parameters.join(field, key))
        }
        self.entries = entries
    }

    /// Parameters with no entries.
    public static func empty(file: String, field: String) -> Parameters {
        Parameters(file: file, field: field, members: [:])
    }

    /// The parameter names, sorted.
    public var keys: [String] { entries.keys.sorted() }

    /// The entries, sorted by name.
    public var sortedEntries: [(key: String, entry: Entry)] {
        entries.keys.sorted().map { ($0, entries[$0]!) }
    }

    public func contains(_ key: String) -> Bool { entries[key] != nil }

    /// Returns these parameters with `overrides` laid over them: a key in both takes the
    /// override's value and field path.
    public func merging(_ overrides: Parameters) -> Parameters {
        var merged = self
        for (key, entry) in overrides.entries { merged.entries[key] = entry }
        return merged
    }

    /// Returns the field path a key has or would have, for error messages.
    public func fieldPath(_ key: String) -> String {
        entries[key]?.field ?? Parameters.join(field, key)
    }

    /// Builds a `SpecError` about `key`, for checks that validate values themselves
    /// (ranges, shapes, relations between parameters).
    public func invalid(_ key: String, problem: String, fix: String) -> SpecError {
        SpecError(file: file, field: fieldPath(key), value: entries[key]?.value.compactText ?? "",
                  problem: problem, fix: fix)
    }

    /// Throws unless every key is in `allowed`, so that a misspelt parameter is reported
    /// instead of silently ignored.
    public func rejectUnknownKeys(allowed: Set<String>) throws(SpecError) {
        for key in keys where !allowed.contains(key) {
            throw invalid(key, problem: "unknown parameter",
                          fix: "use one of: " + allowed.sorted().joined(separator: ", "))
        }
    }

    // MARK: Raw values

    /// Returns the raw JSON value of `key` and throws when it is missing.
    public func value(_ key: String) throws(SpecError) -> JSONValue {
        guard let entry = entries[key] else {
            throw SpecError(file: file, field: fieldPath(key), value: "", problem: "missing required parameter",
                            fix: "add \"\(key)\" to the parameters of the spec, the instance or the control")
        }
        return entry.value
    }

    /// Returns the raw JSON value of `key`, or nil when it is missing or JSON null.
    public func optionalValue(_ key: String) -> JSONValue? {
        guard let value = entries[key]?.value, value != .null else { return nil }
        return value
    }

    // MARK: Strings, booleans, integers

    public func string(_ key: String) throws(SpecError) -> String {
        try Parameters.string(try value(key), at: location(key))
    }

    public func optionalString(_ key: String) throws(SpecError) -> String? {
        guard let raw = optionalValue(key) else { return nil }
        return try Parameters.string(raw, at: location(key))
    }

    public func strings(_ key: String) throws(SpecError) -> [String] {
        try elements(key).map { (element, location) throws(SpecError) in try Parameters.string(element, at: location) }
    }

    public func optionalStrings(_ key: String) throws(SpecError) -> [String]? {
        guard optionalValue(key) != nil else { return nil }
        return try strings(key)
    }

    public func bool(_ key: String) throws(SpecError) -> Bool {
        guard case .bool(let flag) = try value(key) else {
            throw location(key).error(try value(key), problem: "expected true or false", fix: "write true or false without quotes")
        }
        return flag
    }

    public func optionalBool(_ key: String) throws(SpecError) -> Bool? {
        guard optionalValue(key) != nil else { return nil }
        return try bool(key)
    }

    /// Reads a JSON integer, or a string containing one, that fits in `Int`.
    public func integer(_ key: String) throws(SpecError) -> Int {
        try Parameters.integer(try value(key), at: location(key))
    }

    public func optionalInteger(_ key: String) throws(SpecError) -> Int? {
        guard let raw = optionalValue(key) else { return nil }
        return try Parameters.integer(raw, at: location(key))
    }

    public func integers(_ key: String) throws(SpecError) -> [Int] {
        try elements(key).map { (element, location) throws(SpecError) in try Parameters.integer(element, at: location) }
    }

    // MARK: Exact numbers as text

    /// Reads the literal text of an exact number: a JSON integer, or a string in decimal or
    /// fraction form (`"0.1"`, `"1/3"`, `"-2.5e-3"`). Use `rational(_:)` for the value.
    public func exactNumberText(_ key: String) throws(SpecError) -> String {
        try Parameters.exactNumberText(try value(key), at: location(key))
    }

    public func exactNumberTexts(_ key: String) throws(SpecError) -> [String] {
        try elements(key).map { (element, location) throws(SpecError) in
            try Parameters.exactNumberText(element, at: location)
        }
    }

    // MARK: Nested objects

    public func object(_ key: String) throws(SpecError) -> Parameters {
        try Parameters.object(try value(key), at: location(key))
    }

    public func optionalObject(_ key: String) throws(SpecError) -> Parameters? {
        guard let raw = optionalValue(key) else { return nil }
        return try Parameters.object(raw, at: location(key))
    }

    public func objects(_ key: String) throws(SpecError) -> [Parameters] {
        try elements(key).map { (element, location) throws(SpecError) in try Parameters.object(element, at: location) }
    }

    // MARK: Element access shared by the accessors

    /// Position of a value in a spec file, for building errors about it.
    struct Location: Sendable {
        var file: String
        var field: String

        func error(_ value: JSONValue, problem: String, fix: String) -> SpecError {
            SpecError(file: file, field: field, value: value.compactText, problem: problem, fix: fix)
        }

        func element(_ index: Int) -> Location { Location(file: file, field: "\(field)[\(index)]") }
    }

    func location(_ key: String) -> Location { Location(file: file, field: fieldPath(key)) }

    /// Returns the elements of the array at `key`, each with its own location.
    func elements(_ key: String) throws(SpecError) -> [(JSONValue, Location)] {
        let raw = try value(key)
        guard case .array(let array) = raw else {
            throw location(key).error(raw, problem: "expected an array, found \(raw.typeName)", fix: "write a JSON array [ ... ]")
        }
        return array.enumerated().map { ($0.element, location(key).element($0.offset)) }
    }

    static func string(_ raw: JSONValue, at location: Location) throws(SpecError) -> String {
        guard case .string(let text) = raw else {
            throw location.error(raw, problem: "expected a string, found \(raw.typeName)", fix: "write the value in double quotes")
        }
        return text
    }

    static func integer(_ raw: JSONValue, at location: Location) throws(SpecError) -> Int {
        let text: String
        switch raw {
        case .number(let literal) where isIntegerLiteral(literal): text = literal
        case .string(let literal) where ExactNumberSyntax.isInteger(Substring(literal)): text = literal
        default:
            throw location.error(raw, problem: "expected an integer, found \(raw.typeName)",
                                 fix: "write a whole number such as 3 or \"-12\"")
        }
        guard let value = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
            throw location.error(raw, problem: "integer out of the range \(Int.min)...\(Int.max)",
                                 fix: "use a smaller value, or read the field with bigInteger")
        }
        return value
    }

    static func exactNumberText(_ raw: JSONValue, at location: Location) throws(SpecError) -> String {
        switch raw {
        case .number(let literal) where isIntegerLiteral(literal):
            return literal
        case .number(let literal):
            throw location.error(raw, problem: "a JSON number with a fraction or exponent would be read as binary64",
                                 fix: "write the exact value as a string, \"\(literal)\", or as a fraction such as \"1/3\"")
        case .string(let literal) where ExactNumberSyntax.isValid(literal):
            return literal
        case .string:
            throw location.error(raw, problem: "not an exact number",
                                 fix: "write an integer, a decimal such as \"0.1\" or \"-2.5e-3\", or a fraction such as \"1/3\"")
        default:
            throw location.error(raw, problem: "expected an exact number, found \(raw.typeName)",
                                 fix: "write an integer, or a string such as \"0.1\" or \"1/3\"")
        }
    }

    static func object(_ raw: JSONValue, at location: Location) throws(SpecError) -> Parameters {
        guard case .object(let members) = raw else {
            throw location.error(raw, problem: "expected an object, found \(raw.typeName)", fix: "write a JSON object { ... }")
        }
        return Parameters(file: location.file, field: location.field, members: members)
    }

    static func join(_ prefix: String, _ key: String) -> String {
        prefix.isEmpty ? key : prefix + "." + key
    }
}
