import XCTest
import Grading
@testable import Metrics

final class SummaryTests: XCTestCase {
    private func sample(_ correct: Bool, answer: Double?, type: ErrorType? = nil, firstWrong: Int? = nil, steps: Int = 4) -> GradedSample {
        GradedSample(correct: correct, answer: answer, rule: answer == nil ? nil : .hashes, steps: steps,
                     calculationErrors: type == .calculation ? 1 : 0, firstWrongStep: firstWrong, errorType: correct ? nil : type)
    }

    func testMajorityVoteAndTieBreaking() {
        XCTAssertEqual(QuestionResult.majorityVote([1, 2, 2, 1, 3, 2]), 2)
        XCTAssertEqual(QuestionResult.majorityVote([3, 1, 1, 3]), 3)          // tie: the first to appear wins
        XCTAssertEqual(QuestionResult.majorityVote([nil, nil, 4]), 4)         // no-answer does not vote
        XCTAssertEqual(QuestionResult.majorityVote([18, 18.0, 7]), 18)
        XCTAssertEqual(QuestionResult.majorityVote([-0.0, 0, 5]), 0)
        XCTAssertNil(QuestionResult.majorityVote([nil]))
    }

    func testQuestionResultAggregates() {
        let reference = Reference(answer: 5, steps: 3)
        let samples = [
            sample(true, answer: 5),
            sample(false, answer: 6, type: .calculation, firstWrong: 1),
            sample(false, answer: 6, type: .reasoning, firstWrong: 2),
            sample(false, answer: nil, type: .format),
            sample(true, answer: 5.001, firstWrong: 4),   // correct answers do not enter the error analysis
        ]
        let r = QuestionResult(id: "q", reference: reference, samples: samples, greedy: sample(true, answer: 5))
        XCTAssertEqual(r.samples, 5)
        XCTAssertEqual(r.correct, 2)
        XCTAssertEqual(r.greedyCorrect, true)
        XCTAssertEqual(r.majorityAnswer, 6)          // 6 twice; 5 and 5.001 are different answers
        XCTAssertFalse(r.majorityCorrect)
        XCTAssertEqual(r.errors, ErrorCounts(calculation: 1, reasoning: 1, format: 1))
        XCTAssertEqual(r.firstErrorCount, 2)
        XCTAssertEqual(r.firstErrorPositionSum, 0.25 + 0.5, accuracy: 1e-12)
        XCTAssertEqual(r.passRatio, 0.4)
        XCTAssertEqual(r.accuracy, 1)                // greedy decides step accuracy
        // Greedy only: it is the analysed completion.
        let g = QuestionResult(id: "g", reference: reference, samples: [], greedy: sample(false, answer: 2, type: .reasoning))
        XCTAssertEqual(g.samples, 0)
        XCTAssertEqual(g.errors.reasoning, 1)
        XCTAssertEqual(g.majorityAnswer, 2)
    }

    func testHandComputedSummary() {
        // Three questions with n = 4 and c = 0, 2, 4.
        let reference = Reference(answer: 1, steps: 2)
        func question(_ id: String, correct: Int) -> QuestionResult {
            let samples = (0..<4).map { i in i < correct ? sample(true, answer: 1) : sample(false, answer: 9, type: .reasoning, firstWrong: 2) }
            return QuestionResult(id: id, reference: reference, samples: samples)
        }
        let results = [question("a", correct: 0), question("b", correct: 2), question("c", correct: 4)]
        let s = MetricsSummary(results, ks: [1, 2, 8], bootstrapResamples: 500, seed: 1)
        XCTAssertEqual(s.questions, 3)
        XCTAssertEqual(s.samplesPerQuestion, 4...4)
        XCTAssertNil(s.greedyAccuracy)
        XCTAssertEqual(s.passAtN?.value ?? -1, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(s.passRatio?.value ?? -1, 0.5, accuracy: 1e-12)
        // pass@2: (0 + (1 - C(2,2)/C(4,2)) + 1) / 3 = (0 + 5/6 + 1) / 3; k = 8 > n is left out.
        XCTAssertEqual(s.passAtK.map(\.k), [1, 2])
        XCTAssertEqual(s.passAtK[0].estimate.value, 0.5, accuracy: 1e-12)
        XCTAssertEqual(s.passAtK[1].estimate.value, 11.0 / 18, accuracy: 1e-12)
        // Majority: question b ties 1 vs 9 with 1 first -> right; a wrong; c right.
        XCTAssertEqual(s.majority?.value ?? -1, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(s.wrongCompletions, 6)
        XCTAssertEqual(s.errorShares.map(\.type), [.calculation, .reasoning, .format])
        XCTAssertEqual(s.errorShares.map(\.estimate.value), [0, 1, 0])
        XCTAssertEqual(s.firstErrorPosition?.value ?? -1, 0.5, accuracy: 1e-12)   // step 2 of 4
        XCTAssertEqual(s.accuracyBySteps, [StepGroup(steps: 2, questions: 3, successes: 1.5)])
        XCTAssertFalse(s.stepAccuracyUsesGreedy)
        // One group with s = 2: the MLE is sqrt(mean accuracy).
        XCTAssertEqual(s.stepAccuracy?.value ?? -1, 0.5.squareRoot(), accuracy: 1e-9)
        for e in [s.passRatio!, s.passAtK[1].estimate, s.stepAccuracy!] {
            XCTAssertTrue(e.interval.lower <= e.value && e.value <= e.interval.upper, "\(e)")
        }
        // Bootstrap intervals are reproducible from the seed and bracket the resampled range.
        XCTAssertEqual(MetricsSummary(results, ks: [1, 2], bootstrapResamples: 500, seed: 1), s)
        XCTAssertEqual(s.passRatio!.interval.lower, 0, accuracy: 1e-12)     // resample {a,a,a} possible: 0
        XCTAssertGreaterThan(s.passRatio!.interval.upper, 0.5)
    }
}
