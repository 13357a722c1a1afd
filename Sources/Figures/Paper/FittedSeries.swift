import DataFiles
import Fits
import Foundation
import ResultsSchema

/// One series of a scaling figure (F2, F3): points (seed means, in percent, after `transform`, with the report's
/// nested-bootstrap intervals and each pretraining seed's own means), and the power-law fit (Fits) of every run's value with its 95% band and curves, continued dashed beyond the data to `end`; the
/// note for the legend says why a series has no fit or no band.
public struct FittedSeries {
    /// The seed means with their nested-bootstrap intervals, and each pretraining seed's own means.
    public var series: SeedSeries
    public var points: [Points.Point] { series.points }
    public var fit: FittedModel?
    public var band: Layer?
    public var curves: [Layer]
    public var note: String

    public init(_ rows: [MetricRecord], name: String, transform: (Double) -> Double, end: Double,
                style: SeriesStyle, context: FigureContext) throws {
        series = SeedSeries(try context.measurements(rows) { try $0.number(.dataSize) }.map { (x: $0.key, value: $0.value) },
                            transform: transform)
        let group = PointGroup(name: name, x: try rows.map { try $0.number(.dataSize) }, y: try rows.map { transform(try $0.number(.value)) },
                               lines: rows.map(\.line), file: context.file, xColumn: MetricsColumn.dataSize.rawValue,
                               yColumn: MetricsColumn.value.rawValue)
        do {
            let fit = try group.fit(.power)
            let drawn = FitFigure.layers(fit, from: group.x.min()!, to: group.x.max()!, extendTo: end, style: style, scale: 100)
            (self.fit, band, curves, note) = (fit, drawn.band, drawn.curves, FitFigure.bandNote(fit))
        } catch {
            // Too few sizes, or a zero error rate: the points are still drawn, and the legend says why.
            (fit, band, curves) = (nil, nil, [])
            note = " (no fit: " + GnuplotText.escape(Set(group.x).count < 3 ? "fewer than 3 sizes" : "\(error)") + ")"
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
