import DataFiles
import Foundation
import Grading
import Metrics
import ResultsSchema

/// The per-question records of one finished run (`runs/<hash>/questions.jsonl`), reduced to what the report's
/// paired intervals need: for each metric that is a ratio of per-question sums, its numerator and denominator.
struct QuestionRecords {
    struct Question {
        var steps: Int
        var greedyCorrect: Double
        var samples: Int
        var correct: Int
        var errors: ErrorCounts
        /// Sum (NaN when not recorded) and count of first-error positions over the wrong samples that have one.
        var firstErrorSum: Double
        var firstErrorCount: Int
    }

    /// Questions by evaluation domain, in test-set order.
    var domains: [String: [Question]]

    /// Reads `path`; nil when the file is missing or a line is not a question record (the report then falls back
    /// to the run's own intervals).
    init?(path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let lines = try? JSONLines(parsing: text, file: path) else { return nil }
        var domains: [String: [Question]] = [:]
        for o in lines.records.map(\.object) {
            guard let domain = o["eval_domain"] as? String, let steps = o["steps"] as? Int, steps > 0,
                  let samples = o["samples"] as? Int, let correct = o["correct"] as? Int,
                  let types = o["sample_errors"] as? [String], let wrongSteps = o["sample_first_wrong_step"] as? [Int],
                  types.count == samples, wrongSteps.count == samples else { return nil }
            // Positions are step / the completion's own steps, stored since issue 15; older records lack them, and
            // the report then uses the run's own interval for the first-error position.
            let positions = (o["sample_first_error_position"] as? [Any])?.compactMap(FieldReader.number) ?? []
            var errors = ErrorCounts(), sum = Double.nan, count = 0
            if positions.count == samples { sum = 0 }
            for (i, (type, step)) in zip(types, wrongSteps).enumerated() where !type.isEmpty {
                guard let t = ErrorType(rawValue: type) else { return nil }
                errors[t] += 1
                if step > 0 {
                    if !sum.isNaN { sum += positions[i] }
                    count += 1
                }
            }
            domains[domain, default: []].append(Question(
                steps: steps, greedyCorrect: (o["greedy_correct"] as? Bool) == true ? 1 : 0, samples: samples,
                correct: correct, errors: errors, firstErrorSum: sum, firstErrorCount: count))
        }
        self.domains = domains
    }

    /// Numerator and denominator per question of `metric` on `domain`, nil for a metric that is not a ratio of
    /// per-question sums (acc_step, LM losses) or a domain without questions. Counts (`calc_errors`) are the
    /// per-question count times the number of questions, so that their mean is the total.
    func observations(_ metric: MetricName, domain: String) -> (numerator: [Double], denominator: [Double])? {
        guard let questions = domains[domain], !questions.isEmpty else { return nil }
        let ones = [Double](repeating: 1, count: questions.count), n = Double(questions.count)
        let shares: [MetricName: ErrorType] = [.calculationErrorShare: .calculation, .reasoningErrorShare: .reasoning, .formatErrorShare: .format]
        switch metric {
        case .greedyAccuracy: return (questions.map(\.greedyCorrect), ones)
        case .passAtN: return (questions.map { $0.correct > 0 ? 1 : 0 }, ones)
        case .passRatioAtN: return (questions.map { $0.samples > 0 ? Double($0.correct) / Double($0.samples) : 0 }, ones)
        case .firstErrorPosition:
            guard !questions.contains(where: { $0.firstErrorSum.isNaN }) else { return nil }
            return (questions.map(\.firstErrorSum), questions.map { Double($0.firstErrorCount) })
        case .calculationErrors: return (questions.map { Double($0.errors.calculation) * n }, ones)
        case .reasoningErrors: return (questions.map { Double($0.errors.reasoning) * n }, ones)
        default:
            if let type = shares[metric] {
                return (questions.map { Double($0.errors[type]) }, questions.map { Double($0.errors.total) })
            }
            if let s = metric.steps {
                return (questions.map { $0.steps == s ? $0.greedyCorrect : 0 }, questions.map { $0.steps == s ? 1 : 0 })
            }
            return nil
        }
    }
}
