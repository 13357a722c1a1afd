import Foundation

/// SFT sets drawn from a pool, uniformly or weighted toward longer solutions (E10: the paper resampled its SFT
/// mix toward problems with more reasoning steps).
public enum Resampling {
    /// `count` distinct items of `pool`, item i drawn with weight `steps(i)^exponent` (0 is uniform; 1, 2, ...
    /// favour longer solutions), without replacement (Efraimidis-Spirakis keys `u^(1/w)`); deterministic in
    /// `seed`, returned in pool order.
    public static func sample<T>(_ pool: [T], count: Int, exponent: Double, seed: UInt64, steps: (T) -> Int) -> [T] {
        precondition(count <= pool.count, "cannot draw \(count) distinct items from a pool of \(pool.count)")
        var rng = SeededGenerator(seed: seed)
        // log(u)/w orders items like u^(1/w) without underflow.
        let keys = pool.map { item -> Double in
            let w = pow(Double(max(steps(item), 1)), exponent)
            return log(max(rng.unit(), 1e-300)) / w
        }
        let chosen = keys.indices.sorted { keys[$0] > keys[$1] }.prefix(count).sorted()
        return chosen.map { pool[$0] }
    }

    /// Records drawn by their `steps` (1 when missing); see `sample(_:count:exponent:seed:steps:)`.
    public static func sample(_ records: [TaskRecord], count: Int, exponent: Double, seed: UInt64) -> [TaskRecord] {
        sample(records, count: count, exponent: exponent, seed: seed) { $0.steps ?? 1 }
    }
}
