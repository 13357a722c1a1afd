import DataFiles
import XCTest
import Grading
import MathTasks
@testable import Metrics

final class StepAccuracyTests: XCTestCase {
    func testSingleGroupClosedForms() {
        // s = 1: the binomial MLE k/n; s = 3: the cube root of the accuracy.
        XCTAssertEqual(StepAccuracy.fit([StepGroup(steps: 1, questions: 50, successes: 35)])!.value, 0.7, accuracy: 1e-9)
        XCTAssertEqual(StepAccuracy.fit([StepGroup(steps: 3, questions: 40, successes: 10)])!.value, pow(0.25, 1.0 / 3), accuracy: 1e-9)
        let perfect = StepAccuracy.fit([StepGroup(steps: 2, questions: 10, successes: 10)])!
        XCTAssertEqual(perfect.value, 1)
        XCTAssertEqual(perfect.interval.upper, 1)
        // 20 log p = -3.841/2 at the lower bound.
        XCTAssertEqual(perfect.interval.lower, exp(-3.841458820694124 / 40), accuracy: 1e-9)
        XCTAssertEqual(StepAccuracy.fit([StepGroup(steps: 2, questions: 10, successes: 0)])?.value, 0)
        XCTAssertNil(StepAccuracy.fit([]))
    }

    func testProfileLikelihoodInterval() {
        let groups = [StepGroup(steps: 1, questions: 40, successes: 30), StepGroup(steps: 4, questions: 30, successes: 9)]
        let fit = StepAccuracy.fit(groups)!
        let peak = StepAccuracy.logLikelihood(groups, fit.value)
        // The bounds are where the likelihood ratio statistic reaches the chi-square(1) 95% point.
        XCTAssertEqual(2 * (peak - StepAccuracy.logLikelihood(groups, fit.interval.lower)), 3.841458820694124, accuracy: 1e-6)
        XCTAssertEqual(2 * (peak - StepAccuracy.logLikelihood(groups, fit.interval.upper)), 3.841458820694124, accuracy: 1e-6)
        // It is the maximum: nearby values are less likely.
        XCTAssertLessThan(StepAccuracy.logLikelihood(groups, fit.value - 0.01), peak)
        XCTAssertLessThan(StepAccuracy.logLikelihood(groups, fit.value + 0.01), peak)
    }

    /// Greedy outcomes of `questions` questions with s = 1...8 steps, each step right with probability p.
    private func simulate(p: Double, questions: Int, rng: inout SplitMix64) -> [(steps: Int, right: Bool)] {
        (0..<questions).map { q in
            let s = 1 + q % 8
            return (s, (0..<s).allSatisfy { _ in rng.chance(p) })
        }
    }

    func testRecoversKnownStepAccuracyOnSyntheticData() {
        var rng = SplitMix64(seed: 3)
        // End to end through QuestionResult and MetricsSummary.
        for p in [0.6, 0.85, 0.97] {
            let results = simulate(p: p, questions: 4000, rng: &rng).enumerated().map { q, outcome in
                let greedy = GradedSample(correct: outcome.right, answer: outcome.right ? 1 : 2, rule: .hashes, steps: outcome.steps,
                                          calculationErrors: 0, firstWrongStep: nil, errorType: outcome.right ? nil : .reasoning)
                return QuestionResult(id: "\(q)", reference: Reference(answer: 1, steps: outcome.steps), samples: [], greedy: greedy)
            }
            let summary = MetricsSummary(results, bootstrapResamples: 10, seed: 0)
            XCTAssertTrue(summary.stepAccuracyUsesGreedy)
            XCTAssertEqual(summary.accuracyBySteps.map(\.steps), Array(1...8))
            let fit = summary.stepAccuracy!
            XCTAssertEqual(fit.value, p, accuracy: 0.015, "p=\(p) fit=\(fit)")
            XCTAssertLessThan(fit.interval.upper - fit.interval.lower, 0.05)
        }
        // The 95% interval covers the true p in about 95% of 200 replicates (binomial sd of the rate: 1.5%).
        var covered = 0
        for replicate in 0..<200 {
            let p = [0.6, 0.85, 0.97][replicate % 3]
            var groups = (1...8).map { StepGroup(steps: $0, questions: 0, successes: 0) }
            for outcome in simulate(p: p, questions: 800, rng: &rng) {
                groups[outcome.steps - 1].questions += 1
                if outcome.right { groups[outcome.steps - 1].successes += 1 }
            }
            let fit = StepAccuracy.fit(groups)!
            if fit.interval.lower <= p && p <= fit.interval.upper { covered += 1 }
        }
        XCTAssertGreaterThanOrEqual(covered, 180)
        XCTAssertLessThanOrEqual(covered, 199)
    }
}
