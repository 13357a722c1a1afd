/// F8 (E8): the cross-domain matrix: SFT on GSM-like, MATH-like or mixed data (columns), evaluated on each
/// domain (rows), at the largest SFT size. In-domain data helps most; the mix is best overall.
extension PaperFigures {
    static let crossDomain = PaperFigure(
        id: "F8", experiment: "E8",
        caption: "cross-domain matrix: train domain x eval domain (heat map of greedy accuracy)",
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: "greedy_accuracy")
            let largest = try accuracy.map { try $0.number("data_size") }.max()!
            let atLargest = try accuracy.filter { try $0.number("data_size") == largest }
            let train = ordered(atLargest.map { $0["domain"] }, by: ["gsm", "math", "mix"])
            let eval = ordered(atLargest.map { $0["eval_domain"] }, by: ["gsm", "math", "mix"])
            let measured = try atLargest.measurements { [$0["domain"], $0["eval_domain"]] }
            var cells: [Heatmap.Cell] = []
            for entry in measured {
                guard let column = train.firstIndex(of: entry.key[0]), let row = eval.firstIndex(of: entry.key[1]) else { continue }
                var detail = ""
                if let low = entry.value.low, let high = entry.value.high { detail = String(format: "95%% CI %.0f-%.0f", low * 100, high * 100) }
                cells.append(Heatmap.Cell(column: column + 1, row: row + 1, value: entry.value.value * 100,
                                          text: String(format: "%.1f%%", entry.value.value * 100), detail: detail))
            }
            let top = (cells.map(\.value).max() ?? 100)
            let name = { (d: String) in d == "mix" ? "mixed" : GnuplotText.escape(d) + "-like" }
            let panel = Panel(
                title: "greedy accuracy (%) after SFT on \(Ticks.label(largest)) examples",
                x: Axis("SFT data (train domain)", minimum: 0.5, maximum: Double(train.count) + 0.5,
                        ticks: train.enumerated().map { Tick(Double($0.offset + 1), name($0.element)) }),
                y: Axis("evaluated on", minimum: 0.5, maximum: Double(eval.count) + 0.5,
                        ticks: eval.enumerated().map { Tick(Double($0.offset + 1), name($0.element)) }),
                layers: [.heatmap(Heatmap(cells: cells, scaleLabel: "greedy accuracy (%)", minimum: 0, maximum: max(top, 1)))])
            return Figure(name: "F8", title: "E8: cross-domain SFT: train domain x evaluation domain", panels: [panel], key: .none)
        },
        columns: ["domain", "eval_domain", "data_size", "ci_low", "ci_high"],
        allEvalDomains: true)
}
