import DataFiles

/// The generator's draws on top of the toolkit's `SplitMix64`, so every generated set is reproducible from a seed
/// on any platform and toolchain (the standard library's `random(in:using:)` algorithms may change between versions).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var core: SplitMix64

    public init(seed: UInt64) { core = SplitMix64(seed: seed) }

    public mutating func next() -> UInt64 { core.next() }

    /// A uniform integer in `range` (the modulo bias is below 1e-17 for the small ranges used here).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A uniform integer in `0..<count`.
    public mutating func index(_ count: Int) -> Int {
        precondition(count > 0, "index of an empty range")
        return Int(next() % UInt64(count))
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniformly chosen element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[index(items.count)] }

    /// An index drawn with probability proportional to `weights` (non-negative, positive sum).
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var u = unit() * total
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return weights.lastIndex(where: { $0 > 0 }) ?? 0
    }

    /// An independent stream for a named purpose, so adding draws to one part does not shift another part's draws.
    public func derived(_ label: UInt64) -> SeededGenerator {
        var copy = SeededGenerator(seed: core.state ^ (label &* 0xD1B5_4A32_D192_ED03))
        _ = copy.next()
        return copy
    }

    /// The stream of one problem family, domain and split, so one seed gives unrelated train and test problems.
    static func stream(seed: UInt64, _ family: String, _ domain: Domain, _ split: Split) -> SeededGenerator {
        var label: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the names: stable across runs, unlike hashValue
        for byte in "\(family)/\(domain.rawValue)/\(split.rawValue)".utf8 { label = (label ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return SeededGenerator(seed: seed).derived(label)
    }
}
