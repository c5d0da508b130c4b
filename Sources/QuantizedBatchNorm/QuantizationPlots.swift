import ClaimKit
import Exact

/// Plots for the quantized batch-norm reports. Plot values are for display only; the
/// verdicts rest on the exact values in the evidence.
enum QuantizationPlots {
    /// Plots the error of the float32 evaluation fl(fl(a·x) + b) against the exact a·x + b.
    static func float32Error(id: String, title: String, slope: Float, intercept: Float, domain: IntegerDomain) -> Plot {
        let exactSlope = try! Rational(exactly: slope)
        let exactIntercept = try! Rational(exactly: intercept)
        var points: [PlotPoint] = []
        for x in domain.lowerBound...domain.upperBound {
            let float32Value = try! Rational(exactly: slope * Float(x) + intercept)
            let error = float32Value - (exactSlope * Rational(x) + exactIntercept)
            points.append(PlotPoint(x: Double(x), y: error.approximateDouble))
        }
        return Plot(id: id, title: title, xLabel: "input x", yLabel: "float32 value − exact a·x + b",
                    series: [PlotSeries(name: "float32 error", points: points, style: .points)])
    }

    /// Plots where each step of the reference and of the fixed-point form falls between two
    /// integer inputs, for a > 0 and M > 0.
    ///
    /// For output level t with first input s_t, the plotted value is ξ − (s_t − 1) for the
    /// exact crossing ξ = (θ_t − b)/a and for the fixed-point crossing (t·2^k − B)/M. Both lie
    /// in (0, 1] exactly when the two forms step at the same input.
    static func stepPositions(id: String, title: String, reference: AffineQuantizer, quantizer: FixedPointQuantizer,
                              steps: StepFunction) -> Plot? {
        guard reference.slope.signum > 0, quantizer.multiplier.signum > 0 else { return nil }
        var exactPoints: [PlotPoint] = []
        var fixedPoints: [PlotPoint] = []
        for (index, start) in steps.stepPositions.enumerated() {
            let level = steps.values[index + 1]
            let previousInput = Rational(start - 1)
            let exactCrossing = (reference.rounding.levelThreshold(level) - reference.intercept) / reference.slope
            let fixedCrossing = try! Rational(BigInt(level) << quantizer.shift - quantizer.offset, quantizer.multiplier)
            exactPoints.append(PlotPoint(x: Double(level), y: (exactCrossing - previousInput).approximateDouble))
            fixedPoints.append(PlotPoint(x: Double(level), y: (fixedCrossing - previousInput).approximateDouble))
        }
        guard !exactPoints.isEmpty else { return nil }
        return Plot(id: id, title: title, xLabel: "output level t",
                    yLabel: "crossing − (first input of level t − 1); (0, 1] = same step",
                    series: [PlotSeries(name: "exact crossing", points: exactPoints, style: .points),
                             PlotSeries(name: "fixed-point crossing (M, B, k_min)", points: fixedPoints, style: .points)])
    }
}
