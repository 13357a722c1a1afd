import XCTest
@testable import Transformer

final class FloatBufferTests: XCTestCase {
    /// Every buffer starts on a cache line, small (malloc's heap) and large (its mmap path, 16 bytes past a page start
    /// before the fix), and is zero over its whole count.
    func testBuffersStartOnA64ByteBoundaryAndAreZero() {
        for count in [1, 7, 1000, 40_000, 1_000_003] {
            let buffer = FloatBuffer(count: count)
            XCTAssertEqual(Int(bitPattern: buffer.base) % FloatBuffer.alignment, 0, "count \(count)")
            XCTAssertTrue(UnsafeBufferPointer(start: buffer.base, count: count).allSatisfy { $0 == 0 }, "count \(count)")
            buffer.base[count - 1] = 1   // the last element is inside the allocation
            XCTAssertEqual(buffer.array.last, 1)
        }
    }

    /// Model buffers are what the kernels read: parameters, gradients, activations.
    func testModelBuffersAreAligned() throws {
        let gpt = GPT(config: try GPTConfig(vocabSize: 101, contextLength: 64, width: 32, layers: 1, heads: 2), maxBatch: 2, seed: 1)
        XCTAssertEqual(Int(bitPattern: gpt.parameters.base) % 64, 0)
        XCTAssertEqual(Int(bitPattern: gpt.gradients.base) % 64, 0)
        XCTAssertEqual(Int(bitPattern: gpt.activations.buffer.base) % 64, 0)
    }
}
