/// A 2-D plot description; the Reports module renders it to SVG.
public struct Plot: Sendable, Codable, Equatable {
    /// File stem of the SVG, unique within one claim: lower-case letters, digits and '-'.
    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: AxisScale
    public var yScale: AxisScale
    public var series: [PlotSeries]
    public var markers: [PlotMarker]

    public init(id: String, title: String, xLabel: String, yLabel: String, xScale: AxisScale = .linear,
                yScale: AxisScale = .linear, series: [PlotSeries], markers: [PlotMarker] = []) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
        self.markers = markers
    }
}

public enum AxisScale: String, Sendable, Codable, Equatable {
    case linear
    /// Base-10 logarithmic. Points with a non-positive coordinate on this axis are not drawn.
    case log
}

/// One named data series.
public struct PlotSeries: Sendable, Codable, Equatable {
    public enum Style: String, Sendable, Codable, Equatable {
        case line
        case points
        /// Piecewise constant: each value stays until the next x.
        case step
    }

    public var name: String
    public var points: [PlotPoint]
    public var style: Style

    public init(name: String, points: [PlotPoint], style: Style = .line) {
        self.name = name
        self.points = points
        self.style = style
    }
}

/// A data point for display only. Plots never carry the values a verdict rests on;
/// those stay exact or enclosed in `Evidence`.
public struct PlotPoint: Sendable, Codable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A vertical line at `x` with a label, e.g. the first step at which a policy is optimal.
public struct PlotMarker: Sendable, Codable, Equatable {
    public var x: Double
    public var label: String

    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}
