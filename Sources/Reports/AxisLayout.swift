import ClaimKit
import Foundation

/// Maps data values to SVG coordinates along one axis and chooses its ticks.
struct AxisLayout {
    struct Tick {
        var value: Double
        var label: String
    }

    let scale: AxisScale
    /// Data range shown, in data units (positive for a log axis).
    let lower: Double
    let upper: Double
    let start: Double
    let end: Double
    let ticks: [Tick]

    /// Lays out an axis covering `values` between the SVG coordinates `start` and `end`.
    /// An empty or single-valued list gets a default range around the value.
    init(values: [Double], scale: AxisScale, start: Double, end: Double) {
        self.scale = scale
        self.start = start
        self.end = end

        var lower = values.min() ?? (scale == .log ? 1 : 0)
        var upper = values.max() ?? (scale == .log ? 10 : 1)
        switch scale {
        case .linear:
            if lower == upper {
                let pad = lower == 0 ? 1 : abs(lower) / 2
                lower -= pad
                upper += pad
            }
            let step = AxisLayout.niceStep((upper - lower) / 6)
            lower = (lower / step).rounded(.down) * step
            upper = (upper / step).rounded(.up) * step
            self.ticks = AxisLayout.linearTicks(lower: lower, upper: upper, step: step)
        case .log:
            let lowerExponent = log10(lower).rounded(.down)
            var upperExponent = log10(upper).rounded(.up)
            if upperExponent == lowerExponent { upperExponent += 1 }
            lower = pow(10, lowerExponent)
            upper = pow(10, upperExponent)
            self.ticks = AxisLayout.logTicks(lowerExponent: Int(lowerExponent), upperExponent: Int(upperExponent))
        }
        self.lower = lower
        self.upper = upper
    }

    /// Maps a data value to its SVG coordinate.
    func position(_ value: Double) -> Double {
        let fraction: Double
        switch scale {
        case .linear: fraction = (value - lower) / (upper - lower)
        case .log: fraction = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return start + fraction * (end - start)
    }

    /// Returns the smallest of 1, 2 or 5 times a power of ten that is at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, log10(rough).rounded(.down))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * power >= rough {
            return factor * power
        }
        return 10 * power
    }

    static func linearTicks(lower: Double, upper: Double, step: Double) -> [Tick] {
        let decimals = max(0, -Int(log10(step).rounded(.down)))
        let count = Int(((upper - lower) / step).rounded())
        return (0...count).map { index in
            let value = lower + Double(index) * step
            var label = String(format: "%.\(decimals)f", value)
            if label.hasPrefix("-"), Double(label) == 0 { label.removeFirst() }
            return Tick(value: value, label: label)
        }
    }

    /// Ticks at powers of ten; with more than eight decades, at every second or third one.
    /// An axis of one or two decades also gets ticks at 2 and 5 times each power.
    static func logTicks(lowerExponent: Int, upperExponent: Int) -> [Tick] {
        let stride = max(1, (upperExponent - lowerExponent + 7) / 8)
        var ticks: [Tick] = []
        for exponent in Swift.stride(from: lowerExponent, through: upperExponent, by: stride) {
            let power = pow(10, Double(exponent))
            ticks.append(Tick(value: power, label: powerOfTenLabel(exponent)))
            if upperExponent - lowerExponent <= 2 && exponent < upperExponent {
                ticks.append(Tick(value: 2 * power, label: multipleLabel(2, exponent)))
                ticks.append(Tick(value: 5 * power, label: multipleLabel(5, exponent)))
            }
        }
        return ticks
    }

    /// Label of `factor` × 10^exponent, in the style of `powerOfTenLabel`.
    static func multipleLabel(_ factor: Int, _ exponent: Int) -> String {
        switch exponent {
        case 0...3: String(factor * Int(pow(10, Double(exponent))))
        case -3 ..< 0: String(format: "%.\(-exponent)f", Double(factor) * pow(10, Double(exponent)))
        default: "\(factor)e\(exponent)"
        }
    }

    /// "0.01", "1", "100" for small exponents and "1e-5", "1e6" beyond.
    static func powerOfTenLabel(_ exponent: Int) -> String {
        switch exponent {
        case 0...3: String(Int(pow(10, Double(exponent))))
        case -3 ..< 0: String(format: "%.\(-exponent)f", pow(10, Double(exponent)))
        default: "1e\(exponent)"
        }
    }
}

/// Escaping for XML text and attribute values.
enum XMLEscaping {
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t", "\r": result.unicodeScalars.append(scalar)
            // Other control characters are not allowed in XML 1.0 at all.
            case _ where scalar.value < 0x20: result += "?"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
