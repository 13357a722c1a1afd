import DataFiles
import Foundation

/// One metric of one run on one evaluation domain, as it goes into metrics.csv.
public struct MetricValue: Sendable, Equatable {
    public var evalDomain: String
    public var metric: String
    public var value: Double
    public var ciLow: Double?
    public var ciHigh: Double?
    /// Number of questions the value is computed over.
    public var n: Int

    public init(evalDomain: String, metric: String, value: Double, ciLow: Double? = nil, ciHigh: Double? = nil, n: Int) {
        self.evalDomain = evalDomain
        self.metric = metric
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.n = n
    }

    var jsonObject: [String: Any] {
        var o: [String: Any] = ["eval_domain": evalDomain, "metric": metric, "value": value, "n": n]
        if let ciLow { o["ci_low"] = ciLow }
        if let ciHigh { o["ci_high"] = ciHigh }
        return o
    }

    init(object o: [String: Any], file: String, index: Int) throws {
        let field = "metrics[\(index)]"
        guard let d = o["eval_domain"] as? String, let m = o["metric"] as? String, let v = o["value"].flatMap(FieldReader.number),
              let n = o["n"].flatMap({ FieldReader.integer($0, minimum: 0) }) else {
            throw InputError(file: file, field: field, "expected eval_domain, metric, value and n")
        }
        self.init(evalDomain: d, metric: m, value: v, ciLow: o["ci_low"].flatMap(FieldReader.number),
                  ciHigh: o["ci_high"].flatMap(FieldReader.number), n: n)
    }
}

/// The record a finished run leaves in `runs/<hash>/result.json` and, one line per run, in `runs.jsonl`.
///
/// It carries a `sha256` of its own content (the sorted-key JSON of every other field), so a line that was
/// edited, truncated or bit-flipped is detected on reading instead of being taken as a result.
public struct RunRecord: @unchecked Sendable {
    /// How a run ended, as written in the record's `status` field.
    public enum Status: String, Sendable {
        case done, failed
    }

    public var hash: String
    public var status: Status
    /// Why a failed run failed (diverged loss, NaN, an error).
    public var reason: String?
    public var metrics: [MetricValue]
    public var params: Int?
    /// Seconds per phase (`pretrain`, `sft`, `eval`, `total`).
    public var timings: [String: Double]
    /// Everything else kept verbatim (config, loss summary, probe, tool version, ...).
    public var extra: [String: Any]

    public init(hash: String, status: Status, reason: String? = nil, metrics: [MetricValue] = [], params: Int? = nil,
                timings: [String: Double] = [:], extra: [String: Any] = [:]) {
        self.hash = hash
        self.status = status
        self.reason = reason
        self.metrics = metrics
        self.params = params
        self.timings = timings
        self.extra = extra
    }

    var contentObject: [String: Any] {
        var o = extra
        o["hash"] = hash
        o["status"] = status.rawValue
        if let reason { o["reason"] = reason }
        if let params { o["params"] = params }
        o["metrics"] = metrics.map(\.jsonObject)
        o["timings"] = timings
        return o
    }

    /// The record as one JSON line with its checksum.
    public func line() throws -> String {
        var o = contentObject
        o["sha256"] = SHA256.hex(try JSONLines.line(contentObject))
        return try JSONLines.line(o)
    }

    /// Parses and checks one line; errors name the file, line and field.
    public init(line text: String, file: String, line number: Int = 1) throws {
        var o = try JSONLines.object(from: text, file: file, line: number)
        guard let sum = o.removeValue(forKey: "sha256") as? String else {
            throw InputError(file: file, line: number, field: "sha256", "missing: not a result record")
        }
        // The checksum covers the line as written minus its own member. (Re-serializing the parsed object is not
        // stable: Foundation reads long numbers as NSDecimalNumber and writes 1.3860014354987122e-05 back as
        // 0.000013860014354987122.)
        let member = "\"sha256\":\"\(sum)\""
        guard let at = text.range(of: member + ",") ?? text.range(of: "," + member),
              SHA256.hex(text.replacingCharacters(in: at, with: "")) == sum else {
            throw InputError(file: file, line: number, "corrupted result record: checksum mismatch")
        }
        guard let hash = o.removeValue(forKey: "hash") as? String else { throw InputError(file: file, line: number, field: "hash", "missing") }
        guard let status = (o.removeValue(forKey: "status") as? String).flatMap(Status.init(rawValue:)) else {
            throw InputError(file: file, line: number, field: "status", "expected done or failed")
        }
        let rawMetrics = o.removeValue(forKey: "metrics") as? [[String: Any]] ?? []
        let metrics = try rawMetrics.enumerated().map { try MetricValue(object: $1, file: file, index: $0) }
        let timings = (o.removeValue(forKey: "timings") as? [String: Any] ?? [:]).compactMapValues(FieldReader.number)
        let reason = o.removeValue(forKey: "reason") as? String
        let params = o.removeValue(forKey: "params").flatMap { FieldReader.integer($0, minimum: 0) }
        self.init(hash: hash, status: status, reason: reason, metrics: metrics, params: params, timings: timings, extra: o)
    }
}
