import Exact

/// The minimal shift k for which integers (M, B) reproduce a reference, with the chosen
/// fixed-point form and the infeasibility certificate at k − 1.
public struct MinimalShift: Sendable {
    /// k_min, or nil when no shift up to `searchLimit` works.
    public let shift: Int?
    /// The feasible multiplier interval at k_min.
    public let solution: ShiftSolution?
    /// The fixed-point form at k_min: M closest to a·2^k, then B closest to (b + δ)·2^k.
    public let quantizer: FixedPointQuantizer?
    /// The feasible offsets for the chosen M at k_min; nil ends are unbounded.
    public let offsetInterval: (lower: BigInt?, upper: BigInt?)?
    /// The pairwise bounds at k_min − 1 that leave no integer M (nil when k_min = 0).
    public let belowMinimum: ShiftSolution?
    /// Largest shift tried.
    public let searchLimit: Int
    /// Number of shifts decided.
    public let shiftsDecided: Int

    /// Finds k_min by bisection. Feasibility is monotone in k, because (2M, 2B) at k + 1
    /// gives the same outputs as (M, B) at k.
    ///
    /// - Parameters:
    ///   - knownFeasible: shifts that theory proves feasible (the margin bound, an exact dyadic
    ///     representation); each is confirmed before the bisection uses it.
    ///   - limit: largest shift to try when no known shift is feasible.
    public static func find(reference: AffineQuantizer, constraints: ShiftConstraints,
                            knownFeasible: [Int], limit: Int) -> MinimalShift {
        var decided = 0
        func solve(_ shift: Int) -> ShiftSolution {
            decided += 1
            return constraints.solve(shift: shift)
        }

        var feasibleShift: Int?
        var feasibleSolution: ShiftSolution?
        let zero = solve(0)
        if zero.isFeasible {
            feasibleShift = 0
            feasibleSolution = zero
        } else {
            for candidate in knownFeasible.sorted() where candidate > 0 {
                let solution = solve(candidate)
                if solution.isFeasible {
                    feasibleShift = candidate
                    feasibleSolution = solution
                    break
                }
            }
            if feasibleShift == nil {
                var candidate = 1
                while candidate <= limit {
                    let solution = solve(candidate)
                    if solution.isFeasible {
                        feasibleShift = candidate
                        feasibleSolution = solution
                        break
                    }
                    candidate = candidate == limit ? limit + 1 : min(2 * candidate, limit)
                }
            }
        }
        let searchLimit = max(limit, knownFeasible.max() ?? 0)
        guard var high = feasibleShift, var highSolution = feasibleSolution else {
            return MinimalShift(shift: nil, solution: nil, quantizer: nil, offsetInterval: nil, belowMinimum: nil,
                                searchLimit: searchLimit, shiftsDecided: decided)
        }

        // Invariant: `low` is infeasible (or −1) and `high` is feasible.
        var low = -1
        var lowSolution: ShiftSolution?
        if high > 0 { low = 0; lowSolution = zero }
        while high - low > 1 {
            let middle = (low + high) / 2
            let solution = solve(middle)
            if solution.isFeasible {
                high = middle
                highSolution = solution
            } else {
                low = middle
                lowSolution = solution
            }
        }
        if high > 0 && lowSolution?.shift != high - 1 { lowSolution = solve(high - 1) }

        let delta = reference.rounding.floorOffset ?? Rational(1, 2)
        let target = reference.slope.timesPowerOfTwo(high).rounded(.toNearestOrUp)
        let multiplier = highSolution.multiplier(closestTo: target)!
        let interval = constraints.offsetInterval(multiplier: multiplier, shift: high)
        var offset = (reference.intercept + delta).timesPowerOfTwo(high).rounded(.toNearestOrUp)
        if let lower = interval.lower, offset < lower { offset = lower }
        if let upper = interval.upper, offset > upper { offset = upper }
        let quantizer = FixedPointQuantizer(multiplier: multiplier, offset: offset, shift: high, output: reference.output)
        return MinimalShift(shift: high, solution: highSolution, quantizer: quantizer, offsetInterval: interval,
                            belowMinimum: high > 0 ? lowSolution : nil, searchLimit: searchLimit, shiftsDecided: decided)
    }

    /// Returns the shift at which M = a·2^k and B = (b + δ)·2^k are integers, so that the fixed-point
    /// form equals ⌊a·x + b + δ⌋ on every input; nil unless a and b + δ are dyadic and the rule
    /// is floor or half-up (the rules equal to ⌊y + δ⌋ for every y).
    public static func exactDyadicShift(_ reference: AffineQuantizer) -> Int? {
        guard reference.rounding.isFloorOfShift, let delta = reference.rounding.floorOffset else { return nil }
        var shift = 0
        for value in [reference.slope, reference.intercept + delta] {
            let denominator = value.denominator
            let bits = denominator.bitWidth - 1
            guard BigInt.powerOfTwo(bits) == denominator else { return nil }
            shift = max(shift, bits)
        }
        return shift
    }
}
