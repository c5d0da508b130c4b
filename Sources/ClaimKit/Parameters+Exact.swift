import Exact

extension Parameters {
    /// Reads an integer of any size: a JSON integer or a string such as `"-123456789012345678901"`.
    public func bigInteger(_ key: String) throws(SpecError) -> BigInt {
        try Parameters.bigInteger(try value(key), at: location(key))
    }

    public func optionalBigInteger(_ key: String) throws(SpecError) -> BigInt? {
        guard let raw = optionalValue(key) else { return nil }
        return try Parameters.bigInteger(raw, at: location(key))
    }

    /// Reads an exact rational: a JSON integer, or a string `"0.1"` (exactly 1/10), `"1/3"` or
    /// `"-2.5e-3"`.
    public func rational(_ key: String) throws(SpecError) -> Rational {
        try Parameters.rational(try value(key), at: location(key))
    }

    public func optionalRational(_ key: String) throws(SpecError) -> Rational? {
        guard let raw = optionalValue(key) else { return nil }
        return try Parameters.rational(raw, at: location(key))
    }

    /// Reads an array of exact rationals.
    public func rationals(_ key: String) throws(SpecError) -> [Rational] {
        try elements(key).map { (element, location) throws(SpecError) in try Parameters.rational(element, at: location) }
    }

    public func optionalRationals(_ key: String) throws(SpecError) -> [Rational]? {
        guard optionalValue(key) != nil else { return nil }
        return try rationals(key)
    }

    /// Reads an array of arrays of exact rationals, all rows of the same length.
    public func rationalMatrix(_ key: String) throws(SpecError) -> [[Rational]] {
        var rows: [[Rational]] = []
        for (element, location) in try elements(key) {
            guard case .array(let cells) = element else {
                throw location.error(element, problem: "expected a row (an array), found \(element.typeName)",
                                     fix: "write the matrix as an array of rows, [[\"1/2\", \"1/2\"], [\"0\", \"1\"]]")
            }
            var row: [Rational] = []
            for (index, cell) in cells.enumerated() {
                row.append(try Parameters.rational(cell, at: location.element(index)))
            }
            if let first = rows.first, first.count != row.count {
                throw location.error(element, problem: "row has \(row.count) entries but the first row has \(first.count)",
                                     fix: "give every row the same number of entries")
            }
            rows.append(row)
        }
        return rows
    }

    static func bigInteger(_ raw: JSONValue, at location: Location) throws(SpecError) -> BigInt {
        let text: String
        switch raw {
        case .number(let literal) where isIntegerLiteral(literal): text = literal
        case .string(let literal) where ExactNumberSyntax.isInteger(Substring(literal)): text = literal
        default:
            throw location.error(raw, problem: "expected an integer, found \(raw.typeName)",
                                 fix: "write a whole number such as 3 or \"-123456789012345678901\"")
        }
        do {
            return try BigInt(parsing: text)
        } catch {
            throw location.error(raw, problem: "not a decimal integer", fix: "write a whole number such as 3")
        }
    }

    static func rational(_ raw: JSONValue, at location: Location) throws(SpecError) -> Rational {
        let text = try exactNumberText(raw, at: location)
        do {
            return try Rational(parsing: text)
        } catch {
            throw location.error(raw, problem: "not an exact number: \(error)",
                                 fix: "write an integer, a decimal such as \"0.1\" or \"-2.5e-3\", or a fraction such as \"1/3\"")
        }
    }
}
