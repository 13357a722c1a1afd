import XCTest
@testable import DataFiles

final class SplitMix64Tests: XCTestCase {
    /// The first outputs of Vigna's reference splitmix64.c from state 0.
    func testSplitMix64MatchesReferenceAndIsUniform() {
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual([rng.next(), rng.next(), rng.next()], [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[rng.nextInt(below: 6)] += 1 }
        for c in counts { XCTAssertEqual(Double(c), 10_000, accuracy: 400) }
    }

    /// The top partial block, by hand: 2^64 = 18446744073709551616 is 1 mod 3, 6 mod 10, 0 mod 2^k.
    func testLargestUnbiasedDrawLeavesWholeBlocks() {
        XCTAssertEqual(SplitMix64.largestUnbiasedDraw(modulo: 3), UInt64.max - 1)
        XCTAssertEqual(SplitMix64.largestUnbiasedDraw(modulo: 10), UInt64.max - 6)
        XCTAssertEqual(SplitMix64.largestUnbiasedDraw(modulo: 1), UInt64.max)
        XCTAssertEqual(SplitMix64.largestUnbiasedDraw(modulo: 1 << 20), UInt64.max)
        XCTAssertEqual(SplitMix64.largestUnbiasedDraw(modulo: UInt64.max), UInt64.max - 1)
        // Every accepted block is whole: the accepted draws are 0 ... largest, a multiple of n values.
        for n: UInt64 in [3, 7, 10, 1000, 7473, 1 << 33 + 1] {
            let largest = SplitMix64.largestUnbiasedDraw(modulo: n)
            XCTAssertEqual(largest % n, n - 1, "n = \(n)")
            XCTAssertLessThan(UInt64.max - largest, n, "n = \(n)")
        }
    }

    /// A draw in the top partial block is drawn again: a state whose next output is 2^64 - 1 (0 mod 3 under the old
    /// `%`, one of the favoured residues) gives the residue of the following output instead.
    func testIndexRejectsTheTopPartialBlock() {
        let state = SplitMix64Tests.state(before: UInt64.max)
        var probe = SplitMix64(seed: state)
        XCTAssertEqual(probe.next(), UInt64.max)
        let following = probe.next()
        var rng = SplitMix64(seed: state)
        XCTAssertEqual(rng.index(3), Int(following % 3))
        XCTAssertEqual(rng.state, probe.state, "exactly one draw was rejected")
        // For 4 the same draw is in a whole block (2^64 is 0 mod 4) and is kept.
        var kept = SplitMix64(seed: state)
        XCTAssertEqual(kept.index(4), 3)
    }

    /// `index` and `int(in:)` give the old `next() % count` for every draw that occurs: 4 million draws over counts
    /// from 2 to ~2^33 and several seeds, compared with the plain modulo of a twin generator.
    func testIndexEqualsThePlainModuloMappingOnMillionsOfDraws() {
        let counts = [2, 3, 4, 5, 6, 7, 10, 12, 27, 100, 999, 1000, 7473, 65_537, 1_000_003, 1 << 33 + 1]
        var draws = 0
        for seed: UInt64 in [0, 1, 3, 42, 0xDEAD_BEEF] {
            var rng = SplitMix64(seed: seed), twin = SplitMix64(seed: seed)
            for i in 0..<800_000 {
                let count = counts[i % counts.count]
                let expected = Int(twin.next() % UInt64(count))
                let got = i % 2 == 0 ? rng.index(count) : rng.int(in: 5...(4 + count)) - 5
                if got != expected { return XCTFail("seed \(seed), draw \(i), count \(count): \(got) != \(expected)") }
                draws += 1
            }
            XCTAssertEqual(rng.state, twin.state, "no draw was rejected")
        }
        XCTAssertEqual(draws, 4_000_000)
    }

    /// `derived` and `init(seed:stream:)` by hand from their definitions.
    func testDerivedStreams() {
        var parent = SplitMix64(seed: 9)
        _ = parent.next()
        var manual = SplitMix64(seed: parent.state ^ (0x5EED &* 0xD1B5_4A32_D192_ED03))
        _ = manual.next()
        var derived = parent.derived(0x5EED)
        XCTAssertEqual(derived.next(), manual.next())
        XCTAssertNotEqual(parent.derived(1).state, parent.derived(2).state)
        var mixer = SplitMix64(seed: 7 ^ (3 &* 0xD1B5_4A32_D192_ED03))
        _ = mixer.next()
        XCTAssertEqual(SplitMix64(seed: 7, stream: 3).state, mixer.next())
    }

    /// The state whose next output is `output`: SplitMix64's output mix is a bijection; undo it step by step.
    static func state(before output: UInt64) -> UInt64 {
        func unshift(_ y: UInt64, _ s: UInt64) -> UInt64 {
            var x = y
            for _ in 0..<(64 / s + 1) { x = y ^ (x >> s) }
            return x
        }
        func inverse(_ c: UInt64) -> UInt64 {
            var v = c   // c * c == 1 mod 8; each Newton step doubles the correct low bits
            for _ in 0..<5 { v = v &* (2 &- c &* v) }
            return v
        }
        var z = unshift(output, 31)
        z = unshift(z &* inverse(0x94D0_49BB_1331_11EB), 27)
        z = unshift(z &* inverse(0xBF58_476D_1CE4_E5B9), 30)
        return z &- 0x9E37_79B9_7F4A_7C15
    }
}
