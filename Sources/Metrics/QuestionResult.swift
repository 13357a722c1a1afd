import Grading

/// Counts of wrong answers by `ErrorType`.
public struct ErrorCounts: Equatable, Sendable {
    public var calculation = 0
    public var reasoning = 0
    public var format = 0

    public init(calculation: Int = 0, reasoning: Int = 0, format: Int = 0) {
        self.calculation = calculation
        self.reasoning = reasoning
        self.format = format
    }

    public var total: Int { calculation + reasoning + format }

    public subscript(type: ErrorType) -> Int {
        get {
            switch type {
            case .calculation: calculation
            case .reasoning: reasoning
            case .format: format
            }
        }
        set {
            switch type {
            case .calculation: calculation = newValue
            case .reasoning: reasoning = newValue
            case .format: format = newValue
            }
        }
    }
}

/// Everything the metrics need about one question: its n sampled completions, c of them correct, the greedy
/// completion when there is one, the majority answer, and the error analysis.
///
/// The greedy completion is not one of the n samples (the paper samples N = 256 at temperature 0.7 and decodes
/// greedily once). The error analysis (error types, first-error position) is over the n samples, or over the
/// greedy completion when there are no samples.
public struct QuestionResult: Equatable, Sendable {
    /// The question's id (as the caller names it).
    public var id: String
    /// Steps of the reference solution (`Reference.steps`).
    public var referenceSteps: Int
    /// n: number of sampled completions.
    public var samples: Int
    /// c: number of correct sampled completions.
    public var correct: Int
    /// Whether the greedy completion is correct; nil without one.
    public var greedyCorrect: Bool?
    /// The majority answer over the samples' extracted answers (see `majorityVote`); nil when none has one.
    public var majorityAnswer: Double?
    /// Whether `majorityAnswer` matches the reference.
    public var majorityCorrect: Bool
    /// Wrong answers by type, over the analysed completions.
    public var errors: ErrorCounts
    /// Sum and count of `GradedSample.firstErrorPosition` over the analysed completions whose answer is wrong
    /// and that have a first wrong step.
    public var firstErrorPositionSum: Double
    public var firstErrorCount: Int

    public init(id: String, referenceSteps: Int, samples: Int, correct: Int, greedyCorrect: Bool?, majorityAnswer: Double?,
                majorityCorrect: Bool, errors: ErrorCounts, firstErrorPositionSum: Double, firstErrorCount: Int) {
        self.id = id
        self.referenceSteps = referenceSteps
        self.samples = samples
        self.correct = correct
        self.greedyCorrect = greedyCorrect
        self.majorityAnswer = majorityAnswer
        self.majorityCorrect = majorityCorrect
        self.errors = errors
        self.firstErrorPositionSum = firstErrorPositionSum
        self.firstErrorCount = firstErrorCount
    }

    /// Aggregates the graded completions of one question.
    public init(id: String, reference: Reference, samples: [GradedSample], greedy: GradedSample? = nil) {
        let analysed = samples.isEmpty ? greedy.map { [$0] } ?? [] : samples
        var errors = ErrorCounts()
        var positionSum = 0.0, positionCount = 0
        for g in analysed where !g.correct {
            if let type = g.errorType { errors[type] += 1 }
            if let p = g.firstErrorPosition {
                positionSum += p
                positionCount += 1
            }
        }
        let majority = QuestionResult.majorityVote(analysed.map(\.answer))
        self.init(id: id, referenceSteps: reference.steps, samples: samples.count,
                  correct: samples.reduce(0) { $0 + ($1.correct ? 1 : 0) }, greedyCorrect: greedy?.correct,
                  majorityAnswer: majority, majorityCorrect: majority.map { answersMatch($0, reference.answer) } ?? false,
                  errors: errors, firstErrorPositionSum: positionSum, firstErrorCount: positionCount)
    }

    /// The most frequent answer; answers are equal when their values are equal exactly (`18` and `18.00` are
    /// one answer, `0.333` and `1/3` are two). Ties go to the answer that occurs first in sample order, so
    /// the vote does not depend on hashing. nil answers (nothing extracted) do not vote.
    public static func majorityVote(_ answers: [Double?]) -> Double? {
        var tally: [Double: (count: Int, first: Int)] = [:]
        for (i, answer) in answers.enumerated() {
            guard let a = answer else { continue }
            let key = a == 0 ? 0 : a  // -0.0 and 0.0 are one answer
            tally[key, default: (0, i)].count += 1
        }
        return tally.max { l, r in l.value.count != r.value.count ? l.value.count < r.value.count : l.value.first > r.value.first }?.key
    }

    /// c / n: the share of correct samples (PassRatio@N for this question).
    public var passRatio: Double { samples > 0 ? Double(correct) / Double(samples) : 0 }

    /// The accuracy used for step analysis: the greedy completion when there is one, else c / n.
    public var accuracy: Double {
        if let greedyCorrect { return greedyCorrect ? 1 : 0 }
        return passRatio
    }

    /// Unbiased pass@k = 1 - C(n-c, k) / C(n, k): the chance that k samples drawn without replacement from the
    /// n include a correct one. Computed as 1 - prod_{i=n-c+1}^{n} (1 - k/i), which never forms a binomial
    /// coefficient (C(256, 128) overflows a double's exact range). nil when k < 1 or k > n.
    public func passAtK(_ k: Int) -> Double? {
        QuestionResult.passAtK(n: samples, c: correct, k: k)
    }

    public static func passAtK(n: Int, c: Int, k: Int) -> Double? {
        guard k >= 1, k <= n, c >= 0, c <= n else { return nil }
        if c == 0 { return 0 }
        if n - c < k { return 1 }
        var failAll = 1.0
        for i in (n - c + 1)...n { failAll *= 1 - Double(k) / Double(i) }
        return 1 - failAll
    }
}
