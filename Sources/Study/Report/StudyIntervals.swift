import DataFiles
import Figures
import Fits
import Foundation
import MathTasks
import Metrics
import ResultsSchema

/// The intervals of the figures (`scaling plot`): the report's nested bootstrap (`ReportData.bootstrap`: pretraining
/// seeds, then SFT seeds, then the test questions), over the runs behind each point. A point's interval is the one
/// `scaling report` gives for the same runs and metric (`ReportData.measure`).
///
/// A row's run is looked up among the study's finished runs (their per-question records, as the report reads them);
/// a row whose run is not there (a metrics.csv without its study directory) enters as the report enters a run
/// without per-question records: its value with its own interval as 1.96 SE, under its `pretrain_seed` and `seed`.
public final class StudyIntervals: FigureIntervals {
    let data: ReportData?
    let entries: [String: ReportData.Entry]
    let resamples: Int

    /// The intervals of the study in `directory` (config.json and runs/, as `scaling sweep` makes it), or of its
    /// metrics.csv rows alone when it is not one. A study whose config.json cannot be read is an error naming it.
    public convenience init(studyDirectory directory: String) throws {
        let isStudy = ["/config.json", "/runs"].allSatisfy { FileManager.default.fileExists(atPath: directory + $0) }
        self.init(data: isStudy ? ReportData(study: try StudyDirectory(opening: directory)) : nil)
    }

    init(data: ReportData?, resamples: Int = 1000) {
        self.data = data
        self.resamples = data?.resamples ?? resamples
        entries = Dictionary(data?.entries.map { ($0.run.hash, $0) } ?? [], uniquingKeysWith: { first, _ in first })
    }

    public func interval(_ rows: [MetricRecord]) throws -> SeedInterval? {
        let (runs, withInterval) = try self.runs(rows)
        // Rows without per-question records or intervals of their own (error counts) get no error bar, as before.
        guard withInterval, let r = ReportData.bootstrap([Bootstrap.Term(1, runs)], resamples: resamples) else { return nil }
        return SeedInterval(r)
    }

    public func fit(_ model: ScalingModel, _ groups: [(x: Double, rows: [MetricRecord])], transform: (Double) -> Double) throws -> ResampledFit {
        try ReportData.fit(model, try groups.map { (x: $0.x, runs: try runs($0.rows).runs) }, transform: transform, resamples: resamples)
    }

    /// The bootstrap's runs for `rows` (one metric), and whether any carries an interval (per-question records or
    /// its own ci_low / ci_high).
    func runs(_ rows: [MetricRecord]) throws -> (runs: [Bootstrap.Run], withInterval: Bool) {
        guard let metric = rows.first?.metric else { return ([], false) }
        var runs: [Bootstrap.Run] = [], withInterval = false
        for row in rows {
            let low = try row.optionalNumber(.ciLow), high = try row.optionalNumber(.ciHigh)
            withInterval = withInterval || (low != nil && high != nil)
            if let entry = entries[row[.run]], let run = data?.observations(metric, domain: try Domain(named: row[.evalDomain]), entry) {
                runs.append(run)
                if case .questions = run.observations { withInterval = true }
                continue
            }
            runs.append(Bootstrap.Run(pretrainSeed: try seed(row, .pretrainSeed), sftSeed: try seed(row, .seed),
                                      ReportData.estimate(value: try row.number(.value), low: low, high: high)))
        }
        return (runs, withInterval)
    }

    /// A seed column as an integer (1 when the column is absent or empty, as in metrics.csv written before seeds
    /// were a dimension).
    func seed(_ row: MetricRecord, _ column: MetricsColumn) throws -> Int {
        guard let value = try row.optionalNumber(column) else { return 1 }
        guard value == value.rounded(), abs(value) < 1e9 else {
            throw InputError(file: row.file, line: row.line, field: column.rawValue, "not an integer seed: '\(row[column])'")
        }
        return Int(value)
    }
}

extension SeedInterval {
    /// A nested-bootstrap result's interval with the design behind it; `sftSeeds` replaces the result's own count
    /// where the report counts SFT seeds differently (contrasts with a base model, `ReportData.measure`).
    init(_ r: Bootstrap.Result, sftSeeds: Int? = nil) {
        self.init(low: r.estimate.interval.lower, high: r.estimate.interval.upper, pretrainSeeds: r.pretrainSeeds,
                  mostPretrainSeeds: r.mostPretrainSeeds, sftSeeds: sftSeeds ?? r.sftSeeds, questions: r.questions)
    }
}
