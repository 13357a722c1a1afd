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

    func finished(_ hash: String, estimate: Double, outcome: TaskOutcome) {
        let label: String = lock.withLock {
            finishedCount += 1
            if !outcome.isSuccess { failedCount += 1 }
            remainingEstimate -= estimate
            elapsedEstimate += estimate
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
