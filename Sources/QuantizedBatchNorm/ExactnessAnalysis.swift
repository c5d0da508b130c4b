import Exact

/// Accumulator size needed by a fixed-point form on a domain.
public struct OverflowReport: Sendable, Equatable {
    /// bits(M) + bits(max|x|) + 1: the usual sizing rule for the product, with a sign bit.
    public let productBits: Int
    /// Bits of the largest |M·x + B| over the domain, plus a sign bit.
    public let accumulatorBits: Int
    /// Bits of |B| plus a sign bit.
    public let offsetBits: Int
    /// Accumulator width of a deployment: 32 for inputs of at most 16 bits, 64 for int32 inputs.
    public let availableBits: Int

    public var fits: Bool { max(productBits, accumulatorBits, offsetBits) <= availableBits }

    public init(_ quantizer: FixedPointQuantizer, domain: IntegerDomain) {
        productBits = quantizer.multiplier.bitWidth + BigInt(domain.maximumMagnitude).bitWidth + 1
        let extreme = [domain.lowerBound, domain.upperBound].map { quantizer.accumulator(at: $0).magnitude }.max()!
        accumulatorBits = extreme.bitWidth + 1
        offsetBits = quantizer.offset.bitWidth + 1
        availableBits = domain.accumulatorBits
    }
}

/// Everything the exactness claim reports for one reference map on one input domain.
public struct ExactnessAnalysis: Sendable {
    public let reference: AffineQuantizer
    public let domain: IntegerDomain
    public let steps: StepFunction
    public let constraints: ShiftConstraints
    /// g over every input (exhaustive), or nil when the domain is too large to enumerate.
    public let gapOverAllInputs: Rational?
    /// g restricted to crossings of the output levels q_lo + 1 … q_hi.
    public let gapAtOutputLevels: Rational?
    /// The margin-bound shift from `gapOverAllInputs` when available, otherwise from `gapAtOutputLevels`.
    public let marginShift: Int?
    /// The fixed-point form of the margin bound and its comparison with the reference.
    public let marginQuantizer: FixedPointQuantizer?
    public let marginComparison: ComparisonResult?
    public let minimal: MinimalShift
    /// Comparisons of the form at k_min with the reference: exhaustive when the domain has at
    /// most 2^16 inputs, and by the boundary method always.
    public let minimalExhaustive: ComparisonResult?
    public let minimalBoundary: ComparisonResult?
    public let overflow: OverflowReport?
    /// Inputs where a·x + b is exactly a half-integer: all of them for enumerable domains,
    /// those at the output levels otherwise.
    public let ties: [Int]
    public let tiesCountedExhaustively: Bool
    /// q(x) for every input, in order, when the domain is enumerable.
    public let referenceValues: [Int]?

    /// Domains with at most this many inputs are enumerated.
    public static let exhaustiveLimit = 1 << 16

    /// - Parameters:
    ///   - shiftLimit: largest shift the minimal-shift search tries when theory gives no feasible shift.
    ///   - includeOutputLevelGap: whether to compute `gapAtOutputLevels` also for enumerable domains.
    public init(reference: AffineQuantizer, domain: IntegerDomain, shiftLimit: Int = 200, includeOutputLevelGap: Bool = true) {
        self.reference = reference
        self.domain = domain
        let enumerable = domain.count <= ExactnessAnalysis.exhaustiveLimit
        // On enumerable domains every numerator N(x) of a·x + b = N(x)/D is computed once and
        // reused for q, ties and g.
        let numerators: [BigInt]? = enumerable
            ? (domain.lowerBound...domain.upperBound).map(reference.numerator(at:)) : nil
        let referenceValues: [Int]? = numerators?.map { clamp(reference.roundedQuotient($0), to: reference.output) }
        self.referenceValues = referenceValues
        let referenceValue: (Int) -> Int = { x in
            referenceValues.map { $0[x - domain.lowerBound] } ?? reference.value(at: x)
        }

        steps = reference.stepFunction(on: domain)
        constraints = ShiftConstraints(steps: steps, output: reference.output)

        let delta = reference.rounding.floorOffset
        if let numerators, let delta {
            let doubledOffset = (delta + delta).numerator.exactInt!
            let smallest = numerators.lazy.map { reference.doubledDistanceToInteger(numerator: $0, doubledOffset: doubledOffset) }.min()!
            gapOverAllInputs = try! Rational(smallest, reference.denominator + reference.denominator)
        } else {
            gapOverAllInputs = nil
        }
        gapAtOutputLevels = enumerable && !includeOutputLevelGap
            ? nil : delta.flatMap { MarginBound.gapAtOutputLevels(reference, on: domain, offset: $0) }
        marginShift = (gapOverAllInputs ?? gapAtOutputLevels).flatMap { MarginBound.shift(gap: $0, domain: domain) }
        if let marginShift, let delta {
            let quantizer = FixedPointQuantizer.rounded(from: reference, shift: marginShift, offset: delta)
            marginQuantizer = quantizer
            marginComparison = ExactnessAnalysis.compare(quantizer, referenceValue: referenceValue, enumerable: enumerable,
                                                         steps: steps, reference: reference)
        } else {
            marginQuantizer = nil
            marginComparison = nil
        }

        var known: [Int] = []
        if let marginShift { known.append(marginShift) }
        if let exact = MinimalShift.exactDyadicShift(reference) { known.append(exact) }
        minimal = MinimalShift.find(reference: reference, constraints: constraints, knownFeasible: known, limit: shiftLimit)

        if let quantizer = minimal.quantizer {
            minimalExhaustive = enumerable
                ? OutputComparison.exhaustive(domain: domain, reference: referenceValue, candidate: quantizer.value(at:)) : nil
            minimalBoundary = OutputComparison.boundary(
                referenceSteps: steps, candidateSteps: quantizer.affineEquivalent.stepFunction(on: domain),
                reference: referenceValue, candidate: quantizer.value(at:))
            overflow = OverflowReport(quantizer, domain: domain)
        } else {
            minimalExhaustive = nil
            minimalBoundary = nil
            overflow = nil
        }

        if let numerators {
            ties = numerators.indices.filter { reference.isTie(numerator: numerators[$0]) }.map { $0 + domain.lowerBound }
        } else {
            ties = ExactnessAnalysis.tiesAtOutputLevels(reference, domain: domain)
        }
        tiesCountedExhaustively = enumerable
    }

    /// Compares a fixed-point form with the reference: exhaustively on enumerable domains,
    /// by the boundary method otherwise.
    static func compare(_ quantizer: FixedPointQuantizer, referenceValue: (Int) -> Int, enumerable: Bool,
                        steps: StepFunction, reference: AffineQuantizer) -> ComparisonResult {
        if enumerable {
            return OutputComparison.exhaustive(domain: steps.domain, reference: referenceValue, candidate: quantizer.value(at:))
        }
        return OutputComparison.boundary(referenceSteps: steps,
                                         candidateSteps: quantizer.affineEquivalent.stepFunction(on: steps.domain),
                                         reference: referenceValue, candidate: quantizer.value(at:))
    }

    /// Inputs x with a·x + b = n − 1/2 for an output level n in q_lo + 1 … q_hi, the ties that
    /// can change a clamped output.
    static func tiesAtOutputLevels(_ reference: AffineQuantizer, domain: IntegerDomain) -> [Int] {
        let output = reference.output
        guard !reference.slope.isZero, output.upperBound > output.lowerBound else { return [] }
        var ties: [Int] = []
        for level in (output.lowerBound + 1)...output.upperBound {
            let crossing = (Rational(2 * level - 1, 2) - reference.intercept) / reference.slope
            if crossing.isInteger, let x = crossing.numerator.exactInt, domain.contains(x) { ties.append(x) }
        }
        return ties.sorted()
    }

    /// The comparisons at k_min agree: both report equality, or both report the same count
    /// and first mismatch.
    public var methodsAgree: Bool {
        guard let boundary = minimalBoundary else { return true }
        guard let exhaustive = minimalExhaustive else { return true }
        return boundary.mismatchCount == exhaustive.mismatchCount && boundary.firstMismatch == exhaustive.firstMismatch
    }
}
