import Foundation
import XCTest

/// `scaling eval` on lm-evaluation-harness `--log_samples` files, read as they are (fixtures and their maker in
/// Tests/Data/harness: GSM8K test records 0-3 with hand-written responses, one line per document and filter).
final class HarnessEvalCLITests: XCTestCase {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data").path
    /// gsm8k, greedy (`do_sample: false`), one response per document: right, wrong, right ("70,000"), no answer.
    static let single = data + "/harness/pythia-160m/samples_gsm8k_2026-01-05T10-11-12.345678.jsonl"
    /// gsm8k_cot_self_consistency with 16 sampled repeats: 12, 4 and 0 of 16 right; target is the bare number.
    static let repeats = data + "/harness/pythia-410m/samples_gsm8k_cot_self_consistency_2026-01-05T12-00-00.000000.jsonl"
    /// Line 2's `resps` is a string.
    static let malformed = data + "/harness/malformed/samples_gsm8k_2026-01-05T10-11-12.345678.jsonl"

    private func models(_ r: CLI.Result, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try XCTUnwrap(object["models"] as? [[String: Any]])
    }

    private func value(_ model: [String: Any], _ key: String) -> Double? {
        (model[key] as? [String: Any])?["value"] as? Double
    }

    func testSingleGreedyResponseWithReferencesFromTheFile() throws {
        let m = try models(try CLI.run(["eval", "--samples", Self.single, "--format", "json", "--bootstrap", "50"]))
        XCTAssertEqual(m.count, 1)
        // The model is the file's directory, as the harness writes OUTPUT/<model>/samples_<task>_<time>.jsonl.
        XCTAssertEqual(m[0]["model"] as? String, "pythia-160m")
        XCTAssertEqual(m[0]["questions"] as? Int, 4)
        // 8 lines (two filters per document, the same resps): each document's response is graded once.
        XCTAssertEqual(m[0]["completions"] as? Int, 4)
        XCTAssertEqual(m[0]["greedy_questions"] as? Int, 4)
        XCTAssertEqual(value(m[0], "greedy_accuracy"), 0.5)
        // Document 3 has no number at all: a format error; document 1's arithmetic is right, its plan wrong.
        XCTAssertEqual(value(m[0], "share_format"), 0.5)
        XCTAssertEqual(value(m[0], "share_reasoning"), 0.5)
    }

    func testReferenceFileModelNameAndQuestionCheck() throws {
        let gsm8k = Self.data + "/gsm8k/test-subset.jsonl"
        let m = try models(try CLI.run(["eval", "--samples", Self.single, "--reference", gsm8k, "--model", "p160",
                                        "--format", "json", "--bootstrap", "50"]))
        XCTAssertEqual(m[0]["model"] as? String, "p160")
        XCTAssertEqual(value(m[0], "greedy_accuracy"), 0.5)
        // doc_id 0 is record 0 of the reference: the train split's record 0 has another question.
        let wrong = try CLI.run(["eval", "--samples", Self.single, "--reference", Self.data + "/gsm8k/train-subset.jsonl"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.hasPrefix("error: \(Self.single):1: field 'doc.question': differs from the question of reference 0"),
                      wrong.stderr)
    }

    func testSixteenRepeatsAreTheSamples() throws {
        let m = try models(try CLI.run(["eval", "--samples", Self.repeats, "--k", "1,4", "--format", "json", "--bootstrap", "50"]))
        XCTAssertEqual(m[0]["model"] as? String, "pythia-410m")
        XCTAssertEqual(m[0]["samples_min"] as? Int, 16)
        XCTAssertEqual(m[0]["completions"] as? Int, 48)
        XCTAssertNil(m[0]["greedy_accuracy"] as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(value(m[0], "pass_at_n")), 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(value(m[0], "pass_ratio_at_n")), 16.0 / 48, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(value(m[0], "pass_at_1")), 16.0 / 48, accuracy: 1e-12)
        // pass@4 = mean of 1 - C(16-c, 4)/C(16, 4) over c = 12, 4, 0: (1 - 1/1820 + 1 - 495/1820 + 0) / 3.
        XCTAssertEqual(try XCTUnwrap(value(m[0], "pass_at_4")), (2 - 496.0 / 1820) / 3, accuracy: 1e-12)
        // Majority votes: 18 (right), 4 (wrong: 8 votes against 4 for 3), 130000 (wrong).
        XCTAssertEqual(try XCTUnwrap(value(m[0], "maj_at_n")), 1.0 / 3, accuracy: 1e-12)
    }

    func testSeveralFilesOneModelEach() throws {
        let r = try CLI.run(["eval", "--samples", "\(Self.repeats),\(Self.single)", "--model", "big,small", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows.map { String($0[0]) }, ["big", "small"])
        XCTAssertEqual(rows.map { String($0[1]) }, ["3", "4"])
        // One --model per file, or none.
        let count = try CLI.run(["eval", "--samples", "\(Self.repeats),\(Self.single)", "--model", "big"])
        XCTAssertEqual(count.status, 2)
        XCTAssertTrue(count.stderr.contains("option '--model': 1 name(s) for 2 samples file(s)"), count.stderr)
    }

    func testMalformedLineNamesFileLineAndField() throws {
        let r = try CLI.run(["eval", "--samples", Self.malformed])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: \(Self.malformed):2: field 'resps': expected a list of lists of strings "
                       + "(one list per request, one string per repeat)\n")
        let skipped = try CLI.run(["eval", "--samples", Self.malformed, "--skip-bad", "--format", "csv"])
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertTrue(skipped.stderr.contains("skipped 1 bad line(s)"), skipped.stderr)
    }

    /// Lines written here: a target-only reference, repeats under other filters, and their errors.
    func testTargetReferenceAndFilterRepeats() throws {
        let dir = try CLI.temporaryDirectory()
        func line(_ id: Int, _ filter: String, _ resps: [String], target: String = "5") -> String {
            "{\"doc_id\": \(id), \"doc\": {\"question\": \"Q\(id)\"}, \"target\": \"\(target)\", \"filter\": \"\(filter)\", "
                + "\"arguments\": {\"gen_args_0\": {\"arg_0\": \"Q\(id)\", \"arg_1\": {\"do_sample\": true, \"temperature\": 0.7}}}, "
                + "\"resps\": [[\(resps.map { "\"\($0)\"" }.joined(separator: ", "))]], \"filtered_resps\": [\"5\"], \"exact_match\": 1.0}"
        }
        func run(_ lines: [String]) throws -> CLI.Result {
            let path = dir + "/samples_task_1.jsonl"
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return try CLI.run(["eval", "--samples", path, "--format", "json", "--bootstrap", "20"])
        }
        // Reference 5 from the bare target; the sampled single response stays a sample (n = 1 or 2).
        let m = try models(try run([line(0, "a", ["The answer is 5.", "#### 4"]), line(0, "b", ["The answer is 5.", "#### 4"]),
                                    line(1, "a", ["5"])]))
        XCTAssertEqual(m[0]["completions"] as? Int, 3)
        XCTAssertEqual(value(m[0], "pass_ratio_at_n"), 0.75)
        let same = try run([line(0, "a", ["5"]), line(0, "a", ["5"])])
        XCTAssertEqual(same.status, 1)
        XCTAssertTrue(same.stderr.contains("samples_task_1.jsonl:2: field 'doc_id': duplicate doc_id 0 (first on line 1)"), same.stderr)
        let other = try run([line(0, "a", ["5"]), line(0, "b", ["6"])])
        XCTAssertEqual(other.status, 1)
        XCTAssertTrue(other.stderr.contains(":2: field 'resps': differ from the resps of doc_id 0 on line 1"), other.stderr)
        let noNumber = try run([line(0, "a", ["5"], target: "five")])
        XCTAssertEqual(noNumber.status, 1)
        XCTAssertTrue(noNumber.stderr.contains(":1: field 'target': no reference answer"), noNumber.stderr)
        // Our own format needs --reference.
        try "{\"id\": 0, \"completion\": \"5\"}\n".write(toFile: dir + "/ours.jsonl", atomically: true, encoding: .utf8)
        let ours = try CLI.run(["eval", "--samples", dir + "/ours.jsonl"])
        XCTAssertEqual(ours.status, 1)
        XCTAssertTrue(ours.stderr.contains("not lm-evaluation-harness output"), ours.stderr)
    }
}
