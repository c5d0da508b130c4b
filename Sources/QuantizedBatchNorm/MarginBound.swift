import Exact

/// The simple sufficient shift of the margin argument.
///
/// Away from the rule's discontinuities R(y) = ⌊y + δ⌋. With M = round(a·2^k) and
/// B = round((b + δ)·2^k), |(M·x + B)/2^k − (a·x + b + δ)| ≤ (|x| + 1)/2^(k+1). So when
/// g = min_x dist(a·x + b + δ, ℤ) > 0, every k with (max|x| + 1)/2^(k+1) < g reproduces q.
public enum MarginBound {
    /// Computes g over every input of the domain exhaustively. It is 0 when some a·x + b + δ is an integer.
    public static func gapOverAllInputs(_ reference: AffineQuantizer, on domain: IntegerDomain, offset delta: Rational) -> Rational {
        var gap: Rational?
        for x in domain.lowerBound...domain.upperBound {
            let distance = distanceToInteger(reference.exactValue(at: x) + delta)
            if distance.isZero { return distance }
            if gap == nil || distance < gap! { gap = distance }
        }
        return gap!
    }

    /// Computes g restricted to the integers n in [q_lo + 1, q_hi], the only crossings that
    /// can change a clamped output, so it works for any domain size.
    ///
    /// For a ≠ 0, |a·x + b + δ − n| is smallest at the integer in the domain nearest to
    /// x* = (n − b − δ)/a, which is ⌊x*⌋ or ⌈x*⌉ clipped to the domain.
    public static func gapAtOutputLevels(_ reference: AffineQuantizer, on domain: IntegerDomain, offset delta: Rational) -> Rational? {
        let output = reference.output
        guard output.upperBound > output.lowerBound else { return nil }
        var gap: Rational?
        for level in (output.lowerBound + 1)...output.upperBound {
            var inputs = [domain.lowerBound]
            if !reference.slope.isZero {
                let crossing = (Rational(level) - reference.intercept - delta) / reference.slope
                inputs = [crossing.floor(), crossing.ceiling()].map { candidate in
                    if candidate < BigInt(domain.lowerBound) { return domain.lowerBound }
                    if candidate > BigInt(domain.upperBound) { return domain.upperBound }
                    return candidate.exactInt!
                }
            }
            for x in inputs {
                let distance = (reference.exactValue(at: x) + delta - Rational(level)).magnitude
                if gap == nil || distance < gap! { gap = distance }
            }
        }
        return gap
    }

    /// Returns the smallest k ≥ 0 with (max|x| + 1) < g·2^(k+1), or nil when g = 0.
    public static func shift(gap: Rational, domain: IntegerDomain) -> Int? {
        guard gap.signum > 0 else { return nil }
        let needed = Rational(domain.maximumMagnitude + 1)
        var shift = 0
        while !(needed < gap.timesPowerOfTwo(shift + 1)) { shift += 1 }
        return shift
    }

    static func distanceToInteger(_ value: Rational) -> Rational {
        let below = value - Rational(value.floor())
        let above = Rational(1) - below
        return below < above ? below : above
    }
}
