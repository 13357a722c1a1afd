import Figures
import Foundation
import MathTasks
import Metrics
import ResultsSchema

/// A statistic of the report: a value with its 95% interval and what it rests on (the interval type the figures
/// draw, so a figure's error bar and the report's number are one thing).
///
/// Made by `ReportData.measure` from the nested bootstrap (`Metrics.Bootstrap`: pretraining seeds, then SFT seeds,
/// then the test questions, the same questions for every arm), or from a fit's own interval (E3's exponents).
struct Measured {
    var value: Double
    /// The 95% interval with the fewest pretraining seeds and SFT seeds (per base) of any compared configuration
    /// and the fewest test questions (0 when no per-question data was used).
    var interval: SeedInterval
    /// Whether the statistic compares different model sizes, whose bases differ: then only pretraining seeds
    /// replicate the comparison.
    var comparesModels: Bool

    var low: Double { interval.low }
    var high: Double { interval.high }

    /// A comparison resting on one seed: one pretraining seed when model sizes are compared, else one pretraining
    /// and one SFT seed. Its interval describes the test questions only, so it decides nothing.
    var singleSeed: Bool { interval.pretrainSeeds <= 1 && (comparesModels || interval.sftSeeds <= 1) }

    /// `0.49 ±0.03` (± half the interval's width).
    func text(digits: Int = 2, interval: Bool = true) -> String {
        var s = String(format: "%.\(digits)f", value)
        if interval && high > low { s += String(format: " ±%.\(digits)f", (high - low) / 2) }
        return s
    }

    /// A signed effect with its interval: `+0.16 [+0.11, +0.21]`.
    func effect(digits: Int = 2) -> String {
        String(format: "%+.\(digits)f [%+.\(digits)f, %+.\(digits)f]", value, low, high)
    }

    /// What the statistic rests on: `3 x 2 seeds, 800 q` (pretraining x SFT seeds, questions per arm); `3-4 x 2` when
    /// its cells have different numbers of bases (the fewest decides whether it is a single-seed result).
    var basis: String {
        let pretrain = interval.mostPretrainSeeds > interval.pretrainSeeds
            ? "\(interval.pretrainSeeds)-\(interval.mostPretrainSeeds)" : "\(interval.pretrainSeeds)"
        return "\(pretrain) x \(interval.sftSeeds) seeds" + (interval.questions > 0 ? ", \(interval.questions) q" : "")
    }
}

/// A weighted sum of metrics over groups of runs (`a - b`, the mean over SFT sizes of such differences, ...),
/// measured by `ReportData.measure`.
struct Contrast {
    struct Term {
        var weight: Double
        var metric: MetricName
        var domain: Domain
        var entries: [ReportData.Entry]
    }

    var terms: [Term]

    init(_ metric: MetricName, _ entries: [ReportData.Entry], domain: Domain = .gsm) {
        terms = [Term(weight: 1, metric: metric, domain: domain, entries: entries)]
    }

    init(terms: [Term]) { self.terms = terms }

    static func - (a: Contrast, b: Contrast) -> Contrast { a + b * -1 }
    static func + (a: Contrast, b: Contrast) -> Contrast { Contrast(terms: a.terms + b.terms) }
    static func * (a: Contrast, w: Double) -> Contrast { Contrast(terms: a.terms.map { var t = $0; t.weight *= w; return t }) }

    /// The mean of several contrasts (nil when there are none).
    static func mean(_ items: [Contrast]) -> Contrast? {
        guard !items.isEmpty else { return nil }
        return items.dropFirst().reduce(items[0], +) * (1 / Double(items.count))
    }
}

/// The finished runs of a study with their metrics, and the statistics of the report over them.
final class ReportData {
    struct Entry {
        var run: RunSpec
        var record: RunRecord
    }

    let study: StudyDirectory
    let entries: [Entry]
    let failed: [(RunSpec, String)]
    let missing: [RunSpec]
    /// Resamples of every interval, and the seed of their generator (fixed: the report is reproducible).
    let resamples: Int
    /// Per-question records by run hash, read on first use (nil: none usable).
    private var questionCache: [String: QuestionRecords?] = [:]

    init(study: StudyDirectory, resamples: Int = 1000) {
        self.study = study
        self.resamples = resamples
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

    /// A metric over the seeds of `entries` (any experiment) on one evaluation domain.
    func measure(_ metric: MetricName, domain: Domain = .gsm, in entries: [Entry]) -> Measured? {
        measure(Contrast(metric, entries, domain: domain))
    }

    /// A contrast with its nested-bootstrap interval; nil when a term has no runs with the metric.
    func measure(_ contrast: Contrast) -> Measured? {
        var terms: [Bootstrap.Term] = []
        for t in contrast.terms {
            let runs = t.entries.compactMap { observations(t.metric, domain: t.domain, $0) }
            guard !runs.isEmpty else { return nil }
            terms.append(Bootstrap.Term(t.weight, runs))
        }
        guard let r = ReportData.bootstrap(terms, resamples: resamples) else { return nil }
        let models = Set(contrast.terms.flatMap { $0.entries.map(\.run.base.model) })
        // A base model (size 0) has no SFT seed: comparing fine-tuned runs with it rests on the fine-tuned runs' seeds.
        let tuned = contrast.terms.filter { $0.entries.contains { $0.run.size > 0 } }
        let sftSeeds = tuned.isEmpty || tuned.count == contrast.terms.count ? r.sftSeeds : tuned.map { t in
            Dictionary(grouping: t.entries, by: \.run.base.pretrain.seed).values.map { Set($0.map(\.run.seed)).count }.min() ?? 0
        }.min() ?? 0
        return Measured(value: r.estimate.value, interval: SeedInterval(r, sftSeeds: sftSeeds), comparesModels: models.count > 1)
    }

    /// One run's data for the bootstrap: its per-question values when they reproduce the recorded value, else the
    /// recorded value with the run's own interval as 1.96 SE (fitted Acc_step, LM losses, old results).
    func observations(_ metric: MetricName, domain: Domain, _ e: Entry) -> Bootstrap.Run? {
        guard let m = e.record.metrics.first(where: { $0.metric == metric.rawValue && $0.evalDomain == domain.rawValue }) else { return nil }
        let run = { Bootstrap.Run(pretrainSeed: e.run.base.pretrain.seed, sftSeed: e.run.seed, $0) }
        if let (num, den) = questions(e.run.hash)?.observations(metric, domain: domain.rawValue) {
            let total = den.reduce(0, +)
            if total > 0, abs(num.reduce(0, +) / total - m.value) <= 1e-9 * max(1, abs(m.value)) {
                return run(.questions(numerator: num, denominator: den))
            }
        }
        return run(ReportData.estimate(value: m.value, low: m.ciLow, high: m.ciHigh))
    }

    /// A run's recorded value with its own 95% interval as 1.96 SE (SE 0 without one), for the bootstrap.
    static func estimate(value: Double, low: Double?, high: Double?) -> Bootstrap.Observations {
        .estimate(value: value, se: low.flatMap { lo in high.map { ($0 - lo) / 3.92 } } ?? 0)
    }

    /// The nested bootstrap of the statistic `sum(weight * cell)` (generator seed 0: the report is reproducible);
    /// nil when it is undefined. The report's and the figures' (`StudyIntervals`) one way to an interval.
    static func bootstrap(_ terms: [Bootstrap.Term], resamples: Int) -> Bootstrap.Result? {
        var bootstrap = Bootstrap()
        bootstrap.add(terms)
        return bootstrap.results(resamples: resamples, seed: 0)[0]
    }

    private func questions(_ hash: String) -> QuestionRecords? {
        if let cached = questionCache[hash] { return cached }
        let records = QuestionRecords(path: study.questionsPath(hash))
        questionCache[hash] = records
        return records
    }

    /// The base model's evaluation (size 0) for a model, from any experiment, on the bases of `pretrainSeeds`
    /// (all when nil), so that a comparison with the base uses the same bases as the runs it is compared with.
    func base(_ model: ModelShape, pretrainSeeds: Set<Int>? = nil) -> [Entry] {
        entries.filter { $0.run.size == 0 && $0.run.base.model == model && pretrainSeeds?.contains($0.run.base.pretrain.seed) != false }
    }
}
