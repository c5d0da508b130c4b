import ClaimKit
import Foundation
import Testing
@testable import Reports

@Suite struct SVGPlotRendererTests {
    @Test func outputIsWellFormedSVG() throws {
        let (root, error) = XMLShapeParser.parse(SVGPlotRenderer().render(SyntheticRun.plot))
        #expect(error == nil)
        let svg = try #require(root)
        #expect(svg.name == "svg")
        #expect(svg.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(svg.all("polyline").count == 1)
        #expect(svg.all("path").count == 1)
        // One drawable point in the points series plus its legend symbol; the NaN point is dropped.
        #expect(svg.all("circle").count == 2)
    }

    @Test func escapesTextAndCountsDroppedPoints() throws {
        let (root, _) = XMLShapeParser.parse(SVGPlotRenderer().render(SyntheticRun.plot))
        let texts = try #require(root).all("text").map(\.text)
        #expect(texts.contains("Suboptimal mass <per step>"))
        #expect(texts.contains("samples & co"))
        // y = 0 on the log axis and the NaN point are not drawn.
        #expect(texts.contains("2 point(s) not drawn: non-finite or non-positive on a log axis"))
        #expect(texts.contains("first optimal step"))
        #expect(texts.contains("mass (log scale)"))
    }

    @Test func yLabelClearsWideTickLabels() throws {
        // Tick labels such as "-0.000125" are 9 characters wide at 11 px.
        let points = [PlotPoint(x: 0, y: -0.000125), PlotPoint(x: 1, y: 0.000125)]
        let plot = Plot(id: "wide", title: "Wide ticks", xLabel: "x", yLabel: "deviation",
                        series: [PlotSeries(name: "s", points: points)])
        let svg = try #require(XMLShapeParser.parse(SVGPlotRenderer().render(plot)).0)
        let texts = svg.all("text")
        let tickLabels = texts.filter { $0.attributes["text-anchor"] == "end" && $0.attributes["font-size"] == "11" }
        let widest = try #require(tickLabels.map(\.text.count).max())
        let tickRight = try #require(tickLabels.first.flatMap { Double($0.attributes["x"] ?? "") })
        let label = try #require(texts.first { $0.text == "deviation" })
        let labelX = try #require(Double(label.attributes["x"] ?? ""))
        // The rotated label is 13 px high, so its right edge is about 7 px right of its x.
        // Each tick character is at most 6.5 px wide at 11 px.
        #expect(widest >= 8)
        #expect(labelX + 7 <= tickRight - Double(widest) * 6.5, "label at \(labelX), tick labels end at \(tickRight)")
        #expect(labelX - 7 >= 0)
    }

    @Test func plotPathDropsRepeatedInstanceID() {
        #expect(ClaimReportPage.plotPath("c/", instanceID: "inst", plotID: "inst-step-positions") == "c/inst-step-positions.svg")
        #expect(ClaimReportPage.plotPath("c/", instanceID: "inst", plotID: "samples") == "c/inst--samples.svg")
        #expect(ClaimReportPage.plotPath("c/", instanceID: "inst", plotID: "instant") == "c/inst--instant.svg")
        #expect(ClaimReportPage.plotPath("c/control-x--", instanceID: "i1", plotID: "i1-mass") == "c/control-x--i1-mass.svg")
    }

    @Test func logAxisTicksArePowersOfTen() {
        let axis = AxisLayout(values: [0.003, 0.5, 20], scale: .log, start: 0, end: 100)
        #expect(axis.ticks.map(\.label) == ["0.001", "0.01", "0.1", "1", "10", "100"])
        #expect(abs(axis.position(0.001) - 0) < 1e-9)
        #expect(abs(axis.position(100) - 100) < 1e-9)
        #expect(abs(axis.position(1) - 60) < 1e-9)
    }

    @Test func shortLogAxisGetsIntermediateTicks() {
        let axis = AxisLayout(values: [150, 900], scale: .log, start: 0, end: 100)
        #expect(axis.ticks.map(\.label) == ["100", "200", "500", "1000"])
    }

    @Test func wideLogAxisThinsTicks() {
        let axis = AxisLayout(values: [1e-80, 1], scale: .log, start: 0, end: 100)
        #expect(axis.ticks.count <= 9)
        #expect(axis.ticks.first?.label == "1e-80")
        #expect(axis.ticks.last?.label == "1")
    }

    @Test(arguments: [(0.7, 1.0), (1.0, 1.0), (1.3, 2.0), (3.0, 5.0), (7.0, 10.0), (0.013, 0.02), (420.0, 500.0)])
    func niceStep(rough: Double, expected: Double) {
        #expect(abs(AxisLayout.niceStep(rough) - expected) <= expected * 1e-12)
    }

    @Test func linearAxisCoversDataWithRoundTicks() {
        let axis = AxisLayout(values: [-0.3, 2.6], scale: .linear, start: 0, end: 1)
        #expect(axis.ticks.map(\.label) == ["-0.5", "0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"])
    }

    @Test func emptyPlotSaysNoData() throws {
        let plot = Plot(id: "empty", title: "Empty", xLabel: "x", yLabel: "y", series: [])
        let (root, error) = XMLShapeParser.parse(SVGPlotRenderer().render(plot))
        #expect(error == nil)
        #expect(try #require(root).all("text").map(\.text).contains("no data to draw"))
    }
}
