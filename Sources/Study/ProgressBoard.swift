import DataFiles
import Foundation

/// Shared progress of all running children: counts, per-run progress, ETA; drives the status line.
final class ProgressBoard: @unchecked Sendable {
    let line = StatusLine()
    private let lock = NSLock()
    private let total: Int
    private var finishedCount = 0
    private var failedCount = 0
    private var remainingEstimate: Double
    private let totalEstimate: Double
    private var elapsedEstimate = 0.0
    private let start = Date()
    private var current: [String: (label: String, estimate: Double, progress: RunProgress?)] = [:]
    private var order: [String] = []

    init(total: Int, estimate: Double) {
        self.total = total
        remainingEstimate = estimate
        totalEstimate = estimate
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

    func finished(_ hash: String, estimate: Double, outcome: TaskOutcome) {
        let label: String = lock.withLock {
            finishedCount += 1
            if !outcome.isSuccess { failedCount += 1 }
            remainingEstimate -= estimate
            elapsedEstimate += ProgressBoard.workDoneHere(estimate: estimate, progress: current[hash]?.progress, finished: true)
            order.removeAll { $0 == hash }
            return current.removeValue(forKey: hash)?.label ?? hash
        }
        line.show(statusText(), force: true)
        if outcome != .done {
            line.finish()
            StandardError.write("run \(hash) (\(label)): \(outcome.text)\n")
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
            let inProgress = current.values.reduce(0.0) { $0 + $1.estimate * min(1, $1.progress?.fraction ?? 0) }
            let doneHere = current.values.reduce(0.0) { $0 + ProgressBoard.workDoneHere(estimate: $1.estimate, progress: $1.progress) }
            let eta = ProgressBoard.remainingSeconds(estimate: remainingEstimate - inProgress, doneEstimate: elapsedEstimate + doneHere,
                                                     elapsed: Date().timeIntervalSince(start), totalEstimate: totalEstimate)
            s += " | ETA \(Format.duration(eta))"
            return s
        }
    }

    private func redraw(force: Bool) { line.show(statusText(), force: force) }

    /// The cost model's seconds of a run's work done by this process: its progress past where it started, so a base
    /// build resumed at 37% does not count that 37% as done in the first seconds (that showed "ETA 2m29s" for 46
    /// minutes of work). A finished run did everything past its start.
    static func workDoneHere(estimate: Double, progress: RunProgress?, finished: Bool = false) -> Double {
        let start = min(1, max(0, progress?.startFraction ?? 0))
        let fraction = finished ? 1 : min(1, max(start, progress?.fraction ?? 0))
        return estimate * (fraction - start)
    }

    /// Seconds left: the cost model's estimate of the work left, scaled by how fast the work so far went against the
    /// model (finished runs plus the done fraction of running ones). The measured speed is weighed against the
    /// model's own (1) as if the model had already been right about `prior` seconds of work, 2% of the whole
    /// estimate but at least a minute, so the first seconds of a base's pretraining (corpus generation, no progress
    /// yet) do not turn a 1h30m estimate into "ETA 813h"; once far more than that is done, the measured speed rules.
    static func remainingSeconds(estimate: Double, doneEstimate: Double, elapsed: Double, totalEstimate: Double) -> Double {
        let prior = max(60, 0.02 * totalEstimate)
        let speed = (max(0, elapsed) + prior) / (max(0, doneEstimate) + prior)
        return max(0, estimate) * speed
    }
}
