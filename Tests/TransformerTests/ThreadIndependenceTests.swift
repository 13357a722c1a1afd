import DataFiles
import XCTest
@testable import Transformer

/// Training gives the same bits at any thread count: every kernel splits its work so that each output element is
/// computed by one worker in a fixed order, and the one reduction across elements (the gradient norm) sums fixed
/// blocks in order. So a study may change `--jobs` (cores / jobs threads per run) between sessions, and a run
/// repeated on another thread count reproduces it.
final class ThreadIndependenceTests: XCTestCase {
    let config = try! GPTConfig(vocabSize: 40, contextLength: 48, width: 64, layers: 2, heads: 4)

    /// Random token documents of 20-60 tokens (ids 4..<40).
    func documents(_ count: Int, seed: UInt64) -> [[Tokenizer.Token]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<(20 + Int(random.next() % 41))).map { _ in Tokenizer.Token(4 + Int(random.next() % 36)) } }
    }

    /// Parameters, both Adam moments and the loss curve after `steps` steps at `threads` workers.
    func train(threads: Int, source: some BatchSource, settings: TrainingSettings) -> [[Float]] {
        let saved = Threads.count
        defer { Threads.set(saved) }
        Threads.set(threads)
        let trainer = Trainer(model: GPT(config: config, maxBatch: 8, seed: 5), source: source, settings: settings)
        var curve: [Float] = []
        trainer.run { curve += [$0.loss, $0.gradientNorm] }
        return [trainer.model.parameters.array, trainer.optimizer.m.array, trainer.optimizer.v.array, curve]
    }

    func testPretrainingIsBitIdenticalAtOneTwoAndThreeThreads() throws {
        let source = try PackedWindows(documents: documents(40, seed: 1), context: 48, rowsPerBatch: 8, seed: 2)
        let one = train(threads: 1, source: source, settings: TrainingSettings(steps: 6))
        XCTAssertGreaterThan(one[3][0], one[3][10], "the loss falls: the steps did something")
        for n in [2, 3] { XCTAssertEqual(train(threads: n, source: source, settings: TrainingSettings(steps: 6)), one, "\(n) threads") }
    }

    func testMaskedSFTIsBitIdenticalAtOneTwoAndThreeThreads() throws {
        let sequences = documents(24, seed: 3).map { tokens in
            MaskedSequence(tokens: Array(tokens.prefix(40)), lossStart: min(tokens.count, 40) / 2)
        }
        let source = try SequenceBatches(sequences: sequences, context: 48, rowsPerBatch: 8, shuffleSeed: 4)
        let one = train(threads: 1, source: source, settings: .sft(steps: 6))
        for n in [2, 3] { XCTAssertEqual(train(threads: n, source: source, settings: .sft(steps: 6)), one, "\(n) threads") }
    }
}
