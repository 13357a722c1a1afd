import DataFiles
import XCTest
@testable import Transformer

final class BatchingTests: XCTestCase {
    func testPackedWindowsCoverTheStreamOncePerEpochWithShiftedTargets() throws {
        // One document of tokens 10...39 (30 tokens): windows of T + 1 = 5 start at 0, 4, ..., 24 -> 7 windows.
        let stream = (10...39).map { Tokenizer.Token($0) }
        var source = try PackedWindows(documents: [Array(stream[..<12]), Array(stream[12...])], context: 4, rowsPerBatch: 3, seed: 9)
        XCTAssertEqual(source.windowCount, 7)
        XCTAssertEqual(source.batchesPerEpoch, 3)
        var batch = TokenBatch(rows: 3, length: 4)
        var firstTokens: [[Tokenizer.Token]] = []
        for epoch in 0..<2 {
            var starts: [Tokenizer.Token] = []
            for index in 0..<source.batchesPerEpoch {
                source.fill(&batch, epoch: epoch, index: index)
                XCTAssertEqual(batch.rows, index == 2 ? 1 : 3)
                XCTAssertEqual(batch.countedTargets, batch.rows * 4)
                for row in 0..<batch.rows {
                    let inputs = batch.inputs[row * 4 ..< row * 4 + 4], targets = batch.targets[row * 4 ..< row * 4 + 4]
                    XCTAssertEqual(Array(inputs.dropFirst()), Array(targets.dropLast()), "targets are inputs shifted by one")
                    XCTAssertEqual(targets.last, inputs.last! + 1)
                    XCTAssertEqual((inputs.first! - 10) % 4, 0, "windows start every T tokens")
                    starts.append(inputs.first!)
                }
            }
            XCTAssertEqual(Set(starts), Set(stride(from: 10, through: 34, by: 4).map { Tokenizer.Token($0) }))
            firstTokens.append(starts)
        }
        XCTAssertNotEqual(firstTokens[0], firstTokens[1], "each epoch has its own order")
        var again = try PackedWindows(documents: [stream], context: 4, rowsPerBatch: 3, seed: 9)
        again.fill(&batch, epoch: 1, index: 0)
        XCTAssertEqual(Array(batch.inputs[0..<12].enumerated().filter { $0.offset % 4 == 0 }.map(\.element)),
                       Array(firstTokens[1][0..<3]), "the order is a function of seed and epoch")
        XCTAssertThrowsError(try PackedWindows(documents: [[1, 2, 3]], context: 4, rowsPerBatch: 1, seed: 0))
    }

    func testSFTSequencesKeepTheirLengthsAndCountOnlySolutionTargets() throws {
        let tokenizer = Tokenizer()
        // <begin> 1 + 2 = <sep> 3 <end>: 8 tokens, 7 input positions; the targets '3' and <end> count.
        let short = try MaskedSequence(question: "1+2=", solution: "3", maskQuestion: true, tokenizer: tokenizer)
        XCTAssertEqual(short.lossStart, 6)
        let long = try MaskedSequence(question: "10+20=", solution: "30", maskQuestion: true, tokenizer: tokenizer)
        let whole = try MaskedSequence(question: "1+2=", solution: "3", maskQuestion: false, tokenizer: tokenizer)
        XCTAssertEqual(whole.lossStart, 1)
        var source = try SequenceBatches(sequences: [short, long, whole], context: 16, rowsPerBatch: 3, shuffleSeed: nil)
        var batch = TokenBatch(rows: 4, length: 16)
        source.fill(&batch, epoch: 0, index: 0)
        XCTAssertEqual(batch.rows, 3)
        XCTAssertEqual(batch.layout.lengths, [7, 10, 7], "each row at its own length (8, 11, 8 tokens), none padded")
        XCTAssertEqual(batch.layout.offsets, [0, 7, 17])
        XCTAssertEqual(batch.inputs.count, 24)
        XCTAssertEqual(Array(batch.mask[0..<7]), [0, 0, 0, 0, 0, 1, 1])
        XCTAssertEqual(tokenizer.decode(batch.targets[5...6]), "3<end>")
        XCTAssertEqual(Array(batch.inputs[7..<17]), Array(long.tokens.dropLast()))
        XCTAssertEqual(Array(batch.targets[7..<17]), Array(long.tokens.dropFirst()))
        XCTAssertEqual(Array(batch.mask[7..<17]), [0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
        XCTAssertEqual(Array(batch.mask[17..<24]), [1, 1, 1, 1, 1, 1, 1])
        XCTAssertFalse(batch.inputs.contains(Tokenizer.pad))
        XCTAssertEqual(batch.countedTargets, 2 + 3 + 7)
        XCTAssertEqual(source.tokensPerEpoch, 2 + 3 + 7)
        XCTAssertThrowsError(try SequenceBatches(sequences: [short, long], context: 9, rowsPerBatch: 2, shuffleSeed: nil)) {
            XCTAssertEqual("\($0)", "sequence 2 has 11 tokens; the context holds 9 (+1 target)")
        }
        let single = MaskedSequence(tokens: [Tokenizer.end], lossStart: 1)
        XCTAssertThrowsError(try SequenceBatches(sequences: [short, single], context: 9, rowsPerBatch: 2, shuffleSeed: nil)) {
            XCTAssertEqual("\($0)", "sequence 2 has 1 token(s); training needs an input and a target")
        }
    }

    func testSplitMix64IsReproducibleAndPermutationsAreUniform() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
        // Each of the 6 permutations of 3 items appears about 1/6 of the time.
        var counts: [[Int]: Int] = [:]
        var r = SplitMix64(seed: 1)
        for _ in 0..<6000 { counts[r.permutation(3), default: 0] += 1 }
        XCTAssertEqual(counts.count, 6)
        for (_, c) in counts { XCTAssertEqual(Double(c), 1000, accuracy: 120) }
        for _ in 0..<1000 { XCTAssertTrue((0..<7).contains(r.nextInt(below: 7))); XCTAssertLessThan(r.nextFloat(), 1) }
    }
}
