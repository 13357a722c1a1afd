/// F5 (E5): wrong answers split into calculation errors (a step's arithmetic is wrong), reasoning errors
/// (right arithmetic, wrong plan) and format errors, as stacked shares per SFT size (on F1's logarithmic size
/// axis, the base model at the left), one panel per model size.
extension PaperFigures {
    static let errorKinds = [("calc_error_share", "calculation errors"), ("reasoning_error_share", "reasoning errors"),
                             ("format_error_share", "format errors")]

    static let errorTypes = PaperFigure(
        id: "F5", experiment: "E5",
        caption: "calculation vs reasoning error shares vs SFT size (stacked bars)",
        build: { rows, context in
            let models = try ModelSizes(rows)
            let scale = SizeScale(try rows.map { try $0.number("data_size") })
            var panels: [Panel] = []
            var top = 0.0
            for model in models.names {
                let modelRows = rows.filter { $0["model_size"] == model }
                let kinds = try errorKinds.map { metric, title in
                    (title, Dictionary(uniqueKeysWithValues: try modelRows.metric(metric).measurements { try $0.number("data_size") }
                        .map { ($0.key, $0.value) }))
                }.filter { !$0.1.isEmpty }
                let sizes = Set(kinds.flatMap { $0.1.keys }).sorted()
                var base = Array(repeating: 0.0, count: sizes.count)
                var layers: [Layer] = []
                var whiskers: [Points.Point] = []
                for (index, (title, values)) in kinds.enumerated() {
                    var boxes: [Boxes.Box] = []
                    for (i, size) in sizes.enumerated() {
                        guard let m = values[size] else { continue }
                        let x = scale.x(size)
                        boxes.append(Boxes.Box(x0: x / scale.barFactor, x1: x * scale.barFactor, y0: base[i], y1: base[i] + m.value * 100))
                        // The first boundary is the calculation share itself: its interval is drawn there.
                        if index == 0, m.low != nil, m.high != nil { whiskers.append(m.point(x: x)) }
                        base[i] += m.value * 100
                    }
                    layers.append(.boxes(Boxes(title: title, boxes: boxes, colour: Theme.colour([1, 0, 6][index % 3]))))
                }
                if !whiskers.isEmpty {
                    layers.append(.points(Points(title: nil, points: whiskers, style: SeriesStyle(colour: "#222222"), pointScale: 0)))
                }
                top = max(top, base.max() ?? 0)
                panels.append(Panel(title: models.title(model),
                                    x: scale.axis(maximumTicks: SizeScale.maximumTicks(panels: models.names.count)),
                                    y: Axis("share of wrong answers (%)"), layers: layers))
            }
            guard panels.contains(where: \.hasData) else {
                throw context.missing("no rows of metrics calc_error_share, reasoning_error_share or format_error_share")
            }
            for i in panels.indices { panels[i].y.minimum = 0; panels[i].y.maximum = max(top * 1.05, 1) }
            return Figure(name: "F5", title: "E5: calculation vs reasoning errors vs SFT data",
                          panels: panels, columns: min(panels.count, 3))
        },
        columns: ["model_size", "params", "data_size"])
}
