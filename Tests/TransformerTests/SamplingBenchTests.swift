import DataFiles
import XCTest
@testable import Transformer

/// The benchmark workloads: sampling without the stop at `<end>`, its exact token count, and the SFT loss mask.
final class SamplingBenchTests: XCTestCase {
    func model(context: Int, seed: UInt64 = 5) throws -> GPT {
        let config = try GPTConfig(vocabSize: 101, contextLength: context, width: 32, layers: 2, heads: 4)
        return GPT(config: config, maxBatch: 2, seed: seed)
    }

    func prompts(lengths: [Int], seed: UInt64) -> [[Tokenizer.Token]] {
        var random = SplitMix64(seed: seed)
        return lengths.map { n in (0..<n).map { _ in Tokenizer.Token(5 + random.nextInt(below: 96)) } }
    }

    /// At temperature 8 the 101 tokens are nearly equally likely, so `<end>` comes up about once per 100 tokens.
    /// By default samples stop there; with `stopAtEnd` false the same samples (same seed streams) run on to the
    /// length limit, `<end>` kept as an ordinary token.
    func testStopAtEndIsTheDefaultAndFalseRunsToTheLimit() throws {
        let model = try model(context: 64)
        let prompts = prompts(lengths: [4, 9, 17], seed: 7)
        let sampler = Sampler(model: model)
        var settings = SamplingSettings(samplesPerPrompt: 12, temperature: 8, maxNewTokens: 40, seed: 9)
        XCTAssertTrue(settings.stopAtEnd)
        let stopped = try sampler.generate(prompts: prompts, settings: settings)
        let finished = stopped.joined().filter(\.finished)
        XCTAssertGreaterThan(finished.count, 0, "some samples end at <end>")
        for sample in stopped.joined() {
            XCTAssertFalse(sample.tokens.contains(Tokenizer.end))
            XCTAssertEqual(sample.tokens.count == 40, !sample.finished, "unfinished samples stop at the limit only")
        }

        settings.stopAtEnd = false
        let full = try sampler.generate(prompts: prompts, settings: settings)
        XCTAssertEqual(sampler.generatedTokens, 3 * 12 * 40)
        for (p, samples) in full.enumerated() {
            for (j, sample) in samples.enumerated() {
                XCTAssertEqual(sample.tokens.count, 40)
                XCTAssertFalse(sample.finished)
                let early = stopped[p][j]
                // The stopped sample is this one cut before its first <end>.
                XCTAssertEqual(Array(sample.tokens.prefix(early.tokens.count)), early.tokens)
                if early.finished { XCTAssertEqual(sample.tokens[early.tokens.count], Tokenizer.end) }
            }
        }
    }

    /// The benchmark generates (1 greedy + N samples) x prompts x new tokens, whatever the model emits.
    func testSamplingWorkloadGeneratesExactlyItsTokens() throws {
        let workload = SamplingWorkload(promptLengths: [3, 7, 12], samplesPerPrompt: 4, temperature: 0.7, newTokens: 9,
                                        prefillBatch: 2)
        XCTAssertEqual(workload.generatedTokens, 5 * 3 * 9)
        let result = try Bench.sampling(config: try model(context: 20).config, workload: workload, threads: 1)
        XCTAssertEqual(result.generatedTokens, 135)
        XCTAssertGreaterThan(result.tokensPerSecond, 0)
        XCTAssertEqual(workload.truncated(prompts: 2, newTokens: 4).generatedTokens, 5 * 2 * 4)

        // The 12-token prompt leaves room for 20 + 1 - 12 = 9 new tokens, not for 10, nor in a context of 19.
        XCTAssertNoThrow(try workload.check(contextLength: 20))
        XCTAssertThrowsError(try workload.check(contextLength: 19)) { error in
            XCTAssertTrue("\(error)".contains("prompt 3"), "\(error)")
        }
        XCTAssertThrowsError(try workload.truncated(prompts: nil, newTokens: 10).check(contextLength: 20))
    }

    /// Rows of a benchmark SFT batch: row b holds T - b·T/(2B) tokens, the question (first T/3 = 3 positions) never counts.
    func testSFTRows() {
        let rows = Bench.sftRows(batch: 4, length: 9)
        XCTAssertEqual(rows.layout.lengths, [9, 8, 7, 6])   // 9 - 9/8 = 8, 9 - 18/8 = 7, 9 - 27/8 = 6
        XCTAssertEqual(rows.layout.offsets, [0, 9, 17, 24])
        XCTAssertEqual(rows.mask, [
            0, 0, 0, 1, 1, 1, 1, 1, 1,
            0, 0, 0, 1, 1, 1, 1, 1,
            0, 0, 0, 1, 1, 1, 1,
            0, 0, 0, 1, 1, 1,
        ])
    }
}
