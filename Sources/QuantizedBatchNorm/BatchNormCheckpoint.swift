import ClaimKit
import Exact
import Foundation

/// The batch-norm layers of a checkpoint, read from the JSON export in `Theorems/data`
/// (every float32 written as its exact fraction).
public struct BatchNormCheckpoint: Sendable {
    public let layers: [BatchNormLayer]
    /// ε as float32.
    public let epsilon: Float

    public var channelCount: Int { layers.reduce(0) { $0 + $1.channelCount } }

    /// Reads the export at `url`; `file` names it in errors.
    /// - Throws: `SpecError` naming the file, the field and the value when the file is not
    ///   valid JSON, a field is missing, or a value is not exactly a float32.
    public static func load(from url: URL, file: String) throws(SpecError) -> BatchNormCheckpoint {
        let members = try JSONFile.readObject(at: url, file: file, fix: "re-run the export script that wrote the file")
        let epsilon = try float32(members["eps"], field: "eps", file: file)
        guard case .array(let layerValues)? = members["layers"], !layerValues.isEmpty else {
            throw SpecError(file: file, field: "layers", value: members["layers"]?.compactText ?? "",
                            problem: "missing or empty array of layers", fix: "re-run the export script that wrote the file")
        }

        var layers: [BatchNormLayer] = []
        for (index, value) in layerValues.enumerated() {
            let field = "layers[\(index)]"
            guard case .object(let layer) = value, case .string(let name)? = layer["name"] else {
                throw SpecError(file: file, field: field, value: value.typeName,
                                problem: "expected an object with a string \"name\"", fix: "re-run the export script")
            }
            var vectors: [[Float]] = []
            for key in ["weight", "bias", "running_mean", "running_var"] {
                guard case .array(let entries)? = layer[key] else {
                    throw SpecError(file: file, field: "\(field).\(key)", value: layer[key]?.compactText ?? "",
                                    problem: "missing array", fix: "re-run the export script")
                }
                var vector: [Float] = []
                vector.reserveCapacity(entries.count)
                for (channel, entry) in entries.enumerated() {
                    vector.append(try float32(entry, field: "\(field).\(key)[\(channel)]", file: file))
                }
                vectors.append(vector)
            }
            guard Set(vectors.map(\.count)).count == 1, !vectors[0].isEmpty else {
                throw SpecError(file: file, field: field, value: name,
                                problem: "weight, bias, running_mean and running_var have different or zero lengths",
                                fix: "re-run the export script")
            }
            if let negative = vectors[3].firstIndex(where: { !($0 >= 0) }) {
                throw SpecError(file: file, field: "\(field).running_var[\(negative)]", value: "\(vectors[3][negative])",
                                problem: "a variance must be nonnegative", fix: "re-run the export script")
            }
            layers.append(BatchNormLayer(name: name, weight: vectors[0], bias: vectors[1],
                                         runningMean: vectors[2], runningVariance: vectors[3]))
        }
        return BatchNormCheckpoint(layers: layers, epsilon: epsilon)
    }

    /// Parses a float32 written as an exact number string, such as "-3/8" or "12".
    private static func float32(_ value: JSONValue?, field: String, file: String) throws(SpecError) -> Float {
        guard case .string(let text)? = value else {
            throw SpecError(file: file, field: field, value: value?.compactText ?? "",
                            problem: "expected a string holding an exact fraction", fix: "write the value as \"p/q\"")
        }
        guard let rational = try? Rational(parsing: text), let float = Float32Conversion.exact(rational) else {
            throw SpecError(file: file, field: field, value: JSONValue.quoted(text),
                            problem: "not exactly representable as a float32",
                            fix: "write the exact value of a float32, p/q with q a power of two")
        }
        return float
    }
}
