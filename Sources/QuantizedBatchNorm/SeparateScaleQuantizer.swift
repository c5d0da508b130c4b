import Exact

/// The naive scheme that quantizes a and b with their own scales and adds after rounding
/// each term: clamp(round(A·x / 2^k₁) + round(B / 2^k₂)) with A = round(a·2^k₁) and
/// B = round(b·2^k₂), every rounding half up. It rounds twice, so it can miss R(a·x + b) by one.
public struct SeparateScaleQuantizer: Sendable, Equatable {
    public let slopeNumerator: BigInt
    public let slopeShift: Int
    public let interceptNumerator: BigInt
    public let interceptShift: Int
    public let output: IntegerDomain

    public init(reference: AffineQuantizer, slopeShift: Int, interceptShift: Int) {
        precondition(slopeShift >= 1 && interceptShift >= 1, "separate-scale shifts must be at least 1")
        slopeNumerator = reference.slope.timesPowerOfTwo(slopeShift).rounded(.toNearestOrUp)
        interceptNumerator = reference.intercept.timesPowerOfTwo(interceptShift).rounded(.toNearestOrUp)
        self.slopeShift = slopeShift
        self.interceptShift = interceptShift
        output = reference.output
    }

    public func value(at x: Int) -> Int {
        var product = BigInt.powerOfTwo(slopeShift - 1)
        product.addProduct(slopeNumerator, BigInt(x))
        let roundedProduct = product >> slopeShift
        let roundedIntercept = (interceptNumerator + BigInt.powerOfTwo(interceptShift - 1)) >> interceptShift
        return clamp(roundedProduct + roundedIntercept, to: output)
    }
}
