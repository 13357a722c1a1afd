import MathTasks
import Transformer
import XCTest
@testable import Study

final class EvaluationWorkloadTests: XCTestCase {
    /// The benchmark's evaluation is the quick preset's: its test questions as prompts, its N and temperature,
    /// the model's batch for prefill, and the mean reference solution length (with `<end>`) as new tokens.
    func testEvaluationWorkloadIsThePresetsEvaluation() throws {
        let config = try StudyConfig(parsing: Presets.quick, file: "quick")
        let workload = try SamplingWorkload.evaluation(preset: "quick")
        let tests = try StudyData.testSet(.gsm, size: config.eval.testSize, seed: config.seed)
        XCTAssertEqual(workload.promptLengths, tests.map { $0.question.count + 2 })   // <begin> question <sep>
        let solutionTokens = tests.map { $0.answer.count + 1 }                        // solution <end>
        XCTAssertEqual(workload.newTokens, Int((Double(solutionTokens.reduce(0, +)) / 200).rounded()))
        XCTAssertTrue(solutionTokens.min()! < workload.newTokens && workload.newTokens < solutionTokens.max()!)
        XCTAssertEqual(workload.samplesPerPrompt, 16)
        XCTAssertEqual(workload.temperature, 0.7)
        XCTAssertEqual(workload.prefillBatch, 16)
        XCTAssertEqual(workload.generatedTokens, 17 * 200 * workload.newTokens)
        XCTAssertNoThrow(try workload.check(contextLength: config.pretrain.context))
    }
}
