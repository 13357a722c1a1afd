import Foundation
import XCTest

/// `scaling eval` end to end: files in, summary and per-question records out, bad lines reported by line.
final class EvalCLITests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = try CLI.temporaryDirectory()
    }

    private func write(_ name: String, _ lines: [Any]) throws -> String {
        let text = try lines.map { line -> String in
            if let raw = line as? String { return raw }
            return String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
        let path = "\(dir)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Three GSM8K-format problems with 1, 2 and 2 steps; answers 5, 6 and 8.
    private func reference() throws -> String {
        try write("ref.jsonl", [
            ["question": "Q0", "answer": "2+3=<<2+3=5>>5\n#### 5"],
            ["question": "Q1", "answer": "2*2=<<2*2=4>>4\n4+2=<<4+2=6>>6\n#### 6"],
            ["question": "Q2", "answer": "2*3=<<2*3=6>>6\n6+2=<<6+2=8>>8\n#### 8"],
        ])
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testSummaryAndPerQuestionRecords() throws {
        let ref = try reference()
        // Model m: question 0 has samples right, wrong (calculation at step 1 of 1), right; greedy right.
        // Question 1 (by text): wrong (reasoning), wrong (format), right; greedy wrong. Question 2: all 3 wrong.
        let samples = try write("s.jsonl", [
            ["id": 0, "completion": "<<2+3=5>>5\n#### 5", "model": "m"],
            ["id": 0, "completion": "<<2+3=6>>6\n#### 6", "model": "m"],
            ["id": "0", "completion": "The answer is 5.", "model": "m"],
            ["id": 0, "completion": "#### 5", "model": "m", "greedy": true],
            ["question": "Q1", "completions": ["<<2*2=4>>4 <<4*2=8>>8\n#### 8", "no idea", "Answer: 6"],
             "greedy_completion": "#### 7", "model": "m"],
            ["id": 2, "completions": ["#### 9", "#### 9", "\\boxed{7}"], "model": "m"],
            // A second model with one question only.
            ["id": 2, "completions": ["#### 8"], "model": "other"],
        ])
        let out = "\(dir)/pq.jsonl"
        let r = try CLI.run(["eval", "--samples", samples, "--reference", ref, "--k", "1,2", "--format", "json",
                             "--per-question", out, "--bootstrap", "200"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let models = try XCTUnwrap(try json(r.stdout)["models"] as? [[String: Any]])
        XCTAssertEqual(models.map { $0["model"] as? String }, ["m", "other"])
        XCTAssertTrue(r.stderr.contains("note: pass@k for k = 2 left out for model 'other'"), r.stderr)
        XCTAssertNil(models[1]["pass_at_2"] as? [String: Any])
        let m = models[0]
        func value(_ key: String) -> Double? { (m[key] as? [String: Any])?["value"] as? Double }
        XCTAssertEqual(m["questions"] as? Int, 3)
        XCTAssertEqual(m["completions"] as? Int, 11)
        XCTAssertEqual(value("pass_at_n"), 2.0 / 3)
        XCTAssertEqual(value("pass_ratio_at_n")!, (2.0 / 3 + 1.0 / 3 + 0) / 3, accuracy: 1e-12)
        // pass@2 per question: 1 - C(1,2)/C(3,2) = 1, 1 - C(2,2)/C(3,2) = 2/3, 0.
        XCTAssertEqual(value("pass_at_2")!, (1 + 2.0 / 3) / 3, accuracy: 1e-12)
        XCTAssertEqual(value("greedy_accuracy"), 0.5)      // 2 questions have a greedy completion, 1 right
        // maj@3: q0 -> 5 (right), q1 -> 8 (tie 8 vs 6, 8 first: wrong), q2 -> 9 (wrong).
        XCTAssertEqual(value("maj_at_n")!, 1.0 / 3, accuracy: 1e-12)
        // Wrong samples: q0 calculation; q1 reasoning + format; q2 three reasoning.
        XCTAssertEqual(m["wrong_completions"] as? Int, 6)
        XCTAssertEqual(value("share_calculation")!, 1.0 / 6, accuracy: 1e-12)
        XCTAssertEqual(value("share_reasoning")!, 4.0 / 6, accuracy: 1e-12)
        XCTAssertEqual(value("share_format")!, 1.0 / 6, accuracy: 1e-12)
        XCTAssertEqual(value("first_error_position"), 1.0) // the only first wrong step: step 1 of 1
        XCTAssertEqual(m["acc_step_basis"] as? String, "samples")
        let bySteps = try XCTUnwrap(m["accuracy_by_steps"] as? [[String: Any]])
        XCTAssertEqual(bySteps.map { $0["steps"] as? Int }, [1, 2])
        XCTAssertEqual(bySteps.map { $0["questions"] as? Int }, [1, 2])

        let records = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map { try json(String($0)) }
        XCTAssertEqual(records.count, 4)
        XCTAssertEqual(records.map { $0["id"] as? String }, ["0", "1", "2", "2"])
        XCTAssertEqual(records.map { $0["c"] as? Int }, [2, 1, 0, 1])
        XCTAssertEqual(records[1]["greedy_correct"] as? Bool, false)
        XCTAssertEqual(records[1]["majority_answer"] as? Double, 8)
        XCTAssertEqual((records[1]["errors"] as? [String: Int])?["format"], 1)

        // The same run as a table and as CSV.
        let table = try CLI.run(["eval", "--samples", samples, "--reference", ref, "--k", "1,2"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("pass_at_2"), table.stdout)
        XCTAssertTrue(table.stdout.contains("0.667 ["), table.stdout)
        // Acc(s): the 1-step question has c/n = 2/3, the two 2-step questions 1/3 and 0.
        XCTAssertTrue(table.stdout.contains("accuracy by reference steps, m: s=1: 0.667 (p^s "), table.stdout)
        XCTAssertTrue(table.stdout.contains("s=2: 0.167 (p^s "), table.stdout)
        let csv = try CLI.run(["eval", "--samples", samples, "--reference", ref, "--format", "csv", "--by", "none"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let rows = csv.stdout.split(separator: "\n")
        XCTAssertEqual(rows.count, 2)                       // pooled: one row
        XCTAssertTrue(rows[1].hasPrefix("default,3,3,4,12,"), String(rows[1]))
    }

    func testBadLinesAreReportedWithLineNumbers() throws {
        let ref = try reference()
        func run(_ lines: [Any], _ extra: [String] = []) throws -> CLI.Result {
            let samples = try write("bad.jsonl", lines)
            return try CLI.run(["eval", "--samples", samples, "--reference", ref] + extra)
        }
        let good: [String: Any] = ["id": 0, "completion": "#### 5"]
        let cases: [([Any], String)] = [
            ([good, "{\"id\": 1, \"completion\": \"#### 6\"", good], "bad.jsonl:2: malformed JSON"),
            ([good, good, ["id": 7, "completion": "x"]], "bad.jsonl:3: field 'id': no reference record 7"),
            ([["question": "Q9", "completion": "x"]], "bad.jsonl:1: field 'question': no reference with this exact question text"),
            ([good, ["id": 0, "completion": 5]], "bad.jsonl:2: field 'completion': expected a string"),
            ([good, ["id": 1]], "bad.jsonl:2: field 'completion': missing"),
            ([["completion": "x"]], "bad.jsonl:1: field 'id': missing"),
            ([good, ["id": 0, "completion": "a", "greedy": true], ["id": 0, "completion": "b", "greedy": true]],
             "bad.jsonl:3: field 'id': duplicate greedy completion"),
            ([["id": 1, "completions": ["a"]], "", ["id": 1, "completions": ["b"]]], "bad.jsonl:3: field 'id': duplicate 'completions' line"),
            ([["id": 1, "completions": ["a", 3]]], "bad.jsonl:1: field 'completions': expected a list of strings"),
        ]
        for (lines, message) in cases {
            let r = try run(lines)
            XCTAssertEqual(r.status, 1, message)
            XCTAssertTrue(r.stderr.hasPrefix("error: \(dir)/\(message)"), "expected \(message), got \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }

        // --skip-bad: the good lines are scored and the bad ones counted.
        let skipping = try run([good, "not json", ["id": 9, "completion": "x"], ["id": 1, "completion": "#### 6"]],
                               ["--skip-bad", "--format", "json"])
        XCTAssertEqual(skipping.status, 0, skipping.stderr)
        XCTAssertTrue(skipping.stderr.contains("skipped 2 bad line(s)"), skipping.stderr)
        XCTAssertTrue(skipping.stderr.contains("bad.jsonl:2: malformed JSON"), skipping.stderr)
        let summary = try json(skipping.stdout)
        XCTAssertEqual(summary["skipped_lines"] as? Int, 2)
        XCTAssertEqual((summary["models"] as? [[String: Any]])?.first?["questions"] as? Int, 2)
    }

    func testReferenceProblemsAndUsageErrors() throws {
        let samples = try write("s.jsonl", [["id": "a", "completion": "#### 5"], ["question": "Same", "completion": "#### 5"]])
        let duplicate = try write("dup.jsonl", [["id": "a", "question": "Q", "answer": "#### 1"], ["id": "a", "question": "R", "answer": "#### 2"]])
        var r = try CLI.run(["eval", "--samples", samples, "--reference", duplicate])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("dup.jsonl:2: field 'id': duplicate id 'a' (first on line 1)"), r.stderr)
        let noFinal = try write("nofinal.jsonl", [["question": "Q", "answer": "#### 1"], ["question": "R", "answer": "it is 2"]])
        r = try CLI.run(["eval", "--samples", samples, "--reference", noFinal])
        XCTAssertTrue(r.stderr.contains("nofinal.jsonl:2: field 'answer': no '#### N' final answer"), r.stderr)
        // The same question text twice: ambiguous for text matching.
        let twice = try write("twice.jsonl", [["id": "a", "question": "Same", "answer": "#### 5"], ["id": "b", "question": "Same", "answer": "#### 5"]])
        r = try CLI.run(["eval", "--samples", samples, "--reference", twice])
        XCTAssertTrue(r.stderr.contains("s.jsonl:2: field 'question': matches 2 references (lines 1, 2"), r.stderr)

        let ref = try reference()
        let ok = try write("ok.jsonl", [["id": 0, "completions": ["#### 5", "#### 4"]]])
        r = try CLI.run(["eval", "--samples", ok, "--reference", ref, "--k", "4"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("note: pass@k for k = 4 left out for model 'default': some question has only 2 samples"), r.stderr)
        XCTAssertTrue(r.stdout.contains("pass_at_n"), r.stdout)
        XCTAssertFalse(r.stdout.contains("pass_at_4"), r.stdout)
        for args in [["--reference", ref], ["--samples", ok, "--reference", ref, "--k", "0"],
                     ["--samples", ok, "--reference", ref, "--format", "xml"]] {
            XCTAssertEqual(try CLI.run(["eval"] + args).status, 2, "\(args)")
        }
        r = try CLI.run(["eval", "--samples", "\(dir)/missing.jsonl", "--reference", ref])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("missing.jsonl: no such file"), r.stderr)
    }
}
