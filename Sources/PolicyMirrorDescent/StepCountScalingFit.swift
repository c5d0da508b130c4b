import Foundation

/// A least-squares fit of log K = a + b·log η with its leave-one-out spread.
///
/// The fit works in base-2 logarithms because the slope b does not depend on the base and
/// `log2` of a power of two is an integer (the tests rely on this for exact reference data).
/// Everything here is floating point and supports an empirical statement only.
public struct PowerLawFit: Sendable, Equatable {
    /// The fitted exponent b.
    public let slope: Double
    /// The fitted intercept a, in base-2 logarithms.
    public let intercept: Double
    /// The slopes fitted with one point left out, in the order of the points. It is empty for fewer than 3 points.
    public let leaveOneOutSlopes: [Double]

    /// Fits the line by ordinary least squares.
    /// - Returns: nil for fewer than 2 points, a non-positive coordinate, or step sizes that are all equal.
    public init?(stepSizes: [Double], stepCounts: [Double]) {
        guard stepSizes.count == stepCounts.count, stepSizes.count >= 2,
              stepSizes.allSatisfy({ $0 > 0 }), stepCounts.allSatisfy({ $0 > 0 }) else { return nil }
        let x = stepSizes.map { log2($0) }
        let y = stepCounts.map { log2($0) }
        guard let (slope, intercept) = Self.leastSquares(x: x, y: y) else { return nil }

        var leaveOneOut: [Double] = []
        if x.count >= 3 {
            for i in x.indices {
                var xs = x
                var ys = y
                xs.remove(at: i)
                ys.remove(at: i)
                if let (b, _) = Self.leastSquares(x: xs, y: ys) { leaveOneOut.append(b) }
            }
        }
        self.slope = slope
        self.intercept = intercept
        self.leaveOneOutSlopes = leaveOneOut
    }

    /// The smallest and largest leave-one-out slope, or nil when there are none.
    public var leaveOneOutRange: ClosedRange<Double>? {
        guard let low = leaveOneOutSlopes.min(), let high = leaveOneOutSlopes.max() else { return nil }
        return low...high
    }

    /// Returns the fitted step count 2^(a + b·log₂ η).
    public func predictedStepCount(at stepSize: Double) -> Double {
        exp2(intercept + slope * log2(stepSize))
    }

    /// Returns (b, a) for y = a + b·x, centring x and y first; nil when every x is equal.
    static func leastSquares(x: [Double], y: [Double]) -> (Double, Double)? {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return (slope, meanY - slope * meanX)
    }
}
