import Exact
import Multiprecision

/// The outcome of `escalatePrecision(start:cap:_:)`.
public struct EscalationResult<Result> {
    /// The first decided result, or the result at the cap when none was decided.
    public let result: Result
    /// The precision, in bits, at which `result` was computed.
    public let precision: Int
    /// Every precision tried, in order; the last one is `precision`.
    public let attemptedPrecisions: [Int]
    /// Whether `result` is decided; false means the cap was reached.
    public let isDecided: Bool
}

extension EscalationResult: Sendable where Result: Sendable {}

/// An enclosure together with the answer it gives to a yes-or-no question, so
/// that an undecided answer still carries its best enclosure.
public struct BallDecision: Decidable, Sendable {
    public let answer: Truth
    public let enclosure: Ball

    public init(answer: Truth, enclosure: Ball) {
        self.answer = answer
        self.enclosure = enclosure
    }

    public var isDecided: Bool { answer.isDecided }
}

/// Runs `compute` at `start` bits, then at double the precision each time,
/// until its result is decided or the precision reaches `cap`. The last run
/// is at exactly `cap` bits. Returns the first decided result, or the
/// undecided result computed at the cap (the best enclosure available).
///
/// Throws `NumericError.invalidPrecision` when `start` or `cap` is outside
/// `PrecisionLimits` or `start > cap`, and rethrows errors from `compute`.
public func escalatePrecision<Result: Decidable>(
    start: Int, cap: Int, _ compute: (Int) throws -> Result
) throws -> EscalationResult<Result> {
    try PrecisionLimits.validate(start)
    try PrecisionLimits.validate(cap)
    guard start <= cap else {
        throw NumericError.invalidPrecision(
            bits: start, reason: "the starting precision exceeds the cap of \(cap) bits; raise the cap or lower the start")
    }

    var precision = start
    var attempted: [Int] = []
    while true {
        attempted.append(precision)
        let result = try compute(precision)
        if result.isDecided || precision >= cap {
            return EscalationResult(
                result: result, precision: precision, attemptedPrecisions: attempted, isDecided: result.isDecided)
        }
        precision = Swift.min(2 * precision, cap)
    }
}
