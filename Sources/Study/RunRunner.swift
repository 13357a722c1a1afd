import DataFiles
import Foundation
import Transformer

/// A run that cannot produce a result (diverged loss, NaN): recorded as failed with this reason.
public struct RunFailure: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Performs one run or builds one base, in this process, writing only that unit's files. Everything it needs
/// comes from the study directory and the base cache, never from another run's memory, so any process (the
/// local executor's child, a cluster job) can perform any unit.
public final class RunRunner {
    public let study: StudyDirectory
    let threads: Int
    let progress: ProgressSink
    /// The command line recorded in a base's sidecar (how to rebuild it).
    let command: String

    public init(study: StudyDirectory, threads: Int, progress: ProgressSink, command: String) {
        self.study = study
        self.threads = threads
        self.progress = progress
        self.command = command
    }

    var bases: BaseStore { study.baseStore }

    /// Makes sure a valid checkpoint of `base` is cached, pretraining it (under a lock, so two processes never
    /// build the same base) when it is missing or fails its checksum. Returns the seconds spent pretraining.
    @discardableResult
    public func ensureBase(_ base: BaseSpec) throws -> Double {
        if bases.state(base) == .valid { return 0 }
        try FileManager.default.createDirectory(atPath: study.basesPath, withIntermediateDirectories: true)
        guard let lock = try FileLock(path: bases.lockPath(base.hash)) else { throw ToolError("cannot lock base \(base.hash)") }
        defer { withExtendedLifetime(lock) {} }
        switch bases.state(base) {
        case .valid: return 0  // built by another process while we waited
        case .invalid(let why): StandardError.write("warning: rebuilding base \(base.hash): \(why)\n")
        case .missing: break
        }
        let start = Date()
        let extra = try Pipeline.pretrain(base, to: bases.checkpointPath(base.hash), threads: threads,
                                          report: { self.progress.update($0) })
        let seconds = Date().timeIntervalSince(start)
        var info = extra
        // The whole build: this process's wall time plus the training time of the sessions it resumed from (a base
        // built over two sessions recorded only the second, "57m32s" for 81 minutes of pretraining).
        info["seconds"] = seconds + (extra["resumed_seconds"].flatMap(FieldReader.number) ?? 0)
        info["tool_format"] = Study.formatVersion
        info["threads"] = threads
        info["engine"] = EngineProvenance.fields
        info["built"] = ISO8601DateFormatter().string(from: Date())
        try bases.seal(base, command: command, extra: info)
        PartialPretraining(checkpoint: bases.checkpointPath(base.hash)).remove()
        return seconds
    }

    /// Performs `run` unless it is already finished (done, or failed when not `retryFailed`); returns its
    /// record (done or failed).
    public func perform(_ run: RunSpec, retryFailed: Bool = false) throws -> RunRecord {
        let hash = run.hash
        try FileManager.default.createDirectory(atPath: study.runDirectory(hash), withIntermediateDirectories: true)
        guard let lock = try FileLock(path: study.runLockPath(hash), wait: false) else {
            throw ToolError("run \(hash) is being performed by another process")
        }
        defer { withExtendedLifetime(lock) {} }
        switch study.state(of: hash) {
        case .done(let record): return record
        case .failed(let record) where !retryFailed: return record
        default: break
        }

        let start = Date()
        var timings: [String: Double] = [:]
        var extra: [String: Any] = ["config": run.canonical, "tool_format": Study.formatVersion, "base": run.base.hash,
                                    "model_size": run.base.model.name, "threads": threads,
                                    "engine": EngineProvenance.fields]
        var record: RunRecord
        do {
            let built = try ensureBase(run.base)
            if built > 0 { timings["pretrain"] = built }
            if let info = bases.info(run.base) {
                for key in ["probe_units_digit", "final_loss", "tokens_per_s"] { if let v = info[key] { extra["base_" + key] = v } }
            }
            let outcome = try Pipeline.fineTuneAndEvaluate(run, study: study, baseCheckpoint: bases.checkpoint(run.base),
                                                           threads: threads, report: { self.progress.update($0) })
            timings.merge(outcome.timings) { a, _ in a }
            extra.merge(outcome.extra) { a, _ in a }
            record = RunRecord(hash: hash, status: .done, metrics: outcome.metrics, params: outcome.params, extra: extra)
        } catch {
            record = RunRecord(hash: hash, status: .failed, reason: "\(error)", extra: extra)
        }
        timings["total"] = Date().timeIntervalSince(start)
        record.timings = timings
        record.extra["finished"] = ISO8601DateFormatter().string(from: Date())
        try study.writeResult(record)
        return record
    }
}
