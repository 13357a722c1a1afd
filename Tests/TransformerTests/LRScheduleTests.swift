import XCTest
@testable import Transformer

final class LRScheduleTests: XCTestCase {
    func testWarmupThenCosineToTheFloor() {
        let s = LRSchedule(peak: 3e-3, warmupSteps: 100, totalSteps: 1100, floorFraction: 0.1)
        XCTAssertEqual(s.rate(at: 0), 3e-5, accuracy: 1e-12)
        XCTAssertEqual(s.rate(at: 49), 1.5e-3, accuracy: 1e-12)
        XCTAssertEqual(s.rate(at: 99), 3e-3, accuracy: 1e-12)
        XCTAssertEqual(s.rate(at: 100), 3e-3, accuracy: 1e-12)
        XCTAssertEqual(s.rate(at: 600), (3e-3 + 3e-4) / 2, accuracy: 1e-12)   // halfway through the decay
        XCTAssertEqual(s.rate(at: 1100), 3e-4, accuracy: 1e-12)               // the floor, one past the last step
        XCTAssertGreaterThan(s.rate(at: 1099), 3e-4)
        for step in 100..<1099 { XCTAssertGreaterThanOrEqual(s.rate(at: step), s.rate(at: step + 1)) }
    }

    func testCosineToZeroWithoutWarmup() {
        let s = LRSchedule(peak: 5e-4, warmupSteps: 0, totalSteps: 4, floorFraction: 0)
        let expected = [1.0, 0.5 * (1 + cos(Double.pi / 4)), 0.5, 0.5 * (1 + cos(3 * Double.pi / 4))].map { $0 * 5e-4 }
        for (step, e) in expected.enumerated() { XCTAssertEqual(s.rate(at: step), e, accuracy: 1e-15) }
    }
}
