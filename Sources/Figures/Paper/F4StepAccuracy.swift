import DataFiles
import Foundation

/// F4 (E4): a problem of s steps is solved only if every step is: accuracy ~ Acc_step^s. Left: accuracy by
/// number of steps for each SFT size, with the curve Acc_step^s of the fitted per-step accuracy over the
/// points. Right: Acc_step and the position of the first wrong step vs SFT size. The largest model is drawn.
extension PaperFigures {
    static let stepAccuracy = PaperFigure(
        id: "F4", experiment: "E4",
        caption: "accuracy by number of steps with fitted Acc_step^s curves; Acc_step and first-error position vs SFT size",
        build: { rows, context in
            let models = try ModelSizes(rows)
            guard let model = models.names.last else { throw context.missing("no rows") }
            let modelRows = rows.filter { $0["model_size"] == model }
            let byStep = try modelRows.filter { $0.metric.hasPrefix("accuracy_steps_") }
                .measurements { row -> [Double] in [try row.number("data_size"), Double(try steps(row))] }
            guard !byStep.isEmpty else { throw context.missing("no accuracy_steps_<s> rows") }
            let accStep = try modelRows.metric("acc_step").measurements { try $0.number("data_size") }
            let sizes = Set(byStep.map { $0.key[0] }).sorted()
            let maxSteps = byStep.map { $0.key[1] }.max()!

            var left: [Layer] = []
            for (index, size) in sizes.enumerated() {
                let style = SeriesStyle.series(index)
                let fitted = accStep.first { $0.key == size }?.value.value
                if let a = fitted {
                    let grid = stride(from: 1.0, through: maxSteps, by: 0.05).map { (x: $0, y: 100 * pow(a, $0)) }
                    left.append(.curve(Curve(title: nil, points: grid, style: style)))
                }
                let points = dodge(byStep.filter { $0.key[0] == size }.map { $0.value.point(x: $0.key[1]) },
                                   index: index, count: sizes.count, logarithmic: false)
                var title = size == 0 ? "base model" : "SFT \(Ticks.label(size))"
                if let a = fitted { title += String(format: ": Acc_{step} = %.1f%%", 100 * a) }
                left.append(.points(Points(title: title, points: points, style: style)))
            }
            left.append(.keyEntry(KeyEntry(title: "(Acc_{step})^{s} (fitted)", kind: .line, style: .black)))
            let stepPanel = Panel(title: "accuracy by number of steps (\(GnuplotText.escape(model)))",
                                  x: Axis("reasoning steps in the question", minimum: 0.6, maximum: maxSteps + 0.4,
                                          ticks: (1...Int(maxSteps)).map { Tick(Double($0), String($0)) }),
                                  y: Axis("accuracy (%)", minimum: 0, maximum: 100), layers: left)

            let firstError = try modelRows.metric("first_error_position").measurements { try $0.number("data_size") }
            let scale = SizeScale(accStep.map(\.key) + firstError.map(\.key))
            let right: [Layer] = [
                .points(Points(title: "Acc_{step} (per-step accuracy)", points: accStep.map { $0.value.point(x: scale.x($0.key)) },
                               style: .series(sizes.count), connected: true)),
                .points(Points(title: "first wrong step (% of steps)", points: firstError.map { $0.value.point(x: scale.x($0.key)) },
                               style: .series(sizes.count + 1), connected: true)),
            ]
            let sizePanel = Panel(title: "per-step reliability vs SFT size", x: scale.axis(maximumTicks: 4),
                                  y: Axis("%", minimum: 0, maximum: 100), layers: right)
            return Figure(name: "F4", title: "E4: accuracy by number of reasoning steps s, and (Acc_{step})^{s}",
                          panels: [stepPanel, sizePanel], columns: 2)
        },
        columns: ["model_size", "params", "data_size", "ci_low", "ci_high"])

    /// The step count s of an `accuracy_steps_<s>` row.
    static func steps(_ row: MetricRecord) throws -> Int {
        guard let s = Int(row.metric.dropFirst("accuracy_steps_".count)), s > 0 else {
            throw InputError(file: row.file, line: row.line, field: "metric", "expected accuracy_steps_<s> with s >= 1, found '\(row.metric)'")
        }
        return s
    }
}
