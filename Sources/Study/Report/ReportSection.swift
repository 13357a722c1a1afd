import MathTasks
import ResultsSchema

/// One experiment's section of the report as its `ExperimentDesign.report` builds it: the tables (Markdown) and the
/// findings, each a claim of the paper with the measured effect and its verdict. `Report.section` adds the heading,
/// the paper's finding and the table of findings.
struct ReportSection {
    typealias Entry = ReportData.Entry

    let id: String
    let data: ReportData
    /// The experiment's finished runs.
    let runs: [Entry]
    /// The model sizes among `runs`, smallest first.
    let models: [ModelShape]
    /// The section's Markdown so far.
    var text = ""
    private(set) var findings: [Report.Finding] = []

    init(id: String, data: ReportData, runs: [Entry]) {
        self.id = id
        self.data = data
        self.runs = runs
        models = Array(Set(runs.map(\.run.base.model))).sorted()
    }

    var config: StudyConfig { data.study.config }
    /// N: samples per question.
    var samples: Int { config.eval.samples }

    /// The runs of one model size.
    func runs(of model: ModelShape) -> [Entry] { runs.filter { $0.run.base.model == model } }

    /// Records a finding; `effect` is shown with `digits` decimals.
    mutating func finding(_ claim: String, paper: String, _ effect: Measured?, _ verdict: Report.Verdict, digits: Int = 2) {
        findings.append(Report.Finding(experiment: id, claim: claim, paper: paper, effect: effect?.effect(digits: digits) ?? "-",
                                       verdict: verdict, basis: effect?.basis ?? "-"))
    }

    /// Appends a table (after a caption line when given) and a blank line.
    mutating func table(_ caption: String? = nil, _ header: [String], _ rows: [[String]]) {
        if let caption { text += caption + "\n\n" }
        text += Report.table(header, rows) + "\n"
    }

    /// A table cell: `metric` over the seeds of `entries` with ± half its interval, "-" when not measured.
    func cell(_ metric: MetricName, _ entries: [Entry], domain: Domain = .gsm, digits: Int = 2, interval: Bool = true) -> String {
        data.measure(metric, domain: domain, in: entries)?.text(digits: digits, interval: interval) ?? "-"
    }
}

extension ReportSection {
    /// For experiments that compare variants at equal model and size (synthesis method, verification, resampling):
    /// the runs grouped by `variant`, after appending their table (one row per variant, model and SFT size; the
    /// variants in the order of their names).
    mutating func variants<Variant: Hashable>(_ header: String, by variant: (RunSpec) -> Variant,
                                              named name: (Variant) -> String) -> [Variant: [Entry]] {
        let groups = Dictionary(grouping: runs) { variant($0.run) }
        let named = groups.keys.map { (name: name($0), key: $0) }.sorted { $0.name < $1.name }
        table(nil, [header, "model", "SFT size", "greedy", "PassRatio@\(samples)", "4-step acc"], named.flatMap { label, key in
            ReportData.sizes(groups[key]!).map { g in
                [label, g.runs[0].run.base.model.name, String(g.size), cell(.greedyAccuracy, g.runs), cell(.passRatioAtN, g.runs),
                 cell(.accuracySteps(4), g.runs)]
            }
        })
        return groups
    }

    /// `variants` of a setting named by its raw value (synthesis method, resampling).
    mutating func variants<Variant: RawRepresentable<String> & Hashable>(_ header: String,
                                                                        by variant: (RunSpec) -> Variant) -> [Variant: [Entry]] {
        variants(header, by: variant, named: \.rawValue)
    }
}
