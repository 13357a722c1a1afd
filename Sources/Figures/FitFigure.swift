import DataFiles
import Fits
import Foundation

/// The figure of `scaling plot fit`: each group's points (with error bars when given), its fitted curve,
/// the curve's 95% confidence band, and the curve continued dashed beyond the data (extrapolation).
public struct FitFigure: Sendable {
    /// Which model each group gets.
    public enum ModelChoice: Sendable, Equatable {
        case model(ScalingModel)
        /// The applicable model with the lowest AIC, per group.
        case best
    }

    public struct Options: Sendable {
        public var model: ModelChoice = .model(.power)
        public var logX = false
        public var logY = false
        /// y (and its errors) were read in percent: draw them in percent.
        public var percent = false
        public var title: String?
        public var xLabel: String
        public var yLabel: String
        /// The curve is drawn dashed from the largest x up to this multiple of it (1: no extrapolation).
        public var extrapolate = 4.0
        /// One panel per value of this grouping column (its index among the group columns); nil: one panel.
        public var panelColumn: Int?
        public init(xLabel: String, yLabel: String) {
            self.xLabel = xLabel
            self.yLabel = yLabel
        }
    }

    /// One group: its points, optional (low, high) error bounds per point, and its fit.
    public struct Series: Sendable {
        public var group: PointGroup
        public var errors: [(low: Double, high: Double)]?
        public var fit: FittedModel
    }

    public var series: [Series]
    public var options: Options

    /// Fits every group (errors as in `scaling fit`: a group the model cannot take is a one-line
    /// `InputError` naming the file, line and column). `errors` holds, per group, the error bounds of its
    /// points in order.
    public init(groups: [PointGroup], errors: [[(low: Double, high: Double)]]? = nil, options: Options) throws {
        self.options = options
        series = try groups.enumerated().map { index, group in
            Series(group: group, errors: errors?[index], fit: try FitFigure.fit(group, options.model))
        }
    }

    static func fit(_ group: PointGroup, _ choice: ModelChoice) throws -> FittedModel {
        switch choice {
        case .model(let model):
            return try group.fit(model)
        case .best:
            var failures: [String] = []
            let fits = ScalingModel.allCases.compactMap { model -> FittedModel? in
                do { return try group.fit(model) } catch { failures.append("\(error)"); return nil }
            }
            guard let best = fits.min(by: { $0.aic < $1.aic }) else {
                throw ToolError("\(group.file): group '\(group.name)': no model could be fitted: \(failures.joined(separator: "; "))")
            }
            return best
        }
    }

    /// The figure, named `name` (its files are NAME.png, NAME.svg, NAME.gp, NAME-*.dat).
    public func figure(name: String, size: ImageSize = .standard) -> Figure {
        let scale = options.percent ? 100.0 : 1.0
        let xs = series.flatMap(\.group.x)
        let low = xs.min() ?? 1, high = xs.max() ?? 1
        let end = high * max(options.extrapolate, 1)
        // A series keeps its colour in every panel: it is chosen by the group's values outside the panel column.
        func split(_ s: Series) -> (panel: String, label: String) {
            guard let column = options.panelColumn else { return ("", s.group.name == "all" ? "" : s.group.name) }
            var values = s.group.values
            let panel = values.remove(at: column)
            return (panel, values.joined(separator: "/"))
        }
        let panelNames = PaperFigures.ordered(series.map { split($0).panel }, by: [])
        let labels = PaperFigures.ordered(series.map { split($0).label }, by: [])
        let x = Axis(GnuplotText.escape(options.xLabel), logarithmic: options.logX,
                     minimum: options.logX ? low / 1.3 : nil, maximum: options.logX ? end * 1.3 : nil,
                     ticks: options.logX ? Ticks.logarithmic(from: low, to: end, maximum: panelNames.count > 1 ? 4 : 7) : nil)
        let notes = FitFigure.notes(band: series.contains { FitFigure.drawsBand($0.fit) },
                                    extrapolation: end > high ? "extrapolation" : nil)
        let panels = panelNames.map { panelName -> Panel in
            var bands: [Layer] = [], curves: [Layer] = [], points: [Layer] = []
            for s in series where split(s).panel == panelName {
                let label = split(s).label
                let style = SeriesStyle.series(labels.firstIndex(of: label)!)
                let fitted = FitFigure.layers(s.fit, from: s.group.x.min()!, to: s.group.x.max()!, extendTo: end, style: style, scale: scale)
                bands += fitted.band.map { [$0] } ?? []
                curves += fitted.curves
                var title = GnuplotText.formula(s.fit.formula()) + FitFigure.bandNote(s.fit)
                if !label.isEmpty { title = GnuplotText.escape(label) + ": " + title }
                if !panelName.isEmpty { title = GnuplotText.escape(panelName) + " " + title }
                points.append(.points(Points(title: title, points: s.group.x.indices.map { i in
                    let error = s.errors?[i]
                    return Points.Point(x: s.group.x[i], y: s.group.y[i] * scale, low: error.map { $0.low * scale }, high: error.map { $0.high * scale })
                }, style: style)))
            }
            // The notes go last in the legend: they belong to the last panel.
            return Panel(title: panelName.isEmpty ? nil : GnuplotText.escape(panelName), x: x,
                         y: Axis(GnuplotText.escape(options.yLabel), logarithmic: options.logY),
                         layers: bands + curves + points + (panelName == panelNames.last ? notes : []))
        }
        return Figure(name: name, title: options.title.map(GnuplotText.escape), panels: panels, columns: min(panels.count, 3), size: size)
    }

    /// The fewest residual degrees of freedom for which the 95% band is drawn: with one, Student's t is 12.7
    /// and the band covers the whole plot, hiding the data while saying nothing readable.
    static let minimumBandDegreesOfFreedom = 2

    /// Whether `fit` has enough residual degrees of freedom for its band to be drawn.
    static func drawsBand(_ fit: FittedModel) -> Bool {
        fit.degreesOfFreedom >= minimumBandDegreesOfFreedom
    }

    /// The legend's note for a fit whose band is left out ("" when it is drawn).
    static func bandNote(_ fit: FittedModel) -> String {
        drawsBand(fit) ? "" : " (no band: \(fit.degreesOfFreedom) dof)"
    }

    /// A fitted curve as layers: its 95% band from `low` to `end` (nil when the fit has too few degrees of
    /// freedom), the curve solid over the data (`low...high`) and dashed beyond it up to `end`; y values
    /// times `scale` (100 for percent).
    static func layers(_ fit: FittedModel, from low: Double, to high: Double, extendTo end: Double,
                       style: SeriesStyle, scale: Double) -> (band: Layer?, curves: [Layer]) {
        layers(value: fit.value(at:), band: drawsBand(fit) ? { fit.band(at: $0) } : nil, from: low, to: high, extendTo: end,
               style: style, scale: scale)
    }

    /// A fit refitted on a study's bootstrap resamples as layers: its percentile band (none without resamples)
    /// and its curve, as above.
    static func layers(_ fit: ResampledFit, from low: Double, to high: Double, extendTo end: Double,
                       style: SeriesStyle, scale: Double) -> (band: Layer?, curves: [Layer]) {
        layers(value: fit.value(at:), band: fit.resamples > 0 ? { fit.band(at: $0) } : nil, from: low, to: high, extendTo: end,
               style: style, scale: scale)
    }

    private static func layers(value: (Double) -> Double, band: ((Double) -> Interval)?, from low: Double, to high: Double,
                               extendTo end: Double, style: SeriesStyle, scale: Double) -> (band: Layer?, curves: [Layer]) {
        let measured = grid(from: low, to: high, count: 80)
        let extended = end > high ? grid(from: high, to: end, count: 40) : []
        let drawnBand = band.map { band in Layer.band(Band(points: (measured + extended.dropFirst()).map { x in
            let b = band(x)
            return (x: x, low: b.lower * scale, high: b.upper * scale)
        }, colour: style.colour)) }
        var curves = [Layer.curve(Curve(title: nil, points: measured.map { (x: $0, y: value($0) * scale) }, style: style))]
        if !extended.isEmpty {
            curves.append(.curve(Curve(title: nil, points: extended.map { (x: $0, y: value($0) * scale) }, style: style.dashed())))
        }
        return (drawnBand, curves)
    }

    /// Legend entries explaining the shading (95% band) when a band is drawn and the dashed extrapolation
    /// when there is one.
    public static func notes(band: Bool, extrapolation: String?) -> [Layer] {
        var notes: [Layer] = []
        if band { notes.append(.keyEntry(KeyEntry(title: "95% confidence band", kind: .band, style: SeriesStyle(colour: "#777777")))) }
        if let extrapolation { notes.append(.keyEntry(KeyEntry(title: extrapolation, kind: .line, style: SeriesStyle.black.dashed()))) }
        return notes
    }

    /// `count` points from `low` to `high`, evenly spaced in ln x.
    static func grid(from low: Double, to high: Double, count: Int) -> [Double] {
        guard high > low, count > 1 else { return [low] }
        let a = log(low), b = log(high)
        return (0..<count).map { exp(a + (b - a) * Double($0) / Double(count - 1)) }
    }
}
