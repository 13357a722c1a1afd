import DataFiles
import Fits
import Foundation

/// F2 and F3: accuracy (or error rate) against SFT size with power-law fits from the Fits module, their 95%
/// bands, and the curves continued dashed beyond the data.
extension PaperFigures {
    /// F2 (E2): synthetic data is almost as good as real, and continues past the size of the real pool.
    static let realVsSynthetic = PaperFigure(
        id: "F2", experiment: "E2",
        caption: "real vs synthetic greedy accuracy vs SFT size, power-law fits with 95% bands",
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: "greedy_accuracy", finetunedOnly: true)
            let kinds = ordered(accuracy.map { $0["data_kind"] }, by: ["real", "synthetic"])
            let sizes = try accuracy.map { try $0.number("data_size") }
            let end = sizes.max()! * 2
            var bands: [Layer] = [], curves: [Layer] = [], points: [Layer] = []
            for (index, kind) in kinds.enumerated() {
                let series = try fittedSeries(accuracy.filter { $0["data_kind"] == kind }, name: kind, transform: { $0 }, end: end,
                                              style: .series(index), context: context)
                var title = GnuplotText.escape(kind)
                if let fit = series.fit { title += ": " + GnuplotText.formula(fit.formula()) }
                title += series.note
                bands += series.band.map { [$0] } ?? []
                curves += series.curves
                points.append(.points(Points(title: title, points: dodge(series.points, index: index, count: kinds.count, logarithmic: true),
                                             style: .series(index))))
            }
            var markers: [Marker] = []
            if let pool = try accuracy.filter({ $0["data_kind"] == "real" }).map({ try $0.number("data_size") }).max(),
               kinds.contains("synthetic") {
                markers.append(Marker(x: pool, label: "real pool: \(Ticks.label(pool))"))
            }
            let notes = FitFigure.notes(band: !bands.isEmpty, extrapolation: curves.isEmpty ? nil : "extrapolation")
            // A power law in accuracy passes 100% eventually; the axis stops there.
            let top = points.compactMap { if case .points(let p) = $0 { return p.points.map { $0.high ?? $0.y }.max() } else { return nil } }.max() ?? 100
            let panel = Panel(x: SizeScale(sizes).axis(extend: end, maximumTicks: 7), y: Axis("greedy accuracy (%)", maximum: min(100, top * 1.4)),
                              layers: bands + curves + points + notes, markers: markers)
            return Figure(name: "F2", title: "E2: real vs synthetic SFT data",
                          panels: [panel])
        },
        columns: ["data_kind", "data_size", "ci_low", "ci_high"])

    /// F3 (E3): error rate against SFT size for each model size on log-log axes, where a power law is a line.
    static let modelSizes = PaperFigure(
        id: "F3", experiment: "E3",
        caption: "error rate vs SFT size per model size, power-law fits extrapolated dashed, exponents in the legend",
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: "greedy_accuracy", finetunedOnly: true)
            let models = try ModelSizes(accuracy)
            let sizes = try accuracy.map { try $0.number("data_size") }
            let end = sizes.max()! * 4
            var bands: [Layer] = [], curves: [Layer] = [], points: [Layer] = []
            var lowest = 100.0, highest = 0.0
            for (index, model) in models.names.enumerated() {
                // Error rate 1 - accuracy: its interval is (1 - high, 1 - low).
                let series = try fittedSeries(accuracy.filter { $0["model_size"] == model }, name: model, transform: { 1 - $0 },
                                              end: end, style: .series(index), context: context)
                var title = models.title(model)
                if let fit = series.fit {
                    let b = fit.parameters()[1]
                    title += String(format: ": error ∝ N^{%.3f} (95%% CI %.3f to %.3f)", b.estimate, b.interval.lower, b.interval.upper)
                }
                title += series.note
                bands += series.band.map { [$0] } ?? []
                curves += series.curves
                points.append(.points(Points(title: title, points: dodge(series.points, index: index, count: models.names.count, logarithmic: true),
                                             style: .series(index))))
                for p in series.points { lowest = min(lowest, p.low ?? p.y, p.y); highest = max(highest, p.high ?? p.y, p.y) }
            }
            let notes = FitFigure.notes(band: !bands.isEmpty, extrapolation: curves.isEmpty ? nil : "extrapolation (4x the data)")
            let low = max(lowest / 2, 0.1), high = min(highest * 1.3, 100)
            let panel = Panel(x: SizeScale(sizes).axis(extend: end, maximumTicks: 7),
                              y: Axis("greedy error rate (%)", logarithmic: true, minimum: low, maximum: high,
                                      ticks: Ticks.oneTwoFive(from: low, to: high)),
                              layers: bands + curves + points + notes)
            return Figure(name: "F3", title: "E3: error rate vs SFT data for each model size",
                          panels: [panel])
        },
        columns: ["model_size", "params", "data_size", "ci_low", "ci_high"])

    /// One series of F2/F3: points (seed means, in percent, after `transform`), and the power-law fit of
    /// every run's value with its band and curves; the note for the legend says why a series has no fit
    /// or no band.
    static func fittedSeries(_ rows: [MetricRecord], name: String, transform: (Double) -> Double, end: Double,
                             style: SeriesStyle, context: FigureContext) throws
        -> (points: [Points.Point], fit: FittedModel?, band: Layer?, curves: [Layer], note: String) {
        let points = try rows.measurements { try $0.number("data_size") }.map { size, m in
            let a = m.low.map(transform), b = m.high.map(transform)
            return Points.Point(x: size, y: transform(m.value) * 100, low: a.flatMap { a in b.map { min(a, $0) * 100 } },
                                high: a.flatMap { a in b.map { max(a, $0) * 100 } })
        }
        let group = PointGroup(name: name, x: try rows.map { try $0.number("data_size") }, y: try rows.map { transform(try $0.number("value")) },
                               lines: rows.map(\.line), file: context.file, xColumn: "data_size", yColumn: "value")
        do {
            let fit = try group.fit(.power)
            let drawn = FitFigure.layers(fit, from: group.x.min()!, to: group.x.max()!, extendTo: end, style: style, scale: 100)
            return (points, fit, drawn.band, drawn.curves, FitFigure.bandNote(fit))
        } catch {
            // Too few sizes, or a zero error rate: the points are still drawn, and the legend says why.
            return (points, nil, nil, [], " (no fit: " + GnuplotText.escape(Set(group.x).count < 3 ? "fewer than 3 sizes" : "\(error)") + ")")
        }
    }
}

extension Ticks {
    /// Ticks at 1, 2, 5 x 10^k within `low...high` (for logarithmic percent axes).
    static func oneTwoFive(from low: Double, to high: Double) -> [Tick] {
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
