import Foundation

/// A scaling model fitted through one value per x (say a configuration's mean accuracy at each SFT size), and
/// refitted on resamples of those values drawn elsewhere: the study's nested bootstrap over pretraining seeds, SFT
/// seeds and test questions, which resamples every x together so that the refits carry the design's variance.
/// Parameter intervals and the band are percentiles of the refits, not the residual t intervals of `FittedModel`
/// (with 3-5 points of seed means those say how straight the points lie, not how much the seeds move them).
public struct ResampledFit: Sendable {
    /// The fit through the full data's values (its own t intervals are not used).
    public let fit: FittedModel
    /// theta of every usable resample.
    let thetas: [[Double]]
    /// Resamples left out: a value the model cannot take (an error rate of 0 for power) or no fit.
    public let skipped: Int

    /// Fits `model` to (x, y), and to (x, each row of `resampledY`). Throws `PointGroup.fit`'s error when the full
    /// data cannot be fitted.
    public init(_ model: ScalingModel, _ points: PointGroup, resampledY: [[Double]]) throws {
        fit = try points.fit(model)
        var thetas: [[Double]] = [], skipped = 0
        for y in resampledY {
            guard y.count == points.x.count, zip(points.x, y).allSatisfy({ model.invalidPoint(x: $0, y: $1) == nil }),
                  let theta = try? model.estimate(x: points.x, y: y, covariance: false).theta else {
                skipped += 1
                continue
            }
            thetas.append(theta)
        }
        self.thetas = thetas
        self.skipped = skipped
    }

    /// Refits used.
    public var resamples: Int { thetas.count }

    /// The reported parameter `name` (`model.parameterNames`) with its percentile interval; nil for an unknown name.
    public func parameter(_ name: String, level: Double = 0.95) -> IntervalEstimate? {
        guard let k = fit.model.parameterNames.firstIndex(of: name) else { return nil }
        let value = fit.model.reportedValues(theta: fit.theta)[k]
        return IntervalEstimate(value: value, interval: interval(thetas.map { fit.model.reportedValues(theta: $0)[k] }, level: level, or: value))
    }

    /// The fitted curve at x.
    public func value(at x: Double) -> Double { fit.value(at: x) }

    /// The pointwise percentile band of the refitted curves at x.
    public func band(at x: Double, level: Double = 0.95) -> Interval {
        interval(thetas.map { fit.model.value(theta: $0, at: x) }, level: level, or: value(at: x))
    }

    private func interval(_ draws: [Double], level: Double, or value: Double) -> Interval {
        guard !draws.isEmpty else { return Interval(lower: value, upper: value) }
        let sorted = draws.sorted(), tail = (1 - level) / 2
        return Interval(lower: percentile(sorted, tail), upper: percentile(sorted, 1 - tail))
    }
}
