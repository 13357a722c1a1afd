#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Fits

/// Accuracy of the questions whose reference solution has `steps` steps.
public struct StepGroup: Equatable, Sendable {
    public var steps: Int
    public var questions: Int
    /// Sum of the questions' accuracies (`QuestionResult.accuracy`: 0/1 for greedy, c/n otherwise).
    public var successes: Double
    public var accuracy: Double { successes / Double(questions) }

    public init(steps: Int, questions: Int, successes: Double) {
        self.steps = steps
        self.questions = questions
        self.successes = successes
    }
}

/// The single-step accuracy: the p that best explains Acc(s) = p^s across step groups.
///
/// Each question is one trial that succeeds with probability p^s (s = its reference steps); its outcome y is
/// its accuracy (0/1 for a greedy answer, the fraction c/n of correct samples otherwise). p maximises
///
///     L(p) = sum over groups s of [ k_s * s * log p + (n_s - k_s) * log(1 - p^s) ]
///
/// (n_s questions, k_s = sum of their y). L is concave in p, so the maximum is the root of dL/dp, found by
/// bisection. The 95% interval is the profile-likelihood (likelihood-ratio) set 2 (L(p^) - L(p)) <= 3.841.
/// Treating a question, not a sample, as the unit keeps the interval honest when samples of one question are
/// correlated (with fractional y it is a quasi-likelihood).
public enum StepAccuracy {
    /// The fitted p with its interval; nil without any group with steps >= 1.
    public static func fit(_ groups: [StepGroup]) -> IntervalEstimate? {
        let groups = groups.filter { $0.steps >= 1 && $0.questions > 0 }
        guard !groups.isEmpty else { return nil }
        let failures = groups.reduce(0) { $0 + Double($1.questions) - $1.successes }
        let successes = groups.reduce(0) { $0 + $1.successes }
        let best: Double
        if failures <= 0 { best = 1 } else if successes <= 0 { best = 0 } else {
            best = bisect(lower: 0, upper: 1) { derivative(groups, $0) > 0 }
        }
        let threshold = logLikelihood(groups, best) - 3.841458820694124 / 2
        let lower = best == 0 || logLikelihood(groups, 0) >= threshold ? 0
            : bisect(lower: 0, upper: best) { logLikelihood(groups, $0) < threshold }
        let upper = best == 1 || logLikelihood(groups, 1) >= threshold ? 1
            : bisect(lower: best, upper: 1) { logLikelihood(groups, $0) >= threshold }
        return IntervalEstimate(value: best, lower: lower, upper: upper)
    }

    /// L(p) as above; terms with zero weight are skipped so L(0) and L(1) are finite when they can be.
    public static func logLikelihood(_ groups: [StepGroup], _ p: Double) -> Double {
        var total = 0.0
        for g in groups {
            let s = Double(g.steps), k = g.successes, fail = Double(g.questions) - g.successes
            if k > 0 { total += k * s * log(p) }
            if fail > 0 { total += fail * log1p(-pow(p, s)) }
        }
        return total.isNaN ? -.infinity : total
    }

    static func derivative(_ groups: [StepGroup], _ p: Double) -> Double {
        var total = 0.0
        for g in groups {
            let s = Double(g.steps), k = g.successes, fail = Double(g.questions) - g.successes
            total += k * s / p - fail * s * pow(p, s - 1) / -expm1(s * log(p))
        }
        return total
    }

    /// The boundary in [lower, upper] where `isBelow` turns from true to false (to ~1e-12).
    static func bisect(lower: Double, upper: Double, isBelow: (Double) -> Bool) -> Double {
        var lo = lower, hi = upper
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if isBelow(mid) { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
