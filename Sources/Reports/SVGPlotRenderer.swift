import ClaimKit
import Foundation

/// Renders a `Plot` as a standalone SVG 1.1 document: axes with ticks, linear or
/// base-10 log scales, one polyline, point set or step path per series, a legend and
/// labelled vertical markers.
///
/// Output depends only on the plot, so equal plots give byte-identical files. Points
/// with a non-finite coordinate, or a non-positive one on a log axis, are not drawn; the
/// caption under the title counts them.
public struct SVGPlotRenderer: Sendable {
    public var width: Double = 720
    public var height: Double = 440

    public init() {}

    private let margin = (left: 80.0, right: 24.0, top: 48.0, bottom: 64.0)
    private static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

    public func render(_ plot: Plot) -> String {
        let plotted = plot.series.map { series in
            series.points.filter { isDrawable($0.x, plot.xScale) && isDrawable($0.y, plot.yScale) }
        }
        let dropped = plot.series.map(\.points.count).reduce(0, +) - plotted.map(\.count).reduce(0, +)
        let markers = plot.markers.filter { isDrawable($0.x, plot.xScale) }

        let xValues = plotted.flatMap { $0.map(\.x) } + markers.map(\.x)
        let yValues = plotted.flatMap { $0.map(\.y) }
        let yAxis = AxisLayout(values: yValues, scale: plot.yScale, start: height - margin.bottom, end: margin.top)
        // The left margin grows with the widest y tick label, so the rotated axis label
        // fits left of the tick labels.
        let left = max(margin.left, yTickLabelWidth(yAxis) + 8 + SVGPlotRenderer.yLabelClearance + 14)
        let xAxis = AxisLayout(values: xValues, scale: plot.xScale, start: left, end: width - margin.right)

        var svg = SVGBuilder(width: width, height: height)
        svg.text(plot.title, x: width / 2, y: 24, anchor: "middle", attributes: "font-size=\"16\" font-weight=\"bold\"")
        if dropped > 0 {
            let reason = plot.xScale == .log || plot.yScale == .log ? "non-finite or non-positive on a log axis" : "non-finite"
            svg.text("\(dropped) point(s) not drawn: \(reason)", x: width / 2, y: 40, anchor: "middle", attributes: "font-size=\"11\" fill=\"#666\"")
        }

        drawFrame(&svg, xAxis: xAxis, yAxis: yAxis, plot: plot)
        drawMarkers(&svg, markers, xAxis: xAxis)
        for (index, series) in plot.series.enumerated() {
            drawSeries(&svg, points: plotted[index], style: series.style, color: SVGPlotRenderer.color(index), xAxis: xAxis, yAxis: yAxis)
        }
        if plotted.allSatisfy(\.isEmpty) {
            svg.text("no data to draw", x: (left + width - margin.right) / 2, y: (margin.top + height - margin.bottom) / 2,
                     anchor: "middle", attributes: "font-size=\"14\" fill=\"#666\"")
        }
        drawLegend(&svg, plot.series)
        return svg.finish()
    }

    private func isDrawable(_ value: Double, _ scale: AxisScale) -> Bool {
        value.isFinite && (scale == .linear || value > 0)
    }

    private static func color(_ index: Int) -> String { palette[index % palette.count] }

    private func drawFrame(_ svg: inout SVGBuilder, xAxis: AxisLayout, yAxis: AxisLayout, plot: Plot) {
        let left = xAxis.start, right = width - margin.right, top = margin.top, bottom = height - margin.bottom
        svg.element("rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(right - left))\" height=\"\(f(bottom - top))\" fill=\"none\" stroke=\"#000\"")

        for tick in xAxis.ticks {
            let x = xAxis.position(tick.value)
            svg.element("line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(bottom))\" stroke=\"#e5e5e5\"")
            svg.element("line x1=\"\(f(x))\" y1=\"\(f(bottom))\" x2=\"\(f(x))\" y2=\"\(f(bottom + 5))\" stroke=\"#000\"")
            svg.text(tick.label, x: x, y: bottom + 18, anchor: "middle", attributes: "font-size=\"11\"")
        }
        for tick in yAxis.ticks {
            let y = yAxis.position(tick.value)
            svg.element("line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(right))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"")
            svg.element("line x1=\"\(f(left - 5))\" y1=\"\(f(y))\" x2=\"\(f(left))\" y2=\"\(f(y))\" stroke=\"#000\"")
            svg.text(tick.label, x: left - 8, y: y + 4, anchor: "end", attributes: "font-size=\"11\"")
        }

        let xLabel = plot.xLabel + (plot.xScale == .log ? " (log scale)" : "")
        let yLabel = plot.yLabel + (plot.yScale == .log ? " (log scale)" : "")
        svg.text(xLabel, x: (left + right) / 2, y: height - 20, anchor: "middle", attributes: "font-size=\"13\"")
        let yCenter = (top + bottom) / 2
        let yLabelX = left - 8 - yTickLabelWidth(yAxis) - SVGPlotRenderer.yLabelClearance
        svg.text(yLabel, x: yLabelX, y: yCenter, anchor: "middle",
                 attributes: "font-size=\"13\" transform=\"rotate(-90 \(f(yLabelX)) \(f(yCenter)))\"")
    }

    /// Distance from the right edge of the tick labels to the centre line of the rotated
    /// y-axis label: half the 13 px label height plus a gap.
    private static let yLabelClearance = 12.0

    /// Estimated width in pixels of the widest y tick label at 11 px. It assumes 6.5 px
    /// per character, which is an estimate that is slightly wide for common sans-serif
    /// digits, so the estimate errs toward more space.
    private func yTickLabelWidth(_ yAxis: AxisLayout) -> Double {
        Double(yAxis.ticks.map(\.label.count).max() ?? 0) * 6.5
    }

    private func drawMarkers(_ svg: inout SVGBuilder, _ markers: [PlotMarker], xAxis: AxisLayout) {
        for (index, marker) in markers.enumerated() {
            let x = xAxis.position(marker.x)
            svg.element("line x1=\"\(f(x))\" y1=\"\(f(margin.top))\" x2=\"\(f(x))\" y2=\"\(f(height - margin.bottom))\" stroke=\"#555\" stroke-dasharray=\"6 4\"")
            // Labels sit near the bottom of the frame, away from the legend in the top right.
            let labelY = height - margin.bottom - 8 - Double(index % 3) * 14
            // A label right of the middle goes to the left of its line, so it stays inside the frame.
            let rightHalf = x > (xAxis.start + width - margin.right) / 2
            svg.text(marker.label, x: rightHalf ? x - 4 : x + 4, y: labelY, anchor: rightHalf ? "end" : "start",
                     attributes: "font-size=\"11\" fill=\"#333\"")
        }
    }

    private func drawSeries(_ svg: inout SVGBuilder, points: [PlotPoint], style: PlotSeries.Style, color: String,
                            xAxis: AxisLayout, yAxis: AxisLayout) {
        guard !points.isEmpty else { return }
        let coordinates = points.map { (xAxis.position($0.x), yAxis.position($0.y)) }
        switch style {
        case .points:
            for (x, y) in coordinates {
                svg.element("circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3\" fill=\"\(color)\"")
            }
        case .line:
            let list = coordinates.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            svg.element("polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"")
        case .step:
            var path = "M\(f(coordinates[0].0)),\(f(coordinates[0].1))"
            for (x, y) in coordinates.dropFirst() {
                path += " H\(f(x)) V\(f(y))"
            }
            svg.element("path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"")
        }
    }

    private func drawLegend(_ svg: inout SVGBuilder, _ series: [PlotSeries]) {
        guard !series.isEmpty else { return }
        let longest = series.map(\.name.count).max() ?? 0
        let boxWidth = Double(min(longest, 40)) * 6.5 + 40
        let x = width - margin.right - boxWidth - 8
        let y = margin.top + 8
        svg.element("rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(boxWidth))\" height=\"\(f(Double(series.count) * 18 + 8))\" fill=\"#fff\" fill-opacity=\"0.9\" stroke=\"#999\"")
        for (index, item) in series.enumerated() {
            let rowY = y + 16 + Double(index) * 18
            let color = SVGPlotRenderer.color(index)
            if item.style == .points {
                svg.element("circle cx=\"\(f(x + 16))\" cy=\"\(f(rowY - 4))\" r=\"3\" fill=\"\(color)\"")
            } else {
                svg.element("line x1=\"\(f(x + 6))\" y1=\"\(f(rowY - 4))\" x2=\"\(f(x + 26))\" y2=\"\(f(rowY - 4))\" stroke=\"\(color)\" stroke-width=\"2\"")
            }
            svg.text(item.name, x: x + 32, y: rowY, anchor: "start", attributes: "font-size=\"11\"")
        }
    }
}

/// Formats an SVG coordinate with two decimals.
func f(_ value: Double) -> String {
    String(format: "%.2f", value)
}

/// Accumulates SVG elements.
struct SVGBuilder {
    private var lines: [String]

    init(width: Double, height: Double) {
        lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"sans-serif\">",
            "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#fff\"/>",
        ]
    }

    /// Appends an empty element; `body` is the tag name followed by its attributes.
    mutating func element(_ body: String) {
        lines.append("<\(body)/>")
    }

    mutating func text(_ content: String, x: Double, y: Double, anchor: String, attributes: String) {
        lines.append("<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" \(attributes)>\(XMLEscaping.escape(content))</text>")
    }

    func finish() -> String {
        (lines + ["</svg>"]).joined(separator: "\n") + "\n"
    }
}
