import DataFiles
import Foundation

/// The input file formats of `scaling fit`.
public enum PointFormat: String, CaseIterable, Sendable {
    case csv, jsonl

    /// The format implied by a file name: `.jsonl`/`.ndjson` is JSONL, anything else CSV.
    public static func guess(path: String) -> PointFormat {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return ext == "jsonl" || ext == "ndjson" ? .jsonl : .csv
    }
}

/// The (x, y) points of one group, remembering where each came from so that errors can name the line.
public struct PointGroup: Sendable {
    /// The group's values of the grouping columns, joined by "/" ("all" without grouping).
    public var name: String
    /// The values of the grouping columns, in the order of the columns.
    public var values: [String]
    public var x: [Double]
    public var y: [Double]
    /// The 1-based file line of each point.
    public var lines: [Int]
    public var file: String
    public var xColumn: String
    public var yColumn: String

    /// A group from arrays; `lines` defaults to 1...n (for points that come from no file).
    public init(name: String = "all", values: [String] = [], x: [Double], y: [Double], lines: [Int]? = nil,
                file: String = "-", xColumn: String = "x", yColumn: String = "y") {
        precondition(x.count == y.count, "x and y must have the same length")
        self.name = name
        self.values = values
        self.x = x
        self.y = y
        self.lines = lines ?? x.indices.map { $0 + 1 }
        self.file = file
        self.xColumn = xColumn
        self.yColumn = yColumn
    }

    /// Fits `model`, turning every problem into a one-line `InputError` that names the file, the line and
    /// the column (a point the model cannot take, too few points, all x equal), or a `ToolError` for a
    /// fit without an optimum.
    public func fit(_ model: ScalingModel) throws -> FittedModel {
        try check(model)
        do {
            return FittedModel(model: model, estimate: try model.estimate(x: x, y: y, covariance: true), y: y)
        } catch {
            throw describe(error, model: model)
        }
    }

    /// Throws the `InputError` of the first point `model` cannot take.
    public func check(_ model: ScalingModel) throws {
        for i in x.indices {
            if let (column, reason) = model.invalidPoint(x: x[i], y: y[i]) {
                throw InputError(file: file, line: lines[i], field: column == .x ? xColumn : yColumn, reason)
            }
        }
    }

    /// The one-line error for a failed fit of this group.
    func describe(_ failure: FitFailure, model: ScalingModel) -> any Error {
        let label = name == "all" ? "" : "group '\(name)': "
        switch failure {
        case .tooFewPoints(let needed, let found):
            return InputError(file: file, line: lines.last, field: yColumn,
                              "\(label)\(model.rawValue) needs at least \(needed) points (\(model.parameterCount) parameters + 1), found \(found)")
        case .rankDeficient(let rank, let needed):
            let distinct = Set(x).count
            let why = distinct == 1 ? "all x are equal (\(x[0]))" : "only \(distinct) distinct x values"
            return InputError(file: file, line: lines.first, field: xColumn,
                              "\(label)\(model.rawValue) is not identifiable: \(why), design rank \(rank) < \(needed)")
        case .noOptimum(let reason):
            return ToolError("\(file): \(label)\(model.rawValue) fit failed: \(reason)")
        }
    }
}

/// Points read from a CSV or JSONL file and split into groups by the values of the grouping columns.
public struct PointTable: Sendable {
    public var file: String
    public var xColumn: String
    public var yColumn: String
    public var groupColumns: [String]
    /// Groups in the order their first point appears in the file.
    public var groups: [PointGroup]

    /// Reads `path`. Every x and y must be a finite number; `yDivisor` (100 for percentages) divides y.
    /// Errors are one-line `InputError`s naming the file, line and column.
    public static func load(path: String, x: String, y: String, groupBy: [String] = [],
                            format: PointFormat? = nil, yDivisor: Double = 1) throws -> PointTable {
        let text = try FileIO.readText(path)
        var rows: [(line: Int, x: Double, y: Double, key: [String])] = []
        switch format ?? PointFormat.guess(path: path) {
        case .csv:
            let table = try CSVTable(parsing: text, file: path)
            func column(_ name: String) throws -> Int {
                guard let i = table.header.firstIndex(of: name) else {
                    throw InputError(file: path, line: 1, "no column '\(name)' (columns: \(table.header.joined(separator: ", ")))")
                }
                return i
            }
            let xi = try column(x), yi = try column(y)
            let gi = try groupBy.map(column)
            for row in table.rows {
                rows.append((row.line, try number(row.fields[xi], file: path, line: row.line, column: x),
                             try number(row.fields[yi], file: path, line: row.line, column: y),
                             gi.map { row.fields[$0].trimmingWhitespace() }))
            }
        case .jsonl:
            let lines = try JSONLines(parsing: text, file: path)
            for record in lines.records {
                let key = try groupBy.map { column -> String in
                    guard let value = record.object[column] else {
                        throw InputError(file: path, line: record.line, field: column, "missing")
                    }
                    if let s = value as? String { return s }
                    if let n = value as? NSNumber { return n.stringValue }
                    throw InputError(file: path, line: record.line, field: column, "expected a string or number")
                }
                rows.append((record.line, try record.number(x, file: path), try record.number(y, file: path), key))
            }
        }
        guard !rows.isEmpty else { throw InputError(file: path, "empty file: no data rows") }

        var groups: [PointGroup] = []
        var index: [[String]: Int] = [:]
        for row in rows {
            let g: Int
            if let found = index[row.key] {
                g = found
            } else {
                g = groups.count
                index[row.key] = g
                groups.append(PointGroup(name: row.key.isEmpty ? "all" : row.key.joined(separator: "/"), values: row.key,
                                         x: [], y: [], lines: [], file: path, xColumn: x, yColumn: y))
            }
            groups[g].x.append(row.x)
            groups[g].y.append(row.y / yDivisor)
            groups[g].lines.append(row.line)
        }
        return PointTable(file: path, xColumn: x, yColumn: y, groupColumns: groupBy, groups: groups)
    }

    /// A CSV field as a finite number, or an `InputError` naming the line and column.
    private static func number(_ field: String, file: String, line: Int, column: String) throws -> Double {
        let text = field.trimmingWhitespace()
        guard !text.isEmpty else { throw InputError(file: file, line: line, field: column, "missing value") }
        guard let value = Double(text) else { throw InputError(file: file, line: line, field: column, "not a number: '\(text)'") }
        guard value.isFinite else { throw InputError(file: file, line: line, field: column, "not a finite number: '\(text)'") }
        return value
    }
}
