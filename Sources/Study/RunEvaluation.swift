import Fits
import Grading
import MathTasks
import Metrics

/// Turns one model's completions on one test set into the metrics.csv metrics and per-question records.
///
/// Completions are graded by the toolkit's one grading rule (`GradingRule`, the study's `eval.grading`), exactly as
/// `scaling eval --rule` grades the same completions.
struct RunEvaluation {
    var domain: String
    var tasks: [TaskRecord]
    var rule: GradingRule
    var passAtK: [Int]

    func grade(_ completion: String, _ reference: Reference) -> GradedSample {
        Grading.grade(completion: completion, reference: reference, rule: rule)
    }

    struct Result {
        var metrics: [MetricValue]
        /// One JSON object per question for runs/<hash>/questions.jsonl.
        var questions: [[String: Any]]
    }

    /// `greedy[i]` and `samples[i]` are the completions for `tasks[i]` (the text after the question's newline).
    func evaluate(greedy: [String], samples: [[String]], seed: UInt64) throws -> Result {
        var results: [QuestionResult] = []
        var questions: [[String: Any]] = []
        for (i, task) in tasks.enumerated() {
            let reference = try Reference(task)
            let g = grade(greedy[i], reference)
            let graded = samples[i].map { grade($0, reference) }
            let id = task.id ?? "\(domain)-\(i)"
            let r = QuestionResult(id: id, reference: reference, samples: graded, greedy: g)
            results.append(r)
            var q: [String: Any] = [
                "eval_domain": domain, "id": id, "steps": reference.steps, "answer": reference.answer,
                "greedy": greedy[i], "greedy_correct": g.correct, "samples": graded.count, "correct": r.correct,
                "majority_correct": r.majorityCorrect,
                "sample_answers": graded.map { $0.answer.map { formatNumber($0) } ?? "" },
                "sample_errors": graded.map { $0.errorType?.rawValue ?? "" },
                "sample_first_wrong_step": graded.map { $0.firstWrongStep ?? 0 },
                // The normalised position (step / the completion's steps): the report's paired first-error intervals.
                "sample_first_error_position": graded.map { $0.firstErrorPosition ?? 0 },
            ]
            if let e = g.errorType { q["greedy_error"] = e.rawValue }
            if let f = g.firstWrongStep { q["greedy_first_wrong_step"] = f }
            if let m = r.majorityAnswer { q["majority_answer"] = m }
            questions.append(q)
        }
        return Result(metrics: metrics(MetricsSummary(results, ks: passAtK, seed: seed), results), questions: questions)
    }

    /// The metric rows of a summary, named as in metrics.csv.
    func metrics(_ s: MetricsSummary, _ results: [QuestionResult]) -> [MetricValue] {
        let n = s.questions
        var out: [MetricValue] = []
        func add(_ name: String, _ e: IntervalEstimate?, n count: Int = n) {
            guard let e else { return }
            out.append(MetricValue(evalDomain: domain, metric: name, value: e.value, ciLow: e.interval.lower, ciHigh: e.interval.upper, n: count))
        }
        add("greedy_accuracy", s.greedyAccuracy)
        add("pass_at_n", s.passAtN)
        add("pass_ratio_at_n", s.passRatio)
        add("maj_at_n", s.majority)
        for (k, e) in s.passAtK { add("pass_at_k_\(k)", e) }
        for group in s.accuracyBySteps {
            // Greedy answers are 0/1 per question: a Wilson interval; c/n fractions get none here.
            let e = s.stepAccuracyUsesGreedy ? IntervalEstimate.wilson(successes: group.successes, trials: Double(group.questions))
                : IntervalEstimate(value: group.accuracy, lower: .nan, upper: .nan)
            out.append(MetricValue(evalDomain: domain, metric: "accuracy_steps_\(group.steps)", value: e.value,
                                   ciLow: e.interval.lower.isNaN ? nil : e.interval.lower, ciHigh: e.interval.upper.isNaN ? nil : e.interval.upper, n: group.questions))
        }
        add("acc_step", s.stepAccuracy)
        add("first_error_position", s.firstErrorPosition)
        let names: [ErrorType: String] = [.calculation: "calc_error_share", .reasoning: "reasoning_error_share", .format: "format_error_share"]
        for (type, e) in s.errorShares { add(names[type]!, e) }
        let totals = results.reduce(ErrorCounts()) { sum, r in
            ErrorCounts(calculation: sum.calculation + r.errors.calculation, reasoning: sum.reasoning + r.errors.reasoning,
                        format: sum.format + r.errors.format)
        }
        out.append(MetricValue(evalDomain: domain, metric: "calc_errors", value: Double(totals.calculation), n: n))
        out.append(MetricValue(evalDomain: domain, metric: "reasoning_errors", value: Double(totals.reasoning), n: n))
        return out
    }
}
