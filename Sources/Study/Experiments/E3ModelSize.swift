import Figures
import ResultsSchema

/// E3: accuracy follows a power law in the amount of SFT data, with no saturation, and larger models sit higher
/// (model sizes compared at equal pretraining tokens, so seeds of the bases are what replicate the comparison).
enum E3ModelSize: ExperimentDesign {
    static let id = "E3"
    static let title = "accuracy vs SFT size for three model sizes"
    static let paperFinding = "accuracy follows a power law in SFT data with no saturation up to ~1M examples; larger models are better (82.6 / 88.1 / 90.6 for 7B / 13B / 70B)."

    /// Every model size with every pretraining seed (`pretrain.seeds`), the study's SFT sizes and seeds; the paper
    /// preset adds each size's fourth base at three SFT sizes (`Presets.fourthBase`).
    static let presets: [Presets.Name: String] = [
        .quick: """
            "E3": {"note": "accuracy vs SFT size for each model size at equal pretraining tokens"}
        """,
        .paper: """
            "E3": {"note": "accuracy vs SFT size for three model sizes at equal pretraining tokens", \(Presets.fourthBase)}
        """,
    ]

    /// Each model size beats the next smaller one (greedy, mean over the SFT sizes both have); each improves from
    /// its smallest to its largest SFT size; its greedy error rate falls as a power law (exponent b < 0).
    static func report(_ s: inout ReportSection) {
        let n = s.samples
        let bySize = Dictionary(grouping: s.runs, by: \.run.size)
        s.table("greedy accuracy / PassRatio@\(n) by model (pretraining tokens equal):", ["SFT size"] + s.models.map(\.name),
                bySize.keys.sorted().map { size in
            [Report.sizeText(size)] + s.models.map { m in
                let e = bySize[size]!.filter { $0.run.base.model == m }
                return e.isEmpty ? "-" : "\(s.cell(.greedyAccuracy, e, interval: false)) / \(s.cell(.passRatioAtN, e, interval: false))"
            }
        })
        // Each size against the next smaller one, so a size out of order shows as its own finding.
        for (small, large) in zip(s.models, s.models.dropFirst()) {
            let gaps = bySize.keys.sorted().filter { $0 > 0 }.compactMap { size -> Contrast? in
                let l = bySize[size]!.filter { $0.run.base.model == large }, m = bySize[size]!.filter { $0.run.base.model == small }
                return l.isEmpty || m.isEmpty ? nil : ReportData.change(.greedyAccuracy, l, m)
            }
            let gap = Contrast.mean(gaps).flatMap(s.data.measure)
            s.finding("the larger model is better at equal SFT size (\(large.name) - \(small.name) greedy, mean over \(gaps.count) sizes)",
                      paper: "+5.5 (13B vs 7B GSM8K)", gap, .direction(gap))
        }
        for model in s.models {
            let series = ReportData.sizes(s.runs(of: model).filter { $0.run.size > 0 })
            guard let first = series.first, let last = series.last, series.count > 1 else { continue }
            let gain = s.data.delta(.greedyAccuracy, last.runs, first.runs)
            s.finding("\(model.name) improves with SFT data (\(first.size) -> \(last.size), greedy)", paper: "power law in data size", gain, .direction(gain))
            if let b = s.data.errorExponent(series) {
                s.finding("\(model.name): greedy error rate falls as a power law, exponent b of error = a * size^b (\(series.count) sizes)",
                          paper: "power law, no saturation", b, .direction(b, positive: false), digits: 3)
            }
        }
    }

    /// F3: error rate against SFT size for each model size on log-log axes, where a power law is a line; the fits
    /// extrapolated dashed to 4x the data, their exponents with 95% intervals in the legend (the report's numbers).
    static let figure = PaperFigure(
        id: "F3", experiment: id,
        caption: "error rate vs SFT size per model size, power-law fits extrapolated dashed, exponents in the legend",
        columns: [.modelSize, .params, .dataSize, .ciLow, .ciHigh],
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: .greedyAccuracy, finetunedOnly: true)
            let models = try ModelSizes(accuracy)
            let sizes = try accuracy.map { try $0.number(.dataSize) }
            let end = sizes.max()! * 4
            var bands: [Layer] = [], curves: [Layer] = [], points: [Layer] = []
            var lowest = 100.0, highest = 0.0
            // Error rate 1 - accuracy: its interval is (1 - high, 1 - low).
            let fitted = try models.names.enumerated().map { index, model in
                try FittedSeries(accuracy.filter { $0[.modelSize] == model }, name: model, transform: { 1 - $0 },
                                 end: end, style: .series(index), context: context)
            }
            let all = fitted.flatMap(\.series.measured)
            for (index, (model, series)) in zip(models.names, fitted).enumerated() {
                var title = IntervalNote.mark(models.title(model), series: series.series.measured, figure: all)
                if let b = series.fit?.parameter("b") {
                    title += String(format: ": error ∝ N^{%.3f} (95%% CI %.3f to %.3f)", b.value, b.interval.lower, b.interval.upper)
                }
                title += series.note
                bands += series.band.map { [$0] } ?? []
                curves += series.curves
                points += series.series.dodged(index: index, count: models.names.count, logarithmic: true)
                    .layers(title: title, style: .series(index), connected: false)
                for p in series.points + series.series.seeds.joined() {
                    lowest = min(lowest, p.low ?? p.y, p.y)
                    highest = max(highest, p.high ?? p.y, p.y)
                }
            }
            let notes = FitFigure.notes(band: !bands.isEmpty, extrapolation: curves.isEmpty ? nil : "extrapolation (4x the data)")
            let low = max(lowest / 2, 0.1), high = min(highest * 1.3, 100)
            let panel = Panel(x: SizeScale(sizes).axis(extend: end, maximumTicks: 7),
                              y: Axis("greedy error rate (%)", logarithmic: true, minimum: low, maximum: high,
                                      ticks: Ticks.oneTwoFive(from: low, to: high)),
                              layers: bands + curves + points + notes)
            return Figure(name: "F3", title: "E3: error rate vs SFT data for each model size",
                          panels: [panel], note: IntervalNote.text(all))
        })
}
