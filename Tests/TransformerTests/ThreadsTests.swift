import Foundation
import XCTest
@testable import Transformer

final class ThreadsTests: XCTestCase {
    override func tearDown() { Threads.set(2) }

    /// Items of unequal cost: every item goes to exactly one worker, each worker's items in increasing order, and
    /// the loads are those of the greedy rule worked by hand. Costs 9 8 7 6 5 4 on 2 workers: 9 -> w0 (0, 0 tie),
    /// 8 -> w1, 7 -> w1 (loads 9, 8), 6 -> w0 (9, 15), 5 -> w0 (15, 15 tie), 4 -> w1 (20, 15): loads 20 and 19.
    func testSplitByCostBalancesTheWorkers() {
        Threads.set(2)
        let costs = [4, 9, 6, 8, 5, 7]   // item i costs costs[i]
        let lock = NSLock()
        var seen: [Int: [Int]] = [:]
        Threads.split(costs: costs) { worker, items in
            lock.lock()
            seen[worker] = items
            lock.unlock()
        }
        XCTAssertEqual(seen.count, 2)
        XCTAssertEqual(seen.values.flatMap { $0 }.sorted(), Array(costs.indices))
        for items in seen.values { XCTAssertEqual(items, items.sorted()) }
        let loads = seen.keys.sorted().map { w in seen[w]!.reduce(0) { $0 + costs[$1] } }
        XCTAssertEqual(loads, [20, 19])
        XCTAssertEqual(seen[0], [1, 2, 4], "9, 6, 5")
        // Contiguous halves would have given 19 and 20 here too, but 9 8 7 | 6 5 4 gives 24 and 15.
        var contiguous: [Int] = []
        Threads.split(6) { _, range in lock.lock(); contiguous.append(range.map { [9, 8, 7, 6, 5, 4][$0] }.reduce(0, +)); lock.unlock() }
        XCTAssertEqual(contiguous.sorted(), [15, 24])
        var balanced: [Int] = []
        Threads.split(costs: [9, 8, 7, 6, 5, 4]) { _, items in
            lock.lock(); balanced.append(items.map { [9, 8, 7, 6, 5, 4][$0] }.reduce(0, +)); lock.unlock()
        }
        XCTAssertEqual(balanced.sorted(), [19, 20])
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
}
