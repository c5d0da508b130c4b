/// The answer to a yes-or-no question about values known only as enclosures.
///
/// `.undecided` means the enclosures do not settle the question at the working
/// precision: it is neither "no" nor an error. The connectives follow Kleene's
/// strong three-valued logic, so `.false && .undecided` is `.false` and
/// `.true || .undecided` is `.true`.
public enum Truth: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case `true`
    case `false`
    case undecided

    /// `.true` or `.false`, matching `value`.
    public init(_ value: Bool) {
        self = value ? .true : .false
    }

    /// Whether the value is certainly true.
    public var isTrue: Bool { self == .true }

    /// Whether the value is certainly false.
    public var isFalse: Bool { self == .false }

    /// Whether the value is decided, true or false.
    public var isDecided: Bool { self != .undecided }

    /// The answer as a `Bool`, or nil when undecided.
    public var boolValue: Bool? {
        switch self {
        case .true: return true
        case .false: return false
        case .undecided: return nil
        }
    }

    public var description: String { rawValue }

    public static prefix func ! (value: Truth) -> Truth {
        switch value {
        case .true: return .false
        case .false: return .true
        case .undecided: return .undecided
        }
    }

    public static func && (lhs: Truth, rhs: @autoclosure () throws -> Truth) rethrows -> Truth {
        if lhs == .false {
            return .false
        }
        let right = try rhs()
        if right == .false {
            return .false
        }
        return lhs == .true && right == .true ? .true : .undecided
    }

    public static func || (lhs: Truth, rhs: @autoclosure () throws -> Truth) rethrows -> Truth {
        if lhs == .true {
            return .true
        }
        let right = try rhs()
        if right == .true {
            return .true
        }
        return lhs == .false && right == .false ? .false : .undecided
    }

    /// Returns the conjunction of all values: `.false` if any is false, else `.true`
    /// if all are true, else `.undecided`. An empty sequence gives `.true`.
    public static func all<S: Sequence>(_ values: S) -> Truth where S.Element == Truth {
        var result = Truth.true
        for value in values {
            result = result && value
            if result == .false {
                return .false
            }
        }
        return result
    }

    /// Returns the disjunction of all values. An empty sequence gives `.false`.
    public static func any<S: Sequence>(_ values: S) -> Truth where S.Element == Truth {
        var result = Truth.false
        for value in values {
            result = result || value
            if result == .true {
                return .true
            }
        }
        return result
    }
}

extension Truth: Decidable {}
