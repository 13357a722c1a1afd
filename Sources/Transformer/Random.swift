/// SplitMix64: a small, fast, seedable generator, so initialisation is identical on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1]: 53 random bits, never 0 (so log is finite).
    public mutating func nextUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// A standard normal sample (Box-Muller; the second value of each pair is discarded for simplicity).
    public mutating func nextNormal() -> Double {
        let u1 = nextUnit(), u2 = nextUnit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }
}

import Foundation

@inline(__always) private func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
