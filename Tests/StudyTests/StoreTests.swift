import DataFiles
import Foundation
import XCTest
@testable import Study

final class StoreTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func makeStudy() throws -> StudyDirectory {
        try StudyDirectory.create(path: directory + "/tiny", configText: tinyConfig, configFile: "tiny.json", toolVersion: "test")
    }

    func record(_ hash: String, accuracy: Double) -> RunRecord {
        RunRecord(hash: hash, status: .done,
                  metrics: [MetricValue(evalDomain: "gsm", metric: "greedy_accuracy", value: accuracy, ciLow: accuracy - 0.1, ciHigh: accuracy + 0.1, n: 8),
                            MetricValue(evalDomain: "gsm", metric: "pass_at_n", value: 0.875, n: 8)],
                  params: 1234, timings: ["total": 1.5], extra: ["note": "x"])
    }

    func testRecordRoundTripAndCorruptionIsDetected() throws {
        let line = try record("abc", accuracy: 0.25).line()
        let back = try RunRecord(line: line, file: "r.json")
        XCTAssertEqual(back.metrics, record("abc", accuracy: 0.25).metrics)
        XCTAssertEqual(back.params, 1234)
        XCTAssertEqual(back.extra["note"] as? String, "x")
        XCTAssertEqual(try back.line(), line, "stable serialization")
        // A changed number, a truncated line, a missing checksum: all rejected with the file and line.
        XCTAssertThrowsError(try RunRecord(line: line.replacingOccurrences(of: "0.25", with: "0.35"), file: "r.json", line: 4)) {
            XCTAssertEqual("\($0)", "r.json:4: corrupted result record: checksum mismatch")
        }
        XCTAssertThrowsError(try RunRecord(line: String(line.prefix(line.count / 2)), file: "r.json")) {
            XCTAssertEqual("\($0)", "r.json:1: malformed JSON")
        }
        XCTAssertThrowsError(try RunRecord(line: "{\"hash\": \"abc\"}", file: "r.json")) {
            XCTAssertTrue("\($0)".contains("field 'sha256'"))
        }
    }

    /// A value Foundation reads back as an NSDecimalNumber and re-serializes differently (1.3860014354987122e-05
    /// becomes 0.000013860014354987122) still passes its checksum, with the same value: this once marked a
    /// finished E9 run as corrupt.
    func testChecksumSurvivesNumbersFoundationRewrites() throws {
        let tiny = 1.3860014354987122e-05
        let written = RunRecord(hash: "e9", status: .done,
                                metrics: [MetricValue(evalDomain: "gsm", metric: "delta1", value: -0.0006741303284412512, ciLow: -0.0013621206712374895,
                                                      ciHigh: tiny, n: 200)])
        let line = try written.line()
        XCTAssertTrue(line.contains("e-05"), line)
        let back = try RunRecord(line: line, file: "r.json")
        XCTAssertEqual(back.metrics, written.metrics)
        XCTAssertEqual(try RunRecord(line: try back.line(), file: "r.json").metrics, written.metrics)
        XCTAssertThrowsError(try RunRecord(line: line.replacingOccurrences(of: "e-05", with: "e-06"), file: "r.json")) {
            XCTAssertEqual("\($0)", "r.json:1: corrupted result record: checksum mismatch")
        }
    }

    func testStudyDirectoryStatesAndSummaries() throws {
        let study = try makeStudy()
        XCTAssertEqual(try String(contentsOfFile: study.configPath, encoding: .utf8), tinyConfig + "\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/tiny/study.json"))
        // Reopening with the same config (other formatting) works; another config is refused.
        XCTAssertNoThrow(try StudyDirectory.create(path: directory + "/tiny", configText: tinyConfig.replacingOccurrences(of: "\n", with: ""),
                                                   configFile: "again.json", toolVersion: "test"))
        XCTAssertThrowsError(try StudyDirectory.create(path: directory + "/tiny", configText: tinyConfig(replacing: "\"seed\": 3", with: "\"seed\": 4"),
                                                       configFile: "other.json", toolVersion: "test")) {
            XCTAssertTrue("\($0)".contains("holds a different study config"), "\($0)")
        }

        let runs = study.plan.runs
        let (a, b, c) = (runs[1], runs[2], runs[3])
        XCTAssertEqual(study.state(of: a.hash).name, "pending")
        for r in [a, b, c] { try FileManager.default.createDirectory(atPath: study.runDirectory(r.hash), withIntermediateDirectories: true) }
        try study.writeResult(record(a.hash, accuracy: 0.5))
        try study.writeResult(RunRecord(hash: b.hash, status: .failed, reason: "loss diverged (NaN at step 3)"))
        try FileIO.writeAtomically(try record(c.hash, accuracy: 0.5).line().replacingOccurrences(of: "0.875", with: "0.975"), to: study.resultPath(c.hash))
        XCTAssertEqual(study.state(of: a.hash).name, "done")
        XCTAssertEqual(study.state(of: b.hash).name, "failed")
        guard case .corrupt(let why) = study.state(of: c.hash) else { return XCTFail("corrupt result not detected") }
        XCTAssertTrue(why.contains("checksum mismatch"), why)
        // A result written under another run's directory is not taken for this run.
        try FileIO.writeAtomically(try record(a.hash, accuracy: 0.5).line(), to: study.resultPath(runs[4].hash))
        XCTAssertEqual(study.state(of: runs[4].hash).name, "corrupt")

        try study.rebuildSummaries()
        let csv = try CSVTable(parsing: try FileIO.readText(study.metricsPath), file: study.metricsPath)
        XCTAssertEqual(csv.header, StudyDirectory.metricsHeader)
        // Run a serves E1 and E2: 2 experiments x 2 metrics; failed and corrupt runs give no rows.
        XCTAssertEqual(a.experiments, ["E1", "E2"])
        XCTAssertEqual(csv.rows.count, 4)
        let first = Dictionary(uniqueKeysWithValues: zip(csv.header, csv.rows[0].fields))
        XCTAssertEqual(first["study"], "tiny")
        XCTAssertEqual(first["experiment"], "E1")
        XCTAssertEqual(first["run"], a.hash)
        XCTAssertEqual(first["model_size"], "d16L1")
        XCTAssertEqual(first["params"], "1234")
        XCTAssertEqual(first["pretrain_tokens"], "20000")
        XCTAssertEqual(first["data_kind"], "real")
        XCTAssertEqual(first["data_size"], String(a.size))
        XCTAssertEqual(first["metric"], "greedy_accuracy")
        XCTAssertEqual(first["value"], "0.5")
        XCTAssertEqual(first["ci_low"], "0.4")
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: zip(csv.header, csv.rows[1].fields))["ci_low"], "", "no interval: empty")
        let lines = try JSONLines(parsing: try FileIO.readText(study.runsJSONLPath), file: study.runsJSONLPath)
        XCTAssertEqual(lines.records.map { $0.object["status"] as? String }, ["done", "failed"])
        for (i, r) in lines.records.enumerated() {
            XCTAssertNoThrow(try RunRecord(line: try JSONLines.line(r.object), file: "runs.jsonl", line: i + 1), "summary lines carry valid checksums")
        }
        XCTAssertTrue(PlanText.status(study, runs: runs).contains("loss diverged (NaN at step 3)"))
    }

    func testBaseCheckpointChecksum() throws {
        let study = try makeStudy()
        let store = BaseStore(directory: study.basesPath)
        XCTAssertEqual(study.basesPath, directory + "/bases", "bases live next to the study by default")
        let base = study.plan.bases[0]
        XCTAssertEqual(store.state(base), .missing)
        try FileIO.writeAtomically(Data([1, 2, 3, 4]), to: store.checkpointPath(base.hash))
        guard case .invalid = store.state(base) else { return XCTFail("a checkpoint without sidecar must not be used") }
        try store.seal(base, command: "scaling sweep", extra: ["probe_units_digit": 0.9])
        XCTAssertEqual(store.state(base), .valid)
        XCTAssertEqual(store.info(base)?["probe_units_digit"] as? Double, 0.9)
        try FileIO.writeAtomically(Data([1, 2, 3, 5]), to: store.checkpointPath(base.hash))
        guard case .invalid(let why) = store.state(base) else { return XCTFail("a changed checkpoint must be detected") }
        XCTAssertTrue(why.contains("checksum mismatch"), why)
    }

    func testFileLockIsExclusiveAndReleased() throws {
        let path = directory + "/x.lock"
        var lock = try FileLock(path: path)
        XCTAssertNotNil(lock)
        XCTAssertTrue(FileLock.isHeld(path: path))
        lock = nil
        XCTAssertFalse(FileLock.isHeld(path: path))
        XCTAssertFalse(FileLock.isHeld(path: directory + "/never-created.lock"))
    }
}
