import Figures
import MathTasks
import ResultsSchema

/// E8: SFT on gsm-like, math-like or mixed data, each evaluated on both domains: in-domain data helps most, and the
/// mix is best overall.
enum E8CrossDomain: ExperimentDesign {
    static let id = "E8"
    static let title = "cross-domain SFT"
    static let paperFinding = "in-domain data helps most; the mix is best overall."

    /// One arm per training domain at one size, every run evaluated on gsm and math, on the smallest model's first
    /// base (paper preset only).
    static let presets: [Presets.Name: String] = [
        .paper: """
            "E8": {"note": "SFT on gsm, math or the mix, evaluated on both", \(Presets.oneBase),
                   "sizes": [1024],
                   "eval_domains": ["gsm", "math"], "arms": [{"domain": "gsm"}, {"domain": "math"}, {"domain": "mix"}]}
        """,
    ]

    /// On each evaluation domain, SFT on it beats SFT on each other single domain; the mix beats the best single
    /// domain on the mean over evaluation domains.
    static func report(_ s: inout ReportSection) {
        let evalDomains = Array(Set(s.runs.flatMap(\.run.evalDomains))).sorted(by: Domain.byName)
        let byDomain = Dictionary(grouping: s.runs.filter { $0.run.size > 0 }, by: \.run.domain)
        let trainDomains = byDomain.keys.sorted { $0.rawValue < $1.rawValue }
        s.table("greedy accuracy (rows: SFT data, columns: evaluated on):", ["SFT on"] + evalDomains.map(\.rawValue), trainDomains.map { d in
            [d.rawValue] + evalDomains.map { s.cell(.greedyAccuracy, byDomain[d]!, domain: $0) }
        })
        for target in evalDomains {
            guard let own = byDomain[.single(target)] else { continue }
            for other in trainDomains where other != .single(target) && other != .mix {
                let gain = s.data.delta(.greedyAccuracy, own, byDomain[other]!, domain: target)
                s.finding("in-domain data helps most on \(target.rawValue) (SFT on \(target.rawValue) minus SFT on \(other.rawValue))", paper: "in-domain best", gain, .direction(gain))
            }
        }
        if let mix = byDomain[.mix] {
            let singles = trainDomains.filter { $0 != .mix }
            let average = { (e: [ReportData.Entry]) in Contrast.mean(evalDomains.map { Contrast(.greedyAccuracy, e, domain: $0) })! }
            let data = s.data
            if !evalDomains.isEmpty,
               let best = singles.max(by: { (data.measure(average(byDomain[$0]!))?.value ?? -1) < (data.measure(average(byDomain[$1]!))?.value ?? -1) }) {
                let gain = data.measure(average(mix) - average(byDomain[best]!))
                s.finding("the mix is best overall (mean over evaluation domains, mix minus the best single domain)", paper: "mix best overall",
                          gain, .direction(gain))
            }
        }
    }

    /// F8: the cross-domain matrix at the largest SFT size, a heat map of greedy accuracy (columns: the SFT data's
    /// domain; rows: the evaluation domain). It draws every evaluation domain's rows.
    static let figure = PaperFigure(
        id: "F8", experiment: id,
        caption: "cross-domain matrix: train domain x eval domain (heat map of greedy accuracy)",
        columns: [.domain, .evalDomain, .dataSize, .ciLow, .ciHigh], allEvalDomains: true,
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: .greedyAccuracy)
            let largest = try accuracy.map { try $0.number(.dataSize) }.max()!
            let atLargest = try accuracy.filter { try $0.number(.dataSize) == largest }
            let train = PaperFigures.ordered(atLargest.map { $0[.domain] }, by: ["gsm", "math", "mix"])
            let eval = PaperFigures.ordered(atLargest.map { $0[.evalDomain] }, by: ["gsm", "math", "mix"])
            // A cell of the matrix: trained on one domain, evaluated on one.
            struct DomainPair: Hashable { var train, eval: String }
            let measured = try context.measurements(atLargest) { DomainPair(train: $0[.domain], eval: $0[.evalDomain]) }
            var cells: [Heatmap.Cell] = []
            for entry in measured {
                guard let column = train.firstIndex(of: entry.key.train), let row = eval.firstIndex(of: entry.key.eval) else { continue }
                var detail = ""
                if let low = entry.value.low, let high = entry.value.high { detail = String(format: "95%% CI %.0f-%.0f", low * 100, high * 100) }
                // A cell cannot draw its seeds behind it: it lists each pretraining seed's mean instead.
                if entry.value.seeds.count >= 2 {
                    detail += (detail.isEmpty ? "" : "; ") + "seeds " + entry.value.seeds.map { String(format: "%.0f", $0.value * 100) }.joined(separator: "/")
                }
                cells.append(Heatmap.Cell(column: column + 1, row: row + 1, value: entry.value.value * 100,
                                          text: String(format: "%.1f%%", entry.value.value * 100), detail: detail))
            }
            let top = (cells.map(\.value).max() ?? 100)
            let name = { (d: String) in d == DataDomain.mix.rawValue ? "mixed" : GnuplotText.escape(d) + "-like" }
            let panel = Panel(
                title: "greedy accuracy (%) after SFT on \(Ticks.label(largest)) examples",
                x: Axis("SFT data (train domain)", minimum: 0.5, maximum: Double(train.count) + 0.5,
                        ticks: train.enumerated().map { Tick(Double($0.offset + 1), name($0.element)) }),
                y: Axis("evaluated on", minimum: 0.5, maximum: Double(eval.count) + 0.5,
                        ticks: eval.enumerated().map { Tick(Double($0.offset + 1), name($0.element)) }),
                layers: [.heatmap(Heatmap(cells: cells, scaleLabel: "greedy accuracy (%)", minimum: 0, maximum: max(top, 1)))])
            return Figure(name: "F8", title: "E8: cross-domain SFT: train domain x evaluation domain", panels: [panel], key: .none,
                          note: IntervalNote.text(measured.map(\.value), bars: "CI", seedMarks: "seeds"))
        })
}
