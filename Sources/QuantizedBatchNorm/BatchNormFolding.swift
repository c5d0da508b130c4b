import Exact

/// Inference batch-norm statistics of one layer, as float32 values.
public struct BatchNormLayer: Sendable, Equatable {
    public let name: String
    public let weight: [Float]
    public let bias: [Float]
    public let runningMean: [Float]
    public let runningVariance: [Float]

    public init(name: String, weight: [Float], bias: [Float], runningMean: [Float], runningVariance: [Float]) {
        precondition(weight.count == bias.count && bias.count == runningMean.count && runningMean.count == runningVariance.count,
                     "layer \(name): parameter vectors of different lengths")
        self.name = name
        self.weight = weight
        self.bias = bias
        self.runningMean = runningMean
        self.runningVariance = runningVariance
    }

    public var channelCount: Int { weight.count }
}

/// Symmetric per-tensor int8 scales calibrated from the batch-norm statistics alone,
/// because no activation data ships with the checkpoint.
///
/// Input scale s_in = max_c(|μ_c| + 4·σ_c)/127 with σ_c = √(var_c), which covers four standard
/// deviations of the layer input. Output scale s_out = max_c(|β_c| + 4·|γ_c|)/127, which
/// covers four standard deviations of the normalized output γ·ẑ + β. Zero points are 0.
/// Every operation is float32 with round-to-nearest-even, in the order written.
public struct SymmetricCalibration: Sendable, Equatable {
    public let inputScale: Float
    public let outputScale: Float

    public init(inputScale: Float, outputScale: Float) {
        self.inputScale = inputScale
        self.outputScale = outputScale
    }

    public init(layer: BatchNormLayer) {
        var inputRange: Float = 0
        var outputRange: Float = 0
        for channel in 0..<layer.channelCount {
            let deviation = layer.runningVariance[channel].squareRoot()
            inputRange = max(inputRange, abs(layer.runningMean[channel]) + 4 * deviation)
            outputRange = max(outputRange, abs(layer.bias[channel]) + 4 * abs(layer.weight[channel]))
        }
        self.init(inputScale: inputRange / 127, outputScale: outputRange / 127)
    }
}

/// The float32 coefficients a, b of one folded batch-norm channel.
public struct FoldedChannel: Sendable, Equatable {
    public let layer: String
    public let channel: Int
    public let slope: Float
    public let intercept: Float
    /// Float32 inputs of the folding, kept for the unfolded float32 pipeline.
    public let weight: Float
    public let bias: Float
    public let mean: Float
    public let standardDeviation: Float
    public let calibration: SymmetricCalibration

    /// Folds channel `channel` as deployed float32 code would, with zero points 0:
    /// std = √(var + ε), a = (γ·s_in)/(s_out·std), b = (β − (γ·μ)/std)/s_out.
    /// Each operation rounds to nearest even in float32 and `squareRoot` is correctly
    /// rounded (IEEE 754), so the result is bit-exact on any conforming machine.
    public init(layer: BatchNormLayer, channel: Int, calibration: SymmetricCalibration, epsilon: Float) {
        let gamma = layer.weight[channel]
        let beta = layer.bias[channel]
        let mean = layer.runningMean[channel]
        let deviation = (layer.runningVariance[channel] + epsilon).squareRoot()
        self.layer = layer.name
        self.channel = channel
        slope = (gamma * calibration.inputScale) / (calibration.outputScale * deviation)
        intercept = (beta - (gamma * mean) / deviation) / calibration.outputScale
        weight = gamma
        bias = beta
        self.mean = mean
        standardDeviation = deviation
        self.calibration = calibration
    }

    /// Builds the exact-rational reference from the float32 coefficients.
    public func reference(rounding: Rational.RoundingRule, output: IntegerDomain) -> AffineQuantizer {
        AffineQuantizer(slope: try! Rational(exactly: slope), intercept: try! Rational(exactly: intercept),
                        rounding: rounding, output: output)
    }

    /// Evaluates the folded map in float32: y = a·x + b with a separate multiply and add,
    /// each rounded to float32. Swift does not contract them into a fused multiply-add.
    public func foldedFloat32Value(at x: Int) -> Float {
        slope * Float(x) + intercept
    }

    /// Evaluates the unfolded batch norm in float32 on the dequantized input:
    /// y = ((s_in·x − μ)·γ/std + β)/s_out.
    public func unfoldedFloat32Value(at x: Int) -> Float {
        let input = calibration.inputScale * Float(x)
        let normalized = (input - mean) * (weight / standardDeviation) + bias
        return normalized / calibration.outputScale
    }
}

/// Evaluates q from a float32 value: the rounding rule applied to the exact value of `value`,
/// then clamped. Returns nil for a non-finite value.
func quantizedFloat(_ value: Float, rounding: Rational.RoundingRule, output: IntegerDomain) -> Int? {
    guard let exact = try? Rational(exactly: value) else { return nil }
    return clamp(exact.rounded(rounding), to: output)
}
