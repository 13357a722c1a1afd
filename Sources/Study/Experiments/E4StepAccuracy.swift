import Figures
import Foundation
import ResultsSchema

/// E4: a problem of s steps is solved only if every step is, so accuracy ~ Acc_step^s; more SFT data raises the
/// per-step accuracy Acc_step and moves the first wrong step later.
enum E4StepAccuracy: ExperimentDesign {
    static let id = "E4"
    static let title = "single-step reasoning"
    static let paperFinding = "accuracy ~ Acc_step^s; Acc_step 78.9 / 89.7 / 94.2 and first-error position 67.1 / 83.9 / 90.9 at 7.5K / 120K / 960K examples."

    /// Every model size (quick: the larger one), the study's SFT sizes and seeds; the paper preset adds each size's
    /// fourth base at three SFT sizes (`Presets.fourthBase`).
    static let presets: [Presets.Name: String] = [
        .quick: """
            "E4": {"note": "accuracy by number of steps, fitted Acc_step, first-error position", "models": ["d128L2"]}
        """,
        .paper: """
            "E4": {"note": "accuracy by number of steps, fitted Acc_step, first-error position", \(Presets.fourthBase)}
        """,
    ]

    /// Per model size: accuracy falls from the fewest to the most steps; Acc_step and the first-error position
    /// rise from the smallest to the largest SFT size.
    static func report(_ s: inout ReportSection) {
        for model in s.models {
            let series = ReportData.sizes(s.runs(of: model))
            let steps = Set(series.flatMap { $0.runs.flatMap { $0.record.metrics.map { MetricName(rawValue: $0.metric) } } }.filter { $0.steps != nil })
                .sorted()
            s.table("\(model.name):", ["SFT size", "Acc_step", "first-error position"] + steps.map { "acc, \($0.steps!) steps" },
                    series.map { g in
                [Report.sizeText(g.size), s.cell(.accStep, g.runs), s.cell(.firstErrorPosition, g.runs)] + steps.map { s.cell($0, g.runs, interval: false) }
            })
            if let fewest = steps.first, let most = steps.last, fewest != most {
                let fall = Contrast.mean(series.map { Contrast(fewest, $0.runs) - Contrast(most, $0.runs) }).flatMap(s.data.measure)
                s.finding("accuracy falls with the number of steps (\(model.name), \(fewest.steps!)-step minus \(most.steps!)-step accuracy, mean over runs)",
                          paper: "Acc ~ Acc_step^s", fall, .direction(fall))
            }
            let sft = series.filter { $0.size > 0 }
            guard let first = sft.first, let last = sft.last, sft.count > 1 else { continue }
            let acc = s.data.delta(.accStep, last.runs, first.runs), position = s.data.delta(.firstErrorPosition, last.runs, first.runs)
            s.finding("Acc_step rises with SFT data (\(model.name), \(first.size) -> \(last.size))", paper: "0.789 -> 0.942 (7.5K -> 960K)", acc,
                      .direction(acc))
            s.finding("the first error comes later with more data (\(model.name), \(first.size) -> \(last.size))", paper: "0.671 -> 0.909",
                      position, .direction(position))
        }
    }

    /// F4, for the largest model. Left: accuracy by number of steps for each SFT size, with the curve Acc_step^s
    /// of the fitted per-step accuracy over the points. Right: Acc_step and the position of the first wrong step
    /// against SFT size.
    static let figure = PaperFigure(
        id: "F4", experiment: id,
        caption: "accuracy by number of steps with fitted Acc_step^s curves; Acc_step and first-error position vs SFT size",
        columns: [.modelSize, .params, .dataSize, .ciLow, .ciHigh],
        build: { rows, context in
            let models = try ModelSizes(rows)
            guard let model = models.names.last else { throw context.missing("no rows") }
            let modelRows = rows.filter { $0[.modelSize] == model }
            // The left panel's points: one SFT size's accuracy on s-step questions.
            struct SizeAndSteps: Hashable { var size: Double, steps: Int }
            let byStep = try context.measurements(modelRows.filter { $0.metric.isAccuracySteps }) { row in
                SizeAndSteps(size: try row.number(.dataSize), steps: try row.steps())
            }
            guard !byStep.isEmpty else { throw context.missing("no accuracy_steps_<s> rows") }
            let accStep = try context.measurements(modelRows.metric(.accStep)) { try $0.number(.dataSize) }
            let sizes = Set(byStep.map(\.key.size)).sorted()
            let maxSteps = Double(byStep.map(\.key.steps).max()!)

            var left: [Layer] = []
            for (index, size) in sizes.enumerated() {
                let style = SeriesStyle.series(index)
                let fitted = accStep.first { $0.key == size }?.value.value
                if let a = fitted {
                    let grid = stride(from: 1.0, through: maxSteps, by: 0.05).map { (x: $0, y: 100 * pow(a, $0)) }
                    left.append(.curve(Curve(title: nil, points: grid, style: style)))
                }
                let series = SeedSeries(byStep.filter { $0.key.size == size }.map { (x: Double($0.key.steps), value: $0.value) })
                    .dodged(index: index, count: sizes.count, logarithmic: false)
                var title = size == 0 ? "base model" : "SFT \(Ticks.label(size))"
                if let a = fitted { title += String(format: ": Acc_{step} = %.1f%%", 100 * a) }
                left += series.layers(title: IntervalNote.mark(title, series: series.measured, figure: byStep.map(\.value)), style: style, connected: false)
            }
            left.append(.keyEntry(KeyEntry(title: "(Acc_{step})^{s} (fitted)", kind: .line, style: .black)))
            let stepPanel = Panel(title: "accuracy by number of steps (\(GnuplotText.escape(model)))",
                                  x: Axis("reasoning steps in the question", minimum: 0.6, maximum: maxSteps + 0.4,
                                          ticks: (1...Int(maxSteps)).map { Tick(Double($0), String($0)) }),
                                  y: Axis("accuracy (%)", minimum: 0, maximum: 100), layers: left)

            let firstError = try context.measurements(modelRows.metric(.firstErrorPosition)) { try $0.number(.dataSize) }
            let scale = SizeScale(accStep.map(\.key) + firstError.map(\.key))
            let right = SeedSeries(accStep.map { (x: scale.x($0.key), value: $0.value) })
                .layers(title: "Acc_{step} (per-step accuracy)", style: .series(sizes.count), connected: true)
                + SeedSeries(firstError.map { (x: scale.x($0.key), value: $0.value) })
                .layers(title: "first wrong step (% of steps)", style: .series(sizes.count + 1), connected: true)
            let sizePanel = Panel(title: "per-step reliability vs SFT size", x: scale.axis(maximumTicks: 4),
                                  y: Axis("%", minimum: 0, maximum: 100), layers: right)
            // Acc_step is fitted per run (no per-question records): each run's fit interval stands in for the questions.
            let note = IntervalNote.text(byStep.map(\.value) + accStep.map(\.value) + firstError.map(\.value),
                                         estimates: "each run's fit interval for Acc_{step}")
            return Figure(name: "F4", title: "E4: accuracy by number of reasoning steps s, and (Acc_{step})^{s}",
                          panels: [stepPanel, sizePanel], columns: 2, note: note)
        })
}
