/// The method used to compare two quantized maps on a domain.
public enum ComparisonMethod: String, Sendable {
    /// Every input of the domain evaluated.
    case exhaustive
    /// Both maps evaluated at the start of every maximal interval on which both are constant.
    case boundary
}

/// One input where the fixed-point form and the reference disagree.
public struct Mismatch: Sendable, Equatable {
    public let input: Int
    public let reference: Int
    public let candidate: Int
}

/// The result of comparing a candidate map with the reference on every input of a domain.
public struct ComparisonResult: Sendable, Equatable {
    public let method: ComparisonMethod
    public let domain: IntegerDomain
    /// Number of inputs evaluated: the domain size for the exhaustive method, the number of
    /// interval starts for the boundary method.
    public let evaluatedInputs: Int
    /// Number of inputs of the domain where the maps differ (exact for both methods).
    public let mismatchCount: Int
    /// The mismatching inputs in increasing order, at most `mismatchLimit` of them.
    public let mismatches: [Mismatch]

    public var isEqual: Bool { mismatchCount == 0 }
    public var firstMismatch: Mismatch? { mismatches.first }
}

public enum OutputComparison {
    /// Evaluates `reference` and `candidate` at every input of `domain`.
    public static func exhaustive(domain: IntegerDomain, mismatchLimit: Int = 64,
                                  reference: (Int) -> Int, candidate: (Int) -> Int) -> ComparisonResult {
        var mismatches: [Mismatch] = []
        var count = 0
        for x in domain.lowerBound...domain.upperBound {
            let expected = reference(x)
            let actual = candidate(x)
            if expected != actual {
                count += 1
                if mismatches.count < mismatchLimit {
                    mismatches.append(Mismatch(input: x, reference: expected, candidate: actual))
                }
            }
        }
        return ComparisonResult(method: .exhaustive, domain: domain, evaluatedInputs: domain.count,
                                mismatchCount: count, mismatches: mismatches)
    }

    /// Compares two monotone step functions on the whole domain by evaluating them only where
    /// either one can change.
    ///
    /// Between consecutive step positions of either function both are constant, so every
    /// maximal interval on which both are constant starts at the domain's lower bound or at a
    /// step position of one of them. Evaluating both maps directly at those starts decides
    /// equality on every input, and the interval lengths give the exact mismatch count. The
    /// first mismatching input of the domain is such a start, so it equals the exhaustive
    /// method's first mismatch.
    public static func boundary(referenceSteps: StepFunction, candidateSteps: StepFunction, mismatchLimit: Int = 64,
                                reference: (Int) -> Int, candidate: (Int) -> Int) -> ComparisonResult {
        precondition(referenceSteps.domain == candidateSteps.domain, "step functions on different domains")
        let domain = referenceSteps.domain
        let breakpoints = Array(Set(referenceSteps.starts).union(candidateSteps.starts)).sorted()

        var mismatches: [Mismatch] = []
        var count = 0
        for (index, start) in breakpoints.enumerated() {
            let expected = reference(start)
            let actual = candidate(start)
            guard expected != actual else { continue }

            let end = index + 1 < breakpoints.count ? breakpoints[index + 1] - 1 : domain.upperBound
            count += end - start + 1
            var x = start
            while x <= end && mismatches.count < mismatchLimit {
                mismatches.append(Mismatch(input: x, reference: expected, candidate: actual))
                x += 1
            }
        }
        return ComparisonResult(method: .boundary, domain: domain, evaluatedInputs: breakpoints.count,
                                mismatchCount: count, mismatches: mismatches)
    }

    /// Compares the fixed-point form with the reference: exhaustively when the domain has at
    /// most `exhaustiveLimit` inputs, otherwise by the boundary method.
    public static func compare(_ candidate: FixedPointQuantizer, with reference: AffineQuantizer, on domain: IntegerDomain,
                               referenceSteps: StepFunction? = nil, exhaustiveLimit: Int = 1 << 16) -> ComparisonResult {
        if domain.count <= exhaustiveLimit {
            return exhaustive(domain: domain, reference: reference.value(at:), candidate: candidate.value(at:))
        }
        return boundary(referenceSteps: referenceSteps ?? reference.stepFunction(on: domain),
                        candidateSteps: candidate.affineEquivalent.stepFunction(on: domain),
                        reference: reference.value(at:), candidate: candidate.value(at:))
    }
}
