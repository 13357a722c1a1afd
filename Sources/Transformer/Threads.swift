import COpenBLAS
import Dispatch

/// The process-wide thread count shared by OpenBLAS and the elementwise kernels, and the helper that splits
/// elementwise work over it.
public enum Threads {
    /// Upper bound on workers, so per-worker scratch can be sized once.
    public static let maximum = 16

    /// Number of workers used by `split` (and by OpenBLAS after `set`). Process-wide like OpenBLAS's own setting.
    public nonisolated(unsafe) private(set) static var count = 2

    /// Sets the worker count for both OpenBLAS and our kernels (clamped to 1...maximum).
    public static func set(_ n: Int) {
        count = min(max(n, 1), maximum)
        openblas_set_num_threads(Int32(count))
    }

    /// Calls `body(worker, range)` on disjoint contiguous chunks covering 0..<n, one per worker, in parallel.
    /// Runs inline when there is one worker or fewer than `grain` items per worker, where a thread hop costs more.
    @inline(__always)
    public static func split(_ n: Int, grain: Int = 1, _ body: (_ worker: Int, _ range: Range<Int>) -> Void) {
        let workers = min(count, max(1, n / max(grain, 1)))
        if workers <= 1 {
            if n > 0 { body(0, 0..<n) }
            return
        }
        // The kernels' closures capture raw pointers to disjoint ranges; concurrentPerform wants @Sendable.
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                work.value(w, (n * w / workers) ..< (n * (w + 1) / workers))
            }
        }
    }

    /// Runs `body` with OpenBLAS single-threaded, for code that calls small sgemms from several workers at once.
    @inline(__always)
    public static func withSingleThreadedBLAS(_ body: () -> Void) {
        if count > 1 { openblas_set_num_threads(1) }
        body()
        if count > 1 { openblas_set_num_threads(Int32(count)) }
    }
}

/// Carries a value into a @Sendable closure when the caller guarantees the accesses do not race.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
