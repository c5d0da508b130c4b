import ClaimKit
import Exact
import Foundation
import Testing
@testable import QuantizedBatchNorm

/// γ = 2, β = 1, μ = 1/2, var = 4, ε = 0, s_in = 1/2, s_out = 1/4: std = 2,
/// a = (2·1/2)/(1/4·2) = 2 and b = (1 − (2·1/2)/2)/(1/4) = 2, all exact in float32.
@Test func foldingHandValues() {
    let layer = BatchNormLayer(name: "hand", weight: [2], bias: [1], runningMean: [0.5], runningVariance: [4])
    let folded = FoldedChannel(layer: layer, channel: 0, calibration: SymmetricCalibration(inputScale: 0.5, outputScale: 0.25), epsilon: 0)
    #expect(folded.slope == 2)
    #expect(folded.intercept == 2)
    #expect(folded.foldedFloat32Value(at: 3) == 8)
    // ((1/2·3 − 1/2)·(2/2) + 1)/(1/4) = 8.
    #expect(folded.unfoldedFloat32Value(at: 3) == 8)
}

/// μ = (1, −2), var = (4, 1): max(|μ| + 4σ) = max(9, 6) = 9; γ = (1/2, −3), β = (0, 1):
/// max(|β| + 4|γ|) = max(2, 13) = 13. The scales are float32(9/127) and float32(13/127).
@Test func calibrationHandValues() throws {
    let layer = BatchNormLayer(name: "hand", weight: [0.5, -3], bias: [0, 1], runningMean: [1, -2], runningVariance: [4, 1])
    let calibration = SymmetricCalibration(layer: layer)
    #expect(calibration.inputScale == Float32Conversion.nearest(Rational(9, 127)))
    #expect(calibration.outputScale == Float32Conversion.nearest(Rational(13, 127)))
}

@Test func checkpointRejectsInexactValue() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qbn-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("bn.json")
    let text = """
        {"eps": "2748779/274877906944", "layers": [{"name": "l0", "weight": ["1/2"], "bias": ["1/3"], "running_mean": ["0"], "running_var": ["1"]}]}
        """
    try text.write(to: url, atomically: true, encoding: .utf8)
    do {
        _ = try BatchNormCheckpoint.load(from: url, file: "bn.json")
        Issue.record("a value that is not a float32 was accepted")
    } catch {
        #expect(error.field == "layers[0].bias[0]")
        #expect(error.value == "\"1/3\"")
        #expect(error.description.contains("not exactly representable as a float32"))
    }
}

@Test func checkpointLoadsValidFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qbn-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("bn.json")
    let text = """
        {"eps": "2748779/274877906944", "layers": [{"name": "l0", "weight": ["1/2", "3"], "bias": ["-1/4", "0"], "running_mean": ["0", "5"], "running_var": ["1", "3/8"]}]}
        """
    try text.write(to: url, atomically: true, encoding: .utf8)
    let checkpoint = try BatchNormCheckpoint.load(from: url, file: "bn.json")
    #expect(checkpoint.channelCount == 2)
    #expect(checkpoint.layers[0].runningVariance == [1, 0.375])
    #expect(checkpoint.epsilon == Float32Conversion.nearest(Rational(1, 100000)))
}
