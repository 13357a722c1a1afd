import Foundation

/// Seeds in the figures: each point is the mean over its pretraining seeds with the nested-bootstrap interval of
/// `scaling report` (`Measurement`); where it rests on two or more pretraining seeds, each seed's own mean is drawn
/// pale behind it, so the spread between bases shows; a caption line says what the error bars cover.

extension Measurement {
    /// Each pretraining seed's own mean at `x`, after `transform`, times `scale`: empty with fewer than two seeds.
    public func seedPoints(x: Double, scale: Double = 100, transform: (Double) -> Double = { $0 }) -> [(seed: Int, point: Points.Point)] {
        guard seeds.count >= 2 else { return [] }
        return seeds.map { ($0.seed, Points.Point(x: x, y: transform($0.value) * scale)) }
    }
}

extension Layer {
    /// Each pretraining seed's mean over bars: open dark circles on the error bar (bars cannot have lines behind
    /// them).
    public static func seedDots(_ points: [Points.Point]) -> Layer {
        .points(Points(title: nil, points: points, style: SeriesStyle(colour: "#222222", pointType: 6), pointScale: 0.75))
    }
}

/// One series of measured points: the means with their intervals, and each pretraining seed's own means behind them.
public struct SeedSeries {
    /// The means (y after `transform`, times `scale`) with their intervals.
    public var points: [Points.Point]
    /// Each pretraining seed's means at the same x positions (only points with >= 2 seeds), one list per seed.
    public var seeds: [[Points.Point]]
    public var measured: [Measurement]

    /// The series of `measured` at the x positions given; `transform` maps a value and the interval ends (the
    /// error rate 1 - accuracy swaps them).
    public init(_ measured: [(x: Double, value: Measurement)], scale: Double = 100, transform: (Double) -> Double = { $0 }) {
        self.measured = measured.map(\.value)
        points = measured.map { x, m in
            let a = m.low.map(transform), b = m.high.map(transform)
            return Points.Point(x: x, y: transform(m.value) * scale, low: a.flatMap { a in b.map { min(a, $0) * scale } },
                                high: a.flatMap { a in b.map { max(a, $0) * scale } })
        }
        var bySeed: [Int: [Points.Point]] = [:]
        for (x, m) in measured {
            for (seed, point) in m.seedPoints(x: x, scale: scale, transform: transform) { bySeed[seed, default: []].append(point) }
        }
        seeds = bySeed.keys.sorted().map { bySeed[$0]! }
    }

    /// The series moved sideways as `dodge` moves series `index` of `count`, seeds with their means.
    public func dodged(index: Int, count: Int, logarithmic: Bool) -> SeedSeries {
        var s = self
        s.points = dodge(points, index: index, count: count, logarithmic: logarithmic)
        s.seeds = seeds.map { dodge($0, index: index, count: count, logarithmic: logarithmic) }
        return s
    }

    /// The pale seed layers (thin lines when `connected`, small points otherwise), then the means with their error
    /// bars on top.
    public func layers(title: String?, style: SeriesStyle, connected: Bool) -> [Layer] {
        seeds.map { Layer.points(Points(title: nil, points: $0, style: style.faint, connected: connected, pointScale: 0.45)) }
            + [.points(Points(title: title, points: points, style: style, connected: connected))]
    }
}

/// The caption line of a figure: what its error bars cover, and how many seeds its points rest on.
public enum IntervalNote {
    /// "error bars: 95% interval (nested bootstrap: pretraining seeds, SFT seeds, test questions); pale: each
    /// pretraining seed's mean", or for points on one seed "error bars: 95% interval over the test questions only
    /// (1 seed per point)". `estimates` names what stands in for the questions where a metric has no per-question
    /// records (a fitted quantity: each run's own interval); `seedMarks` how the seeds' own means are drawn. Nil when
    /// no point has an interval.
    public static func text(_ measured: [Measurement], bars: String = "error bars",
                            estimates: String = "each run's own interval", seedMarks: String = "pale") -> String? {
        let intervals = measured.compactMap(\.interval)
        guard !intervals.isEmpty else { return nil }
        let pretrain = intervals.contains { $0.pretrainSeeds >= 2 }, sft = intervals.contains { $0.sftSeeds >= 2 }
        var levels: [String] = []
        if pretrain { levels.append("pretraining seeds") }
        if sft { levels.append("SFT seeds") }
        if intervals.contains(where: { $0.questions > 0 }) { levels.append("test questions") }
        if intervals.contains(where: { $0.questions == 0 }) { levels.append(estimates) }
        let single = measured.filter(\.isSingleSeed).count
        var text = bars + ": 95% interval "
        if !pretrain && !sft {
            text += "over " + levels.joined(separator: " and ") + " only (1 seed per point)"
            return text
        }
        text += "(nested bootstrap: " + levels.joined(separator: ", ") + ")"
        if !pretrain { text += "; 1 pretraining seed" }
        if single > 0 { text += "; \(single) of \(measured.count) points on 1 seed (\(levels.last!) only)" }
        if measured.contains(where: { $0.seeds.count >= 2 }) { text += "; \(seedMarks): each pretraining seed's mean" }
        return text
    }

    /// `title` (of a series, or of a panel whose series share one legend) with " (1 seed)" when every point of
    /// `series` rests on one seed but not every point of the figure does (when all do, the caption line says so once).
    public static func mark(_ title: String, series: [Measurement], figure: [Measurement]) -> String {
        isMarked(series: series, figure: figure) ? title + " (1 seed)" : title
    }

    /// Whether `series` is to be marked "1 seed" in `figure` (`mark`).
    public static func isMarked(series: [Measurement], figure: [Measurement]) -> Bool {
        let single = { (m: [Measurement]) in !m.isEmpty && m.allSatisfy(\.isSingleSeed) }
        return single(series) && !single(figure)
    }
}
