import XCTest
@testable import Study

final class ProgressBoardTests: XCTestCase {
    /// 30 s into a study the cost model puts at 1h30m, before any progress (a base still generating its corpus): the
    /// ETA stays near the model's estimate. prior = max(60, 0.02 * 5400) = 108 s, speed = (30 + 108) / (0 + 108),
    /// ETA = 5400 * 138 / 108 = 6900 s. (Measured speed alone, 30 s / ~0 s of work, gave hundreds of hours.)
    func testETABeforeAnyProgressStaysNearTheEstimate() {
        let eta = ProgressBoard.remainingSeconds(estimate: 5400, doneEstimate: 0, elapsed: 30, totalEstimate: 5400)
        XCTAssertEqual(eta, 6900, accuracy: 1e-9)
    }

    /// Half the work done in twice the model's time: the measured speed (2x slower) rules. speed = (5400 + 108) /
    /// (2700 + 108) = 1.9615..., ETA = 2700 * that = 5296.15 s, within 2% of the 5400 s of the measured speed alone.
    func testETAFollowsTheMeasuredSpeedOnceWorkIsDone() {
        let eta = ProgressBoard.remainingSeconds(estimate: 2700, doneEstimate: 2700, elapsed: 5400, totalEstimate: 5400)
        XCTAssertEqual(eta, 2700 * 5508 / 2808, accuracy: 1e-9)
        XCTAssertEqual(eta / 5400, 1, accuracy: 0.02)
    }

    /// A study of 100 s: the prior is its floor of 60 s; nothing left means no time left; no negative ETAs.
    func testSmallStudiesAndEdges() {
        XCTAssertEqual(ProgressBoard.remainingSeconds(estimate: 100, doneEstimate: 0, elapsed: 0, totalEstimate: 100), 100, accuracy: 1e-9)
        XCTAssertEqual(ProgressBoard.remainingSeconds(estimate: 50, doneEstimate: 50, elapsed: 20, totalEstimate: 100),
                       50 * 80 / 110, accuracy: 1e-9)
        XCTAssertEqual(ProgressBoard.remainingSeconds(estimate: 0, doneEstimate: 100, elapsed: 300, totalEstimate: 100), 0)
        XCTAssertEqual(ProgressBoard.remainingSeconds(estimate: -5, doneEstimate: 100, elapsed: 300, totalEstimate: 100), 0)
    }
}
