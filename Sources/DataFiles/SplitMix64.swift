import Foundation

/// SplitMix64 (Steele, Lea and Flood, 2014): the one seedable generator of the toolkit, used for initialisation,
/// data order, problem generation, sampling and bootstrap resamples. Its whole state is one `UInt64`, and every
/// algorithm drawing from it is fixed here rather than taken from the standard library (whose `random(in:using:)`
/// is not promised to stay the same across Swift versions), so a seed means the same result on every platform.
///
/// Every draw below is part of the meaning of a seed: the shipped bases, the studies' test sets, pools and SFT draws
/// were made with them. Two integer mappings therefore coexist on purpose: `index(_:)` (the problem generators' and
/// the metrics bootstrap's) and `nextInt(below:)` (data order, sampling, the fits' bootstrap); likewise `unit()` in
/// [0, 1) and `nextUnit()` in (0, 1].
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    /// The odd constant that spreads stream numbers and labels over the state space (Stafford's mix13 multiplier).
    public static let streamMultiplier: UInt64 = 0xD1B5_4A32_D192_ED03

    public init(seed: UInt64) { state = seed }

    /// A generator for one purpose of one run: `SplitMix64(seed: 7, stream: epoch)` gives independent,
    /// reproducible streams per epoch (or per sample) without storing any of them.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* SplitMix64.streamMultiplier))
        _ = mixer.next()
        self.init(seed: mixer.next())
    }

    /// An independent stream for a named purpose (`label`), so that adding draws to one part of a program does not
    /// shift another part's draws. Continues from this generator's state mixed with the label (one draw discarded).
    public func derived(_ label: UInt64) -> SplitMix64 {
        var copy = SplitMix64(seed: state ^ (label &* SplitMix64.streamMultiplier))
        _ = copy.next()
        return copy
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    // MARK: - Real numbers

    /// Uniform in [0, 1): 53 random bits (the generators' and the metrics bootstrap's draws).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in (0, 1]: 53 random bits, never 0 (so log is finite).
    public mutating func nextUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// Uniform in [0, 1) with 24 random bits (exact in Float).
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A standard normal sample (Box-Muller; the second value of each pair is discarded for simplicity).
    public mutating func nextNormal() -> Double {
        let u1 = nextUnit(), u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    // MARK: - Integers

    /// A uniform integer in `0..<count` (count > 0): the draw modulo `count`, drawn again while it falls in the top
    /// partial block of `count`-sized blocks of 2^64 (`largestUnbiasedDraw`), where plain `%` would favour the low
    /// residues. Below that block the result is exactly `next() % count`, the mapping the generators used before
    /// it was unbiased: a draw in the block has probability (2^64 mod count) / 2^64, below 1e-12 for any count
    /// under 10 million, so the data of every committed study is unchanged.
    public mutating func index(_ count: Int) -> Int {
        precondition(count > 0, "index of an empty range")
        let n = UInt64(count)
        let largest = SplitMix64.largestUnbiasedDraw(modulo: n)
        var x = next()
        while x > largest { x = next() }
        return Int(x % n)
    }

    /// The largest draw `index` accepts for `n`: 2^64 - 1 - (2^64 mod n), the last value of the last whole block.
    static func largestUnbiasedDraw(modulo n: UInt64) -> UInt64 {
        UInt64.max - (0 &- n) % n   // (2^64 - n) mod n == 2^64 mod n
    }

    /// A uniform integer in `range` (see `index`).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + index(range.count)
    }

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

    /// Uniform integer in 0..<bound (bound > 0), by Lemire's multiply-shift with rejection (unbiased).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// A uniformly random permutation of 0..<count (Fisher-Yates).
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        if count < 2 { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, nextInt(below: i + 1))
        }
        return order
    }
}
