import XCTest
@testable import Transformer

/// The memory estimate counts exactly the floats the trainer allocates, without allocating.
final class MemoryEstimateTests: XCTestCase {
    func testEstimateMatchesTheAllocations() throws {
        for (V, T, C, L, H, B) in [(101, 32, 16, 2, 4, 3), (7, 9, 12, 1, 3, 1), (101, 352, 64, 2, 4, 16)] {
            let config = try GPTConfig(vocabSize: V, contextLength: T, width: C, layers: L, heads: H)
            let estimate = MemoryEstimate(config, batch: B)
            XCTAssertEqual(estimate.parameters, Double(config.parameterCount))
            XCTAssertEqual(estimate.modelBytes, Double(4 * 4 * config.parameterCount))
            let activations = Activations(config: config, maxBatch: B)
            XCTAssertEqual(estimate.activationBytes, Double(activations.byteCount))
            XCTAssertEqual(estimate.samplingBytes, 0)
            XCTAssertEqual(MemoryEstimate(config, batch: B, sampling: true).samplingBytes, Double(256 << 20))
        }
    }

    func testAbsurdShapesAreRefusedWithoutOverflow() throws {
        let config = try GPTConfig(vocabSize: 101, contextLength: 1_000_000, width: 1_000_000, layers: 1_000_000, heads: 1)
        let estimate = MemoryEstimate(config, batch: 1_000_000, sampling: true)
        // 12 d^2 L = 1.2e19 parameters, 16 bytes each with gradients and moments: no Int arithmetic could hold it.
        XCTAssertTrue(estimate.totalBytes.isFinite && estimate.totalBytes > 1.9e20, "\(estimate.totalBytes)")
        XCTAssertThrowsError(try estimate.check("model", available: 8e9)) {
            XCTAssertTrue("\($0)".hasPrefix("model needs about "), "\($0)")
            XCTAssertTrue("\($0)".hasSuffix("more than the 8.0 GB of memory available"), "\($0)")
        }
        let small = MemoryEstimate(try GPTConfig(vocabSize: 101, contextLength: 64, width: 16, layers: 1, heads: 4), batch: 2)
        XCTAssertNoThrow(try small.check("model", available: 8e9))
        XCTAssertNoThrow(try estimate.check("model", available: nil), "unknown memory: no check")
    }

    func testByteText() {
        XCTAssertEqual(MemoryEstimate.text(999), "999 bytes")
        XCTAssertEqual(MemoryEstimate.text(1_500_000), "1.5 MB")
        XCTAssertEqual(MemoryEstimate.text(250e9), "250 GB")
    }
}
