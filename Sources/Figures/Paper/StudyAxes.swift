import DataFiles
import Foundation
import ResultsSchema

/// Shared pieces of the study figures: the data-size axis, model-size names, percent scaling, bars.

/// The data-size axis: logarithmic, ticks at the sizes present, and the base model (0 examples) drawn at a
/// quarter of the smallest size with the tick label "base".
public struct SizeScale {
    public var sizes: [Double]
    public var basePosition: Double?

    public init(_ sizes: [Double]) {
        let positive = Set(sizes.filter { $0 > 0 }).sorted()
        self.sizes = positive
        basePosition = sizes.contains(0) ? (positive.first ?? 64) / 4 : nil
    }

    /// The x position of a data size.
    public func x(_ size: Double) -> Double { size == 0 ? (basePosition ?? 0) : size }

    /// How many size ticks fit under a panel of a figure with `panels` panels side by side (labels such as
    /// "1024" and "4096" collide when narrow panels get more).
    public static func maximumTicks(panels: Int) -> Int { panels >= 3 ? 3 : panels == 2 ? 4 : 6 }

    /// Half the width of a bar at each size, as a factor on the logarithmic axis: 1.3, or less when two
    /// positions are closer than a factor of 2.
    public var barFactor: Double {
        let positions = ([basePosition].compactMap { $0 } + sizes).sorted()
        let closest = zip(positions, positions.dropFirst()).map { $1 / $0 }.min() ?? 4
        return min(1.3, pow(closest, 0.38))
    }

    /// The axis, extended to `extend` (for extrapolated curves) and with at most `maximumTicks` ticks.
    public func axis(_ label: String = "SFT examples", extend: Double? = nil, maximumTicks: Int = 6) -> Axis {
        let low = basePosition ?? sizes.first ?? 1, high = max(extend ?? 0, sizes.last ?? 1)
        var ticks: [Tick]
        if sizes.count <= maximumTicks && extend == nil {
            ticks = sizes.map { Tick($0, Ticks.label($0)) }
        } else {
            ticks = Ticks.logarithmic(from: sizes.first ?? low, to: high, maximum: maximumTicks)
        }
        if let basePosition { ticks.insert(Tick(basePosition, "base"), at: 0) }
        return Axis(label, logarithmic: true, minimum: low / 1.5, maximum: high * 1.5, ticks: ticks)
    }
}

/// Model sizes ordered by parameter count, each with a display name such as "d64L2 (128K params)".
public struct ModelSizes {
    public var names: [String]
    public var params: [String: Double]

    /// Reads model_size and params (params may be empty: such sizes sort by name, after those with counts).
    public init(_ rows: [MetricRecord]) throws {
        var params: [String: Double] = [:]
        var names = Set<String>()
        for row in rows {
            names.insert(row[.modelSize])
            if let p = try row.optionalNumber(.params) { params[row[.modelSize]] = p }
        }
        self.params = params
        self.names = names.sorted { (params[$0] ?? .infinity, $0) < (params[$1] ?? .infinity, $1) }
    }

    /// "d64L2 (129K params)", or with `oneSeed` "d64L2 (129K, 1 seed)" (a panel whose points rest on one seed).
    public func title(_ name: String, oneSeed: Bool = false) -> String {
        guard let p = params[name] else { return GnuplotText.escape(name) + (oneSeed ? " (1 seed)" : "") }
        return GnuplotText.escape(name) + " (" + Format.count(p) + (oneSeed ? ", 1 seed)" : " params)")
    }
}

extension Measurement {
    /// The measurement as a plotted point at x, scaled (100 for percent).
    public func point(x: Double, scale: Double = 100) -> Points.Point {
        Points.Point(x: x, y: value * scale, low: low.map { $0 * scale }, high: high.map { $0 * scale })
    }
}

/// Bars side by side within clusters (one cluster per category, one bar per series), with error bars.
public struct GroupedBars {
    public var clusters: [String]
    public var series: [(title: String, values: [Measurement?])]
    public var scale = 100.0
    /// Series titles are already gnuplot markup (otherwise they are escaped).
    public var markup = false

    public init(clusters: [String], series: [(title: String, values: [Measurement?])], scale: Double = 100, markup: Bool = false) {
        self.clusters = clusters
        self.series = series
        self.scale = scale
        self.markup = markup
    }

    /// Bars clustered by SFT size ("256 examples"), one bar per series value.
    public static func bySize(_ rows: [MetricRecord], series: [String], seriesOf: (MetricRecord) -> String,
                              context: FigureContext) throws -> GroupedBars {
        struct SizeAndSeries: Hashable { var size: Double, series: Int }
        let measured = try context.measurements(rows) { row in SizeAndSeries(size: try row.number(.dataSize), series: series.firstIndex(of: seriesOf(row)) ?? -1) }
        let sizes = Set(measured.map(\.key.size)).sorted()
        return GroupedBars(clusters: sizes.map { Ticks.label($0) }, series: series.enumerated().map { index, name in
            (name, sizes.map { size in measured.first { $0.key == SizeAndSeries(size: size, series: index) }?.value })
        })
    }

    /// Every bar's measurement.
    public var measured: [Measurement] { series.flatMap { $0.values.compactMap { $0 } } }

    /// The caption line: what the error bars cover (`IntervalNote`).
    public var note: String? { IntervalNote.text(measured, seedMarks: "dots") }

    /// Layers: one `Boxes` per series, then the error bars, then each pretraining seed's mean as an open circle (bars
    /// on >= 2 seeds), then value labels over the bars. A series whose bars all rest on one seed, in a figure
    /// where others do not, is marked "(1 seed)" in the legend.
    public func layers(labels: Bool = false, format: String = "%.0f") -> [Layer] {
        let width = 0.8 / Double(max(series.count, 1))
        let all = measured
        var layers: [Layer] = []
        var errors: [Points.Point] = [], seeds: [Points.Point] = []
        var texts: [(x: Double, y: Double, text: String)] = []
        for (j, s) in series.enumerated() {
            var boxes: [Boxes.Box] = []
            for (i, value) in s.values.enumerated() {
                guard let value else { continue }
                let x0 = Double(i + 1) - 0.4 + Double(j) * width
                let y = value.value * scale
                boxes.append(Boxes.Box(x0: x0, x1: x0 + width * 0.92, y0: min(0, y), y1: max(0, y)))
                let centre = x0 + width * 0.46
                if value.low != nil && value.high != nil { errors.append(value.point(x: centre, scale: scale)) }
                seeds += value.seedPoints(x: centre, scale: scale).map(\.point)
                let top = max(y, (value.high ?? value.value) * scale)
                texts.append((centre, y >= 0 ? top : min(y, (value.low ?? value.value) * scale), String(format: format, y)))
            }
            let title = IntervalNote.mark(markup ? s.title : GnuplotText.escape(s.title), series: s.values.compactMap { $0 }, figure: all)
            layers.append(.boxes(Boxes(title: title, boxes: boxes, colour: Theme.colour(j))))
        }
        if !errors.isEmpty {
            layers.append(.points(Points(title: nil, points: errors, style: SeriesStyle(colour: "#222222"), pointScale: 0)))
        }
        if !seeds.isEmpty { layers.append(.seedDots(seeds)) }
        if labels { layers.append(.labels(Labels(items: texts))) }
        return layers
    }

    /// The category axis.
    public func axis(_ label: String) -> Axis {
        Axis(label, minimum: 0.4, maximum: Double(clusters.count) + 0.6,
             ticks: clusters.enumerated().map { Tick(Double($0.offset + 1), GnuplotText.escape($0.element)) })
    }

    /// The largest bar or interval end (scaled), for choosing the y range.
    public var maximum: Double {
        series.flatMap { $0.values.compactMap { $0.map { ($0.high ?? $0.value) * scale } } }.max() ?? 1
    }
    public var minimum: Double {
        series.flatMap { $0.values.compactMap { $0.map { ($0.low ?? $0.value) * scale } } }.min() ?? 0
    }
}

/// A y range from 0 (or below, for negatives) to a rounded-up maximum with headroom for labels.
public func headroomAxis(_ label: String, minimum: Double = 0, maximum: Double, headroom: Double = 1.12) -> Axis {
    let top = maximum > 0 ? maximum * headroom : 0
    let bottom = minimum < 0 ? minimum * headroom : 0
    return Axis(label, minimum: bottom, maximum: top == bottom ? bottom + 1 : top)
}

/// Series `index` of `count` moved sideways a little, so that points at the same x do not hide each other:
/// by a factor on a logarithmic axis, by an offset on a linear one.
public func dodge(_ points: [Points.Point], index: Int, count: Int, logarithmic: Bool) -> [Points.Point] {
    let shift = Double(index) - Double(count - 1) / 2
    return points.map { p in
        var q = p
        q.x = logarithmic ? p.x * pow(1.06, shift) : p.x + 0.06 * shift
        return q
    }
}

extension MetricRecord {
    /// The step count s of an `accuracy_steps_<s>` row (`MetricName.isAccuracySteps`); an error naming the row for
    /// any other metric.
    public func steps() throws -> Int {
        guard let s = metric.steps else {
            throw InputError(file: file, line: line, field: MetricsColumn.metric.rawValue,
                             "expected accuracy_steps_<s> with s >= 1, found '\(metric.rawValue)'")
        }
        return s
    }
}
