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
            "E6": {"note": "synthesis methods at equal size", \(Presets.oneBase), "data": "synthetic",
                   "sizes": [1024],
                   "arms": [{"method": "numbers"}, {"method": "background"}, {"method": "constraint"},
                            {"method": "numbers+background"}, {"method": "rephrase"}, {"method": "mixed"}]}
        """,
    ]

    /// The weakest method beats the base model; mixed beats the best single method. The weakest and the best single
    /// method are picked by their point estimates, then compared with intervals.
    static func report(_ s: inout ReportSection) {
        let groups = s.variants("method") { $0.method }
        let ratio = inPaperOrder(groups.compactMapValues { s.data.measure(.greedyAccuracy, in: $0)?.value })
        let seeds = Set(groups.values.flatMap { $0.map(\.run.base.pretrain.seed) })
        if let model = groups.values.first?.first?.run.base.model, !s.data.base(model, pretrainSeeds: seeds).isEmpty,
           let (method, _) = weakest(ratio) {
            let gain = s.data.measure(Contrast(.greedyAccuracy, groups[method]!) - Contrast(.greedyAccuracy, s.data.base(model, pretrainSeeds: seeds)))
            s.finding("every method helps: the weakest (\(method.rawValue)) beats the base model", paper: "all help", gain, .direction(gain))
        }
        if let mixed = groups[.mixed], let (best, _) = best(ratio.filter { $0.method != .mixed }) {
            let gap = s.data.measure(Contrast(.greedyAccuracy, mixed) - Contrast(.greedyAccuracy, groups[best]!))
            s.finding("mixed methods are best (mixed minus the best single method, \(best.rawValue))", paper: "mixed best", gap, .direction(gap))
        }
    }

    /// The methods with their values in the paper's order (others after, by name), so that a tie in `weakest` or
    /// `best` goes to the earlier method and the report never depends on a dictionary's iteration order (which
    /// Swift seeds afresh in every process).
    static func inPaperOrder(_ values: [DataMethod: Double]) -> [(method: DataMethod, value: Double)] {
        let others = values.keys.filter { !DataMethod.synthetic.contains($0) }.sorted { $0.rawValue < $1.rawValue }
        return (DataMethod.synthetic.filter { values[$0] != nil } + others).map { ($0, values[$0]!) }
    }

    /// The first method with the lowest value.
    static func weakest(_ ordered: [(method: DataMethod, value: Double)]) -> (method: DataMethod, value: Double)? {
        ordered.reduce(nil) { lowest, next in lowest.map { next.value < $0.value ? next : $0 } ?? next }
    }

    /// The first method with the highest value.
    static func best(_ ordered: [(method: DataMethod, value: Double)]) -> (method: DataMethod, value: Double)? {
        ordered.reduce(nil) { highest, next in highest.map { next.value > $0.value ? next : $0 } ?? next }
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
