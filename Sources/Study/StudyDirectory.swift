import DataFiles
import Foundation
import ResultsSchema

/// A study directory, self-describing and safe to kill at any moment:
///
///     STUDY/config.json             the study config (as given)
///     STUDY/study.json              tool version, config hash, creation time
///     STUDY/data/                   the fixed test sets (and real pools) of the study
///     STUDY/runs/<hash>/            one directory per run: questions.jsonl, then result.json (written last)
///     STUDY/runs.jsonl              one record per finished run    } rebuilt from runs/*/result.json in plan
///     STUDY/metrics.csv             one row per run x experiment x } order after every run, so an interrupted
///                                   metric x eval domain            } and an uninterrupted sweep agree
///
/// A run is finished exactly when its `result.json` exists and passes its checksum; every file is written
/// through a temporary file and a rename, so a killed process never leaves half a result.
public struct StudyDirectory: Sendable {
    public let path: String
    public let config: StudyConfig
    public let plan: StudyPlan
    /// A dry run's directory whose config.json is another study's (a sweep there stops; `create(write: false)`).
    public private(set) var holdsOtherConfig = false

    public var configPath: String { path + "/config.json" }
    public var dataPath: String { path + "/data" }
    public var runsJSONLPath: String { path + "/runs.jsonl" }
    public var metricsPath: String { path + "/metrics.csv" }
    public var reportPath: String { path + "/report.md" }
    public func runDirectory(_ hash: String) -> String { path + "/runs/" + hash }
    public func resultPath(_ hash: String) -> String { runDirectory(hash) + "/result.json" }
    public func questionsPath(_ hash: String) -> String { runDirectory(hash) + "/questions.jsonl" }
    public func runLockPath(_ hash: String) -> String { runDirectory(hash) + "/.lock" }

    /// Where base checkpoints are looked up and built (shared between studies; see BaseLocations).
    public let bases: BaseLocations
    /// The directory where missing bases are built.
    public var basesPath: String { bases.home }
    /// The base-checkpoint cache over all of `bases`.
    public var baseStore: BaseStore { BaseStore(directories: bases.directories) }

    /// Opens an existing study directory (its config.json). `bases` is the command line's `--bases` value.
    public init(opening path: String, bases: String? = nil) throws {
        guard FileManager.default.fileExists(atPath: path + "/config.json") else {
            throw ToolError("\(path) is not a study directory (no config.json); create one with 'scaling sweep --out \(path)'")
        }
        let config = try StudyConfig(parsing: try FileIO.readText(path + "/config.json"), file: path + "/config.json")
        self.init(path: path, config: config, bases: bases)
    }

    private init(path: String, config: StudyConfig, bases: String?) {
        self.path = path
        self.config = config
        self.plan = StudyPlan(config: config)
        self.bases = BaseLocations.resolve(studyPath: path, configured: config.basesDirectory, explicit: bases,
                                           environment: ProcessInfo.processInfo.environment,
                                           currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Creates the study directory for `configText`, or reopens it when it already holds the same config
    /// (same content up to formatting); a different config is an error, so two studies never mix in one place.
    /// With `write: false` (a dry run) nothing is written, and a directory holding another config is no error: the
    /// plan of the new config is shown (e.g. the new `paper` preset's over the first preset's results). The config
    /// is validated in full first (`StudyConfig.validate`), so an impossible study never gets a directory.
    ///
    /// With `extend`, a different config replaces the stored one when it grows the study: the same test sets and data
    /// (`seed`, `data`, `eval`) and every run of the stored plan still in the new plan (more seeds, sizes, arms or
    /// experiments), so every finished run is kept and only the new ones are run.
    public static func create(path: String, configText: String, configFile: String, toolVersion: String,
                              write: Bool = true, bases: String? = nil, extend: Bool = false) throws -> StudyDirectory {
        let config = try StudyConfig(parsing: configText, file: configFile)
        try config.validate(file: configFile)
        let existing = path + "/config.json"
        if FileManager.default.fileExists(atPath: existing) {
            let stored = try FileIO.readText(existing)
            guard try normalizedHash(stored, file: existing) == normalizedHash(configText, file: configFile) else {
                if extend {
                    try checkExtension(of: stored, storedFile: existing, by: configText, config: config, file: configFile)
                    if write { try record(configText, file: configFile, config: config, in: path, toolVersion: toolVersion, extending: true) }
                    return StudyDirectory(path: path, config: config, bases: bases)
                }
                if !write {
                    var other = StudyDirectory(path: path, config: config, bases: bases)
                    other.holdsOtherConfig = true
                    return other
                }
                throw ToolError("\(path) holds a different study config; use another --out, --resume to continue the stored one, or --extend to grow it")
            }
            return try StudyDirectory(opening: path, bases: bases)
        }
        if write { try record(configText, file: configFile, config: config, in: path, toolVersion: toolVersion, extending: false) }
        return StudyDirectory(path: path, config: config, bases: bases)
    }

    /// Writes config.json and study.json: a new study's record, or a grown study's (`extending`: its creation and tool
    /// version kept, the time it was extended added).
    private static func record(_ configText: String, file: String, config: StudyConfig, in path: String, toolVersion: String,
                               extending: Bool) throws {
        try FileIO.writeAtomically(configText.hasSuffix("\n") ? configText : configText + "\n", to: path + "/config.json")
        let now = ISO8601DateFormatter().string(from: Date())
        var info: [String: Any]
        if extending {
            info = (try? JSONLines.object(fromFile: path + "/study.json")) ?? [:]
            info["extended"] = ((info["extended"] as? [String]) ?? []) + [now]
        } else {
            info = ["tool_version": toolVersion, "format": Study.formatVersion, "created": now]
        }
        info["config_sha256"] = try normalizedHash(configText, file: file)
        info["name"] = config.name
        try FileIO.writeAtomically(try JSONLines.line(info) + "\n", to: path + "/study.json")
    }

    /// Throws unless `text` grows the study of `stored` (see `create`), naming what it would lose.
    static func checkExtension(of stored: String, storedFile: String, by text: String, config: StudyConfig, file: String) throws {
        let old = try JSONLines.object(from: stored, file: storedFile), new = try JSONLines.object(from: text, file: file)
        for key in ["seed", "data", "eval"] {
            let a = try old[key].map { try JSONLines.line(["v": $0]) }, b = try new[key].map { try JSONLines.line(["v": $0]) }
            guard a == b else {
                throw ToolError("--extend: \(file) changes '\(key)' of the study in \(storedFile) (its test sets and data); use another --out")
            }
        }
        let kept = Set(StudyPlan(config: config).runs.map(\.hash))
        let lost = StudyPlan(config: try StudyConfig(parsing: stored, file: storedFile)).runs.filter { !kept.contains($0.hash) }
        if let first = lost.first {
            throw ToolError("--extend: \(file) drops \(lost.count) run(s) of the study in \(storedFile) (e.g. \(first.hash), \(first.label)); use another --out")
        }
    }

    /// The hash of a JSON text re-serialized with sorted keys (formatting and key order do not matter).
    static func normalizedHash(_ text: String, file: String) throws -> String {
        let object = try JSONLines.object(from: text, file: file)
        return SHA256.hex(try JSONLines.line(object))
    }

    // MARK: - Run states

    public enum RunState: Sendable {
        case pending
        case running
        case done(RunRecord)
        case failed(RunRecord)
        /// A result file that is unreadable or fails its checksum: reported, and the run is redone.
        case corrupt(String)

        /// The state without its record, named as `sweep status` prints it (in the order of its summary line).
        public enum Kind: String, CaseIterable, Sendable {
            case done, failed, running, pending, corrupt
        }

        public var kind: Kind {
            switch self {
            case .pending: return .pending
            case .running: return .running
            case .done: return .done
            case .failed: return .failed
            case .corrupt: return .corrupt
            }
        }

        public var name: String { kind.rawValue }

        public var record: RunRecord? {
            switch self {
            case .done(let r), .failed(let r): return r
            default: return nil
            }
        }
    }

    public func state(of hash: String) -> RunState {
        let file = resultPath(hash)
        if FileManager.default.fileExists(atPath: file) {
            do {
                let record = try RunRecord(line: try FileIO.readText(file).trimmingWhitespace(), file: file)
                guard record.hash == hash else { return .corrupt("\(file): record is for run \(record.hash)") }
                return record.status == .done ? .done(record) : .failed(record)
            } catch {
                return .corrupt("\(error)")
            }
        }
        return FileLock.isHeld(path: runLockPath(hash)) ? .running : .pending
    }

    /// Writes a run's result atomically (the run's other files must already be in place).
    public func writeResult(_ record: RunRecord) throws {
        try FileIO.writeAtomically(try record.line() + "\n", to: resultPath(record.hash))
    }

    // MARK: - Study-level files

    /// metrics.csv's header: the one schema (`ResultsSchema.MetricsColumn`) that Figures reads.
    public static var metricsHeader: [String] { MetricsColumn.header }

    /// Rewrites runs.jsonl and metrics.csv from the finished runs' result files, in plan order, under a lock so
    /// that parallel `sweep run` processes never lose each other's lines. Corrupt results are left out.
    public func rebuildSummaries() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard let lock = try FileLock(path: path + "/.summaries.lock") else { return }
        defer { withExtendedLifetime(lock) {} }
        var lines: [String] = []
        var rows: [[String]] = []
        for run in plan.runs {
            guard let record = state(of: run.hash).record else { continue }
            var line = record
            line.extra["experiments"] = run.experiments
            line.extra["label"] = run.label
            lines.append(try line.line())
            if record.status == .done { rows += metricRows(run: run, record: record).map(\.fields) }
        }
        try FileIO.writeAtomically(lines.map { $0 + "\n" }.joined(), to: runsJSONLPath)
        try FileIO.writeAtomically(CSVWriter.document(header: StudyDirectory.metricsHeader, rows: rows), to: metricsPath)
    }

    /// One row per experiment the run serves x metric. The E9 control's data_kind is `contaminated`.
    func metricRows(run: RunSpec, record: RunRecord) -> [MetricsRow] {
        run.experiments.flatMap { experiment in
            record.metrics.map { m in
                MetricsRow(study: config.name, experiment: experiment, run: run.hash, modelSize: run.base.model.name, params: record.params,
                           pretrainTokens: run.base.pretrain.tokens, dataKind: run.contaminate > 0 ? "contaminated" : run.dataKind.rawValue,
                           method: run.method.rawValue, domain: run.domain.rawValue, evalDomain: m.evalDomain, verified: run.verified,
                           resample: run.resample.rawValue,
                           dataSize: run.size, seed: run.seed, metric: MetricName(rawValue: m.metric), value: m.value, ciLow: m.ciLow,
                           ciHigh: m.ciHigh, n: m.n, pretrainSeed: run.base.pretrain.seed)
            }
        }
    }
}

/// A number for a results file (the format of metrics.csv, `MetricsRow.number`).
func formatNumber(_ x: Double) -> String { MetricsRow.number(x) }
