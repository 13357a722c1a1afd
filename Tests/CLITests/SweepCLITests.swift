import Foundation
import XCTest

/// `scaling sweep`, `sweep status`, `sweep run` and `report` end to end.
final class SweepCLITests: XCTestCase {
    func testDryRunPrintsThePlanWithoutWriting() throws {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["sweep", "--preset", "paper", "--dry-run", "--only", "E3"], in: dir)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("study paper:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("d96L2"), result.stdout)
        XCTAssertTrue(result.stdout.contains("TFLOP"), result.stdout)
        XCTAssertTrue(result.stdout.contains("total:"), result.stdout)
        XCTAssertFalse(result.stdout.contains("E6"), "--only E3 keeps E3's runs")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/notebooks-data"), "a dry run writes nothing")
    }

    func testBadConfigAndUsageErrors() throws {
        let dir = try CLI.temporaryDirectory()
        try #"{"name": "x", "models": ["d16L1"], "pretrain": {"tokens": 1000}, "sft": {"sizes": [0, -8]}, "experiments": {"E1": {}}}"#
            .write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["sweep", "--config", "bad.json", "--dry-run"], in: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stderr, "error: bad.json: field 'sft.sizes[1]': expected a non-negative integer\n")
        let both = try CLI.run(["sweep", "--config", "bad.json", "--preset", "quick"], in: dir)
        XCTAssertEqual(both.status, 2)
        let only = try CLI.run(["sweep", "--preset", "quick", "--only", "E9", "--dry-run"], in: dir)
        XCTAssertEqual(only.status, 1)
        XCTAssertTrue(only.stderr.contains("no experiment 'E9'"), only.stderr)
        let status = try CLI.run(["sweep", "status", "nowhere"], in: dir)
        XCTAssertEqual(status.status, 1)
        XCTAssertTrue(status.stderr.contains("not a study directory"), status.stderr)
    }
}
