import Figures
import ResultsSchema

/// E5: wrong answers split into calculation errors (a step's arithmetic is wrong) and reasoning errors (right
/// arithmetic, wrong plan); both fall with SFT data, calculation errors faster, so their share shrinks.
enum E5ErrorTypes: ExperimentDesign {
    static let id = "E5"
    static let title = "calculation vs reasoning errors"
    static let paperFinding = "calculation and reasoning errors both fall with data; calculation errors fall faster."

    /// Every model size and pretraining seed, the study's SFT sizes and seeds, and each size's fourth base at three
    /// SFT sizes (`Presets.fourthBase`) (paper preset only).
    static let presets: [Presets.Name: String] = [
        .paper: """
            "E5": {"note": "calculation vs reasoning errors vs SFT size", \(Presets.fourthBase)}
        """,
    ]

    /// Per model size, from the smallest to the largest SFT size: the calculation share falls, and both counts fall.
    static func report(_ s: inout ReportSection) {
        for model in s.models {
            let series = ReportData.sizes(s.runs(of: model))
            s.table("\(model.name), wrong sampled completions by type:",
                    ["SFT size", "calculation errors", "reasoning errors", "calculation share", "reasoning share"], series.map { g in
                [Report.sizeText(g.size), s.cell(.calculationErrors, g.runs, digits: 0), s.cell(.reasoningErrors, g.runs, digits: 0),
                 s.cell(.calculationErrorShare, g.runs), s.cell(.reasoningErrorShare, g.runs)]
            })
            let sft = series.filter { $0.size > 0 }
            guard let first = sft.first, let last = sft.last, sft.count > 1 else { continue }
            let share = s.data.delta(.calculationErrorShare, last.runs, first.runs)
            s.finding("calculation errors fall faster than reasoning errors: their share shrinks (\(model.name), \(first.size) -> \(last.size))",
                      paper: "calculation share shrinks", share, .direction(share, positive: false))
            for (metric, name) in [(MetricName.calculationErrors, "calculation"), (.reasoningErrors, "reasoning")] {
                let change = s.data.delta(metric, last.runs, first.runs)
                s.finding("\(name) errors fall with SFT data (\(model.name), count of \(s.config.eval.testSize * s.samples) samples)",
                          paper: "both fall", change, .direction(change, positive: false), digits: 0)
            }
        }
    }

    /// The error kinds in stacking order, with their legend titles.
    static let errorKinds: [(MetricName, String)] = [(.calculationErrorShare, "calculation errors"), (.reasoningErrorShare, "reasoning errors"),
                                                     (.formatErrorShare, "format errors")]

    /// F5: calculation / reasoning / format shares of the wrong answers as stacked bars per SFT size (on F1's
    /// logarithmic size axis, the base model at the left), one panel per model size.
    static let figure = PaperFigure(
        id: "F5", experiment: id,
        caption: "calculation vs reasoning error shares vs SFT size (stacked bars)",
        columns: [.modelSize, .params, .dataSize],
        build: { rows, context in
            let models = try ModelSizes(rows)
            let scale = SizeScale(try rows.map { try $0.number(.dataSize) })
            var panels: [Panel] = []
            var top = 0.0
            var measured: [Measurement] = []
            for model in models.names {
                let modelRows = rows.filter { $0[.modelSize] == model }
                let kinds = try errorKinds.map { metric, title in
                    (title, Dictionary(uniqueKeysWithValues: try context.measurements(modelRows.metric(metric)) { try $0.number(.dataSize) }
                        .map { ($0.key, $0.value) }))
                }.filter { !$0.1.isEmpty }
                let sizes = Set(kinds.flatMap { $0.1.keys }).sorted()
                var base = Array(repeating: 0.0, count: sizes.count)
                var layers: [Layer] = []
                var whiskers: [Points.Point] = [], seeds: [Points.Point] = []
                for (index, (title, values)) in kinds.enumerated() {
                    var boxes: [Boxes.Box] = []
                    for (i, size) in sizes.enumerated() {
                        guard let m = values[size] else { continue }
                        let x = scale.x(size)
                        boxes.append(Boxes.Box(x0: x / scale.barFactor, x1: x * scale.barFactor, y0: base[i], y1: base[i] + m.value * 100))
                        // The first boundary is the calculation share itself: its interval is drawn there.
                        if index == 0, m.low != nil, m.high != nil { whiskers.append(m.point(x: x)) }
                        if index == 0 {
                            seeds += m.seedPoints(x: x).map(\.point)
                            measured.append(m)
                        }
                        base[i] += m.value * 100
                    }
                    layers.append(.boxes(Boxes(title: title, boxes: boxes, colour: Theme.colour([1, 0, 6][index % 3]))))
                }
                if !whiskers.isEmpty {
                    layers.append(.points(Points(title: nil, points: whiskers, style: SeriesStyle(colour: "#222222"), pointScale: 0)))
                }
                if !seeds.isEmpty { layers.append(.seedDots(seeds)) }
                top = max(top, base.max() ?? 0)
                panels.append(Panel(title: models.title(model),
                                    x: scale.axis(maximumTicks: SizeScale.maximumTicks(panels: models.names.count)),
                                    y: Axis("share of wrong answers (%)"), layers: layers))
            }
            guard panels.contains(where: \.hasData) else {
                throw context.missing("no rows of metrics calc_error_share, reasoning_error_share or format_error_share")
            }
            for i in panels.indices { panels[i].y.minimum = 0; panels[i].y.maximum = max(top * 1.05, 1) }
            // The interval is drawn on the calculation share (the first boundary), whose seeds are the dots.
            return Figure(name: "F5", title: "E5: calculation vs reasoning errors vs SFT data",
                          panels: panels, columns: min(panels.count, 3), note: IntervalNote.text(measured, bars: "error bars (calculation share)", seedMarks: "dots"))
        })
}
