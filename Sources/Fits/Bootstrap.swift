import DataFiles
import Foundation

/// Nonparametric bootstrap over points: K resamples of the n points with replacement (SplitMix64, seeded),
/// each refitted; percentile intervals of anything computed from the refitted parameters.
public struct BootstrapSummary: Sendable {
    /// Resamples asked for.
    public var resamples: Int
    public var seed: UInt64
    /// Resamples fitted; the others were degenerate (fewer distinct x than parameters) or failed to fit.
    public var used: Int
    public var skipped: Int
    /// 2.5 / 97.5 percentiles (for 95%) of each reported parameter, in `model.parameterNames` order.
    public var parameters: [Interval?]
    /// Percentile intervals of the curve at each `--predict` x.
    public var predictions: [Interval?]
    /// Percentile intervals of the x reaching each `--target` y, over resamples whose curve reaches it.
    public var targets: [Interval?]
    /// For each `--target` y, how many of the `used` resamples reach it (the others never do, so the interval
    /// describes only those that do).
    public var targetsReached: [Int]
}

/// The resampled index sets of one group, shared by every model so that models see the same resamples.
struct Resamples {
    var indices: [[Int]]

    /// `count` resamples of `n` points; the stream depends on the seed and the group's position only. (Its seed is
    /// `seed + stream * multiplier`, without the warm-up of `SplitMix64(seed:stream:)`: kept as first written, since
    /// every `scaling fit --bootstrap` interval so far was drawn from it.)
    init(count: Int, points n: Int, seed: UInt64, stream: Int) {
        var rng = SplitMix64(seed: seed &+ UInt64(stream) &* SplitMix64.streamMultiplier)
        indices = (0..<count).map { _ in (0..<n).map { _ in rng.nextInt(below: n) } }
    }
}

extension ScalingModel {
    /// Refits on every resample and summarises: parameters, predictions at `predict`, targets for `targets`.
    func bootstrap(x: [Double], y: [Double], resamples: Resamples, seed: UInt64, predict: [Double],
                   targets: [Double], level: Double) -> BootstrapSummary {
        var parameterDraws = [[Double]](repeating: [], count: parameterNames.count)
        var predictionDraws = [[Double]](repeating: [], count: predict.count)
        var targetDraws = [[Double]](repeating: [], count: targets.count)
        var skipped = 0
        var bx = [Double](repeating: 0, count: x.count), by = bx
        for sample in resamples.indices {
            for (k, i) in sample.enumerated() { bx[k] = x[i]; by[k] = y[i] }
            guard Set(bx).count >= parameterCount,
                  let theta = try? estimate(x: bx, y: by, covariance: false).theta else {
                skipped += 1
                continue
            }
            for (k, v) in reportedValues(theta: theta).enumerated() { parameterDraws[k].append(v) }
            for (k, px) in predict.enumerated() { predictionDraws[k].append(value(theta: theta, at: px)) }
            for (k, ty) in targets.enumerated() {
                if let (lx, _) = logInverse(theta: theta, y: ty) { targetDraws[k].append(exp(lx)) }
            }
        }
        let tail = (1 - level) / 2
        func interval(_ draws: [Double]) -> Interval? {
            guard !draws.isEmpty else { return nil }
            let sorted = draws.sorted()
            return Interval(lower: percentile(sorted, tail), upper: percentile(sorted, 1 - tail))
        }
        return BootstrapSummary(resamples: resamples.indices.count, seed: seed, used: resamples.indices.count - skipped,
                                skipped: skipped, parameters: parameterDraws.map(interval),
                                predictions: predictionDraws.map(interval), targets: targetDraws.map(interval),
                                targetsReached: targetDraws.map(\.count))
    }
}
