import Foundation
import XCTest

final class TasksCLITests: XCTestCase {
    private func records(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    func testTestSetAndPoolAreDisjointAndReproducible() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let test = try CLI.run(["tasks", "--set", "test", "--size", "40", "--seed", "5", "--out", "test.jsonl"], in: dir)
        XCTAssertEqual(test.status, 0, test.stderr)
        let testRecords = try records(String(contentsOfFile: dir + "/test.jsonl", encoding: .utf8))
        XCTAssertEqual(testRecords.count, 40)
        XCTAssertEqual(testRecords.map { $0["steps"] as! Int }, (1...4).flatMap { Array(repeating: $0, count: 10) })
        XCTAssertEqual(testRecords[0]["id"] as? String, "gsm-test-0")
        let pool = try CLI.run(["tasks", "--set", "pool", "--size", "300", "--seed", "5", "--test-size", "40"])
        XCTAssertEqual(pool.status, 0, pool.stderr)
        let poolRecords = try records(pool.stdout)
        XCTAssertEqual(poolRecords.count, 300)
        XCTAssertTrue(Set(poolRecords.map { $0["template"] as! String }).isDisjoint(with: testRecords.map { $0["template"] as! String }))
        XCTAssertEqual(try CLI.run(["tasks", "--set", "pool", "--size", "300", "--seed", "5", "--test-size", "40"]).stdout, pool.stdout)
    }

    func testSyntheticReportsRejectionsAndGraphSetsHaveStepsTwoToEight() throws {
        let synth = try CLI.run(["tasks", "--set", "synthetic", "--size", "200", "--pool-size", "500", "--methods", "numbers,rephrase",
                                 "--calculation-errors", "0.3", "--verify", "check-annotations"])
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let r = try records(synth.stdout)
        XCTAssertEqual(r.count, 200)
        XCTAssertEqual(Set(r.map { $0["method"] as! String }), ["numbers", "rephrase"])
        XCTAssertTrue(synth.stderr.hasPrefix("synthetic: 200 kept of "), synth.stderr)
        XCTAssertTrue(synth.stderr.contains("rejected by verification"), synth.stderr)
        let graph = try CLI.run(["tasks", "--set", "graph", "--domain", "math", "--size", "14", "--split", "train"])
        XCTAssertEqual(graph.status, 0, graph.stderr)
        XCTAssertEqual(try records(graph.stdout).map { $0["steps"] as! Int }, (2...8).flatMap { [$0, $0] })
    }

    /// The rows: requests beyond what the generators can make end at once with one line, exit 1 (2 for
    /// an empty method list), instead of drawing forever or trapping.
    func testImpossibleRequestsFailAtOnce() throws {
        let cases: [([String], Int32, String)] = [
            (["--set", "test", "--steps", "1", "--size", "4000"], 1, "error: only 3,623 distinct 1-step gsm problems exist; asked for 4,000"),
            (["--set", "pool", "--steps", "1", "--size", "3600"], 1,
             "error: only 3,423 distinct 1-step gsm problems exist (3,623 minus the 200 of the test set); asked for 3,600"),
            (["--set", "synthetic", "--steps", "4", "--methods", "constraint", "--size", "10", "--pool-size", "20"], 1,
             "error: method 'constraint' adds a step, but every seed question already has the maximum of 4 steps"),
            (["--set", "synthetic", "--methods", ",", "--size", "10"], 2, "error: option '--methods': expected at least one method (see 'scaling tasks --help')"),
        ]
        for (args, status, message) in cases {
            let r = try CLI.run(["tasks"] + args)
            XCTAssertEqual(r.status, status, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").first.map(String.init), message, "\(args)")
            XCTAssertEqual(r.stdout, "")
        }
    }

    func testUsageErrors() throws {
        for args in [["--size", "7"], ["--steps", "0-3"], ["--set", "nope"], ["--set", "synthetic", "--methods", "magic"],
                     ["--set", "synthetic", "--calculation-errors", "0.8", "--reasoning-errors", "0.5"]] {
            let r = try CLI.run(["tasks"] + args)
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertTrue(r.stderr.hasPrefix("error: option"), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)  // one line, the help hint included
            XCTAssertTrue(r.stderr.hasSuffix(" (see 'scaling tasks --help')\n"), r.stderr)
        }
    }
}
