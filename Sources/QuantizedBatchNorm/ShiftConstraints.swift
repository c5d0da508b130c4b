import Exact

/// The exact set of integer pairs (M, B) for which the fixed-point form reproduces a
/// reference step function, for any shift k.
///
/// With t_x = q(x), q̂(x) = q(x) is true exactly when 2^k·t_x ≤ M·x + B ≤ 2^k·(t_x + 1) − 1,
/// where the upper inequality is dropped when t_x = q_hi and the lower one when t_x = q_lo
/// (the clamp absorbs those sides). M·x + B is affine in x, so on a run of constant t_x the
/// inequalities at the run's two ends imply those inside it. A line lies above a point set
/// exactly when it lies above the upper convex hull of the set, and below one exactly when
/// it lies below the lower hull. Scaling levels by 2^k and subtracting 1 keeps the hull
/// vertices, so the hulls are computed once on (x, t_x) and (x, t_x + 1) and reused for
/// every k.
public struct ShiftConstraints: Sendable {
    /// A constraint point: input x and level ℓ. Lower points require M·x + B ≥ 2^k·ℓ; upper
    /// points require M·x + B ≤ 2^k·ℓ − 1.
    public struct Point: Sendable, Equatable {
        public let x: Int
        public let level: Int
    }

    /// Upper convex hull of the lower-bound points, left to right.
    public let lowerBoundHull: [Point]
    /// Lower convex hull of the upper-bound points, left to right.
    public let upperBoundHull: [Point]
    /// Number of constraint points before hull reduction.
    public let pointCount: Int

    public init(steps: StepFunction, output: IntegerDomain) {
        var lowerPoints: [Point] = []
        var upperPoints: [Point] = []
        for run in steps.runs {
            let ends = run.start == run.end ? [run.start] : [run.start, run.end]
            for x in ends {
                if run.value > output.lowerBound { lowerPoints.append(Point(x: x, level: run.value)) }
                if run.value < output.upperBound { upperPoints.append(Point(x: x, level: run.value + 1)) }
            }
        }
        pointCount = lowerPoints.count + upperPoints.count
        lowerBoundHull = ShiftConstraints.convexChain(lowerPoints, upper: true)
        upperBoundHull = ShiftConstraints.convexChain(upperPoints, upper: false)
    }

    /// Returns the upper (or lower) convex chain of points sorted by increasing x, without
    /// collinear middle points, by the monotone chain algorithm. Cross products use Int128,
    /// which cannot overflow for inputs and levels within ±2^31.
    static func convexChain(_ points: [Point], upper: Bool) -> [Point] {
        var chain: [Point] = []
        for point in points {
            while chain.count >= 2 {
                let origin = chain[chain.count - 2]
                let middle = chain[chain.count - 1]
                let cross = Int128(middle.x - origin.x) * Int128(point.level - origin.level)
                    - Int128(middle.level - origin.level) * Int128(point.x - origin.x)
                // A left turn or a straight line makes `middle` redundant in the upper chain.
                // A right turn or a straight line makes it redundant in the lower chain.
                let redundant = upper ? cross >= 0 : cross <= 0
                if redundant { chain.removeLast() } else { break }
            }
            chain.append(point)
        }
        return chain
    }

    /// Decides exactly whether integers (M, B) exist for shift `shift`, and returns the
    /// feasible multiplier interval with the pairs of inputs that bound it.
    ///
    /// Every pair of a lower point p and an upper point u gives M·(x_u − x_p) ≤ 2^k(ℓ_u − ℓ_p) − 1:
    /// an upper bound on M when x_u > x_p and a lower bound when x_u < x_p. An integer M
    /// satisfies all pairs exactly when some B satisfies all constraints, and B is then any
    /// integer in [max_p(2^k·ℓ_p − M·x_p), min_u(2^k·ℓ_u − 1 − M·x_u)].
    public func solve(shift: Int) -> ShiftSolution {
        precondition(shift >= 0, "shift must be nonnegative, got \(shift)")
        var upper: MultiplierBound?
        var lower: MultiplierBound?
        var conflict: (Point, Point)?

        for p in lowerBoundHull {
            for u in upperBoundHull {
                let run = u.x - p.x
                let rise = (BigInt(u.level - p.level) << shift) - BigInt(1)
                if run > 0 {
                    let bound = try! rise.floorDivided(by: BigInt(run))
                    if upper == nil || bound < upper!.integerBound {
                        upper = MultiplierBound(integerBound: bound, exactBound: try! Rational(rise, BigInt(run)),
                                                lowerPointInput: p.x, upperPointInput: u.x)
                    }
                } else if run < 0 {
                    let bound = try! (-rise).ceilingDivided(by: BigInt(-run))
                    if lower == nil || bound > lower!.integerBound {
                        lower = MultiplierBound(integerBound: bound, exactBound: try! Rational(-rise, BigInt(-run)),
                                                lowerPointInput: p.x, upperPointInput: u.x)
                    }
                } else if rise.isNegative && conflict == nil {
                    conflict = (p, u)
                }
            }
        }
        return ShiftSolution(shift: shift, lower: lower, upper: upper, sameInputConflict: conflict.map { $0.0.x })
    }

    /// Returns the integer interval of offsets B that work with multiplier M at shift k; nil ends are unbounded.
    public func offsetInterval(multiplier: BigInt, shift: Int) -> (lower: BigInt?, upper: BigInt?) {
        var lowest: BigInt?
        for p in lowerBoundHull {
            var value = BigInt(p.level) << shift
            value -= multiplier * BigInt(p.x)
            if lowest == nil || value > lowest! { lowest = value }
        }
        var highest: BigInt?
        for u in upperBoundHull {
            var value = (BigInt(u.level) << shift) - BigInt(1)
            value -= multiplier * BigInt(u.x)
            if highest == nil || value < highest! { highest = value }
        }
        return (lowest, highest)
    }
}

/// A bound on the multiplier M from one pair of constraints.
public struct MultiplierBound: Sendable, Equatable {
    /// The bound rounded to an integer inward (floor for an upper bound, ceiling for a lower one).
    public let integerBound: BigInt
    /// The exact bound (2^k(ℓ_u − ℓ_p) − 1)/(x_u − x_p).
    public let exactBound: Rational
    /// Input of the lower-bound constraint (M·x + B ≥ 2^k·ℓ).
    public let lowerPointInput: Int
    /// Input of the upper-bound constraint (M·x + B ≤ 2^k·ℓ − 1).
    public let upperPointInput: Int
}

/// The feasible multipliers for one shift k: the integers in [lower, upper].
public struct ShiftSolution: Sendable, Equatable {
    public let shift: Int
    /// The largest pairwise lower bound on M, or nil when M is unbounded below.
    public let lower: MultiplierBound?
    /// The smallest pairwise upper bound on M, or nil when M is unbounded above.
    public let upper: MultiplierBound?
    /// An input whose own two constraints contradict each other (never happens for a
    /// function's constraints; kept so that the decision is complete).
    public let sameInputConflict: Int?

    public var isFeasible: Bool {
        if sameInputConflict != nil { return false }
        guard let lower, let upper else { return true }
        return lower.integerBound <= upper.integerBound
    }

    /// Returns the feasible multiplier closest to `target`, or nil when none exists.
    public func multiplier(closestTo target: BigInt) -> BigInt? {
        guard isFeasible else { return nil }
        var value = target
        if let lower, value < lower.integerBound { value = lower.integerBound }
        if let upper, value > upper.integerBound { value = upper.integerBound }
        return value
    }
}
