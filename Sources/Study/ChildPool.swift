#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DataFiles
import Foundation

/// The executor's pool: up to `jobs` `scaling sweep run` children at a time, each started as another ends.
extension LocalExecutor {
    /// Runs `tasks` in up to `jobs` child processes with cores / jobs threads each; returns each task with its
    /// outcome and the child's last error line.
    func runPool(_ tasks: [Task], jobs: Int, board: ProgressBoard) throws -> [(Task, TaskOutcome, String)] {
        var pending = tasks[...]
        var active: [String: (Task, ChildProcess)] = [:]
        var states: [(Task, TaskOutcome, String)] = []
        let ended = EndedQueue()
        while !pending.isEmpty || !active.isEmpty {
            while active.count < jobs, let task = pending.popFirst() {
                let threads = max(1, cores / jobs)
                let child = try ChildProcess(executable: executable, arguments: ["sweep", "run", study.path, "--run", task.hash,
                                      "--threads", String(threads), "--bases", study.bases.argument, "--machine-progress",
                                      "--parent", String(getpid())] + (retryFailed ? ["--retry-failed"] : []),
                                      threads: threads, board: board, ended: ended, hash: task.hash)
                active[task.hash] = (task, child)
                board.started(task.hash, label: task.label, estimate: task.estimate)
            }
            let hash = ended.next()
            guard let (task, child) = active.removeValue(forKey: hash) else { continue }
            child.finish()
            let outcome = settle(task, child: child)
            states.append((task, outcome, child.lastError))
            board.finished(task.hash, estimate: task.estimate, outcome: outcome)
            try study.rebuildSummaries()
        }
        return states
    }
}
