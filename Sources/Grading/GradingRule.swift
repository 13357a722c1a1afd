/// The toolkit's one rule for reading a completion's final answer, in two strengths chosen by name. Every grader
/// (`scaling eval`, the study's evaluation, `scaling train --eval`) grades through `grade(completion:reference:rule:)`
/// with one of these and records its name with the results, so the same completions get the same accuracy
/// wherever they are graded.
public enum GradingRule: String, CaseIterable, Sendable {
    /// `AnswerExtractor`'s rules in order: the first `#### N`, `The answer is N`, `Answer: N`, `A: N` or
    /// `\boxed{N}`; else the last number in the text (how GSM8K answers of real models are usually read).
    case standard
    /// Only `#### N`, the format fine-tuning teaches: an answer in any other form is a format error, so a model
    /// that emits digits at random cannot score by luck.
    case strict

    /// The extraction rules tried (nil: all of them).
    public var extractionRules: Set<ExtractionRule>? {
        switch self {
        case .standard: nil
        case .strict: [.hashes]
        }
    }
}

/// Grades one completion against its reference under `rule`: extracts the answer, checks every step, and
/// classifies a wrong answer (`GradedSample`).
public func grade(completion: String, reference: Reference, rule: GradingRule = .standard) -> GradedSample {
    withBytes(completion) { grade($0, reference: reference, rules: rule.extractionRules) }
}

/// `grade(completion:reference:rule:)` on UTF-8 bytes, for callers that hold raw file bytes (`scaling eval`).
public func grade(utf8 completion: UnsafeBufferPointer<UInt8>, reference: Reference, rule: GradingRule = .standard) -> GradedSample {
    grade(completion, reference: reference, rules: rule.extractionRules)
}
