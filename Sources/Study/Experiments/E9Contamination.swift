import DataFiles
import Figures
import Foundation
import ResultsSchema

/// E9, the contamination check: the LM loss on the test questions against regenerated test and train questions.
/// Delta1 = L(test-regen) - L(test-ref) and Delta2 = L(test-regen) - L(train-regen) stay small for data that did not
/// leak the test set; a deliberately contaminated control (test questions mixed into the SFT data) must stand out.
enum E9Contamination: ExperimentDesign {
    static let id = "E9"
    static let title = "contamination check"
    static let paperFinding = "small LM-loss deltas (GSM8K Delta1 0.02, Delta2 0.19) show the synthetic data did not leak the test set."

    /// Clean mixed synthetic data and the control with 200 test questions in it, LM losses measured, on the smallest
    /// model's first base (paper preset only).
    static let presets: [Presets.Name: String] = [
        .paper: """
            "E9": {"note": "contamination check: LM-loss deltas, with a deliberately contaminated control", \(Presets.oneBase),
                   "data": "synthetic", "method": "mixed", "sizes": [1024], "lm_loss": true,
                   "arms": [{"contaminate": 0}, {"contaminate": 200}]}
        """,
    ]

    static let losses: [MetricName] = [.lmLossTestReference, .lmLossTestRegenerated, .lmLossTrainRegenerated, .delta1, .delta2]

    /// Delta1 of the clean data lies within ±0.05; the control's Delta1 is clearly larger than the clean data's.
    static func report(_ s: inout ReportSection) {
        let clean = s.runs.filter { $0.run.contaminate == 0 && $0.run.lmLoss }, dirty = s.runs.filter { $0.run.contaminate > 0 }
        let data = s.data
        // Relative deltas: Delta1 / L(test, reference) and Delta2 / L(train, regenerated), the interval of the
        // delta divided by the mean loss (whose own interval is far narrower).
        func relative(_ delta: MetricName, _ loss: MetricName, _ e: [ReportData.Entry]) -> Measured? {
            guard let d = data.measure(delta, in: e), let l = data.measure(loss, in: e), l.value > 0 else { return nil }
            var r = d
            (r.value, r.interval.low, r.interval.high) = (d.value / l.value, d.low / l.value, d.high / l.value)
            return r
        }
        s.table("LM loss per token (nats) on the test questions, regenerated test and regenerated train questions, and the "
                    + "deltas relative to the loss they are measured against (Delta1 / L_test_ref, Delta2 / L_train_regen):",
                ["SFT data"] + losses.map(\.rawValue) + ["Delta1 / L", "Delta2 / L"],
                [("clean", clean), ("contaminated control", dirty)].filter { !$0.1.isEmpty }.map { name, e in
            [name + " (\(e[0].run.label), \(Set(e.map(\.run.seed)).count) SFT seeds)"] + losses.map { s.cell($0, e, digits: 3) }
                + [relative(.delta1, .lmLossTestReference, e)?.text(digits: 3) ?? "-", relative(.delta2, .lmLossTrainRegenerated, e)?.text(digits: 3) ?? "-"]
        })
        let d1 = data.measure(.delta1, in: clean)
        let rel = relative(.delta1, .lmLossTestReference, clean).map { " (relative " + $0.effect(digits: 3) + ")" } ?? ""
        s.finding("no leak in the clean synthetic data: Delta1 near zero\(rel)", paper: "Delta1 0.02, Delta2 0.19 (GSM8K)", d1,
                  .equivalent(d1, margin: Report.Verdict.equivalenceMargin), digits: 3)
        let gap = dirty.isEmpty || clean.isEmpty ? nil : data.measure(Contrast(.delta1, dirty) - Contrast(.delta1, clean))
        s.finding("the contaminated control shows a clearly larger Delta1", paper: "(the check's purpose)", gap, .direction(gap), digits: 3)
    }

    /// F9: Delta1 and Delta2 per data condition as grouped bars; the control is told apart by its data_kind
    /// (`contaminated`).
    static let figure = PaperFigure(
        id: "F9", experiment: id,
        caption: "contamination deltas (LM loss differences) per condition, with the contaminated control",
        columns: [.dataKind, .method, .domain, .seed, .run],
        build: { rows, context in
            let deltas = rows.filter { $0.metric == .delta1 || $0.metric == .delta2 }
            guard !deltas.isEmpty else { throw context.missing("no delta1 or delta2 rows") }
            let domains = Set(deltas.map { $0[.domain] })
            let condition = { (row: MetricRecord) -> String in
                let name = row[.dataKind] == "contaminated" ? "contaminated control" : "\(row[.dataKind]) (\(row[.method]))"
                return domains.count > 1 ? "\(name)\n\(row[.domain])" : name
            }
            // Two runs of one seed (SFT and pretraining) under one condition would be averaged into one bar: refuse
            // instead (metrics.csv written before the control got its own data_kind looks like that).
            var runs: [[String]: String] = [:]
            for row in deltas {
                let key = [condition(row), row[.seed], row[.pretrainSeed], row.metric.rawValue]
                if let other = runs[key], other != row[.run] {
                    throw InputError(file: row.file, line: row.line, field: MetricsColumn.run.rawValue,
                                     "runs \(other) and \(row[.run]) have the same condition, seed and metric: cannot tell the contaminated control apart")
                }
                runs[key] = row[.run]
            }
            let conditions = PaperFigures.ordered(deltas.map(condition), by: [])
            // A bar: one condition's delta.
            struct ConditionDelta: Hashable { var condition: String, metric: MetricName }
            let measured = try context.measurements(deltas) { ConditionDelta(condition: condition($0), metric: $0.metric) }
            let value = { (c: String, m: MetricName) in measured.first { $0.key == ConditionDelta(condition: c, metric: m) }?.value }
            let bars = GroupedBars(clusters: conditions,
                                   series: [("Δ_1 = L_{test-regen} - L_{test-ref}", conditions.map { value($0, .delta1) }),
                                            ("Δ_2 = L_{test-regen} - L_{train-regen}", conditions.map { value($0, .delta2) })],
                                   scale: 1, markup: true)
            // Deltas of a tiny model on a regular format are thousandths of a nat: labels keep 2 significant digits.
            let largest = max(abs(bars.minimum), abs(bars.maximum), 1e-6)
            let decimals = largest.isFinite ? max(2, 1 - Int(floor(log10(largest)))) : 2  // an overflowing mean of seeds
            let panel = Panel(x: bars.axis(""),
                              y: headroomAxis("loss difference (nats per token)", minimum: min(bars.minimum, 0), maximum: max(bars.maximum, largest / 10), headroom: 1.25),
                              layers: bars.layers(labels: true, format: "%.\(decimals)f"))
            // LM losses have no per-question records: each run's own interval stands in for the questions.
            let note = IntervalNote.text(bars.measured, estimates: "each run's own interval (LM losses)", seedMarks: "dots")
            return Figure(name: "F9", title: "E9: contamination check (LM-loss deltas)", panels: [panel], note: note)
        })
}
