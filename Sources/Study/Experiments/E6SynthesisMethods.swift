import Figures
import ResultsSchema

/// E6: synthetic data from each synthesis prompt (new numbers, new background, an added constraint, both, a
/// rephrase) helps over the base model, and mixing them is best.
enum E6SynthesisMethods: ExperimentDesign {
    static let id = "E6"
    static let title = "synthesis methods"
    static let paperFinding = "every synthesis prompt helps; mixing them is best."

    /// One arm per method at one size, on the smallest model's first base (paper preset only).
    static let presets: [Presets.Name: String] = [
        .paper: """
            "E6": {"note": "synthesis methods at equal size", "models": ["d64L2"], "pretrain_seeds": [1], "data": "synthetic", "sizes": [1024],
                   "arms": [{"method": "numbers"}, {"method": "background"}, {"method": "constraint"},
                            {"method": "numbers+background"}, {"method": "rephrase"}, {"method": "mixed"}]}
        """,
    ]

    /// The weakest method beats the base model; mixed beats the best single method. The weakest and the best single
    /// method are picked by their point estimates, then compared with intervals.
    static func report(_ s: inout ReportSection) {
        let groups = s.variants("method") { $0.method }
        let ratio = groups.compactMapValues { s.data.measure(.greedyAccuracy, in: $0)?.value }
        let seeds = Set(groups.values.flatMap { $0.map(\.run.base.pretrain.seed) })
        if let model = groups.values.first?.first?.run.base.model, !s.data.base(model, pretrainSeeds: seeds).isEmpty,
           let (method, _) = ratio.min(by: { $0.value < $1.value }) {
            let gain = s.data.measure(Contrast(.greedyAccuracy, groups[method]!) - Contrast(.greedyAccuracy, s.data.base(model, pretrainSeeds: seeds)))
            s.finding("every method helps: the weakest (\(method.rawValue)) beats the base model", paper: "all help", gain, .direction(gain))
        }
        if let mixed = groups[.mixed], let (best, _) = ratio.filter({ $0.key != .mixed }).max(by: { $0.value < $1.value }) {
            let gap = s.data.measure(Contrast(.greedyAccuracy, mixed) - Contrast(.greedyAccuracy, groups[best]!))
            s.finding("mixed methods are best (mixed minus the best single method, \(best.rawValue))", paper: "mixed best", gap, .direction(gap))
        }
    }

    /// Synthesis methods in the paper's order; methods not listed follow in file order.
    static let methodOrder = ([DataMethod.real] + DataMethod.synthetic).map(\.rawValue)

    /// F6: greedy accuracy of SFT on each method's data, clustered by SFT size.
    static let figure = PaperFigure(
        id: "F6", experiment: id,
        caption: "greedy accuracy by synthesis method at each SFT size (grouped bars)",
        columns: [.method, .dataSize, .ciLow, .ciHigh],
        build: { rows, context in
            let accuracy = try context.rows(rows, metric: .greedyAccuracy)
            let methods = PaperFigures.ordered(accuracy.map { $0[.method] }, by: methodOrder)
            let bars = try GroupedBars.bySize(accuracy, series: methods, seriesOf: { $0[.method] }, context: context)
            let panel = Panel(x: bars.axis("SFT examples"), y: headroomAxis("greedy accuracy (%)", maximum: bars.maximum),
                              layers: bars.layers())
            return Figure(name: "F6", title: "E6: SFT data from each synthesis method", panels: [panel], note: bars.note)
        })
}
