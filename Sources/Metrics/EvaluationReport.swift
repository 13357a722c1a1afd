import DataFiles
import Fits
import Foundation
import Grading

/// Renders a `SampleFileEvaluation`: the summary as a table, CSV or JSON, and the per-question records as JSONL.
public enum EvaluationReport {
    /// One summary column: a name and a metric's estimate per model (nil prints as `-`).
    private struct Column {
        var name: String
        var estimate: (MetricsSummary) -> IntervalEstimate?
    }

    private static func columns(ks: [Int]) -> [Column] {
        var columns = [
            Column(name: "greedy_accuracy") { $0.greedyAccuracy },
            Column(name: "pass_at_n") { $0.passAtN },
            Column(name: "pass_ratio_at_n") { $0.passRatio },
        ]
        for k in ks {
            columns.append(Column(name: "pass_at_\(k)") { s in s.passAtK.first { $0.k == k }?.estimate })
        }
        columns += [
            Column(name: "maj_at_n") { $0.majority },
            Column(name: "acc_step") { $0.stepAccuracy },
            Column(name: "first_error_position") { $0.firstErrorPosition },
        ]
        for type in ErrorType.allCases {
            columns.append(Column(name: "share_\(type.rawValue)") { s in s.errorShares.first { $0.type == type }?.estimate })
        }
        return columns
    }

    /// Every k reported for any model, ascending.
    private static func ks(_ evaluation: SampleFileEvaluation) -> [Int] {
        Set(evaluation.models.flatMap { $0.summary.passAtK.map(\.k) }).sorted()
    }

    private static func samplesText(_ s: MetricsSummary) -> String {
        let r = s.samplesPerQuestion
        return r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)-\(r.upperBound)"
    }

    /// An aligned text table: one row per model, each metric as `value [lower, upper]`.
    public static func table(_ evaluation: SampleFileEvaluation) -> String {
        let cols = columns(ks: ks(evaluation))
        let header = ["model", "questions", "n"] + cols.map(\.name)
        var rows = [header]
        for m in evaluation.models {
            rows.append([m.model, "\(m.summary.questions)", samplesText(m.summary)]
                        + cols.map { c in c.estimate(m.summary).map { $0.formatted(digits: 3) } ?? "-" })
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                i == 0 ? cell + String(repeating: " ", count: widths[i] - cell.count)
                       : String(repeating: " ", count: widths[i] - cell.count) + cell
            }
            out += cells.joined(separator: "  ") + "\n"
        }
        out += "n = samples per question; greedy_accuracy, Pass@N and maj@N with Wilson 95% intervals, Acc_step with a "
            + "profile-likelihood interval (\(stepBasis(evaluation))), the rest with a bootstrap over questions.\n"
        for m in evaluation.models {
            // Acc(s) next to the fit's p^s, the comparison of the paper's Figure 4.
            let p = m.summary.stepAccuracy?.value
            let groups = m.summary.accuracyBySteps.map { g in
                "s=\(g.steps): \(Format.fixed(g.accuracy, digits: 3))" + (p.map { " (p^s \(Format.fixed(pow($0, Double(g.steps)), digits: 3)))" } ?? "")
                    + " n=\(g.questions)"
            }
            out += "accuracy by reference steps, \(m.model): \(groups.joined(separator: "; "))\n"
        }
        return out
    }

    private static func stepBasis(_ evaluation: SampleFileEvaluation) -> String {
        let bases = Set(evaluation.models.map { $0.summary.stepAccuracyUsesGreedy ? "greedy answers" : "sample accuracy c/n" })
        return bases.sorted().joined(separator: " or ")
    }

    /// CSV: one row per model; each metric as three columns `name`, `name_lo`, `name_hi`.
    public static func csv(_ evaluation: SampleFileEvaluation) -> String {
        let cols = columns(ks: ks(evaluation))
        let header = ["model", "questions", "samples_min", "samples_max", "completions"]
            + cols.flatMap { [$0.name, $0.name + "_lo", $0.name + "_hi"] }
        let rows = evaluation.models.map { m in
            [m.model, "\(m.summary.questions)", "\(m.summary.samplesPerQuestion.lowerBound)",
             "\(m.summary.samplesPerQuestion.upperBound)", "\(m.completions)"]
                + cols.flatMap { c -> [String] in
                    guard let e = c.estimate(m.summary) else { return ["", "", ""] }
                    return [number(e.value), number(e.interval.lower), number(e.interval.upper)]
                }
        }
        return CSVWriter.document(header: header, rows: rows)
    }

    /// JSON: `{"models": [...], "skipped_lines": N, "grading_rule": "standard"}` with every metric as `{"value","lower","upper"}` and the
    /// accuracy by reference steps.
    public static func json(_ evaluation: SampleFileEvaluation) throws -> String {
        let cols = columns(ks: ks(evaluation))
        let models: [[String: Any]] = evaluation.models.map { m in
            var o: [String: Any] = [
                "model": m.model, "questions": m.summary.questions, "completions": m.completions,
                "samples_min": m.summary.samplesPerQuestion.lowerBound, "samples_max": m.summary.samplesPerQuestion.upperBound,
                "greedy_questions": m.summary.greedyQuestions, "wrong_completions": m.summary.wrongCompletions,
                "acc_step_basis": m.summary.stepAccuracyUsesGreedy ? "greedy" : "samples",
                "accuracy_by_steps": m.summary.accuracyBySteps.map {
                    ["steps": $0.steps, "questions": $0.questions, "accuracy": $0.accuracy] as [String: Any]
                },
            ]
            for c in cols {
                o[c.name] = c.estimate(m.summary).map { ["value": $0.value, "lower": $0.interval.lower, "upper": $0.interval.upper] } ?? NSNull()
            }
            return o
        }
        let object: [String: Any] = ["models": models, "skipped_lines": evaluation.skipped.count, "grading_rule": evaluation.rule.rawValue]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One JSON line per (model, question), in model then reference order.
    public static func perQuestion(_ evaluation: SampleFileEvaluation) throws -> String {
        var out = ""
        for m in evaluation.models {
            for q in m.questions {
                var o: [String: Any] = [
                    "model": m.model, "id": q.id, "reference_steps": q.referenceSteps, "n": q.samples, "c": q.correct,
                    "pass_ratio": q.passRatio, "majority_correct": q.majorityCorrect,
                    "majority_answer": q.majorityAnswer ?? NSNull(), "greedy_correct": q.greedyCorrect ?? NSNull(),
                    "errors": ["calculation": q.errors.calculation, "reasoning": q.errors.reasoning, "format": q.errors.format],
                    "first_error_position": q.firstErrorCount > 0 ? q.firstErrorPositionSum / Double(q.firstErrorCount) : NSNull(),
                ]
                var passAtK: [String: Double] = [:]
                for (k, _) in m.summary.passAtK { passAtK["\(k)"] = q.passAtK(k) }
                o["pass_at_k"] = passAtK
                out += try JSONLines.line(o) + "\n"
            }
        }
        return out
    }

    /// A number for CSV: integers without a decimal point, else up to 6 significant decimals.
    private static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(format: "%.6g", x)
    }
}
