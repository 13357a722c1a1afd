import Figures
import Fits
import MathTasks
import ResultsSchema

/// The runs of one SFT size (all seeds and bases of a configuration).
struct SizeGroup {
    var size: Int
    var runs: [ReportData.Entry]
}

extension ReportData {
    /// Entries grouped by SFT size, ascending.
    static func sizes(_ entries: [Entry]) -> [SizeGroup] {
        Dictionary(grouping: entries, by: \.run.size).sorted { $0.key < $1.key }.map { SizeGroup(size: $0.key, runs: $0.value) }
    }

    /// `metric` on `a` minus on `b`, paired by question (and by seed where the runs share a base).
    static func change(_ metric: MetricName, _ a: [Entry], _ b: [Entry], domain: Domain = .gsm) -> Contrast {
        Contrast(metric, a, domain: domain) - Contrast(metric, b, domain: domain)
    }

    /// `change` measured.
    func delta(_ metric: MetricName, _ a: [Entry], _ b: [Entry], domain: Domain = .gsm) -> Measured? {
        measure(ReportData.change(metric, a, b, domain: domain))
    }

    /// The exponent b of a power-law fit (Fits, OLS in log-log) of the greedy error rate against SFT size, with
    /// the fit's 95% t interval (few points: wide) expressed as ±1.96 SE; nil with fewer than 3 sizes or an error
    /// rate of 0.
    func errorExponent(_ series: [SizeGroup]) -> Measured? {
        let points = series.compactMap { g in measure(.greedyAccuracy, in: g.runs).map { (Double(g.size), 1 - $0.value) } }
        guard points.count >= 3, let fit = try? PointGroup(x: points.map(\.0), y: points.map(\.1)).fit(.power),
              let b = fit.parameters().first(where: { $0.name == "b" }) else { return nil }
        let counts = series.compactMap { measure(.greedyAccuracy, in: $0.runs) }
        let design = counts.map(\.interval)
        return Measured(value: b.estimate,
                        interval: SeedInterval(low: b.interval.lower, high: b.interval.upper, pretrainSeeds: design.map(\.pretrainSeeds).min() ?? 0,
                                               sftSeeds: design.map(\.sftSeeds).min() ?? 0, questions: design.map(\.questions).min() ?? 0),
                        comparesModels: false)
    }
}
