import ClaimKit
import Exact

/// Typed readers for the parameters that the quantized batch-norm specs share.
extension Parameters {
    /// Reads an integer domain: a type name (`int8`, `uint8`, `int16`, `int32`) or `[lower, upper]`.
    func integerDomain(_ key: String) throws(SpecError) -> IntegerDomain {
        let fix = "write one of \"int8\", \"uint8\", \"int16\", \"int32\", or [lower, upper] within the int32 range"
        if case .string(let name)? = optionalValue(key) {
            guard let domain = IntegerDomain.named[name] else {
                throw invalid(key, problem: "unknown integer type", fix: fix)
            }
            return domain
        }
        let bounds = try integers(key)
        guard bounds.count == 2, bounds[0] <= bounds[1], bounds[0] >= Int(Int32.min), bounds[1] <= Int(Int32.max) else {
            throw invalid(key, problem: "expected two ordered bounds within the int32 range", fix: fix)
        }
        return IntegerDomain(lowerBound: bounds[0], upperBound: bounds[1])
    }

    /// Reads a rounding rule by its name, such as `half-up` or `half-even`; `floor` names `down`.
    func roundingRule(_ key: String) throws(SpecError) -> Rational.RoundingRule {
        let name = try string(key)
        if name == "floor" { return .down }
        guard let rule = Rational.RoundingRule(rawValue: name) else {
            let names = Rational.RoundingRule.allCases.map(\.rawValue).joined(separator: ", ")
            throw invalid(key, problem: "unknown rounding rule", fix: "use one of: floor, \(names)")
        }
        return rule
    }

    /// Reads an exact rational number.
    func exactRational(_ key: String) throws(SpecError) -> Rational {
        let text = try exactNumberText(key)
        do {
            return try Rational(parsing: text)
        } catch {
            throw invalid(key, problem: "not a valid exact number: \(error)", fix: "write a decimal such as \"0.1\" or a fraction such as \"1/3\"")
        }
    }

    /// Reads the coefficient at `key`, rounded to the nearest float32 when `roundToFloat32` is set.
    func coefficient(_ key: String, roundToFloat32: Bool) throws(SpecError) -> Rational {
        let value = try exactRational(key)
        guard roundToFloat32 else { return value }
        guard let rounded = Float32Conversion.nearest(value) else {
            throw invalid(key, problem: "the value overflows float32", fix: "use a value below 3.4e38 in magnitude")
        }
        return try! Rational(exactly: rounded)
    }

    /// Reads `coefficients` ("float32" or "exact"); "exact" when absent.
    func roundsCoefficientsToFloat32() throws(SpecError) -> Bool {
        switch try optionalString("coefficients") ?? "exact" {
        case "float32": return true
        case "exact": return false
        default:
            throw invalid("coefficients", problem: "unknown coefficient format",
                          fix: "write \"float32\" (round a and b to the nearest float32) or \"exact\"")
        }
    }

    /// Reads a nonnegative integer, or `defaultValue` when absent.
    func nonnegativeInteger(_ key: String, default defaultValue: Int) throws(SpecError) -> Int {
        let value = try optionalInteger(key) ?? defaultValue
        guard value >= 0 else {
            throw invalid(key, problem: "must be nonnegative", fix: "write an integer of 0 or more")
        }
        return value
    }
}

/// The reference map of a hand instance, read from `a`, `b`, `coefficients`, `rounding` and `output`.
struct HandInstance {
    let reference: AffineQuantizer
    let domain: IntegerDomain
    /// The coefficients as float32 values, when the instance rounds them to float32.
    let float32Coefficients: (slope: Float, intercept: Float)?
    /// Text describing where a and b come from, for the report.
    let coefficientSource: String

    init(reference: AffineQuantizer, domain: IntegerDomain, float32Coefficients: (slope: Float, intercept: Float)?,
         coefficientSource: String) {
        self.reference = reference
        self.domain = domain
        self.float32Coefficients = float32Coefficients
        self.coefficientSource = coefficientSource
    }

    init(_ parameters: Parameters) throws(SpecError) {
        let toFloat32 = try parameters.roundsCoefficientsToFloat32()
        let rounding = try parameters.roundingRule("rounding")
        let output = try parameters.integerDomain("output")
        domain = try parameters.integerDomain("input")
        guard output.lowerBound < output.upperBound else {
            throw parameters.invalid("output", problem: "the output range has a single level", fix: "give at least two output levels")
        }

        let slope: Rational
        let intercept: Rational
        if parameters.contains("multiplier") {
            // A requantization scale M₀·2^(shift − 31) with an integer zero point.
            let multiplier = try parameters.integer("multiplier")
            let shift = try parameters.integer("shift")
            guard multiplier >= 1 << 30, multiplier < 1 << 31 else {
                throw parameters.invalid("multiplier", problem: "must lie in [2^30, 2^31)", fix: "write M₀ as stored by integer-only inference")
            }
            guard shift <= 0, shift > -31 else {
                throw parameters.invalid("shift", problem: "must lie in -30...0", fix: "write the right shift as a negative exponent")
            }
            slope = Rational(multiplier).timesPowerOfTwo(shift - 31)
            intercept = Rational(try parameters.optionalInteger("zeroPoint") ?? 0)
            coefficientSource = "a = M₀·2^(shift − 31) with M₀ = \(multiplier), shift = \(shift); b = zero point"
        } else {
            slope = try parameters.coefficient("a", roundToFloat32: toFloat32)
            intercept = try parameters.coefficient("b", roundToFloat32: toFloat32)
            if toFloat32 {
                coefficientSource = "a = float32(\(try parameters.exactNumberText("a"))), b = float32(\(try parameters.exactNumberText("b")))"
            } else {
                coefficientSource = "a = \(try parameters.exactNumberText("a")), b = \(try parameters.exactNumberText("b")) (exact)"
            }
        }
        reference = AffineQuantizer(slope: slope, intercept: intercept, rounding: rounding, output: output)
        float32Coefficients = toFloat32 ? (Float32Conversion.exact(slope)!, Float32Conversion.exact(intercept)!) : nil
    }

    /// One line describing the reference map.
    var summary: String {
        "q(x) = clamp(\(reference.rounding.rawValue)(a·x + b), \(reference.output.lowerBound), \(reference.output.upperBound)) "
            + "with a = \(reference.slope), b = \(reference.intercept) (\(coefficientSource)), x in \(domain)"
    }
}
