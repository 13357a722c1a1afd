/// F1 (E1, the paper's headline): Pass@N stays high while PassRatio@N and greedy accuracy rise with SFT data.
/// One panel per model size; the base model (no SFT) sits at the left, labelled "base".
extension PaperFigures {
    /// The three headline metrics, in legend order, with their legend titles.
    static let headlineMetrics = [("pass_at_n", "Pass@N (any of N samples right)"),
                                  ("pass_ratio_at_n", "PassRatio@N (share of samples right)"),
                                  ("greedy_accuracy", "greedy accuracy")]

    static let passCurves = PaperFigure(
        id: "F1", experiment: "E1",
        caption: "Pass@N, PassRatio@N and greedy accuracy vs SFT size, one panel per model size",
        build: { rows, context in
            let models = try ModelSizes(rows)
            let scale = SizeScale(try rows.map { try $0.number("data_size") })
            var panels: [Panel] = []
            for model in models.names {
                let modelRows = rows.filter { $0["model_size"] == model }
                var layers: [Layer] = []
                for (index, (metric, title)) in headlineMetrics.enumerated() {
                    let points = dodge(try modelRows.metric(metric).measurements { try $0.number("data_size") }
                        .map { $0.value.point(x: scale.x($0.key)) }, index: index, count: headlineMetrics.count, logarithmic: true)
                    layers.append(.points(Points(title: GnuplotText.escape(title), points: points, style: .series(index), connected: true)))
                }
                panels.append(Panel(title: models.title(model), x: scale.axis(maximumTicks: SizeScale.maximumTicks(panels: models.names.count)),
                                    y: Axis("accuracy (%)", minimum: 0, maximum: 100), layers: layers))
            }
            guard panels.contains(where: \.hasData) else {
                throw context.missing("no rows of metrics pass_at_n, pass_ratio_at_n or greedy_accuracy")
            }
            return Figure(name: "F1", title: GnuplotText.escape("E1: Pass@N, PassRatio@N and greedy accuracy vs SFT data"),
                          panels: panels, columns: min(panels.count, 3))
        },
        columns: ["model_size", "params", "data_size", "ci_low", "ci_high"])
}
