import Exact

/// A piecewise-constant integer function on an integer domain, stored as the first input
/// of each maximal constant run and the run's value.
public struct StepFunction: Sendable, Equatable {
    public let domain: IntegerDomain
    /// Strictly increasing; the first element is `domain.lowerBound`.
    public let starts: [Int]
    /// `values[i]` holds on `starts[i] ... starts[i + 1] − 1` (the last run ends at `domain.upperBound`).
    public let values: [Int]

    init(domain: IntegerDomain, starts: [Int], values: [Int]) {
        precondition(starts.first == domain.lowerBound && starts.count == values.count)
        self.domain = domain
        self.starts = starts
        self.values = values
    }

    /// One maximal run [start, end] on which the function equals `value`.
    public struct Run: Sendable, Equatable {
        public let start: Int
        public let end: Int
        public let value: Int
    }

    public var runs: [Run] {
        starts.indices.map { index in
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : domain.upperBound
            return Run(start: starts[index], end: end, value: values[index])
        }
    }

    /// The inputs where the value changes: every start except the domain's lower bound.
    public var stepPositions: ArraySlice<Int> { starts.dropFirst() }

    /// Returns the value at `x`, found by binary search over the runs.
    public func value(at x: Int) -> Int {
        precondition(domain.contains(x), "StepFunction.value(at: \(x)) outside \(domain)")
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= x { low = middle } else { high = middle - 1 }
        }
        return values[low]
    }
}

extension AffineQuantizer {
    /// The runs of q on `domain`, with every step position computed exactly in ℚ.
    ///
    /// q is monotone in x (non-decreasing for a > 0, non-increasing for a < 0, constant for
    /// a = 0), so it has at most q_hi − q_lo steps. For a > 0 the first input with q(x) ≥ t is
    /// ⌈(θ_t − b)/a⌉ or the next integer, where θ_t is the rule's threshold for level t.
    /// Each step start s is confirmed by evaluating q at s − 1 and s directly. A failed
    /// confirmation is a defect in this code, so it stops the program.
    public func stepFunction(on domain: IntegerDomain) -> StepFunction {
        switch slope.signum {
        case 0:
            return StepFunction(domain: domain, starts: [domain.lowerBound], values: [value(at: domain.lowerBound)])
        case 1:
            return increasingStepFunction(on: domain)
        default:
            // q(x) = q'(−x) with q' of slope −a > 0 on the reflected domain.
            let reflectedRuns = reflected.increasingStepFunction(on: domain.negated).runs.reversed()
            let starts = reflectedRuns.map { -$0.end }
            let values = reflectedRuns.map(\.value)
            for (start, expected) in zip(starts, values) {
                precondition(value(at: start) == expected, "reflected step at \(start) disagrees with q")
            }
            return StepFunction(domain: domain, starts: starts, values: values)
        }
    }

    private func increasingStepFunction(on domain: IntegerDomain) -> StepFunction {
        let firstValue = value(at: domain.lowerBound)
        let lastValue = value(at: domain.upperBound)
        var starts = [domain.lowerBound]
        var values = [firstValue]
        guard lastValue > firstValue else {
            return StepFunction(domain: domain, starts: starts, values: values)
        }

        for level in (firstValue + 1)...lastValue {
            // ⌈(θ − b)/a⌉ = ⌈(2θ·D − 2·b·D)/(2·a·D)⌉ = −⌊(2·b·D − 2θ·D)/(2·a·D)⌋ with a·D > 0.
            var dividend = interceptNumerator + interceptNumerator
            dividend -= BigInt(rounding.doubledLevelThreshold(level)) * denominator
            let candidate = -(try! dividend.floorDivided(by: slopeNumerator + slopeNumerator))
            guard let candidateInt = candidate.exactInt, domain.contains(candidateInt) else {
                preconditionFailure("step candidate \(candidate) for level \(level) outside \(domain)")
            }
            let first = value(at: candidateInt) >= level ? candidateInt : candidateInt + 1
            if first == starts.last! { continue }

            let runValue = value(at: first)
            precondition(runValue >= level && value(at: first - 1) < level,
                         "step for level \(level) is not at \(first)")
            starts.append(first)
            values.append(runValue)
        }
        return StepFunction(domain: domain, starts: starts, values: values)
    }
}
