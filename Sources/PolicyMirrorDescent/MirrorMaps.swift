import Enclosures
import Exact

/// A separable mirror map h(p) = Σ_a φ(p_a) for the policy mirror descent step
///
///     π'_s = argmin_{p ∈ Δ(A)} { η ⟨Q(s,·), p⟩ + D_h(p, π_s) },  D_h(p, q) = h(p) − h(q) − ⟨∇h(q), p − q⟩
///
/// (L. Xiao, "On the convergence rates of policy gradient methods", arXiv:2201.07443; G. Lan,
/// arXiv:2102.00135). The Euclidean map φ = x²/2 is exact in ℚ and lives with the exact PMD code.
public enum MirrorMap: String, Sendable, CaseIterable, Codable {
    /// Negative entropy φ(x) = x log x. D_h is the KL divergence and the step is natural policy gradient.
    case kl
    /// Tsallis-type φ(x) = (4/3) x^{3/2}, so φ'(x) = 2√x and R_φ = φ'(1) − φ'(0) = 2.
    case tsallis
    /// Log-barrier (Burg entropy) φ(x) = −log x, so φ'(x) = −1/x and φ'(0) = −∞.
    case burg
    /// φ(x) = −x², which is concave: a negative control, because D_h(p, q) = −‖p − q‖² is no divergence.
    case negativeSquare = "negative-square"

    /// True when φ'(0) = −∞, so that every iterate started in the interior keeps full support.
    public var hasInfiniteSlopeAtZero: Bool {
        self == .kl || self == .burg
    }
}

/// The next policy row of one PMD step, or the reason it could not be certified at this precision.
public enum PolicyRowUpdate: Sendable {
    /// Enclosures of π'(a|s), one per action. An entry known to be exactly zero is the exact ball 0.
    case certified([Ball])
    /// The precision did not suffice (a case split straddles its boundary, or a tie could not be broken).
    case undecided(String)
}

extension MirrorMap {
    /// Encloses one PMD step at a single state: the minimiser over the simplex of
    /// η⟨q, p⟩ + D_h(p, policy), given enclosures of the current row and of Q(s,·).
    ///
    /// Every returned ball contains the exact minimiser's entry for every point of the input
    /// balls. The row computation is independent of the MDP.
    /// - Parameters:
    ///   - policy: enclosures of π(·|s); they must contain a probability vector.
    ///   - actionValues: enclosures of Q(s,·), in the same action order.
    ///   - stepSize: η > 0, exact.
    ///   - precision: working precision in bits for every ball operation.
    public func step(policy: [Ball], actionValues: [Ball], stepSize: Rational, precision: Int) -> PolicyRowUpdate {
        precondition(policy.count == actionValues.count && !policy.isEmpty,
                     "policy row has \(policy.count) entries and the Q row \(actionValues.count)")
        precondition(stepSize.signum > 0, "the step size must be positive, got \(stepSize)")
        let eta = try! Ball(stepSize, precision: precision)

        switch self {
        case .kl:
            return MirrorMap.entropyStep(policy: policy, actionValues: actionValues, eta: eta, precision: precision)
        case .tsallis:
            return MirrorMap.tsallisStep(policy: policy, actionValues: actionValues, eta: eta, precision: precision)
        case .burg:
            return MirrorMap.burgStep(policy: policy, actionValues: actionValues, eta: eta, precision: precision)
        case .negativeSquare:
            return MirrorMap.negativeSquareStep(policy: policy, actionValues: actionValues, eta: eta,
                                                precision: precision)
        }
    }
}

// MARK: - KL (negative entropy)

extension MirrorMap {
    /// π'(a) ∝ π(a)·exp(−ηQ(a)), computed in log space as π'(a) = 1 / Σ_b exp(z_b − z_a) with
    /// z = log π − ηQ. The term b = a is exactly 1, so a tiny π'(a) keeps its relative accuracy
    /// (no escalation is needed for masses far below 2^(−precision)), and an entry near 1 is
    /// 1/(1 + small) without cancellation.
    static func entropyStep(policy: [Ball], actionValues: [Ball], eta: Ball, precision: Int) -> PolicyRowUpdate {
        var support: [Int] = []
        for (action, probability) in policy.enumerated() {
            switch (probability.isZero, probability.isPositive) {
            case (.true, _):
                continue
            case (_, .true):
                support.append(action)
            default:
                return .undecided("π(\(action)) = \(probability.formatted(significantDigits: 6)) is neither "
                                  + "certified zero nor certified positive, so log π(\(action)) is not enclosed")
            }
        }
        guard !support.isEmpty else {
            return .undecided("every entry of the policy row is zero, so it is not a probability vector")
        }

        // Actions outside the support stay at exactly zero: exp(−ηQ)·0 = 0.
        let exponents = support.map { policy[$0].log() - eta * actionValues[$0] }
        var next = [Ball](repeating: Ball(0, precision: precision), count: policy.count)
        let one = Ball(1, precision: precision)
        for (position, action) in support.enumerated() {
            var denominator = one
            for (other, exponent) in exponents.enumerated() where other != position {
                denominator = denominator + (exponent - exponents[position]).exp()
            }
            next[action] = one / denominator
        }
        return .certified(next)
    }
}

// MARK: - Tsallis q = 3/2

extension MirrorMap {
    /// p_a = max(0, y_a)²/4 with y_a = c_a − λ and c_a = 2√π_a − ηQ_a, where λ is the root of Σ_a p_a = 1.
    ///
    /// Given the active set A = {a : y_a > 0} with mean c̄ of c over A and u_a = c_a − c̄, the equation
    /// Σ_{a∈A} (u_a + c̄ − λ)² = 4 and Σ_A u_a = 0 give c̄ − λ = √((4 − Σ_A u_a²)/|A|), so
    /// y_a = u_a + √((4 − Σ_A u²)/|A|) for every action. Each u_a is built from the pairwise
    /// differences c_a − c_b, which are exactly 0 for a = b: this avoids the dependency blow-up of
    /// forming λ and subtracting it, and keeps a vertex policy exactly fixed (|A| = 1 gives y = 2).
    /// The active set is chosen on midpoints (largest c first, as in the simplex projection) and then
    /// certified: y_a > 0 on A and y_a < 0 off A. Because Σ max(0, c_a − λ)² is strictly decreasing
    /// where positive, such a λ is the unique root, and off-A entries are exactly zero. Up to three
    /// actions with y_a straddling 0 are handled by `boundaryUnion`; more leave the step undecided.
    static func tsallisStep(policy: [Ball], actionValues: [Ball], eta: Ball, precision: Int) -> PolicyRowUpdate {
        var roots: [Ball] = []
        for (action, probability) in policy.enumerated() {
            guard probability.isNonnegative != .false else {
                return .undecided("π(\(action)) = \(probability.formatted(significantDigits: 6)) is negative")
            }
            // √ of a ball that dips below 0 is not finite in Arb; clip such a ball to [0, upper].
            let clipped = probability.isNonnegative == .true
                ? probability
                : try! Ball(lower: Rational(0), upper: probability.upperBound, precision: precision)
            roots.append(clipped.sqrt())
        }

        // difference[a][b] = c_a − c_b = 2(√π_a − √π_b) − η(Q_a − Q_b), exactly 0 on the diagonal.
        let two = Ball(2, precision: precision)
        let zero = Ball(0, precision: precision)
        let difference: [[Ball]] = policy.indices.map { a in
            policy.indices.map { b in
                a == b ? zero : two * (roots[a] - roots[b]) - eta * (actionValues[a] - actionValues[b])
            }
        }
        let shiftedMidpoints = policy.indices.map { (two * roots[$0] - eta * actionValues[$0]).midpoint }
        let order = policy.indices.sorted { shiftedMidpoints[$0] > shiftedMidpoints[$1] }

        let four = Ball(4, precision: precision)

        // The row for active set A, with y_a = u_a + √((4 − Σ_A u²)/|A|) for every action and
        // u_a = (1/|A|) Σ_{b∈A} (c_a − c_b). It is nil when the radicand is certified negative.
        func candidate(_ active: [Int]) -> (row: [Ball], y: [Ball])? {
            let count = Ball(active.count, precision: precision)
            let deviations: [Ball] = policy.indices.map { a in
                var total = zero
                for b in active where b != a { total = total + difference[a][b] }
                return active.count == 1 ? total : total / count
            }
            var sumOfSquares = zero
            for a in active where active.count > 1 { sumOfSquares = sumOfSquares + deviations[a] * deviations[a] }
            let radicand = (four - sumOfSquares) / count
            guard radicand.isNegative != .true else { return nil }
            let offset = radicand.sqrt()
            guard offset.isFinite else { return nil }
            let y = deviations.map { $0 + offset }
            var row = [Ball](repeating: zero, count: policy.count)
            for action in active { row[action] = y[action] * y[action] / four }
            return (row, y)
        }

        // Actions whose sign of y is not certified: y > 0 is required on A and y < 0 off A.
        func uncertified(_ y: [Ball], active: [Int]) -> [Int] {
            policy.indices.filter { action in
                active.contains(action) ? y[action].isPositive != .true : y[action].isNegative != .true
            }
        }

        var failures: [String] = []
        for activeCount in 1...order.count {
            let active = Array(order[..<activeCount])
            guard let (row, y) = candidate(active) else { continue }

            // Cheap rejection on midpoints before the certified test.
            let consistent = active.allSatisfy { y[$0].midpoint.signum > 0 }
                && order[activeCount...].allSatisfy { y[$0].midpoint.signum <= 0 }
            guard consistent else { continue }

            let straddling = uncertified(y, active: active)
            if straddling.isEmpty { return .certified(row) }

            // Actions T at the boundary y_a ≈ 0. Some are exactly 0. For example, with two actions
            // √π₀ − √π₁ grows by η(Q₁ − Q₀)/2 per step and can reach exactly 1, and exact ties in Q
            // between actions put several of them on the boundary at once.
            // The true active set is (A ∖ T) ∪ S for some S ⊆ T. When every sign outside T is
            // certified for every such candidate, the root λ is one of the candidates' roots, because
            // Σ max(0, c − λ)² is strictly decreasing. So the union of the candidate rows encloses π'.
            if straddling.count <= 3, let union = boundaryUnion(active: active, boundary: straddling, candidate: candidate,
                                                                uncertified: { uncertified($0, active: $1) }) {
                return .certified(union)
            }
            failures.append("with \(activeCount) active action(s), y_a = c_a − λ straddles 0 for actions "
                            + straddling.sorted().map(String.init).joined(separator: ", "))
        }
        let detail = failures.isEmpty ? "no active set passed the midpoint test" : failures.joined(separator: "; ")
        return .undecided("the Tsallis active set is not certified at \(precision) bits: " + detail)
    }
}

extension MirrorMap {
    /// Returns the entrywise union of the Tsallis rows for the active sets (A ∖ T) ∪ S over all S ⊆ T,
    /// or nil when some candidate fails or leaves a sign outside T uncertified.
    static func boundaryUnion(active: [Int], boundary: [Int],
                              candidate: ([Int]) -> (row: [Ball], y: [Ball])?,
                              uncertified: ([Ball], [Int]) -> [Int]) -> [Ball]? {
        let certain = active.filter { !boundary.contains($0) }
        var lower: [Rational]?
        var upper: [Rational]?
        for mask in 0..<(1 << boundary.count) {
            let chosen = boundary.indices.filter { mask & (1 << $0) != 0 }.map { boundary[$0] }
            let set = certain + chosen
            guard !set.isEmpty, let (row, y) = candidate(set) else { return nil }
            let open = uncertified(y, set).filter { !boundary.contains($0) }
            guard open.isEmpty else { return nil }
            // p_a ≥ 0, though the ball y_a·y_a of a y_a straddling 0 reaches below 0.
            let rowLower = row.map { max(Rational.zero, $0.lowerBound) }
            let rowUpper = row.map(\.upperBound)
            lower = lower.map { zip($0, rowLower).map { min($0, $1) } } ?? rowLower
            upper = upper.map { zip($0, rowUpper).map { max($0, $1) } } ?? rowUpper
        }
        guard let lower, let upper, let precision = candidate(active)?.row.first?.precision else { return nil }
        return zip(lower, upper).map { try! Ball(lower: $0, upper: $1, precision: precision) }
    }
}

// MARK: - Burg (log-barrier)

extension MirrorMap {
    /// p_a = 1/(d_a + λ) with d_a = 1/π_a + ηQ_a, where λ > −min_a d_a is the root of Σ_a p_a = 1.
    ///
    /// With b the action of smallest d (on midpoints), h_a = d_a − d_b is formed from the differences
    /// (1/π_a − 1/π_b) + η(Q_a − Q_b), exactly 0 for a = b, and s = λ + d_b solves
    /// g(s) = Σ_a 1/(h_a + s) − 1 = 0, so p_a = 1/(h_a + s). When every h_a ≥ 0 the root lies in [1, n],
    /// because the term of b alone is 1 at s = 1 and every term is at most 1/n at s = n. Newton's
    /// method on midpoints from s = 1/2, left of the root where g is convex and decreasing, gives s̃.
    /// The bracket [s̃ − δ, s̃ + δ] is certified by g(s̃ − δ) > 0 > g(s̃ + δ) with every h_a + s̃ − δ > 0.
    /// Working with differences keeps the large, correlated parts of d_b and λ out of the enclosures.
    static func burgStep(policy: [Ball], actionValues: [Ball], eta: Ball, precision: Int) -> PolicyRowUpdate {
        let one = Ball(1, precision: precision)
        let zero = Ball(0, precision: precision)
        var reciprocals: [Ball] = []
        for (action, probability) in policy.enumerated() {
            guard probability.isPositive == .true else {
                return .undecided("π(\(action)) = \(probability.formatted(significantDigits: 6)) is not certified "
                                  + "positive, so 1/π(\(action)) is not enclosed")
            }
            reciprocals.append(one / probability)
        }
        let offsetMidpoints = policy.indices.map { (reciprocals[$0] + eta * actionValues[$0]).midpoint }
        let reference = policy.indices.min { offsetMidpoints[$0] < offsetMidpoints[$1] }!
        let shifts = policy.indices.map { action in
            action == reference
                ? zero
                : (reciprocals[action] - reciprocals[reference]) + eta * (actionValues[action] - actionValues[reference])
        }

        func excess(_ s: Ball) -> (value: Ball, slope: Ball, denominatorsPositive: Truth) {
            var value = -one
            var slope = zero
            var positive = Truth.true
            for shift in shifts {
                let denominator = shift + s
                positive = positive && denominator.isPositive
                let term = one / denominator
                value = value + term
                slope = slope - term * term
            }
            return (value, slope, positive)
        }

        var s = Rational(1, 2)
        let stepTolerance = Rational(1).timesPowerOfTwo(-(precision - 8))
        for _ in 0..<(precision + 64) {
            let current = try! Ball(s, precision: precision)
            let (value, slope, _) = excess(current)
            guard value.isFinite, slope.isFinite, slope.isNegative == .true else { break }
            let nextEstimate = (current - value / slope).midpoint
            let correction = (nextEstimate - s).magnitude
            s = nextEstimate
            if correction <= stepTolerance * (s.magnitude + 1) { break }
        }

        // The bracket starts at the working precision and doubles until the ball evaluations of g
        // (which carry the input radii) certify it, so it ends within a factor 2 of the smallest.
        var width = Rational(1).timesPowerOfTwo(-(precision - 8)) * (s.magnitude + 1)
        for _ in 0..<precision {
            let left = excess(try! Ball(s - width, precision: precision))
            let right = excess(try! Ball(s + width, precision: precision))
            if left.denominatorsPositive == .true, left.value.isPositive == .true, right.value.isNegative == .true {
                let root = try! Ball(lower: s - width, upper: s + width, precision: precision)
                return .certified(shifts.map { one / ($0 + root) })
            }
            width = width * 2
        }
        return .undecided("the Burg normaliser λ could not be bracketed at \(precision) bits")
    }
}

// MARK: - φ(x) = −x² (negative control)

extension MirrorMap {
    /// With φ(x) = −x², D_h(p, q) = −‖p − q‖², so the objective η⟨Q, p⟩ − ‖p − q‖² is concave and its
    /// minimum over the simplex is at a vertex e_a. There it equals ηQ_a + 2q_a − 1 − ‖q‖², so the
    /// step moves all mass to argmin_a (ηQ_a + 2π_a). The stationary point of the KKT system is a
    /// maximum, not this minimiser. Ties that balls cannot break leave the step undecided.
    static func negativeSquareStep(policy: [Ball], actionValues: [Ball], eta: Ball, precision: Int) -> PolicyRowUpdate {
        let two = Ball(2, precision: precision)
        let scores = policy.indices.map { eta * actionValues[$0] + two * policy[$0] }
        let best = scores.indices.min { scores[$0].midpoint < scores[$1].midpoint }!
        for other in scores.indices where other != best {
            guard scores[best].lessThan(scores[other]) == .true else {
                return .undecided("the scores ηQ + 2π of actions \(best) and \(other) are not certified distinct "
                                  + "at \(precision) bits")
            }
        }
        var next = [Ball](repeating: Ball(0, precision: precision), count: policy.count)
        next[best] = Ball(1, precision: precision)
        return .certified(next)
    }
}
