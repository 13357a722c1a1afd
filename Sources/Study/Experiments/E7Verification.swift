import Figures
import ResultsSchema

/// E7: checking synthetic solutions (solving twice and keeping agreeing answers) barely matters.
enum E7Verification: ExperimentDesign {
    static let id = "E7"
    static let title = "verification of synthetic data"
    static let paperFinding = "verifying synthetic solutions barely matters (28.9 vs 28.1 at 7.5K)."

    /// Verified and unverified mixed synthetic data at one size, three SFT seeds (the effect is small), on the
    /// smallest model's first base (paper preset only).
    static let presets: [Presets.Name: String] = [
        .paper: """
            "E7": {"note": "synthetic data with and without verification", \(Presets.oneBase),
                   "data": "synthetic", "method": "mixed", "sizes": [1024], "arms": [{"verified": false}, {"verified": true}]}
        """,
    ]

    /// Verified minus unverified greedy accuracy, averaged over the sizes, lies within ±0.05.
    static func report(_ s: inout ReportSection) {
        let groups = s.variants("data", by: \.verified) { $0 ? "verified" : "unverified" }
        let plain = groups[false] ?? [], checked = groups[true] ?? []
        let gaps = ReportData.sizes(checked).compactMap { g -> Contrast? in
            let p = plain.filter { $0.run.size == g.size }
            return p.isEmpty ? nil : ReportData.change(.greedyAccuracy, g.runs, p)
        }
        let gap = Contrast.mean(gaps).flatMap(s.data.measure)
        s.finding("verification barely matters (verified minus unverified greedy, mean over \(gaps.count) sizes)", paper: "+0.008 / +0.010 (MATH, 70B)",
                  gap, .equivalent(gap, margin: Report.Verdict.equivalenceMargin))
    }

    /// F7: greedy accuracy with and without verification, clustered by SFT size, one panel per domain.
    static let figure = PaperFigure(
        id: "F7", experiment: id,
        caption: "greedy accuracy with and without verification of synthetic answers",
        columns: [.verified, .domain, .dataSize, .ciLow, .ciHigh],
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: .greedyAccuracy)
            let label = { (row: MetricRecord) in row[.verified] == "true" ? "verified" : "not verified" }
            let domains = PaperFigures.ordered(accuracy.map { $0[.domain] }, by: ["gsm", "math", "mix"])
            let bars = try domains.map { domain in
                try GroupedBars.bySize(accuracy.filter { $0[.domain] == domain }, series: ["not verified", "verified"], seriesOf: label,
                                       context: context)
            }
            let top = bars.map(\.maximum).max() ?? 1
            let panels = zip(domains, bars).map { domain, bars in
                Panel(title: "\(GnuplotText.escape(domain))-like problems", x: bars.axis("SFT examples"),
                      y: headroomAxis("greedy accuracy (%)", maximum: top, headroom: 1.15), layers: bars.layers(labels: true))
            }
            return Figure(name: "F7", title: "E7: synthetic answers with and without verification", panels: panels, columns: min(panels.count, 3),
                          note: IntervalNote.text(bars.flatMap(\.measured), seedMarks: "dots"))
        })
}
