import Grading
import MathTasks
import XCTest
@testable import Study

final class RunEvaluationTests: XCTestCase {
    /// Two 1-step questions with known answers, hand-written completions, and the metrics they must give.
    func testMetricsFromCompletions() throws {
        let tasks = [
            TaskRecord(question: "Eve has 16 apples. (1) Eve gives away 3. How many apples does Eve have now?",
                       answer: "(1) gives away 3: 16-3=<<16-3=13>>13.\n#### 13", id: "q0", steps: 1, stepValues: ["13"]),
            TaskRecord(question: "Bo has 10 pens. (1) Bo gets 5 more. How many pens does Bo have now?",
                       answer: "(1) gets 5 more: 10+5=<<10+5=15>>15.\n#### 15", id: "q1", steps: 1, stepValues: ["15"]),
        ]
        let right0 = "(1) gives away 3: 16-3=<<16-3=13>>13.\n#### 13"
        let calc0 = "(1) gives away 3: 16-3=<<16-3=12>>12.\n#### 12"
        let plain1 = "(1) gets 5 more: 10+5=15.\nThe answer is 15."
        let right1 = "(1) gets 5 more: 10+5=<<10+5=15>>15.\n#### 15"
        let greedy = [right0, plain1]
        let samples = [[right0, calc0, calc0, right0], [right1, plain1, plain1, plain1]]

        let sft = RunEvaluation(domain: "gsm", tasks: tasks, rule: .strict, passAtK: [1, 2])
        let m = Dictionary(uniqueKeysWithValues: try sft.evaluate(greedy: greedy, samples: samples, seed: 0).metrics.map { ($0.metric, $0) })
        // The strict rule reads "#### N" only: question 1's greedy "The answer is 15" is a format error.
        XCTAssertEqual(m["greedy_accuracy"]?.value, 0.5)
        XCTAssertEqual(m["pass_at_n"]?.value, 1.0)
        XCTAssertEqual(try XCTUnwrap(m["pass_ratio_at_n"]?.value), (2.0 / 4 + 1.0 / 4) / 2, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(m["pass_at_k_1"]?.value), (0.5 + 0.25) / 2, accuracy: 1e-12)
        // pass@2: 1 - C(2,2)/C(4,2) = 5/6 for c = 2; 1 - C(3,2)/C(4,2) = 1/2 for c = 1.
        XCTAssertEqual(try XCTUnwrap(m["pass_at_k_2"]?.value), (5.0 / 6 + 0.5) / 2, accuracy: 1e-12)
        XCTAssertEqual(m["calc_errors"]?.value, 2)
        XCTAssertEqual(m["reasoning_errors"]?.value, 0)
        XCTAssertEqual(try XCTUnwrap(m["format_error_share"]?.value), 3.0 / 5, accuracy: 1e-12)
        XCTAssertEqual(m["accuracy_steps_1"]?.n, 2)
        XCTAssertEqual(m["greedy_accuracy"]?.n, 2)
        XCTAssertNotNil(m["greedy_accuracy"]?.ciLow)
        XCTAssertNotNil(m["acc_step"])

        // The standard rule reads "The answer is N" too.
        let base = RunEvaluation(domain: "gsm", tasks: tasks, rule: .standard, passAtK: [1])
        let b = try base.evaluate(greedy: greedy, samples: samples, seed: 0)
        XCTAssertEqual(b.metrics.first { $0.metric == "greedy_accuracy" }?.value, 1.0)
        XCTAssertEqual(b.metrics.first { $0.metric == "pass_ratio_at_n" }?.value, (0.5 + 1.0) / 2)
        XCTAssertEqual(b.questions.count, 2)
        XCTAssertEqual(b.questions[1]["greedy_correct"] as? Bool, true)
        XCTAssertEqual(b.questions[0]["sample_errors"] as? [String], ["", "calculation", "calculation", ""])
    }

    /// A completion whose only number is at the end ("... 13"): the standard rule reads it (as `scaling eval`
    /// does), the strict rule never does.
    func testLastNumberCountsOnlyUnderTheStandardRule() throws {
        let task = TaskRecord(question: "q", answer: "(1) x: 16-3=<<16-3=13>>13.\n#### 13", steps: 1)
        for (rule, accuracy, format) in [(GradingRule.standard, 1.0, nil), (.strict, 0.0, 1.0)] as [(GradingRule, Double, Double?)] {
            let e = RunEvaluation(domain: "gsm", tasks: [task], rule: rule, passAtK: [])
            let r = try e.evaluate(greedy: ["blah 13"], samples: [["blah 13", "blah 12"]], seed: 0)
            XCTAssertEqual(r.metrics.first { $0.metric == "greedy_accuracy" }?.value, accuracy, "\(rule)")
            if let format { XCTAssertEqual(r.metrics.first { $0.metric == "format_error_share" }?.value, format, "\(rule)") }
        }
    }
}
