/// A closed range of machine integers used as the input set X or the output levels
/// [q_lo, q_hi] of a quantized map.
///
/// Bounds are limited to ±2^31 (the int32 range and its reflection), so every input and
/// every difference of two inputs fits in `Int`.
public struct IntegerDomain: Sendable, Equatable, CustomStringConvertible {
    public let lowerBound: Int
    public let upperBound: Int
    /// Name of the integer type the range comes from (`int8`, `uint8`, `int16`, `int32`), or nil for a custom range.
    public let typeName: String?

    public init(lowerBound: Int, upperBound: Int, typeName: String? = nil) {
        precondition(lowerBound <= upperBound, "IntegerDomain needs lowerBound <= upperBound, got \(lowerBound) > \(upperBound)")
        // The reflection of the int32 range reaches 2^31, so bounds up to ±2^31 are accepted.
        precondition(lowerBound >= -(1 << 31) && upperBound <= 1 << 31,
                     "IntegerDomain supports bounds within ±2^31, got [\(lowerBound), \(upperBound)]")
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.typeName = typeName
    }

    public static let int8 = IntegerDomain(lowerBound: -128, upperBound: 127, typeName: "int8")
    public static let uint8 = IntegerDomain(lowerBound: 0, upperBound: 255, typeName: "uint8")
    public static let int16 = IntegerDomain(lowerBound: -32768, upperBound: 32767, typeName: "int16")
    public static let int32 = IntegerDomain(lowerBound: Int(Int32.min), upperBound: Int(Int32.max), typeName: "int32")

    /// The named integer types a spec may use.
    public static let named: [String: IntegerDomain] = ["int8": .int8, "uint8": .uint8, "int16": .int16, "int32": .int32]

    /// Number of integers in the range.
    public var count: Int { upperBound - lowerBound + 1 }

    /// max |x| over the range.
    public var maximumMagnitude: Int { max(abs(lowerBound), abs(upperBound)) }

    /// The range reflected through zero, [−upperBound, −lowerBound].
    public var negated: IntegerDomain {
        IntegerDomain(lowerBound: -upperBound, upperBound: -lowerBound)
    }

    /// Width in bits of the signed accumulator that a deployment would use for these inputs:
    /// 32 for inputs of at most 16 bits, 64 for wider inputs (the int32 accumulator range).
    public var accumulatorBits: Int {
        lowerBound >= -32768 && upperBound <= 65535 ? 32 : 64
    }

    public func contains(_ x: Int) -> Bool { x >= lowerBound && x <= upperBound }

    public var description: String {
        let range = "[\(lowerBound), \(upperBound)]"
        return typeName.map { "\($0) \(range)" } ?? range
    }
}
