/// The textual forms accepted for exact numbers in specs: a decimal with optional
/// fraction and exponent (`"0.1"`, `"-2.5e-3"`), or a fraction `p/q` with integers p and
/// q ≠ 0 (`"1/3"`). JSON integers are also exact; JSON numbers with a fraction or exponent
/// are not accepted, because their readers round them to binary64.
enum ExactNumberSyntax {
    /// True when `text` is a decimal or fraction literal as described above.
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return isDecimal(Substring(text))
        case 2:
            return isInteger(parts[0]) && isInteger(parts[1], allowSign: false) && parts[1].contains(where: { $0 != "0" })
        default:
            return false
        }
    }

    /// True when `text` is an optionally signed run of ASCII digits.
    static func isInteger(_ text: Substring, allowSign: Bool = true) -> Bool {
        var digits = text
        if allowSign, let first = digits.first, first == "-" || first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit)
    }

    private static func isDecimal(_ text: Substring) -> Bool {
        var rest = text
        if let first = rest.first, first == "-" || first == "+" { rest = rest.dropFirst() }

        let mantissaEnd = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) ?? rest.endIndex
        let mantissa = rest[..<mantissaEnd]
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, !pieces[0].isEmpty, pieces[0].allSatisfy(\.isASCIIDigit) else { return false }
        if pieces.count == 2, pieces[1].isEmpty || !pieces[1].allSatisfy(\.isASCIIDigit) { return false }

        guard mantissaEnd < rest.endIndex else { return true }
        return isInteger(rest[rest.index(after: mantissaEnd)...])
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
