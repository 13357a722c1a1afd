import DataFiles
import Foundation

/// F6, F7, F9, F10: comparisons of conditions at fixed SFT sizes, drawn as grouped bars with 95% intervals.
extension PaperFigures {
    /// Synthesis methods in the paper's order; methods not listed follow in file order.
    static let methodOrder = ["real", "numbers", "background", "constraint", "numbers+background", "rephrase", "mixed"]

    /// F6 (E6): accuracy of SFT on data from each synthesis method, clustered by SFT size.
    static let synthesisMethods = PaperFigure(
        id: "F6", experiment: "E6",
        caption: "greedy accuracy by synthesis method at each SFT size (grouped bars)",
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: "greedy_accuracy")
            let methods = ordered(accuracy.map { $0["method"] }, by: methodOrder)
            let bars = try sizeClusters(accuracy, series: methods, seriesOf: { $0["method"] })
            let panel = Panel(x: bars.axis("SFT examples"), y: headroomAxis("greedy accuracy (%)", maximum: bars.maximum),
                              layers: bars.layers())
            return Figure(name: "F6", title: "E6: SFT data from each synthesis method", panels: [panel])
        },
        columns: ["method", "data_size", "ci_low", "ci_high"])

    /// F7 (E7): verification of synthetic answers on and off, per domain.
    static let verification = PaperFigure(
        id: "F7", experiment: "E7",
        caption: "greedy accuracy with and without verification of synthetic answers",
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: "greedy_accuracy")
            let label = { (row: MetricRecord) in row["verified"] == "true" ? "verified" : "not verified" }
            let domains = ordered(accuracy.map { $0["domain"] }, by: ["gsm", "math", "mix"])
            let bars = try domains.map { domain in
                try sizeClusters(accuracy.filter { $0["domain"] == domain }, series: ["not verified", "verified"], seriesOf: label)
            }
            let top = bars.map(\.maximum).max() ?? 1
            let panels = zip(domains, bars).map { domain, bars in
                Panel(title: "\(GnuplotText.escape(domain))-like problems", x: bars.axis("SFT examples"),
                      y: headroomAxis("greedy accuracy (%)", maximum: top, headroom: 1.15), layers: bars.layers(labels: true))
            }
            return Figure(name: "F7", title: "E7: synthetic answers with and without verification", panels: panels, columns: min(panels.count, 3))
        },
        columns: ["verified", "domain", "data_size", "ci_low", "ci_high"])

    /// F9 (E9): the contamination check: Delta1 = L(test-regen) - L(test-ref), Delta2 = L(test-regen) -
    /// L(train-regen), per data condition; the deliberately contaminated control must stand out.
    static let contamination = PaperFigure(
        id: "F9", experiment: "E9",
        caption: "contamination deltas (LM loss differences) per condition, with the contaminated control",
        build: { rows, context in
            let deltas = rows.filter { $0.metric == "delta1" || $0.metric == "delta2" }
            guard !deltas.isEmpty else { throw context.missing("no delta1 or delta2 rows") }
            let domains = Set(deltas.map { $0["domain"] })
            // The control's data_kind is `contaminated` (its SFT data holds test questions).
            let condition = { (row: MetricRecord) -> String in
                let name = row["data_kind"] == "contaminated" ? "contaminated control" : "\(row["data_kind"]) (\(row["method"]))"
                return domains.count > 1 ? "\(name)\n\(row["domain"])" : name
            }
            // Two runs of one seed under one condition would be averaged into one bar: refuse instead
            // (metrics.csv written before the control got its own data_kind looks like that).
            var runs: [[String]: String] = [:]
            for row in deltas {
                let key = [condition(row), row["seed"], row.metric]
                if let other = runs[key], other != row["run"] {
                    throw InputError(file: row.file, line: row.line, field: "run",
                                     "runs \(other) and \(row["run"]) have the same condition, seed and metric: cannot tell the contaminated control apart")
                }
                runs[key] = row["run"]
            }
            let conditions = ordered(deltas.map(condition), by: [])
            let measured = try deltas.measurements { [condition($0), $0.metric] }
            let value = { (c: String, m: String) in measured.first { $0.key == [c, m] }?.value }
            let bars = GroupedBars(clusters: conditions,
                                   series: [("Δ_1 = L_{test-regen} - L_{test-ref}", conditions.map { value($0, "delta1") }),
                                            ("Δ_2 = L_{test-regen} - L_{train-regen}", conditions.map { value($0, "delta2") })],
                                   scale: 1, markup: true)
            // Deltas of a tiny model on a regular format are thousandths of a nat: labels keep 2 significant digits.
            let largest = max(abs(bars.minimum), abs(bars.maximum), 1e-6)
            let decimals = largest.isFinite ? max(2, 1 - Int(floor(log10(largest)))) : 2  // an overflowing mean of seeds
            let panel = Panel(x: bars.axis(""),
                              y: headroomAxis("loss difference (nats per token)", minimum: min(bars.minimum, 0), maximum: max(bars.maximum, largest / 10), headroom: 1.25),
                              layers: bars.layers(labels: true, format: "%.\(decimals)f"))
            return Figure(name: "F9", title: "E9: contamination check (LM-loss deltas)", panels: [panel])
        },
        columns: ["data_kind", "method", "domain", "seed", "run"])

    /// F10 (E10): resampling the SFT mix toward long solutions vs uniform sampling.
    static let resampling = PaperFigure(
        id: "F10", experiment: "E10",
        caption: "resampling toward long solutions vs uniform: accuracy by steps and overall",
        build: { rows, context in
            let kinds = ordered(rows.map { $0["resample"] }, by: ["uniform", "long"])
            let title = { (kind: String) in kind == "long" ? "resampled toward long solutions" : GnuplotText.escape(kind) }
            let largest = try rows.map { try $0.number("data_size") }.max() ?? 0
            var panels: [Panel] = []
            let byStep = try rows.filter { $0.metric.hasPrefix("accuracy_steps_") && (try? $0.number("data_size")) == largest }
                .measurements { [$0["resample"], String(format: "%03d", try steps($0))] }
            if !byStep.isEmpty {
                let maxSteps = byStep.compactMap { Double($0.key[1]) }.max()!
                let layers = kinds.enumerated().map { index, kind in
                    Layer.points(Points(title: title(kind), points: dodge(byStep.filter { $0.key[0] == kind }.map { $0.value.point(x: Double($0.key[1])!) },
                                                                          index: index, count: kinds.count, logarithmic: false),
                                        style: .series(index), connected: true))
                }
                panels.append(Panel(title: "accuracy by number of steps (SFT \(Ticks.label(largest)))",
                                    x: Axis("reasoning steps in the question", minimum: 0.6, maximum: maxSteps + 0.4,
                                            ticks: (1...Int(maxSteps)).map { Tick(Double($0), String($0)) }),
                                    y: Axis("accuracy (%)", minimum: 0, maximum: 100), layers: layers))
            }
            let overall = [("greedy_accuracy", "greedy"), ("pass_ratio_at_n", "PassRatio@N"), ("pass_at_n", "Pass@N")]
                .filter { metric, _ in rows.contains { $0.metric == metric } }
            if !overall.isEmpty {
                let measured = try rows.filter { (try? $0.number("data_size")) == largest }.measurements { [$0["resample"], $0.metric] }
                let bars = GroupedBars(clusters: overall.map(\.1), series: kinds.map { kind in
                    (title(kind), overall.map { metric, _ in measured.first { $0.key == [kind, metric] }?.value })
                }, markup: true)
                panels.append(Panel(title: "overall (SFT \(Ticks.label(largest)))", x: bars.axis("metric"),
                                    y: headroomAxis("accuracy (%)", maximum: bars.maximum, headroom: 1.15), layers: bars.layers(labels: true, format: "%.1f")))
            }
            guard !panels.isEmpty else { throw context.missing("no accuracy_steps_<s>, greedy_accuracy, pass_ratio_at_n or pass_at_n rows") }
            return Figure(name: "F10", title: "E10: resampling the SFT mix toward long solutions", panels: panels, columns: panels.count)
        },
        columns: ["resample", "data_size", "ci_low", "ci_high"])

    /// Distinct values, those in `order` first (in that order), then the rest in order of appearance.
    static func ordered(_ values: [String], by order: [String]) -> [String] {
        var seen = Set<String>()
        let distinct = values.filter { seen.insert($0).inserted }
        return order.filter(distinct.contains) + distinct.filter { !order.contains($0) }
    }

    /// Bars clustered by SFT size ("256 examples"), one bar per series value.
    static func sizeClusters(_ rows: [MetricRecord], series: [String], seriesOf: (MetricRecord) -> String) throws -> GroupedBars {
        let measured = try rows.measurements { row -> [Double] in [try row.number("data_size"), Double(series.firstIndex(of: seriesOf(row)) ?? -1)] }
        let sizes = Set(measured.map { $0.key[0] }).sorted()
        return GroupedBars(clusters: sizes.map { Ticks.label($0) }, series: series.enumerated().map { index, name in
            (name, sizes.map { size in measured.first { $0.key == [size, Double(index)] }?.value })
        })
    }
}
