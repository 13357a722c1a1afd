import DataFiles
import Fits
import Foundation
import ResultsSchema

/// One series of a scaling figure (F2, F3): points (seed means, in percent, after `transform`, with the report's
/// nested-bootstrap intervals and each pretraining seed's own means), and the power law through those means
/// (`FigureIntervals.fit`: the report's fit, refitted on each resample of the same bootstrap) with its 95%
/// percentile band, continued dashed beyond the data to `end`; the note for the legend says why a series has no fit.
public struct FittedSeries {
    /// The seed means with their nested-bootstrap intervals, and each pretraining seed's own means.
    public var series: SeedSeries
    public var points: [Points.Point] { series.points }
    public var fit: ResampledFit?
    public var band: Layer?
    public var curves: [Layer]
    public var note: String

    public init(_ rows: [MetricRecord], name: String, transform: @escaping (Double) -> Double, end: Double,
                style: SeriesStyle, context: FigureContext) throws {
        let measured = try context.measurements(rows) { try $0.number(.dataSize) }
        series = SeedSeries(measured.map { (x: $0.key, value: $0.value) }, transform: transform)
        let groups = try Dictionary(grouping: rows.filter { !$0.isUndefined }) { try $0.number(.dataSize) }.sorted { $0.key < $1.key }.map { (x: $0.key, rows: $0.value) }
        do {
            guard groups.count >= 3 else { throw FitFailure.tooFewPoints(needed: 3, found: groups.count) }
            let fit = try context.intervals.fit(.power, groups, transform: transform)
            let drawn = FitFigure.layers(fit, from: groups.first!.x, to: groups.last!.x, extendTo: end, style: style, scale: 100)
            (self.fit, band, curves, note) = (fit, drawn.band, drawn.curves, "")
        } catch {
            // Too few sizes, or a mean error rate of zero: the points are still drawn, and the legend says why.
            (fit, band, curves) = (nil, nil, [])
            note = " (no fit: " + GnuplotText.escape(groups.count < 3 ? "fewer than 3 sizes" : "\(error)") + ")"
        }
    }
}

extension Ticks {
    /// Ticks at 1, 2, 5 x 10^k within `low...high` (for logarithmic percent axes).
    public static func oneTwoFive(from low: Double, to high: Double) -> [Tick] {
        guard low > 0, high > low, low.isFinite, high.isFinite else { return [] }
        var ticks: [Tick] = []
        for k in Int(floor(log10(low)))...Int(ceil(log10(high))) {
            for m in [1.0, 2, 5] {
                let v = m * pow(10, Double(k))
                if v >= low * 0.999 && v <= high * 1.001 { ticks.append(Tick(v, String(format: "%g", v))) }
            }
        }
        return ticks
    }
}
