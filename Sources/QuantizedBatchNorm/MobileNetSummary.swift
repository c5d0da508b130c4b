import ClaimKit
import Exact

extension MobileNetSurvey {
    /// Builds the claim result from the per-channel outcomes: the k_min distribution, the
    /// fractions exact at k ≤ 16 and k ≤ 24, ties, the worst channels and the float32 comparison.
    static func summarize(_ outcomes: [ChannelOutcome], header: [Evidence], notes: [String], checkpoint: BatchNormCheckpoint,
                          calibrations: [String: SymmetricCalibration], domain: IntegerDomain, rounding: Rational.RoundingRule,
                          output: IntegerDomain, parameters: Parameters, instanceID: String) throws -> CheckResult {
        var evidence = header
        let total = outcomes.count
        let shifts = outcomes.compactMap(\.minimalShift).sorted()
        let unsolved = outcomes.filter { $0.minimalShift == nil }

        func fraction(_ count: Int) -> String {
            let percent = Rational(100 * count, max(total, 1)).decimalString(fractionDigits: 2)
            return "\(count)/\(total) (\(percent) %)"
        }
        if let lowest = shifts.first, let highest = shifts.last {
            evidence.append(Evidence(name: "k_min over channels", value: "min \(lowest), median \(shifts[(shifts.count - 1) / 2]), max \(highest)"))
        }
        evidence.append(Evidence(name: "channels exact at k ≤ 16", value: fraction(shifts.filter { $0 <= 16 }.count)))
        evidence.append(Evidence(name: "channels exact at k ≤ 24", value: fraction(shifts.filter { $0 <= 24 }.count)))
        evidence.append(Evidence(name: "channels with no shift found", value: "\(unsolved.count)"))
        let tieChannels = outcomes.filter { $0.ties > 0 }
        evidence.append(Evidence(name: "tie inputs", value: "\(outcomes.reduce(0) { $0 + $1.ties }) inputs in \(tieChannels.count) channels",
                                 note: "a·x + b exactly halfway between two integers"))
        if let worst = outcomes.filter({ $0.minimalShift != nil }).max(by: { $0.minimalShift! < $1.minimalShift! }), let quantizer = worst.quantizer {
            evidence.append(Evidence(name: "worst channel", value: "\(worst.name): k_min = \(worst.minimalShift!), M = \(quantizer.multiplier), "
                + "B = \(quantizer.offset), a = \(worst.slope), b = \(worst.intercept)"))
        }
        let marginExcess = outcomes.compactMap { outcome in outcome.marginShift.flatMap { margin in outcome.minimalShift.map { margin - $0 } } }.sorted()
        if let lowest = marginExcess.first, let highest = marginExcess.last {
            evidence.append(Evidence(name: "margin-bound shift − k_min", value: "min \(lowest), median \(marginExcess[(marginExcess.count - 1) / 2]), max \(highest)",
                                     note: "over the \(marginExcess.count) channels without ties; the margin form was compared with q on every input of each"))
        }
        let overflows = outcomes.compactMap(\.overflow)
        if let widest = overflows.map(\.accumulatorBits).max() {
            evidence.append(Evidence(name: "accumulator at k_min", value: "at most \(widest) bits; \(overflows.filter { !$0.fits }.count) channels exceed 32 bits"))
        }
        evidence.append(Evidence(name: "float32 folded evaluation differs from q",
                                 value: "\(outcomes.reduce(0) { $0 + $1.float32Differences }) inputs in \(outcomes.filter { $0.float32Differences > 0 }.count) channels",
                                 note: "q from fl(fl(a·x) + b); reported, not a failure"))
        evidence.append(Evidence(name: "float32 unfolded batch norm differs from q",
                                 value: "\(outcomes.reduce(0) { $0 + $1.unfoldedFloat32Differences }) inputs in \(outcomes.filter { $0.unfoldedFloat32Differences > 0 }.count) channels",
                                 note: "q from ((s_in·x − μ)·(γ/std) + β)/s_out in float32; reported, not a failure"))
        evidence.append(Evidence(name: "exhaustive and boundary comparisons agree", value: "\(outcomes.filter(\.methodsAgree).count) of \(total) channels"))

        var histogram: [Int: Int] = [:]
        for shift in shifts { histogram[shift, default: 0] += 1 }
        let distribution = ReportTable(title: "Minimal shift k_min over channels", columns: ["k_min", "channels"],
                                       rows: histogram.keys.sorted().map { ["\($0)", "\(histogram[$0]!)"] })
        let layerTable = ReportTable(
            title: "Per layer", columns: ["layer", "channels", "s_in", "s_out", "k_min min", "k_min max", "ties", "float32 differences"],
            rows: checkpoint.layers.compactMap { layer -> [String]? in
                let rows = outcomes.filter { $0.layer == layer.name }
                guard !rows.isEmpty, let calibration = calibrations[layer.name] else { return nil }
                let layerShifts = rows.compactMap(\.minimalShift)
                return [layer.name, "\(rows.count)", "\(calibration.inputScale)", "\(calibration.outputScale)",
                        layerShifts.min().map(String.init) ?? "-", layerShifts.max().map(String.init) ?? "-",
                        "\(rows.reduce(0) { $0 + $1.ties })", "\(rows.reduce(0) { $0 + $1.float32Differences })"]
            })
        let worstTable = ReportTable(
            title: "Channels with the largest k_min", columns: ["channel", "k_min", "M", "B", "margin-bound shift", "ties"],
            rows: outcomes.filter { $0.minimalShift != nil }.sorted { $0.minimalShift! > $1.minimalShift! }.prefix(10).map {
                [$0.name, "\($0.minimalShift!)", $0.quantizer.map { "\($0.multiplier)" } ?? "-", $0.quantizer.map { "\($0.offset)" } ?? "-",
                 $0.marginShift.map(String.init) ?? "none (ties)", "\($0.ties)"]
            })

        var plots = [Plot(id: "\(instanceID)-minimal-shift", title: "Distribution of the minimal shift over MobileNetV2 channels",
                          xLabel: "k_min", yLabel: "channels",
                          series: [PlotSeries(name: "channels", points: histogram.keys.sorted().map { PlotPoint(x: Double($0), y: Double(histogram[$0]!)) },
                                              style: .points)])]
        if let representative = try representativeChannel(outcomes, shifts: shifts, parameters: parameters),
           let layer = checkpoint.layers.first(where: { $0.name == representative.layer }), let calibration = calibrations[layer.name] {
            let folded = FoldedChannel(layer: layer, channel: representative.channel, calibration: calibration, epsilon: checkpoint.epsilon)
            // The error plot shows a channel whose float32 pipeline changes an output, when
            // there is one, because on most channels the float32 error never crosses a
            // rounding boundary. It always spans the int8 inputs −128 … 127.
            let errorChannel = outcomes.first { $0.float32Differences > 0 } ?? representative
            let errorFolded = checkpoint.layers.first(where: { $0.name == errorChannel.layer })
                .flatMap { errorLayer in
                    calibrations[errorLayer.name].map {
                        FoldedChannel(layer: errorLayer, channel: errorChannel.channel, calibration: $0, epsilon: checkpoint.epsilon)
                    }
                } ?? folded
            plots.append(QuantizationPlots.float32Error(id: "\(instanceID)-float32-error",
                                                        title: "float32 evaluation error of a·x + b (\(errorChannel.name))",
                                                        slope: errorFolded.slope, intercept: errorFolded.intercept, domain: .int8))
            let reference = folded.reference(rounding: rounding, output: output)
            if let quantizer = representative.quantizer,
               let plot = QuantizationPlots.stepPositions(id: "\(instanceID)-step-positions",
                                                          title: "step crossings within their integer gap (\(representative.name), k = \(quantizer.shift))",
                                                          reference: reference, quantizer: quantizer, steps: reference.stepFunction(on: domain)) {
                plots.append(plot)
            }
            evidence.append(Evidence(name: "plotted channel", value: representative.name))
        }

        // At most 100 rows; the evidence above gives the totals.
        let floatRows = outcomes.flatMap { outcome in
            outcome.float32Mismatches.map { mismatch -> [String] in
                let exact = outcome.slope * Rational(mismatch.input) + outcome.intercept
                let floatValue = try! Rational(exactly: mismatch.value)
                let exactOutput = clamp(exact.rounded(rounding), to: output)
                return [outcome.name, mismatch.pipeline, "\(mismatch.input)", exact.decimalString(fractionDigits: 9, rounding: .down),
                        floatValue.decimalString(fractionDigits: 9, rounding: .down), "\(exactOutput)", mismatch.output.map(String.init) ?? "non-finite"]
            }
        }.prefix(100)
        let floatTable = ReportTable(
            title: "Inputs where a float32 pipeline differs from the exact q (decimals rounded down to 9 digits)",
            columns: ["channel", "float32 pipeline", "x", "exact a·x + b", "float32 value", "q", "float32 output"], rows: Array(floatRows))
        let tables = [distribution, worstTable, layerTable, floatTable]
        if let broken = outcomes.first(where: { !$0.methodsAgree }) {
            return CheckResult(verdict: .inconclusive, summary: "the exhaustive and boundary comparisons disagree on \(broken.name), a checker defect",
                               evidence: evidence, tables: tables, plots: plots, notes: notes)
        }
        if let failed = outcomes.first(where: { $0.minimalShift != nil && !$0.isExact }), let mismatch = failed.firstMismatch {
            return CheckResult(verdict: .refuted, summary: "\(failed.name): a fixed-point form differs from q at x = \(mismatch.input)",
                               evidence: evidence,
                               counterexample: Counterexample(description: "\(failed.name) at x = \(mismatch.input): q = \(mismatch.reference), fixed point \(mismatch.candidate)",
                                                              input: ["channel": failed.name, "x": "\(mismatch.input)"],
                                                              recheck: "recompute q and the fixed-point form for this channel"),
                               tables: tables, plots: plots, notes: notes)
        }
        if !unsolved.isEmpty {
            return CheckResult(verdict: .inconclusive,
                               summary: "\(unsolved.count) channels have no shift up to the search limit; a larger shiftLimit may decide them",
                               evidence: evidence, tables: tables, plots: plots, notes: notes)
        }
        // Channels with a tie input have no margin-bound shift, so the summary counts them apart.
        let marginChecked = outcomes.filter { $0.marginShift != nil }.count
        let marginText = marginChecked == total
            ? "and at its margin-bound shift"
            : "and the \(marginChecked) channels with a margin-bound shift are reproduced at it as well "
                + "(the other \(total - marginChecked) have tie inputs, so the margin bound gives no shift)"
        return CheckResult(verdict: .provedExact,
                           summary: "reconstructed spec: every one of \(total) channels is reproduced exactly at its minimal shift, " + marginText,
                           evidence: evidence, tables: tables, plots: plots, notes: notes)
    }

    /// Returns the channel named by `plotChannel` ("layer:channel"), or else the first channel whose
    /// k_min equals the median.
    static func representativeChannel(_ outcomes: [ChannelOutcome], shifts: [Int], parameters: Parameters) throws -> ChannelOutcome? {
        if let name = try parameters.optionalString("plotChannel") {
            let parts = name.split(separator: ":")
            guard parts.count == 2, let channel = Int(parts[1]),
                  let found = outcomes.first(where: { $0.layer == String(parts[0]) && $0.channel == channel }) else {
                throw parameters.invalid("plotChannel", problem: "no checked channel has this name",
                                         fix: "write \"layer:channel\", such as \"features.0.1:0\", for a channel within channelLimit")
            }
            return found
        }
        guard !shifts.isEmpty else { return nil }
        let median = shifts[(shifts.count - 1) / 2]
        return outcomes.first { $0.minimalShift == median }
    }
}
