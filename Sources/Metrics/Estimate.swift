import MathTasks

/// A metric's value with its 95% interval.
public struct Estimate: Equatable, Sendable, CustomStringConvertible {
    public var value: Double
    public var lower: Double
    public var upper: Double

    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }

    public var description: String { formatted(digits: 3) }

    /// `0.812 [0.790, 0.833]`.
    public func formatted(digits: Int) -> String {
        "\(Estimate.fixed(value, digits)) [\(Estimate.fixed(lower, digits)), \(Estimate.fixed(upper, digits))]"
    }

    /// A number with `digits` decimals (no Foundation formatting in the library).
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let sign = x < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + "\(whole)" }
        let padded = String(repeating: "0", count: max(0, digits - String(fraction).count)) + String(fraction)
        return "\(sign)\(whole).\(padded)"
    }

    /// The 95% Wilson score interval of `successes` out of `trials` (trials > 0).
    ///
    /// Wilson rather than the normal approximation because accuracies near 0 or 1 (Pass@256 ~ 0.98) are common,
    /// where p ± 1.96 SE leaves [0, 1].
    public static func wilson(successes: Double, trials: Double) -> Estimate {
        let z = 1.959963984540054
        let p = successes / trials
        let z2n = z * z / trials
        let center = (p + z2n / 2) / (1 + z2n)
        let half = z / (1 + z2n) * (p * (1 - p) / trials + z2n / (4 * trials)).squareRoot()
        return Estimate(value: p, lower: max(0, center - half), upper: min(1, center + half))
    }
}

/// Percentile bootstrap over questions for statistics that are ratios of per-question sums.
///
/// Each statistic is `sum(numerator[q]) / sum(denominator[q])` over the questions (a plain mean has denominator
/// 1 per question). Every resample draws questions with replacement, the same draws for all statistics; the
/// interval is the 2.5th and 97.5th percentile of the resampled statistic.
struct Bootstrap {
    var numerators: [[Double]] = []
    var denominators: [[Double]] = []

    /// Adds a statistic; returns its index.
    mutating func add(numerator: [Double], denominator: [Double]) -> Int {
        numerators.append(numerator)
        denominators.append(denominator)
        return numerators.count - 1
    }

    /// The estimates of every statistic, nil where the total denominator is 0.
    func run(resamples: Int, seed: UInt64) -> [Estimate?] {
        let statistics = numerators.count
        guard statistics > 0, let questions = numerators.first?.count, questions > 0 else {
            return Array(repeating: nil, count: statistics)
        }
        var rng = SeededGenerator(seed: seed)
        var draws = [[Double]](repeating: [], count: statistics)
        var num = [Double](repeating: 0, count: statistics), den = num
        for _ in 0..<resamples {
            for s in 0..<statistics { num[s] = 0; den[s] = 0 }
            for _ in 0..<questions {
                let q = rng.index(questions)
                for s in 0..<statistics {
                    num[s] += numerators[s][q]
                    den[s] += denominators[s][q]
                }
            }
            for s in 0..<statistics where den[s] > 0 { draws[s].append(num[s] / den[s]) }
        }
        return (0..<statistics).map { s in
            let total = denominators[s].reduce(0, +)
            guard total > 0 else { return nil }
            let value = numerators[s].reduce(0, +) / total
            let sorted = draws[s].sorted()
            guard !sorted.isEmpty else { return Estimate(value: value, lower: value, upper: value) }
            func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(p * Double(sorted.count)))] }
            return Estimate(value: value, lower: percentile(0.025), upper: percentile(0.975))
        }
    }
}
