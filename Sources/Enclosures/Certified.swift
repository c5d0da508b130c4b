/// A result that may or may not be decided at the precision it was computed at.
///
/// `escalatePrecision(start:cap:_:)` reruns a computation until its result is decided.
public protocol Decidable {
    /// Whether the result settles its question (a certified enclosure, a
    /// `.true` or `.false` answer), so that more precision is not needed.
    var isDecided: Bool { get }
}

/// The outcome of a computation that either certifies its result or reports that it cannot.
///
/// `.undecided` means the certificate failed at this precision: the input may
/// have no such result (a singular matrix has no inverse), or more precision
/// may be needed. It never stands for a wrong or partial result.
public enum Certified<Value> {
    /// The value, with every rounding error accounted for.
    case certified(Value)
    /// No certificate at this precision.
    case undecided

    /// The certified value, or nil.
    public var value: Value? {
        if case .certified(let value) = self {
            return value
        }
        return nil
    }
}

extension Certified: Decidable {
    public var isDecided: Bool { value != nil }
}

extension Certified: Sendable where Value: Sendable {}
