/// One written solution line: the restated fact, the calculator expression and the written result (which a
/// calculation error makes wrong).
public struct WrittenStep: Hashable, Sendable {
    public var restatement: String
    public var expression: String
    public var result: Int
}

/// How a solution is written. Fine-tuning and evaluation use `target`; the pretraining corpus mixes all four.
public enum SolutionStyle: String, CaseIterable, Sendable, Hashable {
    /// `(1) gives away 3: 16-3=<<16-3=13>>13.` lines, then `#### 13`.
    case target
    /// The same lines without annotations, then `The answer is 13.`
    case plain
    /// `16-3=13; 13/2=6`, then `Answer: 6`.
    case terse
    /// `Answer: 6` only.
    case answerOnly = "answer-only"
}

/// A worked solution of a chain problem as its lines.
public struct WrittenSolution: Hashable, Sendable {
    public var steps: [WrittenStep]

    /// The final written answer.
    public var final: Int { steps.last?.result ?? 0 }

    /// The solution text in a style (no trailing newline).
    public func text(_ style: SolutionStyle) -> String {
        switch style {
        case .target:
            let lines = steps.enumerated().map { i, s in
                "(\(i + 1)) \(s.restatement): \(s.expression)=<<\(s.expression)=\(s.result)>>\(s.result)."
            }
            return (lines + ["#### \(final)"]).joined(separator: "\n")
        case .plain:
            let lines = steps.enumerated().map { i, s in "(\(i + 1)) \(s.restatement): \(s.expression)=\(s.result)." }
            return (lines + ["The answer is \(final)."]).joined(separator: "\n")
        case .terse:
            return steps.map { "\($0.expression)=\($0.result)" }.joined(separator: "; ") + "\nAnswer: \(final)"
        case .answerOnly:
            return "Answer: \(final)"
        }
    }
}
