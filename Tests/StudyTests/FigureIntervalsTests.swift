import DataFiles
import Figures
import Fits
import Foundation
import ResultsSchema
import XCTest
@testable import Study

/// The figures' intervals are the report's: one nested bootstrap (`ReportData.bootstrap`) over the runs behind a
/// point, with their per-question records; each pretraining seed's own mean is drawn behind a point exactly when it
/// rests on two or more pretraining seeds.
final class FigureIntervalsTests: XCTestCase {
    /// `experiment` (E1 unless given) on a tiny model at the SFT sizes given (0, 8, 16 unless given) with two SFT
    /// seeds, on the pretraining seeds given.
    static func config(pretrainSeeds: [Int], experiment: String = "E1", sizes: [Int] = [0, 8, 16]) -> String {
        """
        {
          "name": "bands", "seed": 3, "models": ["d16L1"], "seeds": [1, 2],
          "pretrain": {"tokens": 20000, "batch": 4, "context": 352, "warmup_steps": 2, "seeds": \(pretrainSeeds)},
          "sft": {"sizes": \(sizes), "epochs": 1, "batch": 4, "warmup_steps": 1},
          "data": {"pool_size": 32},
          "eval": {"test_size": 8, "samples": 2, "pass_at_k": [1], "regen_size": 4},
          "experiments": {"\(experiment)": {}}
        }
        """
    }

    var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bands-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    /// A finished study whose runs have per-question records (8 questions, 2 samples each) that differ by pretraining
    /// seed, SFT seed and size, and results that agree with them, so the report uses the questions.
    func makeStudy(pretrainSeeds: [Int], experiment: String = "E1", sizes: [Int] = [0, 8, 16]) throws -> StudyDirectory {
        let config = FigureIntervalsTests.config(pretrainSeeds: pretrainSeeds, experiment: experiment, sizes: sizes)
        let study = try StudyDirectory.create(path: directory + "/\(experiment)-p\(pretrainSeeds.count)", configText: config,
                                              configFile: "bands.json", toolVersion: "test")
        for run in study.plan.runs {
            try FileManager.default.createDirectory(atPath: study.runDirectory(run.hash), withIntermediateDirectories: true)
            var lines: [String] = [], greedy = 0.0, pass = 0.0, ratio = 0.0
            for q in 0..<8 {
                // The pretraining seed moves accuracy far more than the SFT seed (as in issue 15).
                let score = (q * 7 + run.seed * 3 + run.base.pretrain.seed * 11 + run.size / 4) % 10
                let right = score < 3 + run.size / 4, correct = score < 8 ? (right ? 2 : 1) : 0
                greedy += right ? 1 : 0
                pass += correct > 0 ? 1 : 0
                ratio += Double(correct) / 2
                let errors = correct == 2 ? #"["",""]"# : correct == 1 ? #"["","calculation"]"# : #"["reasoning","calculation"]"#
                let wrong = correct == 2 ? "[0,0]" : correct == 1 ? "[0,1]" : "[1,1]"
                lines.append(#"{"eval_domain":"gsm","steps":\#(1 + q % 4),"samples":2,"correct":\#(correct),"greedy_correct":\#(right),"#
                             + #""sample_errors":\#(errors),"sample_first_wrong_step":\#(wrong),"sample_first_error_position":\#(wrong)}"#)
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: study.questionsPath(run.hash), atomically: true, encoding: .utf8)
            let metrics = [(MetricName.greedyAccuracy, greedy / 8), (.passAtN, pass / 8), (.passRatioAtN, ratio / 8)].map { metric, value in
                MetricValue(evalDomain: "gsm", metric: metric.rawValue, value: value, ciLow: value - 0.1, ciHigh: value + 0.1, n: 8)
            }
            try study.writeResult(RunRecord(hash: run.hash, status: .done, metrics: metrics, params: 5000, extra: [:]))
        }
        try study.rebuildSummaries()
        return study
    }

    /// The points of F1's series titled `title` (the means, drawn on top of their seeds' pale lines).
    func series(_ figure: Figure, _ title: String) throws -> [Points.Point] {
        let points = figure.panels[0].layers.compactMap { layer -> Points? in
            if case .points(let p) = layer, p.title == title { return p } else { return nil }
        }
        return try XCTUnwrap(points.first, "no series \(title)").points.sorted { $0.x < $1.x }
    }

    /// The pale layers (each pretraining seed's own means) of a figure's first panel.
    func paleLayers(_ figure: Figure) -> [Points] {
        figure.panels[0].layers.compactMap { layer in
            if case .points(let p) = layer, p.title == nil, p.style.weight < 1 { return p } else { return nil }
        }
    }

    /// On two pretraining seeds, every point of F1 has the interval `scaling report` gives for the same runs and metric
    /// (per-question records, nested bootstrap), its value is the report's, and each seed's own means are drawn pale.
    func testFigureIntervalsAreTheReportsOnTwoPretrainingSeeds() throws {
        let study = try makeStudy(pretrainSeeds: [1, 2])
        // FIGURES_KEEP=DIR keeps the study (DIR/bands-two-seeds) to look at with `scaling plot`.
        if let keep = ProcessInfo.processInfo.environment["FIGURES_KEEP"] { try FileManager.default.copyItem(atPath: study.path, toPath: keep + "/bands-two-seeds") }
        let data = ReportData(study: study)
        let figure = try E1PassCurves.figure.figure(from: try StudyMetrics(path: study.metricsPath), intervals: try StudyIntervals(studyDirectory: study.path))
        let greedy = try series(figure, "greedy accuracy")
        let scale = SizeScale([0, 8, 16])
        for size in [0, 8, 16] {
            let report = try XCTUnwrap(data.measure(.greedyAccuracy, in: data.runs("E1") { $0.size == size }))
            XCTAssertEqual(report.interval.questions, 8, "the report used the per-question records")
            XCTAssertEqual(report.interval.pretrainSeeds, 2)
            let point = try XCTUnwrap(greedy.first { abs($0.x / scale.x(Double(size)) - 1) < 0.1 }, "size \(size)")
            XCTAssertEqual(point.y, report.value * 100, accuracy: 1e-9, "size \(size)")
            XCTAssertEqual(try XCTUnwrap(point.low), report.low * 100, accuracy: 1e-12, "size \(size)")
            XCTAssertEqual(try XCTUnwrap(point.high), report.high * 100, accuracy: 1e-12, "size \(size)")
            XCTAssertGreaterThan(report.high - report.low, 0.1, "seeds that differ widen the interval")
        }
        // Two pretraining seeds: one pale line per seed behind each of the three metrics, through that seed's means.
        let pale = paleLayers(figure)
        XCTAssertEqual(pale.count, 6)
        XCTAssertTrue(pale.allSatisfy { $0.connected && $0.points.count == 3 && !$0.hasIntervals })
        let seedOne = data.runs("E1") { $0.size == 16 && $0.base.pretrain.seed == 1 }
        let mean = seedOne.map { $0.record.metrics.first { $0.metric == "greedy_accuracy" }!.value }.reduce(0, +) / Double(seedOne.count)
        XCTAssertEqual(seedOne.count, 2)
        XCTAssertEqual(pale[4].points.max { $0.x < $1.x }!.y, mean * 100, accuracy: 1e-9, "greedy's first pale line is seed 1's mean")
        XCTAssertEqual(figure.note, "error bars: 95% interval (nested bootstrap: pretraining seeds, SFT seeds, test questions); pale: each pretraining seed's mean")
    }

    /// On one pretraining seed no pale lines are drawn, and the caption says the bars rest on one pretraining seed.
    func testNoSeedLinesOnOnePretrainingSeed() throws {
        let study = try makeStudy(pretrainSeeds: [1])
        let data = ReportData(study: study)
        let figure = try E1PassCurves.figure.figure(from: try StudyMetrics(path: study.metricsPath), intervals: StudyIntervals(data: data))
        XCTAssertEqual(paleLayers(figure).count, 0)
        // The base model (size 0) has no SFT seed: its points rest on one seed.
        XCTAssertEqual(figure.note, "error bars: 95% interval (nested bootstrap: SFT seeds, test questions); 1 pretraining seed; "
                           + "3 of 9 points on 1 seed (test questions only)")
        let report = try XCTUnwrap(data.measure(.passRatioAtN, in: data.runs("E1") { $0.size == 8 }))
        let point = try series(figure, "PassRatio\\@N (share of samples right)")[1]
        XCTAssertEqual(try XCTUnwrap(point.low), report.low * 100, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(point.high), report.high * 100, accuracy: 1e-12)
    }

    /// A metrics.csv without its study (no config.json) enters the bootstrap as the report enters runs without
    /// per-question records: each row's value with its own interval, under its seeds. On the registry's all-experiments
    /// study (made-up results, two pretraining and two SFT seeds, no per-question records) both give the same intervals.
    func testRowsAloneGiveTheReportsIntervalsForRunsWithoutQuestions() throws {
        let study = try ExperimentRegistryTests.makeStudy(path: directory + "/registry")
        if let keep = ProcessInfo.processInfo.environment["FIGURES_KEEP"] { try FileManager.default.copyItem(atPath: study.path, toPath: keep + "/registry") }
        let rows = try StudyMetrics(path: study.metricsPath).experiment("E3", columns: [.dataSize]).metric(.greedyAccuracy)
            .filter { $0[.dataSize] == "16" }
        XCTAssertEqual(Set(rows.map { $0[.pretrainSeed] }), ["1", "2"])
        let alone = try XCTUnwrap(try StudyIntervals(data: nil).interval(rows))
        let withStudy = try XCTUnwrap(try StudyIntervals(data: ReportData(study: study)).interval(rows))
        XCTAssertEqual(alone, withStudy)
        XCTAssertEqual(alone.pretrainSeeds, 2)
        XCTAssertEqual(alone.questions, 0)
    }

    /// The power law of E3 has one home: the report's exponent of the error rate and the F3 legend's are the same fit
    /// through the seed means, with the same percentile interval from refitting on every resample of the nested
    /// bootstrap; the interval is not the residual t interval of a fit through three means.
    func testReportAndFigureShareOneResampledPowerLaw() throws {
        let study = try makeStudy(pretrainSeeds: [1, 2], experiment: "E3", sizes: [0, 4, 8, 12])
        let data = ReportData(study: study)
        let series = ReportData.sizes(data.runs("E3") { $0.size > 0 })
        XCTAssertEqual(series.map(\.size), [4, 8, 12])
        let report = try XCTUnwrap(data.errorExponent(series))
        XCTAssertEqual(report.interval.pretrainSeeds, 2)
        XCTAssertEqual(report.interval.questions, 8)
        XCTAssertLessThan(report.interval.low, report.value)
        XCTAssertGreaterThan(report.interval.high, report.value)

        // The same value by hand: OLS of ln(1 - mean accuracy) on ln(size), means over seeds as the report takes them.
        let means = try series.map { g in try XCTUnwrap(data.measure(.greedyAccuracy, in: g.runs)).value }
        let lx: [Double] = series.map { log(Double($0.size)) }, ly: [Double] = means.map { log(1 - $0) }
        let mx: Double = lx.reduce(0, +) / 3, my: Double = ly.reduce(0, +) / 3
        var sxy = 0.0, sxx = 0.0
        for i in 0..<3 {
            sxy += (lx[i] - mx) * (ly[i] - my)
            sxx += (lx[i] - mx) * (lx[i] - mx)
        }
        let slope = sxy / sxx
        XCTAssertEqual(report.value, slope, accuracy: 1e-9)
        let tFit = try PointGroup(x: series.map { Double($0.size) }, y: means.map { 1 - $0 }).fit(.power).parameters()[1]
        XCTAssertNotEqual(report.interval.low, tFit.interval.lower, "the interval is the bootstrap's, not the t interval")

        let figure = try E3ModelSize.figure.figure(from: try StudyMetrics(path: study.metricsPath), intervals: StudyIntervals(data: data))
        let titles = figure.panels[0].layers.compactMap { layer -> String? in
            if case .points(let p) = layer, let t = p.title, t.contains("N^{") { return t } else { return nil }
        }
        XCTAssertEqual(titles.count, 1)
        let expected = String(format: "error ∝ N^{%.3f} (95%% CI %.3f to %.3f)", report.value, report.interval.low, report.interval.high)
        XCTAssertTrue(titles[0].hasSuffix(expected), "\(titles[0]) should end with \(expected)")
        let bands = figure.panels[0].layers.filter { if case .band = $0 { return true } else { return false } }
        XCTAssertEqual(bands.count, 1, "three sizes of resampled means draw a band")
    }
}
