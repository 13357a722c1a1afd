import XCTest
import Grading
@testable import Metrics

final class StepAccuracyTests: XCTestCase {
    func testSingleGroupClosedForms() {
        // s = 1: the binomial MLE k/n; s = 3: the cube root of the accuracy.
        XCTAssertEqual(StepAccuracy.fit([StepGroup(steps: 1, questions: 50, successes: 35)])!.value, 0.7, accuracy: 1e-9)
        XCTAssertEqual(StepAccuracy.fit([StepGroup(steps: 3, questions: 40, successes: 10)])!.value, pow(0.25, 1.0 / 3), accuracy: 1e-9)
        let perfect = StepAccuracy.fit([StepGroup(steps: 2, questions: 10, successes: 10)])!
        XCTAssertEqual(perfect.value, 1)
        XCTAssertEqual(perfect.upper, 1)
        // 20 log p = -3.841/2 at the lower bound.
        XCTAssertEqual(perfect.lower, exp(-3.841458820694124 / 40), accuracy: 1e-9)
        XCTAssertEqual(StepAccuracy.fit([StepGroup(steps: 2, questions: 10, successes: 0)])?.value, 0)
        XCTAssertNil(StepAccuracy.fit([]))
    }

    func testProfileLikelihoodInterval() {
        let groups = [StepGroup(steps: 1, questions: 40, successes: 30), StepGroup(steps: 4, questions: 30, successes: 9)]
        let fit = StepAccuracy.fit(groups)!
        let peak = StepAccuracy.logLikelihood(groups, fit.value)
        // The bounds are where the likelihood ratio statistic reaches the chi-square(1) 95% point.
        XCTAssertEqual(2 * (peak - StepAccuracy.logLikelihood(groups, fit.lower)), 3.841458820694124, accuracy: 1e-6)
        XCTAssertEqual(2 * (peak - StepAccuracy.logLikelihood(groups, fit.upper)), 3.841458820694124, accuracy: 1e-6)
        // It is the maximum: nearby values are less likely.
        XCTAssertLessThan(StepAccuracy.logLikelihood(groups, fit.value - 0.01), peak)
        XCTAssertLessThan(StepAccuracy.logLikelihood(groups, fit.value + 0.01), peak)
    }

    func testRecoversKnownStepAccuracyOnSyntheticData() {
        // Greedy outcomes of 4000 questions with s = 1...8 steps, each step right with probability p.
        var rng = SplitMix64(seed: 3)
        for p in [0.6, 0.85, 0.97] {
            let reference = { (s: Int) in Reference(answer: 1, steps: s) }
            var results: [QuestionResult] = []
            for q in 0..<4000 {
                let s = 1 + q % 8
                let right = (0..<s).allSatisfy { _ in Double.random(in: 0..<1, using: &rng) < p }
                let greedy = GradedSample(correct: right, answer: right ? 1 : 2, rule: .hashes, steps: s, calculationErrors: 0,
                                          firstWrongStep: nil, errorType: right ? nil : .reasoning)
                results.append(QuestionResult(id: "\(q)", reference: reference(s), samples: [], greedy: greedy))
            }
            let summary = MetricsSummary(results, bootstrapResamples: 10, seed: 0)
            XCTAssertTrue(summary.stepAccuracyUsesGreedy)
            XCTAssertEqual(summary.accuracyBySteps.map(\.steps), Array(1...8))
            let fit = summary.stepAccuracy!
            XCTAssertEqual(fit.value, p, accuracy: 0.015, "p=\(p) fit=\(fit)")
            XCTAssertTrue(fit.lower < p && p < fit.upper, "p=\(p) fit=\(fit)")
            XCTAssertLessThan(fit.upper - fit.lower, 0.05)
        }
    }
}
