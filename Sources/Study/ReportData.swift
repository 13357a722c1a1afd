import Foundation

/// A metric averaged over the seeds of one configuration, with its standard error.
///
/// The SE combines two sources and takes the larger: the runs' own intervals (test-set sampling, SE ~ CI width /
/// 3.92, averaged over seeds) and the spread between seeds (SD / sqrt(seeds)). With one seed only the first is known.
struct Measured {
    var value: Double
    var se: Double
    /// Standard deviation across seeds (nil with one seed).
    var seedSD: Double?
    var seeds: Int

    init?(_ metrics: [MetricValue]) {
        guard !metrics.isEmpty else { return nil }
        let k = Double(metrics.count)
        value = metrics.map(\.value).reduce(0, +) / k
        let ses = metrics.map { m -> Double in
            guard let lo = m.ciLow, let hi = m.ciHigh else { return 0 }
            return (hi - lo) / 3.92
        }
        var se = (ses.map { $0 * $0 }.reduce(0, +)).squareRoot() / k
        if metrics.count > 1 {
            let mean = value
            let sd = (metrics.map { ($0.value - mean) * ($0.value - mean) }.reduce(0, +) / (k - 1)).squareRoot()
            seedSD = sd
            se = max(se, sd / k.squareRoot())
        }
        self.se = se
        seeds = metrics.count
    }

    init(value: Double, se: Double, seeds: Int = 1) {
        self.value = value
        self.se = se
        self.seeds = seeds
    }

    static func - (a: Measured, b: Measured) -> Measured {
        Measured(value: a.value - b.value, se: (a.se * a.se + b.se * b.se).squareRoot(), seeds: min(a.seeds, b.seeds))
    }

    /// Mean of several measurements treated as independent.
    static func mean(_ items: [Measured]) -> Measured? {
        guard !items.isEmpty else { return nil }
        let k = Double(items.count)
        return Measured(value: items.map(\.value).reduce(0, +) / k,
                        se: items.map { $0.se * $0.se }.reduce(0, +).squareRoot() / k, seeds: items.map(\.seeds).min()!)
    }

    var low: Double { value - 1.96 * se }
    var high: Double { value + 1.96 * se }

    /// `0.49` or `0.49 ±0.03 (sd 0.02, 2 seeds)`.
    func text(digits: Int = 2, interval: Bool = true) -> String {
        var s = String(format: "%.\(digits)f", value)
        if interval && se > 0 { s += String(format: " ±%.\(digits)f", 1.96 * se) }
        if let sd = seedSD { s += String(format: " (sd %.\(digits)f, %d seeds)", sd, seeds) }
        return s
    }

    /// A signed effect: `+0.16 ±0.05`.
    func effect(digits: Int = 2) -> String {
        String(format: "%+.\(digits)f ±%.\(digits)f", value, 1.96 * se)
    }
}

/// The finished runs of a study with their metrics, grouped for the report's tables.
struct ReportData {
    struct Entry {
        var run: RunSpec
        var record: RunRecord
    }

    let study: StudyDirectory
    let entries: [Entry]
    let failed: [(RunSpec, String)]
    let missing: [RunSpec]

    init(study: StudyDirectory) {
        self.study = study
        var entries: [Entry] = [], failed: [(RunSpec, String)] = [], missing: [RunSpec] = []
        for run in study.plan.runs {
            switch study.state(of: run.hash) {
            case .done(let r): entries.append(Entry(run: run, record: r))
            case .failed(let r): failed.append((run, r.reason ?? "no reason recorded"))
            default: missing.append(run)
            }
        }
        self.entries = entries
        self.failed = failed
        self.missing = missing
    }

    /// Finished runs of experiment `id` matching `filter`.
    func runs(_ id: String, where filter: (RunSpec) -> Bool = { _ in true }) -> [Entry] {
        entries.filter { $0.run.experiments.contains(id) && filter($0.run) }
    }

    /// A metric over the seeds of the runs matching `filter` (any experiment), on one evaluation domain.
    func measure(_ metric: String, domain: String = "gsm", in entries: [Entry]) -> Measured? {
        Measured(entries.compactMap { e in e.record.metrics.first { $0.metric == metric && $0.evalDomain == domain } })
    }

    /// The base model's evaluation (size 0) for a model, from any experiment.
    func base(_ model: ModelShape) -> [Entry] {
        entries.filter { $0.run.size == 0 && $0.run.base.model == model }
    }
}
