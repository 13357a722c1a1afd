import Fits

extension IntervalEstimate {
    /// The 95% Wilson score interval of `successes` out of `trials` (trials > 0).
    ///
    /// Wilson rather than the normal approximation because accuracies near 0 or 1 (Pass@256 ~ 0.98) are common,
    /// where p ± 1.96 SE leaves [0, 1].
    public static func wilson(successes: Double, trials: Double) -> IntervalEstimate {
        let z = 1.959963984540054
        let p = successes / trials
        let z2n = z * z / trials
        let center = (p + z2n / 2) / (1 + z2n)
        let half = z / (1 + z2n) * (p * (1 - p) / trials + z2n / (4 * trials)).squareRoot()
        return IntervalEstimate(value: p, lower: max(0, center - half), upper: min(1, center + half))
    }
}
