import DataFiles
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

/// The mean of a metric over the seeds (runs) of one configuration, with the mean of their interval ends.
public struct Measurement: Sendable {
    public var value: Double
    public var low: Double?
    public var high: Double?
    /// How many rows were averaged (seeds).
    public var count: Int
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

    /// Groups rows by `key` and averages value, ci_low and ci_high within each group (seeds of one
    /// configuration); an interval is kept only when every row has one. Keys come in order of appearance.
    /// Rows whose value is undefined ("nan") are left out.
    public func measurements<Key: Hashable>(by key: (MetricRecord) throws -> Key) throws -> [(key: Key, value: Measurement)] {
        var keys: [Key] = []
        var groups: [Key: [MetricRecord]] = [:]
        for row in self where !row.isUndefined {
            let k = try key(row)
            if groups[k] == nil { keys.append(k) }
            groups[k, default: []].append(row)
        }
        return try keys.map { key in
            let rows = groups[key]!
            let values = try rows.map { try $0.number(.value) }
            let lows = try rows.map { try $0.optionalNumber(.ciLow) }, highs = try rows.map { try $0.optionalNumber(.ciHigh) }
            let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
            let low = lows.contains(nil) ? nil : mean(lows.map { $0! })
            let high = highs.contains(nil) ? nil : mean(highs.map { $0! })
            return (key, Measurement(value: mean(values), low: low, high: high, count: rows.count))
        }
    }
}
