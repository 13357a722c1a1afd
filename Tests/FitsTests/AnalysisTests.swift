import Foundation
import XCTest
import DataFiles
@testable import Fits

final class AnalysisTests: XCTestCase {
    /// On exact power-law data every resample refits the truth exactly, so the percentile interval collapses;
    /// with 3 points the resamples with a single distinct x (probability 1/9) are skipped and counted.
    func testBootstrapOnExactDataAndSkippedResamples() throws {
        let x = [1000.0, 2000, 4000], y = x.map { 0.05 * pow($0, 0.35) }
        let resamples = Resamples(count: 900, points: 3, seed: 1, stream: 0)
        let summary = ScalingModel.power.bootstrap(x: x, y: y, resamples: resamples, seed: 1, predict: [8000],
                                                   targets: [1.0], level: 0.95)
        let degenerate = resamples.indices.filter { Set($0).count < 2 }.count
        XCTAssertGreaterThan(degenerate, 60)
        XCTAssertEqual(summary.skipped, degenerate)
        XCTAssertEqual(summary.used + summary.skipped, 900)
        let b = try XCTUnwrap(summary.parameters[1])
        XCTAssertEqual(b.lower, 0.35, accuracy: 1e-10)
        XCTAssertEqual(b.upper, 0.35, accuracy: 1e-10)
        let prediction = try XCTUnwrap(summary.predictions[0])
        XCTAssertEqual(prediction.lower, 0.05 * pow(8000, 0.35), accuracy: 1e-10)
        let target = try XCTUnwrap(summary.targets[0])
        XCTAssertEqual(target.upper, pow(1 / 0.05, 1 / 0.35), accuracy: 1e-6)
    }

    /// An error rate falling to an asymptote c: a target just above c is out of reach for the resamples whose
    /// refitted c lies above it; those are counted, an easy target is reached by every resample.
    func testBootstrapCountsResamplesThatNeverReachTheTarget() throws {
        var noise = GaussianNoise(seed: 11)
        let x = doublingGrid(from: 500, count: 8)
        let y = x.map { 0.2 + 3 * pow($0, -0.4) + noise.next(sigma: 0.004) }
        let resamples = Resamples(count: 200, points: x.count, seed: 3, stream: 0)
        let summary = ScalingModel.offsetPower.bootstrap(x: x, y: y, resamples: resamples, seed: 3, predict: [],
                                                         targets: [0.2005, 0.3], level: 0.95)
        XCTAssertGreaterThan(summary.targetsReached[0], 0)
        XCTAssertLessThan(summary.targetsReached[0], summary.used)
        XCTAssertEqual(summary.targetsReached[1], summary.used)
        let table = PointTable(file: "-", xColumn: "x", yColumn: "y", groupColumns: [], groups: [PointGroup(x: x, y: y)])
        let report = try FitReport(table: table, request: FitRequest(models: [.offsetPower], bootstrap: 200, seed: 3, targets: [0.2005]))
        let text = try report.rendered(.table)
        let never = summary.used - summary.targetsReached[0]
        XCTAssertTrue(text.contains("\(never) of \(summary.used) resamples never reach y=0.2005"), text)
        XCTAssertTrue(try report.rendered(.csv).contains(",target,bootstrap_reached,0.2005,\(summary.targetsReached[0]),"))
    }

    /// The bootstrap is a function of the seed only; the group's stream changes the resamples.
    func testBootstrapIsReproducible() throws {
        var noise = GaussianNoise(seed: 5)
        let x = doublingGrid(from: 500, count: 10)
        let group = PointGroup(x: x, y: x.map { 0.9 - 3 * pow($0, -0.3) + noise.next(sigma: 0.002) })
        let request = FitRequest(models: [.offsetPower], bootstrap: 100, seed: 9)
        let table = PointTable(file: "-", xColumn: "x", yColumn: "y", groupColumns: [], groups: [group, group])
        let one = try FitReport(table: table, request: request), two = try FitReport(table: table, request: request)
        let a = one.groups[0].results[0].bootstrap!, b = two.groups[0].results[0].bootstrap!
        XCTAssertEqual(a.parameters, b.parameters)
        XCTAssertNotEqual(a.parameters, one.groups[1].results[0].bootstrap!.parameters)
        // The percentile interval brackets the estimate.
        let estimate = one.groups[0].results[0].parameters[2].estimate
        XCTAssertLessThan(a.parameters[2]!.lower, estimate)
        XCTAssertGreaterThan(a.parameters[2]!.upper, estimate)
    }

    /// --holdout-largest equals a manual refit without the largest x, predicted there.
    func testHoldoutLargestRefitsWithoutTheLargestX() throws {
        var noise = GaussianNoise(seed: 8)
        let x = doublingGrid(from: 1000, count: 6) + [32_000]  // two points at the largest x
        let y = x.map { 0.05 * pow($0, 0.35) * exp(noise.next(sigma: 0.03)) }
        let table = PointTable(file: "-", xColumn: "x", yColumn: "y", groupColumns: [], groups: [PointGroup(x: x, y: y)])
        let report = try FitReport(table: table, request: FitRequest(models: [.power], holdoutLargest: true))
        let holdout = try XCTUnwrap(report.groups[0].results[0].holdout)
        let manual = try PointGroup(x: Array(x[0..<5]), y: Array(y[0..<5])).fit(.power)
        XCTAssertEqual(holdout.x, 32_000)
        XCTAssertEqual(holdout.pointsUsed, 5)
        XCTAssertEqual(holdout.observed, (y[5] + y[6]) / 2, accuracy: 1e-15)
        XCTAssertEqual(holdout.prediction.value, manual.value(at: 32_000), accuracy: 1e-15)
        XCTAssertEqual(holdout.relativeError, (manual.value(at: 32_000) - holdout.observed) / holdout.observed, accuracy: 1e-15)
    }

    /// Under `all`, a model that cannot take the points is skipped with its reason; the rest are ranked.
    func testAllSkipsInapplicableModelsAndRanks() throws {
        let x = doublingGrid(from: 1000, count: 6)
        var noise = GaussianNoise(seed: 4)
        let group = PointGroup(x: x, y: x.map { 2 + 30 * pow($0, -0.5) + noise.next(sigma: 0.001) }, lines: Array(2...7), file: "p.csv")
        let table = PointTable(file: "p.csv", xColumn: "x", yColumn: "y", groupColumns: [], groups: [group])
        let report = try FitReport(table: table, request: FitRequest(models: ScalingModel.allCases, skipInapplicable: true))
        let g = report.groups[0]
        XCTAssertEqual(g.results.map(\.fit.model), [.power, .offsetPower])
        XCTAssertEqual(g.skipped.map(\.model), [.logitPower])
        XCTAssertEqual(g.skipped.first?.reason,
                       "p.csv:2: field 'y': y must be in (0, 1) for logit-power, found \(group.y[0]) (use --percent for percentages)")
        XCTAssertEqual(Set(g.results.map(\.aicRank)), [1, 2])
        XCTAssertEqual(g.results.map(\.deltaAIC).min(), 0)
        // y = 2 + 30 x^-0.5 is no pure power law: offset-power, which has the offset, wins on both criteria.
        let best = try XCTUnwrap(g.results.first { $0.fit.model == .offsetPower })
        XCTAssertEqual(best.aicRank, 1)
        XCTAssertEqual(best.bicRank, 1)
        XCTAssertGreaterThan(g.results[0].deltaAIC, 10)
    }
}
