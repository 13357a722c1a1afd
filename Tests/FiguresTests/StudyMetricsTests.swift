import DataFiles
import Foundation
import XCTest
@testable import Figures
import Fits
import ResultsSchema

final class StudyMetricsTests: XCTestCase {
    static let header = MetricsColumn.header.joined(separator: ",")

    func metrics(_ lines: [String], header: String = StudyMetricsTests.header) throws -> StudyMetrics {
        let dir = try ImageCheck.temporaryDirectory()
        try ([header] + lines).joined(separator: "\n").write(toFile: dir + "/metrics.csv", atomically: true, encoding: .utf8)
        return try StudyMetrics(path: dir + "/metrics.csv")
    }

    /// Intervals come from Study's nested bootstrap; here, to see which rows a point's interval is asked for, the
    /// lowest ci_low to the highest ci_high of them.
    final class RowRange: FigureIntervals {
        var asked: [[Int]] = []
        func interval(_ rows: [MetricRecord]) throws -> SeedInterval? {
            asked.append(rows.map(\.line))
            let lows = try rows.compactMap { try $0.optionalNumber(.ciLow) }, highs = try rows.compactMap { try $0.optionalNumber(.ciHigh) }
            guard let low = lows.min(), let high = highs.max() else { return nil }
            return SeedInterval(low: low, high: high, pretrainSeeds: 1, sftSeeds: rows.count, questions: 200)
        }
        /// The fit through each group's mean, without resamples (its band is the curve itself).
        func fit(_ model: ScalingModel, _ groups: [(x: Double, rows: [MetricRecord])], transform: (Double) -> Double) throws -> ResampledFit {
            let means = try groups.map { g in transform(try g.rows.map { try $0.number(.value) }.reduce(0, +) / Double(g.rows.count)) }
            return try ResampledFit(model, PointGroup(x: groups.map(\.x), y: means), resampledY: [])
        }
    }

    /// A point is the mean over pretraining seeds of each seed's mean over its SFT seeds (the report's value, not the
    /// mean of all runs), it keeps each pretraining seed's own mean, and its interval is asked for its rows only.
    func testMeasurementsAverageSFTSeedsThenPretrainingSeeds() throws {
        let m = try metrics([
            "s,E1,r1,d64L2,128000,1,real,real,gsm,gsm,false,uniform,64,1,greedy_accuracy,0.2,0.1,0.3,200,1",
            "s,E1,r2,d64L2,128000,1,real,real,gsm,gsm,false,uniform,64,2,greedy_accuracy,0.4,0.3,0.5,200,1",
            "s,E1,r3,d64L2,128000,1,real,real,gsm,gsm,false,uniform,64,1,greedy_accuracy,0.9,0.8,0.95,200,2",
            "s,E1,r4,d64L2,128000,1,real,real,gsm,gsm,false,uniform,256,1,greedy_accuracy,0.5,,,200,1",
        ])
        let rows = try m.experiment("E1", columns: [.dataSize])
        let intervals = RowRange()
        let measured = try rows.metric(.greedyAccuracy).measurements(by: { try $0.number(.dataSize) }, intervals: intervals)
        XCTAssertEqual(measured.map(\.key), [64, 256])
        XCTAssertEqual(intervals.asked, [[2, 3, 4], [5]])
        XCTAssertEqual(measured[0].value.value, (0.3 + 0.9) / 2, accuracy: 1e-12, "not the mean of the three runs, 0.5")
        XCTAssertEqual(measured[0].value.seeds.map(\.seed), [1, 2])
        XCTAssertEqual(measured[0].value.seeds[0].value, 0.3, accuracy: 1e-12)
        XCTAssertEqual(measured[0].value.seeds[1].value, 0.9, accuracy: 1e-12)
        XCTAssertEqual(measured[0].value.low, 0.1)
        XCTAssertEqual(measured[0].value.high, 0.95)
        XCTAssertEqual(measured[0].value.count, 3)
        XCTAssertFalse(measured[0].value.isSingleSeed)
        XCTAssertEqual(measured[1].value.value, 0.5)
        XCTAssertNil(measured[1].value.low)
        XCTAssertTrue(measured[1].value.isSingleSeed)
        // Each pretraining seed's own mean, drawn behind the point, only with two or more seeds.
        XCTAssertEqual(measured[0].value.seedPoints(x: 64).map(\.point.y)[0], 30, accuracy: 1e-12)
        XCTAssertEqual(measured[0].value.seedPoints(x: 64).map(\.point.y)[1], 90, accuracy: 1e-12)
        XCTAssertEqual(measured[1].value.seedPoints(x: 256).count, 0)
    }

    /// The caption line says what the error bars cover, from the seeds and questions behind the points.
    func testIntervalNoteSaysWhatTheBarsCover() {
        func point(_ p: Int, _ s: Int, questions: Int = 800) -> Figures.Measurement {
            Figures.Measurement(value: 0.5, low: 0.4, high: 0.6, count: p * s, seeds: (1...p).map { SeedMean(seed: $0, value: 0.5) },
                        interval: SeedInterval(low: 0.4, high: 0.6, pretrainSeeds: p, sftSeeds: s, questions: questions))
        }
        XCTAssertEqual(IntervalNote.text([point(3, 2), point(3, 2)]),
                       "error bars: 95% interval (nested bootstrap: pretraining seeds, SFT seeds, test questions); pale: each pretraining seed's mean")
        XCTAssertEqual(IntervalNote.text([point(1, 1), point(1, 1)]), "error bars: 95% interval over test questions only (1 seed per point)")
        XCTAssertEqual(IntervalNote.text([point(1, 3)]), "error bars: 95% interval (nested bootstrap: SFT seeds, test questions); 1 pretraining seed")
        XCTAssertEqual(IntervalNote.text([point(2, 1), point(1, 1), point(2, 1, questions: 0)], estimates: "each run's fit interval"),
                       "error bars: 95% interval (nested bootstrap: pretraining seeds, test questions, each run's fit interval); "
                           + "1 of 3 points on 1 seed (each run's fit interval only); pale: each pretraining seed's mean")
        XCTAssertNil(IntervalNote.text([Figures.Measurement(value: 1, low: nil, high: nil, count: 1, seeds: [], interval: nil)]))
        XCTAssertEqual(IntervalNote.mark("real", series: [point(1, 1)], figure: [point(1, 1), point(3, 2)]), "real (1 seed)")
        XCTAssertEqual(IntervalNote.mark("real", series: [point(1, 1)], figure: [point(1, 1)]), "real", "the caption says it once")
    }

    /// An undefined value ("nan") is left out; an empty one is an error naming the line.
    func testUndefinedValuesAreLeftOut() throws {
        let m = try metrics([
            "s,E5,r1,d64L2,,1,real,real,gsm,gsm,false,uniform,64,1,calc_error_share,nan,nan,nan,200,1",
            "s,E5,r2,d64L2,,1,real,real,gsm,gsm,false,uniform,64,2,calc_error_share,0.5,0.4,nan,200,1",
            "s,E5,r3,d64L2,,1,real,real,gsm,gsm,false,uniform,256,1,calc_error_share,,,,200,1",
        ])
        let rows = try m.experiment("E5", columns: [])
        let measured = try Array(rows.prefix(2)).measurements(by: { try $0.number(.dataSize) }, intervals: RowRange())
        XCTAssertEqual(measured.count, 1)
        XCTAssertEqual(measured[0].value.value, 0.5)
        XCTAssertNil(measured[0].value.low, "no interval without both ends")
        XCTAssertThrowsError(try rows.measurements(by: { try $0.number(.dataSize) }, intervals: RowRange())) { error in
            XCTAssertEqual("\(error)", "\(m.file):4: field 'value': missing value")
        }
    }

    func testBadNumberNamesFileLineAndColumn() throws {
        let m = try metrics(["s,E1,r1,d64L2,128000,1,real,real,gsm,gsm,false,uniform,64,1,greedy_accuracy,abc,,,200,1"])
        let rows = try m.experiment("E1", columns: [])
        XCTAssertThrowsError(try rows.measurements(by: { $0.metric.rawValue }, intervals: RowRange())) { error in
            XCTAssertEqual("\(error)", "\(m.file):2: field 'value': not a finite number: 'abc'")
        }
    }

    func testMissingColumnAndExperimentAreNamed() throws {
        let m = try metrics(["s,E1,r1,d64L2,128000,1,real,real,gsm,gsm,false,64,1,greedy_accuracy,0.5,,,200,1"],
                            header: MetricsColumn.header.filter { $0 != "resample" }.joined(separator: ","))
        XCTAssertThrowsError(try m.experiment("E1", columns: [.resample])) { error in
            XCTAssertEqual("\(error)", "\(m.file):1: no column 'resample' (needed for experiment E1)")
        }
        XCTAssertThrowsError(try m.experiment("E7", columns: [])) { error in
            XCTAssertEqual("\(error)", "\(m.file): no rows for experiment E7 (experiments present: E1)")
        }
    }

    /// A run shared with the cross-domain experiment is evaluated on both domains; figures other than F8 keep
    /// the in-domain rows, and the base model (domain none) and the mix keep the main domain.
    func testInDomainRows() throws {
        let m = try metrics([
            "s,E1,r0,d64L2,128000,1,none,none,none,gsm,false,uniform,0,1,greedy_accuracy,0.1,,,200,1",
            "s,E1,r0,d64L2,128000,1,none,none,none,math,false,uniform,0,1,greedy_accuracy,0.05,,,200,1",
            "s,E1,r1,d64L2,128000,1,real,real,gsm,gsm,false,uniform,64,1,greedy_accuracy,0.5,,,200,1",
            "s,E1,r1,d64L2,128000,1,real,real,gsm,math,false,uniform,64,1,greedy_accuracy,0.2,,,200,1",
            "s,E1,r2,d64L2,128000,1,real,real,math,math,false,uniform,64,1,greedy_accuracy,0.3,,,200,1",
            "s,E1,r3,d64L2,128000,1,real,real,mix,math,false,uniform,64,1,greedy_accuracy,0.3,,,200,1",
            "s,E1,r3,d64L2,128000,1,real,real,mix,gsm,false,uniform,64,1,greedy_accuracy,0.4,,,200,1",
        ])
        let kept = try m.experiment("E1", columns: []).evaluatedInDomain()
        XCTAssertEqual(kept.map { "\($0[.run])/\($0[.evalDomain])" }, ["r0/gsm", "r1/gsm", "r2/math", "r3/gsm"])
    }
}
