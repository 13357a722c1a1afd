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
}
