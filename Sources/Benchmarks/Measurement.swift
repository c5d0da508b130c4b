import Foundation

/// One implementation of a benchmark task: a name and a closure that runs the
/// whole task once.
struct Contender {
    let name: String
    let run: () throws -> Void
}

/// Wall times of one contender over the repeats, in seconds.
struct Timing {
    let name: String
    var seconds: [Double]

    var median: Double {
        let sorted = seconds.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var minimum: Double { seconds.min() ?? .nan }
}

/// Runs every contender `repeats` times, round robin, so that a burst of load
/// from other processes spreads over all contenders instead of one.
func measure(_ contenders: [Contender], repeats: Int) throws -> [Timing] {
    var timings = contenders.map { Timing(name: $0.name, seconds: []) }
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        for (index, contender) in contenders.enumerated() {
            let elapsed = try clock.measure { try contender.run() }
            timings[index].seconds.append(seconds(of: elapsed))
        }
    }
    return timings
}

func seconds(of duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

func milliseconds(_ seconds: Double) -> String {
    String(format: "%.2f", seconds * 1000)
}

func ratio(_ value: Double) -> String {
    String(format: "%.2f×", value)
}
