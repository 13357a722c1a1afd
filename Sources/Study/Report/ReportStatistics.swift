import Figures
import Fits
import MathTasks
import Metrics
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

    /// The exponent b of a power-law fit of the greedy error rate against SFT size, through each size's mean over
    /// seeds, with the percentile interval of the fit redone on every resample of the nested bootstrap (`fit`);
    /// nil with fewer than 3 sizes or a mean error rate of 0.
    func errorExponent(_ series: [SizeGroup]) -> Measured? {
        guard series.count >= 3 else { return nil }
        let cells = series.map { g in (x: Double(g.size), runs: g.runs.compactMap { observations(.greedyAccuracy, domain: .gsm, $0) }) }
        guard cells.allSatisfy({ !$0.runs.isEmpty }),
              let fit = try? ReportData.fit(.power, cells, transform: { 1 - $0 }, resamples: resamples),
              let b = fit.parameter("b") else { return nil }
        let design = series.compactMap { measure(.greedyAccuracy, in: $0.runs)?.interval }
        return Measured(value: b.value,
                        interval: SeedInterval(low: b.interval.lower, high: b.interval.upper, pretrainSeeds: design.map(\.pretrainSeeds).min() ?? 0,
                                               mostPretrainSeeds: design.map(\.mostPretrainSeeds).max(), sftSeeds: design.map(\.sftSeeds).min() ?? 0, questions: design.map(\.questions).min() ?? 0),
                        comparesModels: false)
    }

    /// `model` fitted through the cells' means (after `transform`: say 1 - accuracy) at their x, and refitted on
    /// every resample of the nested bootstrap, all cells resampled together (`Bootstrap.jointDraws`, generator
    /// seed 0). The report's exponents (E3) and the figures' fitted curves and bands (F2, F3) all come from here.
    /// Throws the fit's error (a mean the model cannot take, such as an error rate of 0) or `FitFailure`.
    static func fit(_ model: ScalingModel, _ cells: [(x: Double, runs: [Bootstrap.Run])], transform: (Double) -> Double,
                    resamples: Int) throws -> ResampledFit {
        var bootstrap = Bootstrap()
        for cell in cells { bootstrap.add([Bootstrap.Term(1, cell.runs)]) }
        let values = bootstrap.results(resamples: 0, seed: 0).compactMap { $0?.estimate.value }
        guard values.count == cells.count else { throw FitFailure.noOptimum("a mean is undefined") }
        let group = PointGroup(x: cells.map(\.x), y: values.map(transform))
        let draws = bootstrap.jointDraws(resamples: resamples, seed: 0).map { $0.map(transform) }
        return try ResampledFit(model, group, resampledY: draws)
    }
}
