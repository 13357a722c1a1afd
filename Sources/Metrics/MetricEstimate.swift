import MathTasks

/// A metric's value with its 95% interval.
public struct MetricEstimate: Equatable, Sendable, CustomStringConvertible {
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
        "\(MetricEstimate.fixed(value, digits)) [\(MetricEstimate.fixed(lower, digits)), \(MetricEstimate.fixed(upper, digits))]"
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
    public static func wilson(successes: Double, trials: Double) -> MetricEstimate {
        let z = 1.959963984540054
        let p = successes / trials
        let z2n = z * z / trials
        let center = (p + z2n / 2) / (1 + z2n)
        let half = z / (1 + z2n) * (p * (1 - p) / trials + z2n / (4 * trials)).squareRoot()
        return MetricEstimate(value: p, lower: max(0, center - half), upper: min(1, center + half))
    }
}
