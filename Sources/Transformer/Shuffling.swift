/// Reproducible draws for data order and sampling. `SplitMix64`'s whole state is one `UInt64`, and these
/// algorithms are fixed here rather than taken from the standard library (whose `random(in:using:)` is not
/// promised to stay the same across Swift versions), so a seed means the same run everywhere.
extension SplitMix64 {
    /// A generator for one purpose of one run: `SplitMix64(seed: 7, stream: epoch)` gives independent,
    /// reproducible streams per epoch (or per sample) without storing any of them.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        _ = mixer.next()
        self.init(seed: mixer.next())
    }

    /// Uniform in [0, 1) with 24 random bits (exact in Float).
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
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
