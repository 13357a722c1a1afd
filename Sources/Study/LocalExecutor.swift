#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DataFiles
import Foundation

/// Runs a study's pending runs on this machine, each as a separate `scaling sweep run` process (the same unit a
/// cluster job array would run), `jobs` at a time with cores/jobs BLAS threads each. Bases are built first, so
/// parallel runs never wait on each other's pretraining. Holds no state a run depends on: killing it at any time
/// and starting again skips every finished run. Children die with it (ParentWatch), and a run another live process
/// is performing (its lock is held) is skipped and reported, never recorded as failed.
public final class LocalExecutor {
    public let study: StudyDirectory
    let executable: String
    let jobs: Int
    let retryFailed: Bool
    let cost = CostModel()
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    public init(study: StudyDirectory, executable: String, jobs: Int, retryFailed: Bool) {
        self.study = study
        self.executable = executable
        self.jobs = jobs
        self.retryFailed = retryFailed
    }

    public struct Outcome: Sendable {
        public var done = 0
        public var failed = 0
        public var skipped = 0
        /// Runs another process was performing (their lock was held): left to it, not failed.
        public var busy = 0
    }

    /// One unit of work for a child process: a base to build or a run to perform.
    struct Task {
        var hash: String
        var label: String
        var estimate: Double
    }

    /// Performs the pending runs (and the bases they need); with `basesOnly`, only builds the missing bases.
    public func execute(_ runs: [RunSpec], basesOnly: Bool = false) throws -> Outcome {
        var outcome = Outcome()
        var todo: [RunSpec] = []
        for r in runs {
            switch study.state(of: r.hash) {
            case .done: outcome.skipped += 1
            case .failed: if retryFailed { todo.append(r) } else { outcome.skipped += 1 }
            case .corrupt(let why):
                StandardError.write("warning: redoing run \(r.hash): \(why)\n")
                todo.append(r)
            case .running:
                StandardError.write("run \(r.hash) (\(r.label)) is being performed by another process (its lock is held): "
                                    + "skipped; 'scaling sweep status \(study.path)' shows it until it ends\n")
                outcome.busy += 1
            case .pending: todo.append(r)
            }
        }
        if basesOnly { todo = runs }
        if todo.isEmpty {
            StandardError.write(outcome.busy > 0 ? "nothing to do here: \(outcome.busy) run(s) in progress elsewhere\n"
                                : "all \(runs.count) runs of \(study.config.name) are finished (\(study.path))\n")
            return outcome
        }
        let store = study.baseStore
        let bases = StudyPlan.bases(of: todo).filter { store.state($0) != .valid }
        let baseTasks = bases.map { Task(hash: $0.hash, label: "pretrain \($0.model.name)", estimate: cost.pretraining($0).seconds) }
        let runTasks = basesOnly ? [] : todo.map { Task(hash: $0.hash, label: $0.label, estimate: cost.run($0).seconds) }
        if basesOnly {
            StandardError.write("\(study.config.name): \(bases.count) base(s) to pretrain, \(jobs) job(s) x \(max(1, cores / jobs)) thread(s)\n")
        } else {
            StandardError.write("\(study.config.name): \(todo.count) of \(runs.count) runs to do (\(outcome.skipped) finished)"
                            + (bases.isEmpty ? "" : ", \(bases.count) base(s) to pretrain") + ", \(jobs) job(s) x \(max(1, cores / jobs)) thread(s)\n")
        }
        let board = ProgressBoard(total: baseTasks.count + runTasks.count, estimate: (baseTasks + runTasks).map(\.estimate).reduce(0, +))
        // A base that cannot be built fails its runs with the reason (instead of each run retrying the
        // pretraining); the study goes on with the other bases.
        var brokenBases: [String: String] = [:]
        // Fewer bases than jobs: each gets more threads (results do not depend on the thread count).
        for (task, outcome, why) in try runPool(baseTasks, jobs: min(jobs, max(1, baseTasks.count)), board: board) where outcome != .done {
            brokenBases[task.hash] = why.isEmpty ? "pretraining failed" : why
        }
        var runnable: [Task] = []
        var results: [TaskOutcome] = []
        for (run, task) in zip(todo, runTasks) where !basesOnly {
            if let why = brokenBases[run.base.hash] {
                try FileManager.default.createDirectory(atPath: study.runDirectory(run.hash), withIntermediateDirectories: true)
                try study.writeResult(RunRecord(hash: run.hash, status: .failed, reason: "base \(run.base.hash) (\(run.base.model.name)) could not be built: \(why)"))
                board.finished(run.hash, estimate: task.estimate, outcome: .failed)
                results.append(.failed)
            } else {
                runnable.append(task)
            }
        }
        if !brokenBases.isEmpty { try study.rebuildSummaries() }
        results += try runPool(runnable, jobs: jobs, board: board).map(\.1)
        board.line.finish()
        outcome.done = results.filter { $0 == .done }.count
        outcome.busy += results.filter { $0 == .busy }.count
        outcome.failed = results.filter { !$0.isSuccess }.count + brokenBases.count
        return outcome
    }

    /// How a task whose process ended came out. A run that died without writing its result (a crash, not a kill)
    /// is recorded as failed with the process's last words, unless another live process holds its lock (it
    /// started the run after our plan was made): that run is in progress, not failed.
    func settle(_ task: Task, child: ChildProcess) -> TaskOutcome {
        if let base = study.plan.bases.first(where: { $0.hash == task.hash }) {
            return study.baseStore.state(base) == .valid ? .done : .failed
        }
        switch study.state(of: task.hash) {
        case .done: return .done
        case .failed: return .failed
        default: break
        }
        if FileLock.isHeld(path: study.runLockPath(task.hash)) { return .busy }
        let (status, bySignal) = child.termination
        // Killed from outside (Ctrl-C, kill): leave it pending for the next sweep.
        if bySignal && [SIGINT, SIGTERM, SIGKILL, SIGHUP].contains(status) { return .interrupted }
        let why = bySignal ? "process died of signal \(status)" : "process exited with status \(status)"
        let record = RunRecord(hash: task.hash, status: .failed, reason: why + (child.lastError.isEmpty ? "" : ": " + child.lastError))
        try? FileManager.default.createDirectory(atPath: study.runDirectory(task.hash), withIntermediateDirectories: true)
        try? study.writeResult(record)
        return .failed
    }
}

/// How one task (a base to build or a run) ended, as the executor counts it and reports it.
enum TaskOutcome: Equatable, Sendable {
    case done
    case failed
    /// Killed from outside (Ctrl-C, kill): left pending for the next sweep.
    case interrupted
    /// Another live process held the run's lock when our child tried it: left to that process, not failed.
    case busy

    /// Done, or left to another process; the rest count as failures.
    var isSuccess: Bool { self == .done || self == .busy }

    /// As printed in the `run <hash> (<label>): ...` line.
    var text: String {
        switch self {
        case .done: return "done"
        case .failed: return "failed"
        case .interrupted: return "interrupted"
        case .busy: return "left to the process performing it"
        }
    }
}
