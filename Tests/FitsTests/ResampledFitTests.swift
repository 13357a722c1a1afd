import Foundation
import XCTest
@testable import Fits

/// `ResampledFit` against ground truth: exact power laws whose resamples move them in known ways, so the refits'
/// percentile intervals can be written down by hand.
final class ResampledFitTests: XCTestCase {
    let x = [64.0, 256, 1024, 4096]
    /// error = 2 x^-0.5, exactly.
    var y: [Double] { x.map { 2 * pow($0, -0.5) } }

    /// Resamples that tilt the line by a known slope d (y x^d) move b by exactly d and leave nothing else: the
    /// interval of b is the percentiles of the tilts, and the point fit is the exact law.
    func testTiltedResamplesGiveTheTiltsPercentilesForTheExponent() throws {
        let tilts = (0..<101).map { Double($0 - 50) / 500 }   // -0.1 ... 0.1 in steps of 0.002
        let rows = tilts.map { d in zip(x, y).map { $1 * pow($0, d) } }
        let fit = try ResampledFit(.power, PointGroup(x: x, y: y), resampledY: rows)
        XCTAssertEqual(fit.resamples, 101)
        XCTAssertEqual(fit.skipped, 0)
        let b = try XCTUnwrap(fit.parameter("b"))
        XCTAssertEqual(b.value, -0.5, accuracy: 1e-12)
        // Type-7 percentiles of 101 evenly spaced tilts: positions 2.5 and 97.5, i.e. -0.1 + 0.005 and 0.1 - 0.005.
        XCTAssertEqual(b.interval.lower, -0.5 - 0.095, accuracy: 1e-9)
        XCTAssertEqual(b.interval.upper, -0.5 + 0.095, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(fit.parameter("a")).value, 2, accuracy: 1e-12)
        XCTAssertNil(fit.parameter("gamma"))
        // At x = 1 every tilted line passes through a = 2: the band closes there and opens away from it.
        let atOne = fit.band(at: 1)
        XCTAssertEqual(atOne.lower, 2, accuracy: 1e-9)
        XCTAssertEqual(atOne.upper, 2, accuracy: 1e-9)
        // At 4096 the curves are monotone in the tilt: the band's ends interpolate between the neighbouring tilts' curves.
        let far = fit.band(at: 4096)
        func curve(_ d: Double) -> Double { 2 * pow(4096, -0.5 + d) }
        XCTAssertEqual(far.lower, (curve(-0.096) + curve(-0.094)) / 2, accuracy: 1e-12)
        XCTAssertEqual(far.upper, (curve(0.094) + curve(0.096)) / 2, accuracy: 1e-12)
        XCTAssertEqual(fit.value(at: 4096), 2.0 / 64, accuracy: 1e-12)
    }

    /// Resamples that scale every y by c leave the exponent where it is (a degenerate interval) and move a by c.
    func testScaledResamplesMoveOnlyTheAmplitude() throws {
        let scales = (0..<41).map { 0.9 + Double($0) / 200 }   // 0.9 ... 1.1
        let fit = try ResampledFit(.power, PointGroup(x: x, y: y), resampledY: scales.map { c in y.map { c * $0 } })
        let b = try XCTUnwrap(fit.parameter("b"))
        XCTAssertEqual(b.interval.lower, -0.5, accuracy: 1e-9)
        XCTAssertEqual(b.interval.upper, -0.5, accuracy: 1e-9)
        let a = try XCTUnwrap(fit.parameter("a"))
        XCTAssertEqual(a.interval.lower, 2 * percentile(scales, 0.025), accuracy: 1e-9)
        XCTAssertEqual(a.interval.upper, 2 * percentile(scales, 0.975), accuracy: 1e-9)
    }

    /// A resample the model cannot take (an error rate of 0 for a power law) or of the wrong length is skipped and
    /// counted, not fitted; with no usable resample the interval and band collapse onto the point fit.
    func testUnusableResamplesAreSkippedAndCounted() throws {
        var zero = y
        zero[2] = 0
        let fit = try ResampledFit(.power, PointGroup(x: x, y: y), resampledY: [zero, Array(y.prefix(3)), y.map { -$0 }])
        XCTAssertEqual(fit.resamples, 0)
        XCTAssertEqual(fit.skipped, 3)
        let b = try XCTUnwrap(fit.parameter("b"))
        XCTAssertEqual(b.interval.lower, b.value)
        XCTAssertEqual(b.interval.upper, b.value)
        XCTAssertEqual(fit.band(at: 100).lower, fit.value(at: 100))
    }

    /// The point fit's own error is thrown (here a zero error rate in the full data), not hidden behind resamples.
    func testAnUnfittablePointFitThrows() {
        var zero = y
        zero[0] = 0
        XCTAssertThrowsError(try ResampledFit(.power, PointGroup(x: x, y: zero), resampledY: [y]))
    }
}
