import Foundation
import XCTest

/// `scaling bench` options of the PyTorch comparison, end to end on tiny models.
final class BenchCLITests: XCTestCase {
    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    func testEvaluationSamplingWorkload() throws {
        let shape = ["--d", "16", "--layers", "1", "--heads", "2", "--ctx", "352", "--vocab", "101", "--threads", "1"]
        let printed = try CLI.run(["bench", "--sampling-workload", "evaluation", "--prompts", "2", "--new-tokens", "3",
                                   "--print-workload"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        let workload = try json(printed.stdout)
        XCTAssertEqual((workload["prompt_lengths"] as! [Int]).count, 2)
        XCTAssertEqual(workload["samples"] as? Int, 16)
        XCTAssertEqual(workload["new_tokens"] as? Int, 3)
        XCTAssertEqual(workload["generated_tokens"] as? Int, 2 * 17 * 3)

        let run = try CLI.run(["bench", "--sampling-workload", "evaluation", "--prompts", "2", "--new-tokens", "3", "--json"] + shape)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try json(run.stdout)["generated_tokens"] as? Int, 102)

        let small = try CLI.run(["bench", "--sampling-workload", "evaluation", "--ctx", "64", "--d", "16", "--heads", "2"])
        XCTAssertEqual(small.status, 1)
        XCTAssertTrue(small.stderr.contains("does not fit the context of 64"), small.stderr)
        let usage = try CLI.run(["bench", "--new-tokens", "3"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("'--new-tokens' needs --sampling-workload"), usage.stderr)
    }

    func testSFTStepUsesTheMaskedLoss() throws {
        let args = ["bench", "--d", "16", "--layers", "1", "--heads", "2", "--ctx", "12", "--batch", "2", "--vocab", "20",
                    "--threads", "1", "--steps", "1", "--warmup", "0", "--no-peak", "--json"]
        let plain = try json(try CLI.run(args).stdout), sft = try json(try CLI.run(args + ["--sft"]).stdout)
        XCTAssertEqual(plain["sft"] as? Bool, false)
        XCTAssertEqual(sft["sft"] as? Bool, true)
        // Same data and weights: only the loss weights differ, so the losses do too.
        XCTAssertNotEqual(plain["loss"] as? Double, sft["loss"] as? Double)
    }

    /// SCALING_ATTENTION picks the attention kernel (reported by bench); the kernels train the same model to the
    /// same loss up to rounding; a name that is not a kernel is a one-line error.
    func testAttentionKernelFromTheEnvironment() throws {
        let args = ["bench", "--d", "32", "--layers", "1", "--heads", "2", "--ctx", "40", "--batch", "2", "--vocab", "20",
                    "--threads", "1", "--steps", "2", "--warmup", "0", "--no-peak", "--json"]
        var losses: [Double] = []
        for kernel in ["fused", "fused-kept", "blocked"] {
            let run = try CLI.run(args, environment: ["SCALING_ATTENTION": kernel])
            XCTAssertEqual(run.status, 0, run.stderr)
            let report = try json(run.stdout)
            XCTAssertEqual(report["attention"] as? String, kernel)
            losses.append(report["loss"] as! Double)
        }
        XCTAssertEqual(losses[0], losses[2], accuracy: 2e-3, "\(losses)")
        XCTAssertEqual(losses[1], losses[2], accuracy: 2e-3, "\(losses)")
        let bad = try CLI.run(args, environment: ["SCALING_ATTENTION": "flash"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stderr, "error: SCALING_ATTENTION=flash is not an attention kernel; use fused or fused-kept or blocked\n")
    }
}
