import Exact

/// Parses an exact literal such as "221/100" or "0.5". A malformed literal traps, because it is a
/// defect in the test itself.
func q(_ text: String) -> Rational {
    try! Rational(parsing: text)
}

/// Parses a list of exact literals.
func qs(_ texts: [String]) -> [Rational] {
    texts.map(q)
}
