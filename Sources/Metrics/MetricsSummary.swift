import Grading
import Fits

/// The paper's metrics over a set of questions, each with a 95% interval.
///
/// Proportions of questions (greedy accuracy, Pass@N, maj@N) get Wilson intervals; means of per-question values
/// (PassRatio@N, pass@k, first-error position, error-type shares) get a seeded percentile bootstrap over
/// questions; Acc_step gets its profile-likelihood interval (`StepAccuracy`).
public struct MetricsSummary: Equatable, Sendable {
    public var questions: Int
    /// Smallest and largest n over the questions.
    public var samplesPerQuestion: ClosedRange<Int>
    /// Greedy accuracy over the questions that have a greedy completion; nil when none has.
    public var greedyAccuracy: IntervalEstimate?
    /// Number of questions with a greedy completion.
    public var greedyQuestions: Int
    /// Pass@N = mean over questions of min(c, 1). nil when some question has no samples (also for the next three).
    public var passAtN: IntervalEstimate?
    /// PassRatio@N = mean over questions of c / n.
    public var passRatio: IntervalEstimate?
    /// Unbiased pass@k for each requested k (k <= the smallest n), in the order requested.
    public var passAtK: [(k: Int, estimate: IntervalEstimate)]
    /// maj@N: share of questions whose majority answer is right.
    public var majority: IntervalEstimate?
    /// Accuracy by number of reference steps, ascending.
    public var accuracyBySteps: [StepGroup]
    /// Whether `accuracyBySteps` (and the fit) use greedy answers (every question has one) or c / n.
    public var stepAccuracyUsesGreedy: Bool
    /// Fitted single-step accuracy p with Acc(s) = p^s.
    public var stepAccuracy: IntervalEstimate?
    /// Mean normalised position of the first wrong step over wrong completions that have one.
    public var firstErrorPosition: IntervalEstimate?
    /// Wrong completions analysed, and their split by error type (shares of `wrongCompletions`).
    public var wrongCompletions: Int
    public var errorShares: [(type: ErrorType, estimate: IntervalEstimate)]

    public static func == (a: MetricsSummary, b: MetricsSummary) -> Bool {
        a.questions == b.questions && a.samplesPerQuestion == b.samplesPerQuestion && a.greedyAccuracy == b.greedyAccuracy
            && a.greedyQuestions == b.greedyQuestions && a.passAtN == b.passAtN && a.passRatio == b.passRatio
            && a.passAtK.elementsEqual(b.passAtK, by: { $0.k == $1.k && $0.estimate == $1.estimate })
            && a.majority == b.majority && a.accuracyBySteps == b.accuracyBySteps
            && a.stepAccuracyUsesGreedy == b.stepAccuracyUsesGreedy && a.stepAccuracy == b.stepAccuracy
            && a.firstErrorPosition == b.firstErrorPosition && a.wrongCompletions == b.wrongCompletions
            && a.errorShares.elementsEqual(b.errorShares, by: { $0.type == $1.type && $0.estimate == $1.estimate })
    }

    /// Summarises `results` (at least one). `ks` larger than the smallest n are left out of `passAtK`; check
    /// `samplesPerQuestion` first to report that. `bootstrapResamples` resamples of the questions, drawn from
    /// `seed`, give the bootstrap intervals.
    public init(_ results: [QuestionResult], ks: [Int] = [], bootstrapResamples: Int = 1000, seed: UInt64 = 0) {
        questions = results.count
        let ns = results.map(\.samples)
        samplesPerQuestion = (ns.min() ?? 0)...(ns.max() ?? 0)
        let allSampled = !results.isEmpty && samplesPerQuestion.lowerBound > 0

        let greedy = results.compactMap(\.greedyCorrect)
        greedyQuestions = greedy.count
        greedyAccuracy = greedy.isEmpty ? nil
            : IntervalEstimate.wilson(successes: Double(greedy.filter { $0 }.count), trials: Double(greedy.count))
        let q = Double(results.count)
        passAtN = allSampled ? IntervalEstimate.wilson(successes: Double(results.filter { $0.correct > 0 }.count), trials: q) : nil
        majority = results.isEmpty ? nil : IntervalEstimate.wilson(successes: Double(results.filter(\.majorityCorrect).count), trials: q)

        // Bootstrap statistics: ratios of per-question sums.
        var bootstrap = Bootstrap()
        let ones = [Double](repeating: 1, count: results.count)
        let ratioIndex = allSampled ? bootstrap.add(numerator: results.map(\.passRatio), denominator: ones) : nil
        let smallestN = samplesPerQuestion.lowerBound
        let validKs = allSampled ? ks.filter { $0 >= 1 && $0 <= smallestN } : []
        var kIndices: [Int] = []
        for k in validKs {
            let values = results.map { r in QuestionResult.passAtK(n: r.samples, c: r.correct, k: k) ?? 0 }
            kIndices.append(bootstrap.add(numerator: values, denominator: ones))
        }
        let positionIndex = bootstrap.add(numerator: results.map(\.firstErrorPositionSum),
                                          denominator: results.map { Double($0.firstErrorCount) })
        let wrong = results.map { Double($0.errors.total) }
        var typeIndices: [Int] = []
        for type in ErrorType.allCases {
            typeIndices.append(bootstrap.add(numerator: results.map { Double($0.errors[type]) }, denominator: wrong))
        }
        let estimates = bootstrap.run(resamples: bootstrapResamples, seed: seed)
        passRatio = ratioIndex.flatMap { estimates[$0] }
        passAtK = zip(validKs, kIndices).compactMap { k, i in estimates[i].map { (k, $0) } }
        firstErrorPosition = estimates[positionIndex]
        wrongCompletions = results.reduce(0) { $0 + $1.errors.total }
        errorShares = zip(ErrorType.allCases, typeIndices).compactMap { type, i in estimates[i].map { (type, $0) } }

        stepAccuracyUsesGreedy = !results.isEmpty && greedy.count == results.count
        var groups: [Int: StepGroup] = [:]
        for r in results {
            groups[r.referenceSteps, default: StepGroup(steps: r.referenceSteps, questions: 0, successes: 0)].questions += 1
            groups[r.referenceSteps]!.successes += stepAccuracyUsesGreedy ? r.accuracy : r.passRatio
        }
        accuracyBySteps = groups.values.sorted { $0.steps < $1.steps }
        stepAccuracy = StepAccuracy.fit(accuracyBySteps)
    }
}
