import DataFiles
import Figures
import Foundation
import MathTasks
import ResultsSchema
import XCTest
@testable import Study

/// The registry of experiments (Sources/Study/Experiments) is the one place an experiment is declared: the presets,
/// the report and the figures come from it, and metrics.csv is written and read through one schema.
final class ExperimentRegistryTests: XCTestCase {
    /// All ten experiments on a tiny model, two pretraining seeds and two SFT seeds: every registered experiment
    /// has runs, so every report section and figure has rows.
    static let allExperiments = """
    {
      "name": "registry", "seed": 3, "models": ["d16L1"], "seeds": [1, 2],
      "pretrain": {"tokens": 20000, "batch": 4, "context": 352, "warmup_steps": 2, "seeds": [1, 2]},
      "sft": {"sizes": [0, 8, 16, 32], "epochs": 1, "batch": 4, "warmup_steps": 1},
      "data": {"pool_size": 32},
      "eval": {"test_size": 8, "samples": 2, "pass_at_k": [1], "regen_size": 4},
      "experiments": {
        "E1": {}, "E3": {}, "E4": {}, "E5": {},
        "E2": {"arms": [{"data": "real", "sizes": [8, 16]}, {"data": "synthetic", "sizes": [8, 16, 48]}]},
        "E6": {"data": "synthetic", "sizes": [16], "arms": [{"method": "numbers"}, {"method": "rephrase"}, {"method": "mixed"}]},
        "E7": {"data": "synthetic", "sizes": [16], "arms": [{"verified": false}, {"verified": true}]},
        "E8": {"sizes": [16], "eval_domains": ["gsm", "math"], "arms": [{"domain": "gsm"}, {"domain": "math"}, {"domain": "mix"}]},
        "E9": {"data": "synthetic", "sizes": [16], "lm_loss": true, "arms": [{"contaminate": 0}, {"contaminate": 8}]},
        "E10": {"sizes": [16], "arms": [{"resample": "uniform"}, {"resample": "long"}]}
      }
    }
    """

    var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    /// Losing, duplicating or reordering one of the paper's experiments, or pairing it with another's figure,
    /// fails here.
    func testRegistryHoldsThePapersExperimentsEachWithItsFigure() {
        XCTAssertEqual(Array(ExperimentRegistry.ids.prefix(10)), (1...10).map { "E\($0)" })
        XCTAssertEqual(Array(ExperimentRegistry.figures.map(\.id).prefix(10)), (1...10).map { "F\($0)" })
        XCTAssertEqual(Set(ExperimentRegistry.ids).count, ExperimentRegistry.ids.count)
        XCTAssertEqual(Set(ExperimentRegistry.figures.map { $0.id.lowercased() }).count, ExperimentRegistry.figures.count)
        for design in ExperimentRegistry.all {
            XCTAssertEqual(design.figure.experiment, design.id)
            XCTAssertFalse(design.title.isEmpty, design.id)
            XCTAssertFalse(design.paperFinding.isEmpty, design.id)
            XCTAssertTrue(ExperimentRegistry.design(design.id) == design)
        }
        XCTAssertEqual(ExperimentRegistry.figure(named: "f3")?.experiment, "E3")
        XCTAssertNil(ExperimentRegistry.figure(named: "F11"))
    }

    /// The presets are assembled from the experiments' own entries: the paper preset runs E1-E10, the quick one
    /// E1-E4, each under its own id.
    func testPresetsRunTheRegisteredExperiments() throws {
        let paper = try StudyConfig(parsing: Presets.paper, file: "paper")
        XCTAssertEqual(paper.experiments.map(\.id), (1...10).map { "E\($0)" })
        let quick = try StudyConfig(parsing: Presets.quick, file: "quick")
        XCTAssertEqual(quick.experiments.map(\.id), ["E1", "E2", "E3", "E4"])
        for design in ExperimentRegistry.all {
            for (preset, entry) in design.presets {
                XCTAssertTrue(entry.hasPrefix("    \"\(design.id)\": {"), "\(design.id) in \(preset): \(entry)")
                XCTAssertFalse(entry.hasSuffix(","), "\(design.id) in \(preset): the preset joins the entries")
            }
        }
    }

    /// Seeds are a dimension of each experiment's design: pretraining seeds per model size, SFT seeds per arm.
    func testTheRegistryCarriesSeeds() throws {
        func seeds(_ id: String, _ preset: Presets.Name) throws -> (pretrain: Set<[Int]>, sft: Set<[Int]>) {
            let design = try XCTUnwrap(try ExperimentRegistry.design(id, preset: preset), "\(id) in \(preset)")
            return (Set(design.arms.map(\.pretrainSeeds)), Set(design.arms.map(\.seeds)))
        }
        XCTAssertEqual(try seeds("E1", .paper).pretrain, [[1, 2, 3], [4]], "three bases per size, and the fourth's own arm")
        XCTAssertEqual(try seeds("E1", .paper).sft, [[1, 2]])
        for id in ["E2", "E7", "E10"] {
            XCTAssertEqual(try seeds(id, .paper).pretrain, [[1]], id)
            XCTAssertEqual(try seeds(id, .paper).sft, [[1, 2, 3]], id)
        }
        XCTAssertEqual(try seeds("E1", .quick).pretrain, [[1]])
        XCTAssertNil(try ExperimentRegistry.design("E5", preset: .quick))
        let plan = StudyPlan(config: try StudyConfig(parsing: Presets.paper, file: "paper"))
        XCTAssertEqual(Set(plan.runs.filter { $0.experiments.contains("E3") && $0.size > 0 }.map(\.base.pretrain.seed)), [1, 2, 3, 4])
    }

    /// A made-up result for every finished run: values that differ by size, seed and arm.
    static func record(_ run: RunSpec) -> RunRecord {
        let level = 0.2 + 0.1 * log2(Double(run.size) + 1) / 6 + 0.01 * Double(run.seed + run.base.pretrain.seed)
            + (run.verified ? 0.01 : 0) + (run.resample == .long ? 0.02 : 0) + (run.method == .synthesized(.numbers) ? -0.02 : 0)
        var metrics: [MetricValue] = []
        for domain in run.evalDomains {
            let a = level - (run.domain == .single(domain) ? 0 : 0.05)
            func add(_ m: MetricName, _ v: Double, interval: Bool = true) {
                metrics.append(MetricValue(evalDomain: domain.rawValue, metric: m.rawValue, value: v, ciLow: interval ? v - 0.05 : nil,
                                           ciHigh: interval ? v + 0.05 : nil, n: 8))
            }
            add(.greedyAccuracy, a)
            add(.passAtN, min(0.9, a + 0.4))
            add(.passRatioAtN, a - 0.02)
            for s in 1...4 { add(.accuracySteps(s), pow(a + 0.5, Double(s)) / 2) }
            add(.accStep, a + 0.5)
            add(.firstErrorPosition, a + 0.3)
            add(.calculationErrors, 10 - 10 * a, interval: false)
            add(.reasoningErrors, 8 - 5 * a, interval: false)
            add(.calculationErrorShare, 0.6 - a / 2)
            add(.reasoningErrorShare, 0.3 + a / 4)
            add(.formatErrorShare, 0.1 + a / 4)
            if run.lmLoss {
                let leak = run.contaminate > 0 ? 0.3 : 0.01
                add(.lmLossTestReference, 1.0)
                add(.lmLossTestRegenerated, 1.0 + leak)
                add(.lmLossTrainRegenerated, 0.9)
                add(.delta1, leak)
                add(.delta2, leak + 0.1)
            }
        }
        return RunRecord(hash: run.hash, status: .done, metrics: metrics, params: 5000,
                         extra: ["base_probe_units_digit": 0.95, "base_final_loss": 1.5])
    }

    func makeStudy() throws -> StudyDirectory { try ExperimentRegistryTests.makeStudy(path: directory + "/registry") }

    /// The all-experiments study at `path` with a made-up result for every run (no per-question records).
    static func makeStudy(path: String) throws -> StudyDirectory {
        let study = try StudyDirectory.create(path: path, configText: ExperimentRegistryTests.allExperiments,
                                              configFile: "registry.json", toolVersion: "test")
        for run in study.plan.runs {
            try FileManager.default.createDirectory(atPath: study.runDirectory(run.hash), withIntermediateDirectories: true)
            try study.writeResult(record(run))
        }
        try study.rebuildSummaries()
        return study
    }

    /// Study writes metrics.csv and Figures reads it back through the one schema: the header is the schema's, every
    /// typed value comes back, and every registered figure finds the columns and rows it draws.
    func testMetricsWrittenByStudyAreReadByFiguresThroughOneSchema() throws {
        let study = try makeStudy()
        let metrics = try StudyMetrics(path: study.metricsPath)
        XCTAssertEqual(metrics.header, MetricsColumn.header)
        XCTAssertEqual(metrics.header.last, "pretrain_seed")
        let written = study.plan.runs.flatMap { study.metricRows(run: $0, record: ExperimentRegistryTests.record($0)) }
        XCTAssertEqual(metrics.records.count, written.count)
        for (read, row) in zip(metrics.records, written) {
            for column in MetricsColumn.allCases { XCTAssertEqual(read[column], row[column], "\(column) of line \(read.line)") }
            XCTAssertEqual(read.metric, row.metric)
            XCTAssertEqual(try read.number(.dataSize), Double(row.dataSize))
            XCTAssertEqual(try read.number(.value), row.value, accuracy: 1e-15)
        }
        XCTAssertTrue(metrics.records.contains { $0[.dataKind] == "contaminated" })
        XCTAssertEqual(Set(metrics.records.map { $0[.pretrainSeed] }), ["1", "2"])
        for figure in ExperimentRegistry.figures {
            XCTAssertNoThrow(try figure.figure(from: metrics, intervals: StudyIntervals(data: ReportData(study: study))), figure.id)
        }
        XCTAssertEqual(metrics.records.first { $0.metric.isAccuracySteps }?.metric.steps, 1)
    }

    /// The report has a section for every registered experiment the study runs, each with its findings, in
    /// registry order; an experiment the registry does not know gets a table of its runs and no findings.
    func testReportHasASectionWithFindingsPerExperiment() throws {
        let study = try makeStudy()
        let report = Report.markdown(study, toolVersion: "test")
        var previous = report.startIndex
        for design in ExperimentRegistry.all {
            let heading = "## \(design.id): \(design.title)\n\nPaper: \(design.paperFinding)\n\n"
            guard let at = report.range(of: heading) else { XCTFail("no section for \(design.id)"); continue }
            XCTAssertGreaterThan(at.lowerBound, previous, design.id)
            previous = at.lowerBound
            XCTAssertTrue(report.contains("\n| \(design.id) | "), "\(design.id) has no finding in the summary")
        }
        XCTAssertFalse(report.contains("| not measured |"), report)

        let custom = ExperimentRegistryTests.allExperiments.replacingOccurrences(of: "\"E1\": {}", with: "\"mine\": {}")
        let other = try StudyDirectory.create(path: directory + "/custom", configText: custom, configFile: "custom.json", toolVersion: "test")
        for run in other.plan.runs where run.experiments.contains("mine") {
            try FileManager.default.createDirectory(atPath: other.runDirectory(run.hash), withIntermediateDirectories: true)
            try other.writeResult(ExperimentRegistryTests.record(run))
        }
        let text = Report.markdown(other, toolVersion: "test")
        XCTAssertTrue(text.contains("## mine\n\n| run | SFT size | greedy |"), text)
        XCTAssertFalse(text.contains("\n| mine | "), "no findings for an unknown experiment")
    }

    /// E6 picks the weakest and the best synthesis method by point estimate; a tie goes to the method earlier in
    /// the paper's order, whatever order the dictionary of values comes in (Swift seeds it afresh per process).
    func testSynthesisMethodTiesGoToThePapersOrder() {
        let values: [DataMethod: Double] = [.synthesized(.rephrase): 0.40, .synthesized(.background): 0.40,
                                            .synthesized(.numbers): 0.55, .synthesized(.constraint): 0.55, .mixed: 0.60]
        let ordered = E6SynthesisMethods.inPaperOrder(values)
        XCTAssertEqual(ordered.map(\.method.rawValue), ["numbers", "background", "constraint", "rephrase", "mixed"])
        XCTAssertEqual(E6SynthesisMethods.weakest(ordered)?.method, .synthesized(.background))
        XCTAssertEqual(E6SynthesisMethods.best(ordered.filter { $0.method != .mixed })?.method, .synthesized(.numbers))
        XCTAssertEqual(E6SynthesisMethods.best(ordered)?.method, .mixed)
        XCTAssertNil(E6SynthesisMethods.weakest([]))
    }

    /// The typed metric names: `accuracy_steps_<s>` carries its s and sorts by it.
    func testMetricNamesCarryTheirSteps() {
        XCTAssertEqual(MetricName.accuracySteps(4).rawValue, "accuracy_steps_4")
        XCTAssertEqual(MetricName(rawValue: "accuracy_steps_12").steps, 12)
        XCTAssertNil(MetricName(rawValue: "accuracy_steps_0").steps)
        XCTAssertTrue(MetricName(rawValue: "accuracy_steps_x").isAccuracySteps)
        XCTAssertNil(MetricName.greedyAccuracy.steps)
        XCTAssertEqual([MetricName.accuracySteps(10), .accuracySteps(2), .accuracySteps(1)].sorted().map(\.steps), [1, 2, 10])
    }

    /// docs/experiments.md shows the whole E7 file as the example, and its config entry for an eleventh
    /// experiment plans: neither can drift from the code.
    func testHowToAddAnExperimentShowsRealCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/experiments.md"), encoding: .utf8)
        func block(_ language: String) throws -> String {
            let start = try XCTUnwrap(doc.range(of: "```\(language)\n"), "no \(language) block")
            let end = try XCTUnwrap(doc.range(of: "```\n", range: start.upperBound..<doc.endIndex))
            return String(doc[start.upperBound..<end.lowerBound])
        }
        let e7 = try String(contentsOf: root.appendingPathComponent("Sources/Study/Experiments/E7Verification.swift"), encoding: .utf8)
        XCTAssertEqual(try block("swift"), e7)

        let entry = try block("json").trimmingCharacters(in: .whitespacesAndNewlines)
        let config = Presets.paper.replacingOccurrences(of: "  \"experiments\": {\n", with: "  \"experiments\": {\n    \(entry),\n")
        let plan = StudyPlan(config: try StudyConfig(parsing: config, file: "docs/experiments.md"))
        let mine = plan.runs(only: ["E11"])
        XCTAssertEqual(mine.count, 24, "2 arms x 2 sizes x 2 SFT seeds x the preset's 3 pretraining seeds")
        XCTAssertEqual(Set(mine.map(\.verified)), [false, true])
        XCTAssertEqual(mine.first { $0.experiments.count > 1 }?.experiments, ["E2", "E6", "E7", "E9", "E11"],
                       "a run other experiments also ask for is planned once, tagged with all")
        XCTAssertNil(ExperimentRegistry.design("E11"), "a config entry alone runs; the report lists its runs without findings")
    }
}
