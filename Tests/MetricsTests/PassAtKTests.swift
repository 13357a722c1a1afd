import Fits
import Grading
import XCTest
@testable import Metrics

final class PassAtKTests: XCTestCase {
    /// Brute force: the share of all k-subsets of n samples (c correct) that contain a correct one.
    private func bruteForce(n: Int, c: Int, k: Int) -> Double {
        var hit = 0, total = 0
        for mask in 0..<(1 << n) where mask.nonzeroBitCount == k {
            total += 1
            if mask & ((1 << c) - 1) != 0 { hit += 1 }   // samples 0..<c are the correct ones
        }
        return Double(hit) / Double(total)
    }

    func testUnbiasedPassAtKMatchesBruteForceOverSubsets() {
        for n in 1...10 {
            for c in 0...n {
                for k in 1...n {
                    let got = QuestionResult.passAtK(n: n, c: c, k: k)!
                    XCTAssertEqual(got, bruteForce(n: n, c: c, k: k), accuracy: 1e-12, "n=\(n) c=\(c) k=\(k)")
                }
            }
        }
        XCTAssertNil(QuestionResult.passAtK(n: 4, c: 1, k: 5))
        XCTAssertNil(QuestionResult.passAtK(n: 4, c: 1, k: 0))
        // Stable at the paper's scale: 1 - C(255,128)/C(256,128) = 128/256.
        XCTAssertEqual(QuestionResult.passAtK(n: 256, c: 1, k: 128)!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(QuestionResult.passAtK(n: 256, c: 3, k: 1)!, 3.0 / 256, accuracy: 1e-15)
        XCTAssertEqual(QuestionResult.passAtK(n: 256, c: 1, k: 256), 1)
    }

    func testWilsonInterval() {
        // Reference values from the closed form (Wilson 1927), e.g. 8/10 -> [0.4902, 0.9433].
        let e = IntervalEstimate.wilson(successes: 8, trials: 10)
        XCTAssertEqual(e.value, 0.8)
        XCTAssertEqual(e.interval.lower, 0.4901624715366418, accuracy: 1e-12)
        XCTAssertEqual(e.interval.upper, 0.9433178485456248, accuracy: 1e-12)
        let zero = IntervalEstimate.wilson(successes: 0, trials: 5)
        XCTAssertEqual(zero.interval.lower, 0)
        XCTAssertEqual(zero.interval.upper, 0.43448246478317476, accuracy: 1e-12)
        XCTAssertEqual(IntervalEstimate.wilson(successes: 1319, trials: 1319).interval.lower, 0.9970960550146962, accuracy: 1e-12)
        XCTAssertEqual(IntervalEstimate(value: 0.81249, lower: 0.7, upper: 0.9).formatted(digits: 3), "0.812 [0.700, 0.900]")
    }
}
