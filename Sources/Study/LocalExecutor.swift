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
        let board = Board(total: baseTasks.count + runTasks.count, estimate: (baseTasks + runTasks).map(\.estimate).reduce(0, +))
        // A base that cannot be built fails its runs with the reason (instead of each run retrying the
        // pretraining); the study goes on with the other bases.
        var brokenBases: [String: String] = [:]
        for (task, state, why) in try runPool(baseTasks, board: board) where state != "done" {
            brokenBases[task.hash] = why.isEmpty ? "pretraining failed" : why
        }
        var runnable: [Task] = []
        var results: [String] = []
        for (run, task) in zip(todo, runTasks) where !basesOnly {
            if let why = brokenBases[run.base.hash] {
                try FileManager.default.createDirectory(atPath: study.runDirectory(run.hash), withIntermediateDirectories: true)
                try study.writeResult(RunRecord(hash: run.hash, status: "failed", reason: "base \(run.base.hash) (\(run.base.model.name)) could not be built: \(why)"))
                board.finished(run.hash, estimate: task.estimate, state: "failed")
                results.append("failed")
            } else {
                runnable.append(task)
            }
        }
        if !brokenBases.isEmpty { try study.rebuildSummaries() }
        results += try runPool(runnable, board: board).map(\.1)
        board.line.finish()
        outcome.done = results.filter { $0 == "done" }.count
        outcome.busy += results.filter { $0 == Self.busyState }.count
        outcome.failed = results.filter { $0 != "done" && $0 != Self.busyState }.count + brokenBases.count
        return outcome
    }

    /// Runs `tasks` in up to `jobs` child processes; returns each task with its final state name and the
    /// child's last error line.
    private func runPool(_ tasks: [Task], board: Board) throws -> [(Task, String, String)] {
        var pending = tasks[...]
        var active: [String: (Task, Child)] = [:]
        var states: [(Task, String, String)] = []
        let ended = EndedQueue()
        while !pending.isEmpty || !active.isEmpty {
            while active.count < jobs, let task = pending.popFirst() {
                let threads = max(1, cores / jobs)
                let child = try Child(executable: executable, arguments: ["sweep", "run", study.path, "--run", task.hash,
                                      "--threads", String(threads), "--bases", study.bases.argument, "--machine-progress",
                                      "--parent", String(getpid())] + (retryFailed ? ["--retry-failed"] : []),
                                      threads: threads, board: board, ended: ended, hash: task.hash)
                active[task.hash] = (task, child)
                board.started(task.hash, label: task.label, estimate: task.estimate)
            }
            let hash = ended.next()
            guard let (task, child) = active.removeValue(forKey: hash) else { continue }
            child.finish()
            let state = settle(task, child: child)
            states.append((task, state, child.lastError))
            board.finished(task.hash, estimate: task.estimate, state: state)
            try study.rebuildSummaries()
        }
        return states
    }

    /// The state of a run whose lock another live process held when our child tried it.
    static let busyState = "left to the process performing it"

    /// The state of a task whose process ended. A run that died without writing its result (a crash, not a kill)
    /// is recorded as failed with the process's last words, unless another live process holds its lock (it
    /// started the run after our plan was made): that run is in progress, not failed.
    private func settle(_ task: Task, child: Child) -> String {
        if let base = study.plan.bases.first(where: { $0.hash == task.hash }) {
            return study.baseStore.state(base) == .valid ? "done" : "failed"
        }
        switch study.state(of: task.hash) {
        case .done: return "done"
        case .failed: return "failed"
        default: break
        }
        if FileLock.isHeld(path: study.runLockPath(task.hash)) { return Self.busyState }
        let (status, bySignal) = child.termination
        // Killed from outside (Ctrl-C, kill): leave it pending for the next sweep.
        if bySignal && [SIGINT, SIGTERM, SIGKILL, SIGHUP].contains(status) { return "interrupted" }
        let why = bySignal ? "process died of signal \(status)" : "process exited with status \(status)"
        let record = RunRecord(hash: task.hash, status: "failed", reason: why + (child.lastError.isEmpty ? "" : ": " + child.lastError))
        try? FileManager.default.createDirectory(atPath: study.runDirectory(task.hash), withIntermediateDirectories: true)
        try? study.writeResult(record)
        return "failed"
    }
}

/// Hashes of child processes that ended, in order; `next()` blocks until there is one.
final class EndedQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let available = DispatchSemaphore(value: 0)
    private var hashes: [String] = []

    func push(_ hash: String) {
        lock.withLock { hashes.append(hash) }
        available.signal()
    }

    func next() -> String {
        available.wait()
        return lock.withLock { hashes.removeFirst() }
    }
}

/// Shared progress of all running children: counts, per-run progress, ETA; drives the status line.
final class Board: @unchecked Sendable {
    let line = StatusLine()
    private let lock = NSLock()
    private let total: Int
    private var finishedCount = 0
    private var failedCount = 0
    private var remainingEstimate: Double
    private var elapsedEstimate = 0.0
    private let start = Date()
    private var current: [String: (label: String, estimate: Double, progress: RunProgress?)] = [:]
    private var order: [String] = []

    init(total: Int, estimate: Double) {
        self.total = total
        remainingEstimate = estimate
    }

    func started(_ hash: String, label: String, estimate: Double) {
        lock.withLock {
            current[hash] = (label, estimate, nil)
            order.append(hash)
        }
        redraw(force: true)
    }

    func progress(_ hash: String, _ p: RunProgress) {
        lock.withLock { current[hash]?.progress = p }
        redraw(force: false)
    }

    func finished(_ hash: String, estimate: Double, state: String) {
        let label: String = lock.withLock {
            finishedCount += 1
            if state != "done" && state != LocalExecutor.busyState { failedCount += 1 }
            remainingEstimate -= estimate
            elapsedEstimate += estimate
            order.removeAll { $0 == hash }
            return current.removeValue(forKey: hash)?.label ?? hash
        }
        line.show(statusText(), force: true)
        if state != "done" {
            line.finish()
            StandardError.write("run \(hash) (\(label)): \(state)\n")
        }
    }

    /// `[3/14 done, 0 failed] d64L2 real/gsm 256 s1: sft 45% loss 0.831 52K tok/s | ETA 2m10s`
    private func statusText() -> String {
        lock.withLock {
            var s = "[\(finishedCount)/\(total) done" + (failedCount > 0 ? ", \(failedCount) failed" : "") + "]"
            if let hash = order.first, let c = current[hash] {
                s += " \(c.label)" + (c.progress.map { ": " + $0.text } ?? "")
                if order.count > 1 { s += " (+\(order.count - 1) more)" }
            }
            // Scale the cost model's estimate by how fast the work so far actually went (finished runs plus the
            // done fraction of running ones).
            let inProgress = current.values.reduce(0.0) { $0 + $1.estimate * min(1, $1.progress?.fraction ?? 0) }
            let elapsed = Date().timeIntervalSince(start)
            let doneEstimate = elapsedEstimate + inProgress
            let speed = doneEstimate > 0 && elapsed > 1 ? elapsed / doneEstimate : 1
            s += " | ETA \(Format.duration(max(0, remainingEstimate - inProgress) * speed))"
            return s
        }
    }

    private func redraw(force: Bool) { line.show(statusText(), force: force) }
}

/// A `scaling sweep run` child process: its stdout carries progress lines, its stderr is kept for failures.
final class Child: @unchecked Sendable {
    private let process = Process()
    private let readers = DispatchGroup()
    private let lock = NSLock()
    private var errorTail: [String] = []

    init(executable: String, arguments: [String], threads: Int, board: Board, ended: EndedQueue, hash: String) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = String(threads)
        env["OMP_NUM_THREADS"] = String(threads)
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.terminationHandler = { _ in ended.push(hash) }
        try process.run()
        readLines(out.fileHandleForReading) { line in
            if let p = MachineProgress.parse(line) { board.progress(hash, p) }
        }
        readLines(err.fileHandleForReading) { [weak self] line in
            guard let self else { return }
            self.lock.withLock {
                self.errorTail.append(line)
                if self.errorTail.count > 5 { self.errorTail.removeFirst() }
            }
        }
    }

    /// The exit status, or the signal and true when a signal ended the process.
    var termination: (Int32, Bool) { (process.terminationStatus, process.terminationReason == .uncaughtSignal) }

    /// The last non-empty line the child wrote to stderr (its error message, if it failed).
    var lastError: String { lock.withLock { errorTail.last { !$0.isEmpty } ?? "" } }

    /// Waits until both output pipes are drained.
    func finish() { readers.wait() }

    private func readLines(_ handle: FileHandle, _ body: @escaping @Sendable (String) -> Void) {
        readers.enter()
        Thread.detachNewThread { [readers] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let nl = buffer.firstIndex(of: 10) {
                    body(String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...nl)
                }
            }
            if !buffer.isEmpty { body(String(decoding: buffer, as: UTF8.self)) }
            readers.leave()
        }
    }
}
