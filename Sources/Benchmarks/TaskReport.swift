/// The measurements of one benchmark task: timings, Python anchors, ratios against
/// their targets, and notes such as result cross-checks.
struct TaskReport {
    struct Ratio {
        let name: String
        let value: Double
        let target: Double
        /// Whether the target is a lower bound (a speed-up) instead of an upper bound.
        let atLeast: Bool

        var isMet: Bool { atLeast ? value >= target : value <= target }
    }

    let id: String
    let title: String
    let timings: [Timing]
    let anchors: [String: Double?]
    var ratios: [Ratio] = []
    var notes: [String] = []

    mutating func addRatio(_ name: String, _ value: Double, target: Double, atLeast: Bool = false) {
        ratios.append(Ratio(name: name, value: value, target: target, atLeast: atLeast))
    }

    func markdown(repeats: Int) -> String {
        var lines = ["## \(id): \(title)", ""]
        lines.append("| implementation | median ms | min ms |")
        lines.append("|---|---:|---:|")
        for timing in timings {
            lines.append("| \(timing.name) | \(milliseconds(timing.median)) | \(milliseconds(timing.minimum)) |")
        }
        for name in anchors.keys.sorted() {
            if let seconds = anchors[name] ?? nil {
                lines.append("| Python: \(name) | | \(milliseconds(seconds)) |")
            } else {
                lines.append("| Python: \(name) | skipped (not installed) | |")
            }
        }
        lines.append("")
        lines.append("Medians over \(repeats) runs, taken round robin; Python anchors report the minimum of their runs.")
        if !ratios.isEmpty {
            lines.append("")
            lines.append("| ratio | measured | target | met |")
            lines.append("|---|---:|---:|---|")
            for ratio in ratios {
                let bound = (ratio.atLeast ? "≥ " : "≤ ") + String(format: "%.2f×", ratio.target)
                lines.append("| \(ratio.name) | \(Benchmarks.ratio(ratio.value)) | \(bound) | \(ratio.isMet ? "yes" : "no") |")
            }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append(contentsOf: notes.map { "- " + $0 })
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
