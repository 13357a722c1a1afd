import COpenBLAS
import CWorkers
import DataFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Marks the threads on which `Threads.split` runs inline (`Threads.alone`): a pthread key, as Swift has no
/// thread-local storage of its own.
private let aloneKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()

/// The process-wide thread count and the helper that splits work over it.
///
/// All parallelism is ours: OpenBLAS runs single-threaded and each worker calls sgemm on its own block of rows.
/// Mixing OpenBLAS's thread pool with another on two cores made the two pools' threads fight for the cores
/// (OpenBLAS's workers spin after every call); one pool avoids that and lets small sgemms run side by side.
/// The pool is CWorkers' persistent threads, which wait for the next region spinning (a d64 training step is ~47
/// regions of 0.1-9 ms); libdispatch, which parks its threads, took 10-60 µs longer per region to start them.
public enum Threads {
    /// Upper bound on workers, so per-worker scratch can be sized once.
    public static let maximum = 16

    /// Number of workers used by `split`. Process-wide, like OpenBLAS's own setting.
    public nonisolated(unsafe) private(set) static var count = 2

    /// Sets the worker count (clamped to 1...maximum) and makes OpenBLAS single-threaded.
    public static func set(_ n: Int) {
        count = min(max(n, 1), maximum)
        openblas_set_num_threads(1)
    }

    /// Calls `body(worker, workers)` once on each of `workers` = min(count, maxWorkers) workers, in parallel;
    /// for kernels that split several products differently (e.g. rows of one output, columns of another).
    @inline(__always)
    public static func parallel(maxWorkers: Int = .max, _ body: (_ worker: Int, _ workers: Int) -> Void) {
        let workers = max(1, min(available, maxWorkers))
        fork(workers) { w in body(w, workers) }
    }

    /// Runs `body` with every `split` and `parallel` on this thread inline (one worker): for a worker that runs a
    /// whole piece of a larger job (one of the sampler's chunks), where forking again per kernel only adds hops.
    public static func alone<T>(_ body: () throws -> T) rethrows -> T {
        let outer = pthread_getspecific(aloneKey)
        pthread_setspecific(aloneKey, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(aloneKey, outer) }
        return try body()
    }

    /// Whether this thread is inside `alone`.
    public static var isAlone: Bool { pthread_getspecific(aloneKey) != nil }

    /// The workers this thread may use: `count`, or 1 inside `alone`.
    public static var available: Int { isAlone ? 1 : count }

    /// Calls `body(worker, range)` on disjoint contiguous pieces covering 0..<n, in parallel: up to
    /// `chunksPerWorker` pieces per worker, each worker taking the next piece when it finishes one, so `worker` is
    /// whichever ran the piece (for per-worker scratch) and a worker may get several pieces or none. A piece's result
    /// must not depend on the piece's bounds or its worker (ThreadIndependenceTests). Runs inline when there is one
    /// worker or fewer than `grain` items per worker, where a thread hop costs more, and inside `alone`.
    @inline(__always)
    public static func split(_ n: Int, grain: Int = 1, _ body: (_ worker: Int, _ range: Range<Int>) -> Void) {
        let grains = n / max(grain, 1)
        let workers = min(available, max(1, grains))
        if workers <= 1 {
            if n > 0 { body(0, 0..<n) }
            return
        }
        let chunks = min(workers * chunksPerWorker, max(workers, grains))
        withoutActuallyEscaping(body) { body in
            var job = (body, n, chunks)
            let ran = withUnsafeMutablePointer(to: &job) { job in
                sw_run_chunks(Int32(workers), Int32(chunks), { context, w, c in
                    let (body, n, chunks) = context!.assumingMemoryBound(to: (((Int, Range<Int>) -> Void, Int, Int)).self).pointee
                    body(Int(w), .part(Int(c), of: chunks, splitting: n))
                }, job)
            }
            if ran == 0 { parallelFor(workers) { w in body(w, .part(w, of: workers, splitting: n)) } }
        }
    }

    /// Pieces per worker `split` cuts its range into, claimed by the workers as they go: a core that another
    /// process slows down for a moment takes fewer pieces instead of holding the others up at the join. (With one
    /// static half each, the two workers' times in a region of a d64 step differed by 12-20% of the region on average,
    /// the slower one changing from call to call: interference, not uneven work.)
    static let chunksPerWorker = 4

    /// Calls `body(w)` for w in 0..<workers in parallel and returns when all have finished: on the persistent
    /// workers of CWorkers (w = 0 on this thread), or through libdispatch when those are busy (a nested or
    /// concurrent call). The split is the caller's, so the results do not depend on which threads run it.
    @inline(__always)
    static func fork(_ workers: Int, _ body: (_ worker: Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var job = body
            let ran = withUnsafeMutablePointer(to: &job) { job in
                sw_run(Int32(workers), { context, w in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(Int(w))
                }, job)
            }
            if ran == 0 { parallelFor(workers, body) }
        }
    }
}

extension Threads {
    /// Calls `body(worker, items)` on disjoint sets of the items 0..<costs.count, one set per worker, in parallel,
    /// the sets balanced by cost (`balancedSets`). For work items of unequal size (attention over sequences of
    /// different lengths), where equal counts per worker would leave one worker idle while the other finishes.
    /// (Handing the items out one at a time, costliest first, as workers finish them, measured 8% slower on a d64
    /// SFT step than these fixed sets and no faster at d96 and d128.)
    public static func split(costs: [Int], _ body: (_ worker: Int, _ items: [Int]) -> Void) {
        let workers = min(available, costs.count)
        if workers <= 1 {
            if !costs.isEmpty { body(0, Array(costs.indices)) }
            return
        }
        let sets = balancedSets(costs: costs, workers: workers)
        fork(workers) { w in body(w, sets[w]) }
    }

    /// The items 0..<costs.count in `workers` sets balanced by cost: the costliest item first, each to the
    /// least-loaded set so far (ties to the lower set); each set in increasing order.
    static func balancedSets(costs: [Int], workers: Int) -> [[Int]] {
        var sets = [[Int]](repeating: [], count: workers), load = [Int](repeating: 0, count: workers)
        for item in costs.indices.sorted(by: { (costs[$0], $1) > (costs[$1], $0) }) {
            let w = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
            sets[w].append(item)
            load[w] += costs[item]
        }
        for w in sets.indices { sets[w].sort() }
        return sets
    }
}

extension Range where Bound == Int {
    /// The `part`-th of `parts` contiguous, nearly equal pieces of 0..<n.
    @inline(__always) static func part(_ part: Int, of parts: Int, splitting n: Int) -> Range<Int> {
        (n * part / parts) ..< (n * (part + 1) / parts)
    }
}
