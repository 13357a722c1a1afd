import DataFiles
import Fits
import Foundation
import XCTest
@testable import Figures

final class FitFigureTests: XCTestCase {
    /// y = 0.05 x^0.35 exactly on one group, with a little noise on another.
    func groups() -> [PointGroup] {
        let xs = (0..<6).map { 1000 * pow(2, Double($0)) }
        let noise = [1.01, 0.99, 1.02, 0.985, 1.0, 1.015]
        let exact = PointGroup(name: "exact", values: ["exact"], x: xs, y: xs.map { 0.05 * pow($0, 0.35) })
        let noisy = PointGroup(name: "noisy_1", values: ["noisy_1"], x: xs, y: zip(xs, noise).map { 0.04 * pow($0, 0.3) * $1 })
        return [exact, noisy]
    }

    func layers(_ figure: Figure) -> (curves: [Curve], bands: [Band], points: [Points]) {
        var curves: [Curve] = [], bands: [Band] = [], points: [Points] = []
        for layer in figure.panels.flatMap(\.layers) {
            switch layer {
            case .curve(let c): curves.append(c)
            case .band(let b): bands.append(b)
            case .points(let p): points.append(p)
            default: break
            }
        }
        return (curves, bands, points)
    }

    /// The curve follows the fit inside the data and continues dashed to 4x the largest x; the band holds the
    /// curve; the legend carries the fitted formula with a raised exponent.
    func testCurveBandExtrapolationAndFormula() throws {
        var options = FitFigure.Options(xLabel: "SFT examples", yLabel: "accuracy")
        options.logX = true
        let fits = try FitFigure(groups: groups(), options: options)
        XCTAssertEqual(fits.series[0].fit.theta[1], 0.35, accuracy: 1e-9)
        let (curves, bands, points) = layers(fits.figure(name: "fit"))
        XCTAssertEqual(curves.count, 4)
        let solid = curves[0], dashed = curves[1]
        XCTAssertEqual(solid.style.dash, 1)
        XCTAssertEqual(dashed.style.dash, 2)
        XCTAssertEqual(solid.points.first!.x, 1000, accuracy: 1e-9)
        XCTAssertEqual(solid.points.last!.x, 32000, accuracy: 1e-6)
        XCTAssertEqual(dashed.points.first!.x, 32000, accuracy: 1e-6)
        XCTAssertEqual(dashed.points.last!.x, 128_000, accuracy: 1e-6)
        for p in solid.points + dashed.points { XCTAssertEqual(p.y, 0.05 * pow(p.x, 0.35), accuracy: 1e-9) }
        // The noisy group's band is a real interval around its curve, wider where it extrapolates.
        let band = bands[1].points
        let curve = curves[2].points + curves[3].points.dropFirst()
        XCTAssertEqual(band.count, curve.count)
        for (b, c) in zip(band, curve) { XCTAssertLessThan(b.low, c.y); XCTAssertGreaterThan(b.high, c.y) }
        XCTAssertGreaterThan(band.last!.high - band.last!.low, 2 * (band[40].high - band[40].low))
        XCTAssertEqual(points.map(\.title), ["exact: y = 0.05 x^{0.35}", "noisy\\_1: " + GnuplotText.formula(fits.series[1].fit.formula())])
    }

    /// --model best takes each group's lowest-AIC model; a model a group cannot take is the fit's own error.
    func testBestModelAndInputErrors() throws {
        var options = FitFigure.Options(xLabel: "x", yLabel: "y")
        options.model = .best
        let fits = try FitFigure(groups: groups(), options: options)
        for s in fits.series {
            let aics = ScalingModel.allCases.compactMap { try? s.group.fit($0).aic }
            XCTAssertEqual(s.fit.aic, aics.min()!, accuracy: 1e-9)
        }
        options.model = .model(.logitPower)
        XCTAssertThrowsError(try FitFigure(groups: groups(), options: options)) { error in
            XCTAssertTrue("\(error)".contains("y must be in (0, 1) for logit-power"), "\(error)")
        }
    }

    /// Panels split by a group column; a series keeps its colour across panels; the figure renders.
    func testPanelsRender() throws {
        let base = groups()
        var split: [PointGroup] = []
        for (panel, group) in [("A", base[0]), ("A", base[1]), ("B", base[0]), ("B", base[1])] {
            var g = group
            g.values = [panel] + g.values
            g.name = g.values.joined(separator: "/")
            split.append(g)
        }
        var options = FitFigure.Options(xLabel: "x", yLabel: "y")
        options.panelColumn = 0
        options.extrapolate = 1
        options.title = "two_panels"
        let figure = try FitFigure(groups: split, options: options).figure(name: "panels")
        XCTAssertEqual(figure.panels.map { $0.title ?? "" }, ["A", "B"])
        XCTAssertEqual(layers(figure).curves.count, 4, "no extrapolation")
        XCTAssertEqual(layers(figure).points.map(\.style.colour), [Theme.colour(0), Theme.colour(1), Theme.colour(0), Theme.colour(1)])
        let dir = try ImageCheck.temporaryDirectory()
        let output = try FigureWriter(gnuplot: try requireGnuplot()).write(figure, to: dir)
        XCTAssertEqual(output.warnings, [])
        ImageCheck.assertPNG(dir + "/panels.png", width: 900, height: 560)
        ImageCheck.assertSVG(dir + "/panels.svg")
    }
}
