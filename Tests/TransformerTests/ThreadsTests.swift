import Foundation
import XCTest
@testable import Transformer

final class ThreadsTests: XCTestCase {
    override func tearDown() { Threads.set(2) }

    /// Items of unequal cost: the greedy rule worked by hand. Costs 9 8 7 6 5 4 on 2 workers: 9 -> w0 (0, 0 tie),
    /// 8 -> w1, 7 -> w1 (loads 9, 8), 6 -> w0 (9, 15), 5 -> w0 (15, 15 tie), 4 -> w1 (20, 15): loads 20 and 19.
    func testBalancedSetsFollowTheGreedyRule() {
        let costs = [4, 9, 6, 8, 5, 7]   // item i costs costs[i]
        let sets = Threads.balancedSets(costs: costs, workers: 2)
        XCTAssertEqual(sets.flatMap { $0 }.sorted(), Array(costs.indices))
        for items in sets { XCTAssertEqual(items, items.sorted()) }
        XCTAssertEqual(sets.map { $0.reduce(0) { $0 + costs[$1] } }, [20, 19])
        XCTAssertEqual(sets[0], [1, 2, 4], "9, 6, 5")
        // Contiguous halves give 9 8 7 | 6 5 4: 24 and 15.
        let contiguous = (0..<2).map { w in Range.part(w, of: 2, splitting: 6).map { [9, 8, 7, 6, 5, 4][$0] }.reduce(0, +) }
        XCTAssertEqual(contiguous.sorted(), [15, 24])
        XCTAssertEqual(Threads.balancedSets(costs: [9, 8, 7, 6, 5, 4], workers: 2).map { $0.reduce(0) { $0 + [9, 8, 7, 6, 5, 4][$1] } }, [20, 19])
    }

    /// `split(costs:)` gives each worker one call with its balanced set, every item in exactly one, at 1-4 threads.
    func testSplitByCostDoesEveryItemOnce() {
        let costs = (0..<37).map { ($0 * 7919) % 23 + 1 }
        for threads in 1...4 {
            Threads.set(threads)
            for _ in 0..<50 {
                let lock = NSLock()
                var calls: [(worker: Int, items: [Int])] = []
                Threads.split(costs: costs) { worker, items in lock.lock(); calls.append((worker, items)); lock.unlock() }
                XCTAssertEqual(calls.flatMap(\.items).sorted(), Array(costs.indices))
                XCTAssertEqual(calls.map(\.worker).sorted(), Array(0..<threads))
                let sets = Threads.balancedSets(costs: costs, workers: threads)
                for call in calls { XCTAssertEqual(call.items, sets[call.worker]) }
            }
        }
    }

    /// Inside `alone` (one worker), `parallel` and `split(costs:)` still cover all the work on that one thread.
    func testParallelAndSplitByCostInsideAloneDoAllTheWork() {
        Threads.set(2)
        Threads.alone {
            var workers: [Int] = []
            Threads.parallel { worker, count in workers.append(worker); XCTAssertEqual(count, 1) }
            XCTAssertEqual(workers, [0])
            var items: [Int] = []
            Threads.split(costs: [3, 1, 2]) { worker, share in XCTAssertEqual(worker, 0); items += share }
            XCTAssertEqual(items, [0, 1, 2])
        }
    }

    /// `split` covers 0..<n with contiguous pieces, each exactly once, at most `chunksPerWorker` per worker, for
    /// thread counts 1-4, sizes around the grain and sizes that do not divide evenly.
    func testSplitCoversEveryItemOnceInContiguousPieces() {
        for threads in 1...4 {
            Threads.set(threads)
            for (n, grain) in [(0, 1), (1, 1), (5, 1), (7, 2), (64, 16), (100, 16), (5632, 64), (1001, 1)] {
                let lock = NSLock()
                var pieces: [Range<Int>] = []
                var counts = [Int](repeating: 0, count: n)
                Threads.split(n, grain: grain) { worker, range in
                    XCTAssert((0..<threads).contains(worker), "worker \(worker) of \(threads)")
                    lock.lock()
                    pieces.append(range)
                    for i in range { counts[i] += 1 }
                    lock.unlock()
                }
                XCTAssertEqual(counts, [Int](repeating: 1, count: n), "n \(n) grain \(grain) threads \(threads)")
                let sorted = pieces.sorted { $0.lowerBound < $1.lowerBound }
                for (a, b) in zip(sorted, sorted.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
                XCTAssertLessThanOrEqual(pieces.count, max(1, threads * Threads.chunksPerWorker))
                if n / grain < 2 || threads == 1 { XCTAssertLessThanOrEqual(pieces.count, 1, "inline: one piece") }
            }
        }
    }

    /// `parallel` calls its body once with each worker index 0..<workers (whichever thread runs it): kernels split
    /// their products by that index, so an index run twice and another never would leave outputs unwritten.
    func testParallelRunsEachWorkerIndexOnce() {
        for threads in 1...4 {
            Threads.set(threads)
            for round in 0..<200 {
                let lock = NSLock()
                var seen: [Int] = []
                Threads.parallel(maxWorkers: 1 + round % 4) { worker, workers in
                    XCTAssertEqual(workers, min(threads, 1 + round % 4))
                    lock.lock(); seen.append(worker); lock.unlock()
                }
                XCTAssertEqual(seen.sorted(), Array(0..<min(threads, 1 + round % 4)))
            }
        }
    }

    /// A `split` inside another's body, and two `split`s started from two threads at once, each do all their work:
    /// the persistent workers serve one call at a time and the other runs through libdispatch.
    func testNestedAndConcurrentSplitsDoAllTheWork() {
        Threads.set(2)
        let lock = NSLock()
        var inner = [Int](repeating: 0, count: 8 * 100)
        Threads.split(8) { _, outer in
            for o in outer {
                Threads.split(100) { _, range in
                    lock.lock(); for i in range { inner[o * 100 + i] += 1 }; lock.unlock()
                }
            }
        }
        XCTAssertEqual(inner, [Int](repeating: 1, count: 800))
        let totals = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2)
        defer { totals.deallocate() }
        totals.initialize(repeating: 0)
        nonisolated(unsafe) let shared = totals
        DispatchQueue.concurrentPerform(iterations: 2) { caller in
            for _ in 0..<500 {
                var sum = 0
                let local = NSLock()
                Threads.split(1000) { _, range in let s = range.reduce(0, +); local.lock(); sum += s; local.unlock() }
                shared[caller] += sum   // each caller its own element
            }
        }
        XCTAssertEqual(Array(totals), [500 * 499_500, 500 * 499_500])
    }
}
