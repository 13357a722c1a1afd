import Figures
import ResultsSchema

/// E2: SFT on synthetic questions (made by the teacher from the real pool's) is about as good as on real ones at
/// equal size, and synthetic data keeps helping past the size of the real pool.
enum E2RealVsSynthetic: ExperimentDesign {
    static let id = "E2"
    static let title = "real vs synthetic SFT data"
    static let paperFinding = "synthetic questions are almost as good as real ones (GSM8K 7.5K: 49.5 vs 50.2), so data can be scaled past the real set."

    /// Two arms on the smallest model: real data up to the pool, synthetic beyond it (paper: three SFT seeds, the
    /// effect is small; the first pretraining seed).
    static let presets: [Presets.Name: String] = [
        .quick: """
            "E2": {"note": "real vs synthetic at equal sizes; synthetic continues past the pool", "models": ["d64L2"],
                   "arms": [{"data": "real", "sizes": [256, 1024]},
                            {"data": "synthetic", "method": "mixed", "sizes": [256, 1024]}]}
        """,
        .paper: """
            "E2": {"note": "real vs synthetic at equal sizes; synthetic continues past the pool", \(Presets.oneBase),
                   "arms": [{"data": "real", "sizes": [1024, 4096]},
                            {"data": "synthetic", "method": "mixed", "sizes": [1024, 4096, 8192]}]}
        """,
    ]

    /// Synthetic minus real greedy accuracy, averaged over the sizes both have, is about zero (within ±0.05); the
    /// largest synthetic size beats synthetic at the pool's size.
    static func report(_ s: inout ReportSection) {
        let n = s.samples
        for model in s.models {
            let mine = s.runs(of: model).filter { $0.run.size > 0 }
            let real = ReportData.sizes(mine.filter { $0.run.dataKind == .real })
            let synthetic = ReportData.sizes(mine.filter { $0.run.dataKind == .synthetic })
            let allSizes = Array(Set(real.map(\.size) + synthetic.map(\.size))).sorted()
            s.table("\(model.name), greedy accuracy and PassRatio@\(n) (pool: \(s.config.data.poolSize) real questions):",
                    ["SFT size", "real greedy", "synthetic greedy", "real PassRatio", "synthetic PassRatio"], allSizes.map { size in
                let r = real.first { $0.size == size }?.runs ?? [], y = synthetic.first { $0.size == size }?.runs ?? []
                return [String(size), s.cell(.greedyAccuracy, r), s.cell(.greedyAccuracy, y), s.cell(.passRatioAtN, r), s.cell(.passRatioAtN, y)]
            })
            let shared = real.compactMap { r in synthetic.first { $0.size == r.size }.map { ReportData.change(.greedyAccuracy, $0.runs, r.runs) } }
            let gap = Contrast.mean(shared).flatMap(s.data.measure)
            s.finding("synthetic data about as good as real at equal size (synthetic - real greedy, mean over \(shared.count) sizes)",
                      paper: "-0.009 (GSM8K, 7B)", gap, .equivalent(gap, margin: Report.Verdict.equivalenceMargin))
            if let lastReal = real.last, let beyond = synthetic.last, beyond.size > lastReal.size,
               let atPool = synthetic.first(where: { $0.size == lastReal.size }) {
                let gain = s.data.delta(.greedyAccuracy, beyond.runs, atPool.runs)
                s.finding("synthetic data keeps helping past the real pool (\(atPool.size) -> \(beyond.size))", paper: "no saturation to ~1M",
                          gain, .direction(gain))
            }
        }
    }

    /// F2: real and synthetic greedy accuracy against SFT size with power-law fits and their 95% bands, the curves
    /// continued dashed to twice the largest size, and the real pool's size marked.
    static let figure = PaperFigure(
        id: "F2", experiment: id,
        caption: "real vs synthetic greedy accuracy vs SFT size, power-law fits with 95% bands",
        columns: [.dataKind, .dataSize, .ciLow, .ciHigh],
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: .greedyAccuracy, finetunedOnly: true)
            let kinds = PaperFigures.ordered(accuracy.map { $0[.dataKind] }, by: ["real", "synthetic"])
            let sizes = try accuracy.map { try $0.number(.dataSize) }
            let end = sizes.max()! * 2
            var bands: [Layer] = [], curves: [Layer] = [], points: [Layer] = []
            let fitted = try kinds.enumerated().map { index, kind in
                try FittedSeries(accuracy.filter { $0[.dataKind] == kind }, name: kind, transform: { $0 }, end: end,
                                 style: .series(index), context: context)
            }
            let all = fitted.flatMap(\.series.measured)
            for (index, (kind, series)) in zip(kinds, fitted).enumerated() {
                var title = IntervalNote.mark(GnuplotText.escape(kind), series: series.series.measured, figure: all)
                if let fit = series.fit { title += ": " + GnuplotText.formula(fit.fit.formula()) }
                title += series.note
                bands += series.band.map { [$0] } ?? []
                curves += series.curves
                points += series.series.dodged(index: index, count: kinds.count, logarithmic: true)
                    .layers(title: title, style: .series(index), connected: false)
            }
            var markers: [Marker] = []
            if let pool = try accuracy.filter({ $0[.dataKind] == DataKind.real.rawValue }).map({ try $0.number(.dataSize) }).max(),
               kinds.contains(DataKind.synthetic.rawValue) {
                markers.append(Marker(x: pool, label: "real pool: \(Ticks.label(pool))"))
            }
            let notes = FitFigure.notes(band: !bands.isEmpty, extrapolation: curves.isEmpty ? nil : "extrapolation")
            // A power law in accuracy passes 100% eventually; the axis stops there.
            let top = points.compactMap { if case .points(let p) = $0 { return p.points.map { $0.high ?? $0.y }.max() } else { return nil } }.max() ?? 100
            let panel = Panel(x: SizeScale(sizes).axis(extend: end, maximumTicks: 7), y: Axis("greedy accuracy (%)", maximum: min(100, top * 1.4)),
                              layers: bands + curves + points + notes, markers: markers)
            return Figure(name: "F2", title: "E2: real vs synthetic SFT data",
                          panels: [panel], note: IntervalNote.text(all))
        })
}
