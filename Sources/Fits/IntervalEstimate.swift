import DataFiles

/// The bounds of a confidence interval.
public struct Interval: Equatable, Sendable {
    public var lower: Double
    public var upper: Double
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// A value with its confidence interval (95% unless said otherwise): a fit's prediction or target (`--predict`,
/// `--target`), a metric with its Wilson, profile-likelihood or bootstrap interval (Metrics).
public struct IntervalEstimate: Equatable, Sendable, CustomStringConvertible {
    public var value: Double
    public var interval: Interval

    public init(value: Double, interval: Interval) {
        self.value = value
        self.interval = interval
    }

    public init(value: Double, lower: Double, upper: Double) {
        self.init(value: value, interval: Interval(lower: lower, upper: upper))
    }

    public var description: String { formatted(digits: 3) }

    /// `0.812 [0.790, 0.833]`.
    public func formatted(digits: Int) -> String {
        "\(Format.fixed(value, digits: digits)) [\(Format.fixed(interval.lower, digits: digits)), \(Format.fixed(interval.upper, digits: digits))]"
    }
}
