/// The name of a metric in metrics.csv (and in a run's result.json), typed so that a report or a figure asks for
/// `.greedyAccuracy` or `.accuracySteps(4)` instead of a string it slices.
public struct MetricName: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let greedyAccuracy = MetricName(rawValue: "greedy_accuracy")
    /// Pass@N: any of the N samples right.
    public static let passAtN = MetricName(rawValue: "pass_at_n")
    /// PassRatio@N: the share of the N samples that is right.
    public static let passRatioAtN = MetricName(rawValue: "pass_ratio_at_n")
    /// The fitted per-step accuracy (accuracy on s steps ~ Acc_step^s).
    public static let accStep = MetricName(rawValue: "acc_step")
    /// Where the first wrong step comes, as a share of the steps.
    public static let firstErrorPosition = MetricName(rawValue: "first_error_position")
    /// Counts of wrong sampled completions by kind, and the kinds' shares of the wrong answers.
    public static let calculationErrors = MetricName(rawValue: "calc_errors")
    public static let reasoningErrors = MetricName(rawValue: "reasoning_errors")
    public static let calculationErrorShare = MetricName(rawValue: "calc_error_share")
    public static let reasoningErrorShare = MetricName(rawValue: "reasoning_error_share")
    public static let formatErrorShare = MetricName(rawValue: "format_error_share")
    /// LM loss per token on the test questions with their reference solutions, and on regenerated test and train
    /// questions; the contamination check's deltas of them (E9).
    public static let lmLossTestReference = MetricName(rawValue: "lm_loss_test_ref")
    public static let lmLossTestRegenerated = MetricName(rawValue: "lm_loss_test_regen")
    public static let lmLossTrainRegenerated = MetricName(rawValue: "lm_loss_train_regen")
    public static let delta1 = MetricName(rawValue: "delta1")
    public static let delta2 = MetricName(rawValue: "delta2")

    static let accuracyStepsPrefix = "accuracy_steps_"

    /// Greedy accuracy on the test questions of `steps` reasoning steps.
    public static func accuracySteps(_ steps: Int) -> MetricName { MetricName(rawValue: accuracyStepsPrefix + String(steps)) }

    /// An `accuracy_steps_<s>` metric (well-formed or not: `steps` tells).
    public var isAccuracySteps: Bool { rawValue.hasPrefix(MetricName.accuracyStepsPrefix) }

    /// The s of `accuracy_steps_<s>` (s >= 1), nil for every other metric.
    public var steps: Int? {
        guard isAccuracySteps, let s = Int(rawValue.dropFirst(MetricName.accuracyStepsPrefix.count)),
              s >= 1 else { return nil }
        return s
    }

    /// Accuracy-by-steps metrics sort by their step count, others by name after them.
    public static func < (a: MetricName, b: MetricName) -> Bool {
        switch (a.steps, b.steps) {
        case let (x?, y?): return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.rawValue < b.rawValue
        }
    }
}
