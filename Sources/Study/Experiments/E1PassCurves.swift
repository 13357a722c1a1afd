import Figures
import ResultsSchema

/// E1, the paper's headline: with many samples the base model already solves most problems (Pass@N high), while
/// PassRatio@N and greedy accuracy rise steeply with SFT data: SFT makes the model reliable, not capable.
enum E1PassCurves: ExperimentDesign {
    static let id = "E1"
    static let title = "Pass@N vs PassRatio@N vs SFT size"
    static let paperFinding = "with 256 samples LLaMA-2 7B already solves 97.7% of GSM8K (Pass@256); PassRatio@256 and greedy accuracy (49.5% after 7.5K SFT examples) rise steeply with SFT data while Pass@256 stays almost flat."

    /// Every model size (quick: the larger one), the study's SFT sizes and seeds; the paper preset adds each size's
    /// fourth base at three SFT sizes (`Presets.fourthBase`).
    static let presets: [Presets.Name: String] = [
        .quick: """
            "E1": {"note": "Pass@N stays high, PassRatio@N and greedy accuracy rise with SFT data", "models": ["d128L2"]}
        """,
        .paper: """
            "E1": {"note": "Pass@N stays high, PassRatio@N and greedy accuracy rise with SFT data", \(Presets.fourthBase)}
        """,
    ]

    /// Per model size, from the smallest to the largest SFT size: PassRatio@N and greedy accuracy rise, and Pass@N
    /// rises less than PassRatio@N.
    static func report(_ s: inout ReportSection) {
        let n = s.samples
        for model in s.models {
            let series = ReportData.sizes(s.runs(of: model))
            s.table("\(model.name):", ["SFT size", "greedy", "Pass@\(n)", "PassRatio@\(n)"], series.map { g in
                [Report.sizeText(g.size), s.cell(.greedyAccuracy, g.runs), s.cell(.passAtN, g.runs), s.cell(.passRatioAtN, g.runs)]
            })
            let sft = series.filter { $0.size > 0 }
            guard let first = sft.first, let last = sft.last, sft.count > 1 else { continue }
            let ratioGain = ReportData.change(.passRatioAtN, last.runs, first.runs), passGain = ReportData.change(.passAtN, last.runs, first.runs)
            let ratio = s.data.measure(ratioGain), pass = s.data.measure(passGain), greedy = s.data.delta(.greedyAccuracy, last.runs, first.runs)
            let span = "\(model.name), \(first.size) -> \(last.size)"
            s.finding("PassRatio@N rises with SFT data (\(span))", paper: "rises steeply", ratio, .direction(ratio))
            s.finding("greedy accuracy rises with SFT data (\(span))", paper: "rises steeply", greedy, .direction(greedy))
            let gap = s.data.measure(ratioGain - passGain)
            s.finding("Pass@N rises less than PassRatio@N (gain in PassRatio minus gain in Pass@N; Pass@N \(pass?.effect() ?? "-"))",
                      paper: "Pass@256 almost flat", gap, .direction(gap))
        }
    }

    /// The three headline metrics, in legend order, with their legend titles.
    static let headlineMetrics: [(MetricName, String)] = [(.passAtN, "Pass@N (any of N samples right)"),
                                                          (.passRatioAtN, "PassRatio@N (share of samples right)"),
                                                          (.greedyAccuracy, "greedy accuracy")]

    /// F1: the three metrics against SFT size, one panel per model size; the base model (no SFT) at the left.
    static let figure = PaperFigure(
        id: "F1", experiment: id,
        caption: "Pass@N, PassRatio@N and greedy accuracy vs SFT size, one panel per model size",
        columns: [.modelSize, .params, .dataSize, .ciLow, .ciHigh],
        build: { rows, context in
            let models = try ModelSizes(rows)
            let scale = SizeScale(try rows.map { try $0.number(.dataSize) })
            // Per model size, each metric's series (seed means with each pretraining seed's own, behind).
            let series = try models.names.map { model in
                let modelRows = rows.filter { $0[.modelSize] == model }
                return try headlineMetrics.indices.map { index in
                    SeedSeries(try context.measurements(modelRows.metric(headlineMetrics[index].0)) { try $0.number(.dataSize) }
                        .map { (x: scale.x($0.key), value: $0.value) })
                        .dodged(index: index, count: headlineMetrics.count, logarithmic: true)
                }
            }
            let all = series.flatMap { $0.flatMap(\.measured) }
            var panels: [Panel] = []
            for (model, lines) in zip(models.names, series) {
                let layers = zip(headlineMetrics, lines).enumerated().flatMap { index, pair in
                    pair.1.layers(title: GnuplotText.escape(pair.0.1), style: .series(index), connected: true)
                }
                // The legend is shared by the panels: a model size on one seed is marked in its panel's title.
                panels.append(Panel(title: models.title(model, oneSeed: IntervalNote.isMarked(series: lines.flatMap(\.measured), figure: all)), x: scale.axis(maximumTicks: SizeScale.maximumTicks(panels: models.names.count)),
                                    y: Axis("accuracy (%)", minimum: 0, maximum: 100), layers: layers))
            }
            guard panels.contains(where: \.hasData) else {
                throw context.missing("no rows of metrics pass_at_n, pass_ratio_at_n or greedy_accuracy")
            }
            return Figure(name: "F1", title: GnuplotText.escape("E1: Pass@N, PassRatio@N and greedy accuracy vs SFT data"),
                          panels: panels, columns: min(panels.count, 3), note: IntervalNote.text(all))
        })
}
