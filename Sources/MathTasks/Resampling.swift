import DataFiles
import Foundation

/// SFT sets drawn from a pool, uniformly or weighted toward longer solutions (E10: the paper resampled its SFT
/// mix toward problems with more reasoning steps).
public enum Resampling {
    /// `count` distinct items of `pool`, item i drawn with weight `steps(i)^exponent` (0 is uniform; 1, 2, ...
    /// favour longer solutions), without replacement (Efraimidis-Spirakis keys `u^(1/w)`); deterministic in
    /// `seed`, returned in pool order.
    /// Throws when `count` exceeds the pool or is negative, or the exponent is not finite.
    public static func sample<T>(_ pool: [T], count: Int, exponent: Double, seed: UInt64, steps: (T) -> Int) throws -> [T] {
        guard (0...pool.count).contains(count) else {
            throw ToolError("cannot draw \(grouped(count)) distinct items from a pool of \(grouped(pool.count))")
        }
        guard exponent.isFinite else { throw ToolError("resampling exponent must be finite, got \(exponent)") }
        var rng = SplitMix64(seed: seed)
        // log(u)/w orders items like u^(1/w) without underflow.
        let keys = pool.map { item -> Double in
            let w = pow(Double(max(steps(item), 1)), exponent)
            return log(max(rng.unit(), 1e-300)) / w
        }
        let chosen = keys.indices.sorted { keys[$0] > keys[$1] }.prefix(count).sorted()
        return chosen.map { pool[$0] }
    }

    /// Records drawn by their `steps` (1 when missing); see `sample(_:count:exponent:seed:steps:)`.
    public static func sample(_ records: [TaskRecord], count: Int, exponent: Double, seed: UInt64) throws -> [TaskRecord] {
        try sample(records, count: count, exponent: exponent, seed: seed) { $0.steps ?? 1 }
    }
}
