import XCTest
import Fits

final class PercentileTests: XCTestCase {
    /// By hand from h = (n - 1) q; each value is what numpy.percentile(values, 100 q) gives.
    func testPercentileInterpolatesBetweenOrderStatistics() {
        XCTAssertEqual(percentile([1, 2, 3, 4], 0.25), 1.75)                       // h = 0.75
        XCTAssertEqual(percentile([1, 2, 3, 4], 0.5), 2.5)                         // h = 1.5
        XCTAssertEqual(percentile((1...11).map(Double.init), 0.975), 10.75)        // h = 9.75
        XCTAssertEqual(percentile([10, 20, 40], 0.75), 30)                         // h = 1.5
        XCTAssertEqual(percentile([5], 0.025), 5)
        XCTAssertEqual(percentile([-3, 7], 0), -3)
        XCTAssertEqual(percentile([-3, 7], 1), 7)
        // 1,000 draws 1...1000: h = 24.975 and 974.025, so the 95% interval is symmetric about the middle (500.5).
        let thousand = (1...1000).map(Double.init)
        XCTAssertEqual(percentile(thousand, 0.025), 25.975, accuracy: 1e-9)
        XCTAssertEqual(percentile(thousand, 0.975), 975.025, accuracy: 1e-9)
        XCTAssertEqual(percentile(thousand, 0.025) + percentile(thousand, 0.975), 1001, accuracy: 1e-9)
    }
}
