import DataFiles
import Fits
import Foundation
import ResultsSchema

/// A study's metrics.csv: tidy, one row per run and metric, written by `scaling sweep`.
///
/// Its columns are `ResultsSchema.MetricsColumn`, the schema the writer (Study) uses too. A figure asks only for
/// the columns it uses, so a file that lacks one column (an older study) still gives every figure that does not
/// need it.
public struct StudyMetrics: Sendable {
    public var file: String
    public var header: [String]
    public var records: [MetricRecord]

    /// Reads `path`. Throws an `InputError` for a file that is not CSV; missing columns are reported later,
    /// by the figures that need them.
    public init(path: String) throws {
        let table = try CSVTable(parsing: try FileIO.readText(path), file: path)
        file = path
        header = table.header
        records = table.rows.map { row in
            var fields: [String: String] = [:]
            for (name, value) in zip(table.header, row.fields) { fields[name] = value.trimmingWhitespace() }
            return MetricRecord(file: path, line: row.line, fields: fields)
        }
    }

    /// The rows of one experiment, after checking that the file has `columns` (besides experiment, metric
    /// and value). Throws an `InputError` naming a missing column, or the experiment when it has no rows.
    public func experiment(_ name: String, columns: [MetricsColumn]) throws -> [MetricRecord] {
        for column in [.experiment, .metric, .value] + columns where !header.contains(column.rawValue) {
            throw InputError(file: file, line: 1, "no column '\(column.rawValue)' (needed for experiment \(name))")
        }
        let rows = records.filter { $0[.experiment] == name }
        guard !rows.isEmpty else {
            let present = Set(records.compactMap { $0.fields[MetricsColumn.experiment.rawValue] }).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            throw InputError(file: file, "no rows for experiment \(name) (experiments present: \(present.isEmpty ? "none" : present.joined(separator: ", ")))")
        }
        return rows
    }
}

/// One row of metrics.csv, with typed accessors whose errors name the file, line and column.
public struct MetricRecord: Sendable {
    public var file: String
    public var line: Int
    public var fields: [String: String]

    /// The text of a column ("" when absent).
    public subscript(_ column: MetricsColumn) -> String { fields[column.rawValue] ?? "" }

    /// A required finite number.
    public func number(_ column: MetricsColumn) throws -> Double {
        guard let value = try optionalNumber(column) else { throw InputError(file: file, line: line, field: column.rawValue, "missing value") }
        return value
    }

    /// A finite number, or nil when the field is empty or "nan" (a metric that is undefined for the run,
    /// such as error shares without wrong answers).
    public func optionalNumber(_ column: MetricsColumn) throws -> Double? {
        let text = self[column]
        if text.isEmpty || text.lowercased() == "nan" { return nil }
        guard let value = Double(text), value.isFinite else {
            throw InputError(file: file, line: line, field: column.rawValue, "not a finite number: '\(text)'")
        }
        return value
    }

    public var metric: MetricName { MetricName(rawValue: self[.metric]) }

    /// The metric is undefined for this run (value "nan"), so figures leave the row out.
    public var isUndefined: Bool { self[.value].lowercased() == "nan" }
}

/// A metric over the runs of one configuration (one point or bar of a figure): the mean over its pretraining seeds
/// of the mean over each seed's SFT seeds (the report's value), each pretraining seed's own mean, and the 95% interval
/// of the study's nested bootstrap (`FigureIntervals`).
public struct Measurement: Sendable {
    public var value: Double
    public var low: Double?
    public var high: Double?
    /// How many rows (runs) it rests on.
    public var count: Int
    /// Each pretraining seed's own mean (over its SFT seeds), by seed.
    public var seeds: [SeedMean]
    /// What the interval covers (nil: no interval).
    public var interval: SeedInterval?

    /// A point that rests on one pretraining seed and one SFT seed: its interval covers the test questions only.
    public var isSingleSeed: Bool { seeds.count <= 1 && count <= 1 }
}

/// One pretraining seed's mean over its SFT seeds.
public struct SeedMean: Sendable, Equatable {
    public var seed: Int
    public var value: Double
}

/// A figure point's 95% interval and the design behind it: the study's nested bootstrap (pretraining seeds, then
/// SFT seeds, then the test questions; docs/statistics.md), the same interval `scaling report` gives.
public struct SeedInterval: Sendable, Equatable {
    public var low: Double
    public var high: Double
    /// Pretraining seeds and SFT seeds (per base, the fewest) the point rests on.
    public var pretrainSeeds: Int
    /// The most pretraining seeds of any of its cells (equal to `pretrainSeeds` in a balanced design).
    public var mostPretrainSeeds: Int
    public var sftSeeds: Int
    /// Test questions resampled; 0 when the runs have no per-question records (a fitted Acc_step, LM losses): each
    /// run's own interval then stands in for the questions.
    public var questions: Int

    public init(low: Double, high: Double, pretrainSeeds: Int, mostPretrainSeeds: Int? = nil, sftSeeds: Int, questions: Int) {
        self.low = low
        self.high = high
        self.pretrainSeeds = pretrainSeeds
        self.mostPretrainSeeds = max(pretrainSeeds, mostPretrainSeeds ?? pretrainSeeds)
        self.sftSeeds = sftSeeds
        self.questions = questions
    }
}

/// Where the intervals of a figure's points come from: Study's `StudyIntervals`, the report's nested bootstrap over
/// the runs behind the rows (one bootstrap for the report and the figures).
public protocol FigureIntervals {
    /// The 95% interval of the mean of `rows` (one metric, the runs of one configuration with all their seeds), nil
    /// when the rows carry none (no per-question records and no interval of their own).
    func interval(_ rows: [MetricRecord]) throws -> SeedInterval?
    /// `model` fitted through the means of `groups` (the rows of one configuration at each x, after `transform`)
    /// and refitted on every resample of the same bootstrap: the curves, bands and exponents of F2 and F3.
    func fit(_ model: ScalingModel, _ groups: [(x: Double, rows: [MetricRecord])], transform: (Double) -> Double) throws -> ResampledFit
}

extension Array where Element == MetricRecord {
    /// The rows evaluated on their own training domain. A run shared by several experiments is evaluated on
    /// the union of their domains, and only the cross-domain figure compares domains. Runs trained on no
    /// domain (the base model) or on the mix keep the experiment's main evaluation domain: the most common
    /// one among the in-domain rows (gsm when there are none).
    public func evaluatedInDomain() -> [MetricRecord] {
        guard let first = first, first.fields[MetricsColumn.domain.rawValue] != nil, first.fields[MetricsColumn.evalDomain.rawValue] != nil else {
            return self
        }
        let own = filter { $0[.domain] == $0[.evalDomain] }
        var counts: [String: Int] = [:]
        for row in own { counts[row[.evalDomain], default: 0] += 1 }
        let main = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "gsm"
        let domains = Set(map { $0[.evalDomain] })
        return filter { row in
            domains.contains(row[.domain]) ? row[.domain] == row[.evalDomain] : row[.evalDomain] == main
        }
    }

    /// The rows of one metric.
    public func metric(_ name: MetricName) -> [MetricRecord] { filter { $0.metric == name } }

    /// Groups rows by `key` (keys in order of appearance) and measures each group: the mean over its pretraining
    /// seeds (`pretrain_seed`, one seed when the column is absent) of each seed's mean over its rows (SFT seeds), and
    /// the interval of `intervals`. Rows whose value is undefined ("nan") are left out.
    public func measurements<Key: Hashable>(by key: (MetricRecord) throws -> Key, intervals: any FigureIntervals) throws -> [(key: Key, value: Measurement)] {
        var keys: [Key] = []
        var groups: [Key: [MetricRecord]] = [:]
        for row in self where !row.isUndefined {
            let k = try key(row)
            if groups[k] == nil { keys.append(k) }
            groups[k, default: []].append(row)
        }
        return try keys.map { key in
            let rows = groups[key]!
            var bySeed: [Int: [Double]] = [:]
            for row in rows {
                let seed = try row.optionalNumber(.pretrainSeed).map { Int($0) } ?? 1
                bySeed[seed, default: []].append(try row.number(.value))
            }
            let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
            let seeds = bySeed.keys.sorted().map { SeedMean(seed: $0, value: mean(bySeed[$0]!)) }
            let interval = try intervals.interval(rows)
            return (key, Measurement(value: mean(seeds.map(\.value)), low: interval?.low, high: interval?.high, count: rows.count,
                                     seeds: seeds, interval: interval))
        }
    }
}
