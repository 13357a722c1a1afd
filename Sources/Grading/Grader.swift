/// Why a wrong answer is wrong.
public enum ErrorType: String, Sendable, CaseIterable {
    /// Some step's arithmetic is wrong (or the step is malformed).
    case calculation
    /// All annotated arithmetic is right; the plan is wrong (including steps off the reference graph).
    case reasoning
    /// No answer could be extracted.
    case format
}

/// What grading needs from a reference problem, prepared once per question.
public struct Reference: Sendable {
    /// The reference's final answer.
    public var answer: Double
    /// Number of reasoning steps of the reference solution (given, else its non-empty solution lines before the
    /// `####` line).
    public var steps: Int
    /// Exact values after each reference step, for generated problems.
    public var stepValues: [Rational]?

    public init(answer: Double, steps: Int, stepValues: [Rational]? = nil) {
        self.answer = answer
        self.steps = steps
        self.stepValues = stepValues
    }

    /// Reads a reference solution's final answer (`#### N`); the step count is `steps` or else counted from the
    /// solution, and `stepValues` (a generated problem's exact values after each step) must be exact numbers.
    public init(solution: String, steps: Int? = nil, stepValues: [String]? = nil) throws(ReferenceError) {
        guard let extracted = AnswerExtractor.extract(from: solution), extracted.rule == .hashes else {
            throw ReferenceError(field: "answer", "no '#### N' final answer in the reference solution")
        }
        answer = extracted.value
        self.steps = steps ?? Reference.solutionLines(solution)
        if let values = stepValues {
            var exact: [Rational] = []
            for value in values {
                guard let r = withBytes(value, { WrittenResult.whole($0, 0, $0.count) })?.value else {
                    throw ReferenceError(field: "step_values", "'\(value)' is not an exact number")
                }
                exact.append(r)
            }
            self.stepValues = exact
        }
    }

    /// Non-empty lines before the first line starting with `####`.
    static func solutionLines(_ answer: String) -> Int {
        var count = 0
        for line in answer.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("####") { break }
            if !trimmed.isEmpty { count += 1 }
        }
        return count
    }
}

/// A reference that cannot be graded against, naming the field.
public struct ReferenceError: Error, CustomStringConvertible, Sendable {
    public var field: String
    public var message: String
    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { "field '\(field)': \(message)" }
}

/// The grade of one completion against its reference.
public struct GradedSample: Equatable, Sendable {
    /// The extracted answer matches the reference within relative tolerance 1e-3.
    public var correct: Bool
    /// The extracted final answer, nil when none could be extracted.
    public var answer: Double?
    /// The extraction rule that found `answer`.
    public var rule: ExtractionRule?
    /// Number of steps in the completion: its calculator annotations, or its plain equations when it has none
    /// (`StepChecker`).
    public var steps: Int
    /// Number of steps whose arithmetic is wrong or malformed.
    public var calculationErrors: Int
    /// The first wrong step, 1-based: the first step whose arithmetic is wrong or malformed, or — when the
    /// reference has step values — whose written result equals none of them. nil when every step is right.
    public var firstWrongStep: Int?
    /// nil for a correct answer; otherwise `format` (no answer), `calculation` (a wrong or malformed step),
    /// or `reasoning` (all arithmetic right).
    public var errorType: ErrorType?

    public init(correct: Bool, answer: Double?, rule: ExtractionRule?, steps: Int, calculationErrors: Int,
                firstWrongStep: Int?, errorType: ErrorType?) {
        self.correct = correct
        self.answer = answer
        self.rule = rule
        self.steps = steps
        self.calculationErrors = calculationErrors
        self.firstWrongStep = firstWrongStep
        self.errorType = errorType
    }

    /// Normalised position of the first wrong step, `firstWrongStep / steps`, in (0, 1]; nil without one.
    public var firstErrorPosition: Double? {
        firstWrongStep.map { Double($0) / Double(steps) }
    }
}

/// Grades a completion given as bytes with the extraction rules of a `GradingRule` (nil: all rules); the one
/// implementation behind `grade(completion:reference:rule:)`.
func grade(_ s: Bytes, reference: Reference, rules: Set<ExtractionRule>? = nil) -> GradedSample {
    let extracted = AnswerExtractor.extract(s, rules: rules)
    var steps = 0, calculationErrors = 0
    var firstWrong: Int? = nil
    StepChecker.forEachStep(s, referenceValues: reference.stepValues) { step in
        steps += 1
        if step.status != .correct { calculationErrors += 1 }
        if firstWrong == nil, step.isWrong { firstWrong = step.index + 1 }
    }
    let correct = extracted.map { answersMatch($0.value, reference.answer) } ?? false
    var errorType: ErrorType? = nil
    if !correct {
        errorType = extracted == nil ? .format : calculationErrors > 0 ? .calculation : .reasoning
    }
    return GradedSample(correct: correct, answer: extracted?.value, rule: extracted?.rule, steps: steps,
                        calculationErrors: calculationErrors, firstWrongStep: firstWrong, errorType: errorType)
}
