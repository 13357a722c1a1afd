import Foundation
import XCTest

/// `scaling train` end to end on a tiny JSONL file and a tiny model.
final class TrainCLITests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = try CLI.temporaryDirectory()
        var lines: [String] = []
        for i in 0..<8 {
            let (a, b) = (10 + 7 * i, 2 + i)
            let question = "Eve has \(a) apples. (1) Eve gets \(b) more. How many apples does Eve have now?"
            let answer = "(1) gets \(b) more: \(a)+\(b)=<<\(a)+\(b)=\(a + b)>>\(a + b).\n#### \(a + b)"
            let object = ["question": question, "answer": answer]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/train.jsonl", atomically: true, encoding: .utf8)
        try (lines.prefix(3).joined(separator: "\n") + "\n").write(toFile: directory + "/test.jsonl", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    let tiny = ["--d", "16", "--layers", "1", "--heads", "2", "--batch", "4", "--quiet"]

    func testSFTWritesCheckpointAndLossCurveAndEvaluates() throws {
        let result = try CLI.run(["train", "--data", "train.jsonl", "--out", "runs/sft.ckpt", "--mask-prompt", "--steps", "5",
                                  "--eval", "test.jsonl", "--samples", "2"] + tiny, in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("trained 5 steps (now at step 5 of 5)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("eval test.jsonl: greedy accuracy "), result.stdout)
        XCTAssertTrue(result.stdout.contains("pass@2 "), result.stdout)
        let checkpoint = try Data(contentsOf: URL(fileURLWithPath: directory + "/runs/sft.ckpt"))
        XCTAssertEqual(String(decoding: checkpoint.prefix(8), as: UTF8.self), "SCGPTCKP")
        let curve = try String(contentsOfFile: directory + "/runs/sft.loss.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(curve.first, "step,epoch,lr,loss,grad_norm,counted_tokens,processed_tokens")
        XCTAssertEqual(curve.count, 6)
        XCTAssertTrue(curve[3].hasPrefix("3,1,"), "2 batches of 4 per epoch: step 3 is the first of epoch 1: \(curve[3])")

        // SFT from the checkpoint: --init takes its shape; a conflicting shape is a usage error.
        let fine = try CLI.run(["train", "--data", "train.jsonl", "--init", "runs/sft.ckpt", "--out", "fine.ckpt", "--mask-prompt",
                                "--steps", "2", "--batch", "4", "--quiet"], in: directory)
        XCTAssertEqual(fine.status, 0, fine.stderr)
        let conflict = try CLI.run(["train", "--data", "train.jsonl", "--init", "runs/sft.ckpt", "--out", "x.ckpt", "--d", "32"], in: directory)
        XCTAssertEqual(conflict.status, 2)
        XCTAssertTrue(conflict.stderr.contains("option '--d 32' differs from the --init checkpoint's 16"), conflict.stderr)
    }

    func testStoppedAndResumedRunRepeatsTheUninterruptedLossCurve() throws {
        let common = ["train", "--data", "train.jsonl", "--steps", "6", "--warmup", "2", "--ctx", "64", "--seed", "3"] + tiny
        let whole = try CLI.run(common + ["--out", "whole.ckpt"], in: directory)
        XCTAssertEqual(whole.status, 0, whole.stderr)
        let first = try CLI.run(common + ["--out", "parts.ckpt", "--stop-after", "4"], in: directory)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("now at step 4 of 6"), first.stdout)
        let second = try CLI.run(common + ["--out", "parts.ckpt", "--resume"], in: directory)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("trained 2 steps (now at step 6 of 6)"), second.stdout)
        let expected = try String(contentsOfFile: directory + "/whole.loss.csv", encoding: .utf8)
        XCTAssertEqual(try String(contentsOfFile: directory + "/parts.loss.csv", encoding: .utf8), expected)
        XCTAssertEqual(expected.split(separator: "\n").count, 7)
        let again = try CLI.run(common + ["--out", "parts.ckpt", "--resume"], in: directory)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("parts.ckpt: already trained (6 steps)"), again.stdout)
        // Resuming with other settings is refused.
        let other = try CLI.run(common + ["--out", "parts.ckpt", "--resume", "--stop-after", "5", "--lr", "0.01"], in: directory)
        XCTAssertEqual(other.status, 1)
        XCTAssertTrue(other.stderr.contains("cannot resume: the checkpoint was written by a run with other data or settings"), other.stderr)
    }

    func testBadInputsAreOneLineErrors() throws {
        let text = try String(contentsOfFile: directory + "/train.jsonl", encoding: .utf8)
        try text.replacingOccurrences(of: "Eve has 17", with: "Eve has 17 €").write(toFile: directory + "/bad.jsonl", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["train", "--data", "bad.jsonl", "--out", "m.ckpt", "--steps", "1"] + tiny, in: directory)
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stderr, "error: bad.jsonl:2: character '€' (U+20AC) at offset 11 is not in the vocabulary (use --unknown-to-unk to map it to <unk>)\n")
        let mapped = try CLI.run(["train", "--data", "bad.jsonl", "--out", "m.ckpt", "--steps", "1", "--unknown-to-unk"] + tiny, in: directory)
        XCTAssertEqual(mapped.status, 0, mapped.stderr)

        try Data("SCGPTCKP and then garbage".utf8).write(to: URL(fileURLWithPath: directory + "/broken.ckpt"))
        let broken = try CLI.run(["train", "--data", "train.jsonl", "--init", "broken.ckpt", "--out", "m.ckpt"], in: directory)
        XCTAssertEqual(broken.status, 1)
        XCTAssertEqual(broken.stderr, "error: broken.ckpt: truncated checkpoint: 25 bytes, the header alone needs 80\n")

        let both = try CLI.run(["train", "--data", "train.jsonl", "--out", "m.ckpt", "--steps", "2", "--epochs", "1"], in: directory)
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("give --steps or --epochs, not both"), both.stderr)
        let long = try CLI.run(["train", "--data", "train.jsonl", "--out", "m.ckpt", "--mask-prompt", "--ctx", "40"] + tiny, in: directory)
        XCTAssertEqual(long.status, 1)
        XCTAssertTrue(long.stderr.hasPrefix("error: train.jsonl:1: document has "), long.stderr)

        // The --eval file and the numeric options are checked before training: nothing is trained or written.
        try Data().write(to: URL(fileURLWithPath: directory + "/empty.jsonl"))
        try Data(#"{"question": "What is 2+2?", "answer": "It is 4."}"#.utf8).write(to: URL(fileURLWithPath: directory + "/nohash.jsonl"))
        let cases: [([String], Int32, String)] = [
            (["--eval", "empty.jsonl"], 1, "error: empty.jsonl: no problems to evaluate\n"),
            (["--eval", "nohash.jsonl"], 1, "error: nohash.jsonl:1: field 'answer': no '#### N' final answer in the reference solution\n"),
            (["--lr", "nan"], 2, "error: option '--lr': expected a number in (0, 1], got 'nan' (see 'scaling train --help')\n"),
            (["--min-lr", "2"], 2, "error: option '--min-lr': expected a number in [0, 1], got '2' (see 'scaling train --help')\n"),
            (["--weight-decay", "-1"], 2, "error: option '--weight-decay': expected a number in [0, 1], got '-1' (see 'scaling train --help')\n"),
        ]
        for (extra, status, stderr) in cases {
            let r = try CLI.run(["train", "--data", "train.jsonl", "--out", "never.ckpt", "--steps", "1"] + tiny + extra, in: directory)
            XCTAssertEqual(r.status, status, "\(extra)")
            XCTAssertEqual(r.stderr, stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/never.ckpt"), "\(extra)")
        }
    }
}
