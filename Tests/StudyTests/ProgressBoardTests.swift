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

    /// A base build resumed at 36.7% of a 2,771 s estimate, 45 s in and 0.3% further: only that 0.3% (8.3 s of the
    /// model's work) counts as done here. prior = 60, speed = (45 + 60) / (8.313 + 60), ETA = (1 - 0.37) * 2771 *
    /// speed = 2,680 s, where counting the resumed 37% as done gave ~2 minutes.
    func testResumedWorkIsNotCountedAsDoneHere() {
        let progress = RunProgress(run: "pretrain d128L2", phase: "pretrain", fraction: 0.370, startFraction: 0.367)
        let done = ProgressBoard.workDoneHere(estimate: 2771, progress: progress)
        XCTAssertEqual(done, 2771 * 0.003, accuracy: 1e-6)
        let eta = ProgressBoard.remainingSeconds(estimate: 2771 * 0.63, doneEstimate: done, elapsed: 45, totalEstimate: 2771)
        XCTAssertEqual(eta, 2771 * 0.63 * 105 / (2771 * 0.003 + 60), accuracy: 1e-6)
        XCTAssertGreaterThan(eta, 2000)
        // Finished: everything past the start; no progress reported yet: nothing; a fresh run: its fraction.
        XCTAssertEqual(ProgressBoard.workDoneHere(estimate: 2771, progress: progress, finished: true), 2771 * 0.633, accuracy: 1e-6)
        XCTAssertEqual(ProgressBoard.workDoneHere(estimate: 2771, progress: nil), 0)
        XCTAssertEqual(ProgressBoard.workDoneHere(estimate: 100, progress: RunProgress(run: "r", phase: "sft", fraction: 0.25)), 25, accuracy: 1e-12)
    }

    /// The start fraction crosses the process boundary (children report progress as JSON lines on stdout).
    func testStartFractionSurvivesTheProgressLine() {
        let line = #"{"progress":{"run":"pretrain d128L2","phase":"pretrain","fraction":0.5,"start_fraction":0.367}}"#
        XCTAssertEqual(MachineProgress.parse(line)?.startFraction ?? -1, 0.367, accuracy: 1e-12)
        XCTAssertEqual(MachineProgress.parse(#"{"progress":{"run":"r","phase":"sft","fraction":0.5}}"#)?.startFraction, 0)
    }
}
