import Figures
import ResultsSchema

/// E10: resampling the SFT mix toward problems with longer solutions helps, most on the longest problems.
enum E10Resampling: ExperimentDesign {
    static let id = "E10"
    static let title = "resampling toward long solutions"
    static let paperFinding = "resampling toward longer solutions raised PassRatio@256 from 71.1 to 72.8."

    /// Uniform and long-biased resampling at one size, three SFT seeds (the effect is small), on the smallest
    /// model's first base (paper preset only).
    static let presets: [Presets.Name: String] = [
        .paper: """
            "E10": {"note": "resampling toward long solutions vs uniform at equal size", \(Presets.oneBase),
                    "sizes": [1024], "arms": [{"resample": "uniform"}, {"resample": "long"}]}
        """,
    ]

    /// Long minus uniform PassRatio@N is positive, and so is long minus uniform 4-step accuracy.
    static func report(_ s: inout ReportSection) {
        let groups = s.variants("resampling") { $0.resample }
        let uniform = groups[.uniform] ?? [], long = groups[.long] ?? []
        let gap = s.data.delta(.passRatioAtN, long, uniform)
        s.finding("resampling toward long solutions helps (long minus uniform PassRatio@N)", paper: "+0.017 (71.1 -> 72.8)", gap, .direction(gap))
        let longGap = s.data.delta(.accuracySteps(4), long, uniform)
        s.finding("... most on the longest problems (4-step accuracy, long minus uniform)", paper: "long problems below the fit", longGap,
                  .direction(longGap))
    }

    /// F10, at the largest SFT size: accuracy by number of steps (left) and greedy accuracy, PassRatio@N and Pass@N
    /// (right), resampled toward long solutions vs uniform.
    static let figure = PaperFigure(
        id: "F10", experiment: id,
        caption: "resampling toward long solutions vs uniform: accuracy by steps and overall",
        columns: [.resample, .dataSize, .ciLow, .ciHigh],
        build: { rows, context in
            let kinds = PaperFigures.ordered(rows.map { $0[.resample] }, by: ResampleMode.allCases.map(\.rawValue))
            let title = { (kind: String) in kind == ResampleMode.long.rawValue ? "resampled toward long solutions" : GnuplotText.escape(kind) }
            let largest = try rows.map { try $0.number(.dataSize) }.max() ?? 0
            var panels: [Panel] = []
            // The left panel's points: one resampling's accuracy on s-step questions; the right panel's bars: its
            // value of one metric.
            struct ResamplingAndSteps: Hashable { var resample: String, steps: Int }
            struct ResamplingAndMetric: Hashable { var resample: String, metric: MetricName }
            let byStep = try context.measurements(rows.filter { $0.metric.isAccuracySteps && (try? $0.number(.dataSize)) == largest }) {
                ResamplingAndSteps(resample: $0[.resample], steps: try $0.steps())
            }
            var measuredAll = byStep.map(\.value)
            if !byStep.isEmpty {
                let maxSteps = Double(byStep.map(\.key.steps).max()!)
                let layers = kinds.enumerated().flatMap { index, kind in
                    let series = SeedSeries(byStep.filter { $0.key.resample == kind }.map { (x: Double($0.key.steps), value: $0.value) })
                        .dodged(index: index, count: kinds.count, logarithmic: false)
                    return series.layers(title: title(kind), style: .series(index), connected: true)
                }
                panels.append(Panel(title: "accuracy by number of steps (SFT \(Ticks.label(largest)))",
                                    x: Axis("reasoning steps in the question", minimum: 0.6, maximum: maxSteps + 0.4,
                                            ticks: (1...Int(maxSteps)).map { Tick(Double($0), String($0)) }),
                                    y: Axis("accuracy (%)", minimum: 0, maximum: 100), layers: layers))
            }
            let overall: [(MetricName, String)] = [(.greedyAccuracy, "greedy"), (.passRatioAtN, "PassRatio@N"), (.passAtN, "Pass@N")]
                .filter { metric, _ in rows.contains { $0.metric == metric } }
            if !overall.isEmpty {
                let measured = try context.measurements(rows.filter { (try? $0.number(.dataSize)) == largest && overall.map(\.0).contains($0.metric) }) {
                    ResamplingAndMetric(resample: $0[.resample], metric: $0.metric)
                }
                let bars = GroupedBars(clusters: overall.map(\.1), series: kinds.map { kind in
                    (title(kind), overall.map { metric, _ in measured.first { $0.key == ResamplingAndMetric(resample: kind, metric: metric) }?.value })
                }, markup: true)
                measuredAll += bars.measured
                panels.append(Panel(title: "overall (SFT \(Ticks.label(largest)))", x: bars.axis("metric"),
                                    y: headroomAxis("accuracy (%)", maximum: bars.maximum, headroom: 1.15), layers: bars.layers(labels: true, format: "%.1f")))
            }
            guard !panels.isEmpty else { throw context.missing("no accuracy_steps_<s>, greedy_accuracy, pass_ratio_at_n or pass_at_n rows") }
            return Figure(name: "F10", title: "E10: resampling the SFT mix toward long solutions", panels: panels, columns: panels.count,
                          note: IntervalNote.text(measuredAll, seedMarks: "pale lines and dots"))
        })
}
