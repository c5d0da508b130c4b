import CFlint
import Exact

// Three-valued predicates. `.true` and `.false` are certain for every number
// in the ball; `.undecided` means the ball straddles the boundary, or is
// non-finite. "Not positive" is not "negative": isPositive is `.false` only
// when every number in the ball is ≤ 0.

extension Ball {
    func decide(
        _ certainlyTrue: (UnsafePointer<arb_struct>) -> Int32,
        _ certainlyFalse: (UnsafePointer<arb_struct>) -> Int32
    ) -> Truth {
        guard isFinite else {
            return .undecided
        }
        if certainlyTrue(pointer) != 0 {
            return .true
        }
        if certainlyFalse(pointer) != 0 {
            return .false
        }
        return .undecided
    }

    /// Whether x > 0 for every x in the ball.
    public var isPositive: Truth { decide(arb_is_positive, arb_is_nonpositive) }

    /// Whether x < 0 for every x in the ball.
    public var isNegative: Truth { decide(arb_is_negative, arb_is_nonnegative) }

    /// Whether x ≥ 0 for every x in the ball.
    public var isNonnegative: Truth { decide(arb_is_nonnegative, arb_is_negative) }

    /// Whether x ≤ 0 for every x in the ball.
    public var isNonpositive: Truth { decide(arb_is_nonpositive, arb_is_positive) }

    /// `.true` for the exact ball [0 ± 0], `.false` when 0 is outside the ball.
    public var isZero: Truth { decide(arb_is_zero, { arb_contains_zero($0) == 0 ? 1 : 0 }) }

    /// Whether x < y for every x in self and y in other.
    public func lessThan(_ other: Ball) -> Truth {
        guard isFinite, other.isFinite else {
            return .undecided
        }
        if arb_lt(pointer, other.pointer) != 0 {
            return .true
        }
        if arb_ge(pointer, other.pointer) != 0 {
            return .false
        }
        return .undecided
    }

    /// Whether x > y for every x in self and y in other.
    public func greaterThan(_ other: Ball) -> Truth {
        other.lessThan(self)
    }

    /// Whether x < value for every x in the ball, compared exactly (or, for a
    /// ball of magnitude beyond 2^±(2^26), against a 256-bit enclosure of value).
    public func lessThan(_ value: Rational) -> Truth {
        guard isFinite else {
            return .undecided
        }
        guard hasRationalEndpoints else {
            return lessThan(Ball(enclosing: value, precision: Swift.max(precision, 256)))
        }
        if upperBound < value {
            return .true
        }
        if lowerBound >= value {
            return .false
        }
        return .undecided
    }

    /// Whether x > value for every x in the ball, compared exactly (or, for a
    /// ball of magnitude beyond 2^±(2^26), against a 256-bit enclosure of value).
    public func greaterThan(_ value: Rational) -> Truth {
        guard isFinite else {
            return .undecided
        }
        guard hasRationalEndpoints else {
            return greaterThan(Ball(enclosing: value, precision: Swift.max(precision, 256)))
        }
        if lowerBound > value {
            return .true
        }
        if upperBound <= value {
            return .false
        }
        return .undecided
    }
}
