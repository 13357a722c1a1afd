import DataFiles
import Foundation
import XCTest
@testable import Transformer

final class SamplerTests: XCTestCase {
    /// A small model with large random weights, so its logits are far from ties and greedy paths are long and varied.
    func randomModel(context: Int = 48, seed: UInt64 = 5) throws -> GPT {
        let config = try GPTConfig(vocabSize: 101, contextLength: context, width: 32, layers: 2, heads: 4)
        let model = GPT(config: config, maxBatch: 4, seed: seed)
        var random = SplitMix64(seed: seed)
        for i in 0..<model.parameters.count { model.parameters.base[i] = Float(0.3 * random.nextNormal()) }
        return model
    }

    func randomPrompts(_ count: Int, seed: UInt64) -> [[Tokenizer.Token]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { p in
            [Tokenizer.begin] + (0..<(2 + 4 * p)).map { _ in Tokenizer.Token(5 + random.nextInt(below: 96)) } + [Tokenizer.separator]
        }
    }

    /// Greedy decoding by recomputing the whole forward pass for every new token: the reference.
    func greedyByFullForward(_ model: GPT, prompt: [Tokenizer.Token], maxNew: Int) -> Sample {
        let V = model.config.vocabSize
        var sequence = prompt, generated: [Tokenizer.Token] = []
        let limit = min(maxNew, model.config.contextLength + 1 - prompt.count)
        while generated.count < limit {
            model.forward(inputs: sequence, batch: 1, length: sequence.count)
            let logits = model.activations.logits + (sequence.count - 1) * V
            var best = 0
            for j in 1..<V where logits[j] > logits[best] { best = j }
            let token = Tokenizer.Token(best)
            if token == Tokenizer.end { return Sample(tokens: generated, finished: true) }
            generated.append(token)
            sequence.append(token)
        }
        return Sample(tokens: generated, finished: false)
    }

    func testKVCacheGreedyMatchesFullRecomputation() throws { try forEachKernelPath { _ in try kvCacheGreedyMatchesFullRecomputation() } }

    func kvCacheGreedyMatchesFullRecomputation() throws {
        let model = try randomModel()
        let prompts = randomPrompts(7, seed: 11)   // 4 ... 28 tokens; the longer ones run into the context limit
        let sampler = Sampler(model: model)
        let reference = prompts.map { greedyByFullForward(model, prompt: $0, maxNew: 40) }
        XCTAssertGreaterThan(reference.map(\.tokens.count).max()!, 20, "long generations exercise the cache")
        let settings = SamplingSettings(samplesPerPrompt: 1, maxNewTokens: 40)
        XCTAssertEqual(try sampler.generate(prompts: prompts, settings: settings).map { $0[0] }, reference)
        // A budget that fits only two samples per chunk, and several identical greedy samples per prompt.
        var small = settings
        small.samplesPerPrompt = 3
        small.cacheBudgetBytes = 3 * KVCache.bytesPerRow(config: model.config, sampleCapacity: 48)
        let chunked = try sampler.generate(prompts: prompts, settings: small)
        for (p, samples) in chunked.enumerated() { XCTAssertEqual(samples, Array(repeating: reference[p], count: 3)) }
        XCTAssertEqual(sampler.generatedTokens, 3 * reference.reduce(0) { $0 + $1.tokens.count + ($1.finished ? 1 : 0) })
    }

    /// Chunks hold the cache working set W unless one prompt's samples need more, never more than the budget.
    func testChunksHoldTheWorkingSetWithinTheBudget() {
        let MB = 1 << 20, W = Sampler.workingSetBytes
        XCTAssertGreaterThanOrEqual(W, 4 * MB, "the budget case below assumes W > 3 MB")
        func shape(_ chunks: [[Sampler.Group]]) -> [[Int]] { chunks.map { $0.map(\.samples.count) } }
        // 4 samples of W/8 + W/16 of prompt: 9/16 W a group, one group per chunk.
        let small = Sampler.chunks(prompts: 3, samplesPerPrompt: 4, rowBytes: W / 8, groupBytes: W / 16, cacheBudget: 256 * MB)
        XCTAssertEqual(shape(small), [[4], [4], [4]])
        XCTAssertEqual(small.flatMap { $0.map(\.prompt) }, [0, 1, 2])
        // Small samples: several prompts share a chunk up to W (7 groups of 9/64 W).
        let many = Sampler.chunks(prompts: 10, samplesPerPrompt: 4, rowBytes: W / 32, groupBytes: W / 64, cacheBudget: 256 * MB)
        XCTAssertEqual(shape(many), [[4, 4, 4, 4, 4, 4, 4], [4, 4, 4]])
        // One prompt's 16 samples (2 W + W/16) exceed the working set: a chunk each, never split.
        XCTAssertEqual(shape(Sampler.chunks(prompts: 2, samplesPerPrompt: 16, rowBytes: W / 8, groupBytes: W / 16, cacheBudget: 256 * MB)),
                       [[16], [16]])
        // The budget still splits them: (3 − 0.5) MB holds 2 samples.
        XCTAssertEqual(shape(Sampler.chunks(prompts: 1, samplesPerPrompt: 5, rowBytes: MB, groupBytes: MB / 2, cacheBudget: 3 * MB)),
                       [[2], [2], [1]])
    }

    func testSeededSamplingIsReproducibleAndIndependentOfBatching() throws {
        let model = try randomModel()
        let prompts = randomPrompts(4, seed: 3)
        let sampler = Sampler(model: model)
        let settings = SamplingSettings(samplesPerPrompt: 6, temperature: 0.7, topK: 20, maxNewTokens: 30, seed: 42)
        let first = try sampler.generate(prompts: prompts, settings: settings)
        XCTAssertEqual(try sampler.generate(prompts: prompts, settings: settings), first)
        var chunked = settings
        chunked.cacheBudgetBytes = 4 * KVCache.bytesPerRow(config: model.config, sampleCapacity: 48)
        XCTAssertEqual(try sampler.generate(prompts: prompts, settings: chunked), first, "chunking changes nothing")
        let threads = Threads.count
        defer { Threads.set(threads) }
        for n in [1, 2, 3] {   // 2 and 3 workers run the small chunks side by side
            Threads.set(n)
            XCTAssertEqual(try sampler.generate(prompts: prompts, settings: chunked), first, "nor do \(n) workers")
        }
        XCTAssertEqual(try sampler.generate(prompts: Array(prompts[0...2]), settings: settings), Array(first[0...2]),
                       "nor do later prompts")
        var reseeded = settings
        reseeded.seed = 43
        XCTAssertNotEqual(try sampler.generate(prompts: prompts, settings: reseeded), first)
        XCTAssertGreaterThan(Set(first.flatMap { $0 }.map(\.tokens)).count, 20, "samples differ from each other")
    }

    func testFirstTokenFrequenciesFollowTheTemperatureSoftmax() throws {
        let model = try randomModel()
        let prompt = randomPrompts(2, seed: 8)[1]
        let V = model.config.vocabSize
        model.forward(inputs: prompt, batch: 1, length: prompt.count)
        let logits = Array(UnsafeBufferPointer(start: model.activations.logits + (prompt.count - 1) * V, count: V))
        let temperature: Float = 1.5
        let weights = logits.map { exp(Double(($0 - logits.max()!) / temperature)) }
        let probabilities = weights.map { $0 / weights.reduce(0, +) }
        let n = 8000
        let samples = try Sampler(model: model).generate(prompts: [prompt], settings:
            SamplingSettings(samplesPerPrompt: n, temperature: temperature, maxNewTokens: 1, seed: 1))[0]
        var counts = [Int](repeating: 0, count: V)
        for s in samples { counts[Int(s.finished ? Tokenizer.end : s.tokens[0])] += 1 }
        for j in 0..<V {
            let expected = probabilities[j] * Double(n)
            XCTAssertEqual(Double(counts[j]), expected, accuracy: 5 * expected.squareRoot() + 3, "token \(j)")
        }
        XCTAssertGreaterThan(counts.filter { $0 > 0 }.count, 5, "a spread-out distribution")
    }

    func testChooseTokenGreedyTopKAndTemperature() {
        var random = SplitMix64(seed: 9)
        let logits: [Float] = [0, 2, 1, 2, -1]   // ties at 1 and 3
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 5)
        defer { scratch.deallocate() }
        func choose(_ settings: SamplingSettings) -> Int {
            Int(logits.withUnsafeBufferPointer { chooseToken($0.baseAddress!, vocab: 5, settings: settings, random: &random, scratch: scratch) })
        }
        XCTAssertEqual(choose(SamplingSettings(maxNewTokens: 1)), 1, "greedy takes the lowest id among ties")
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<4000 { counts[choose(SamplingSettings(temperature: 1, topK: 3, maxNewTokens: 1))] += 1 }
        XCTAssertEqual(counts[0] + counts[4], 0, "only the top 3 logits are drawn")
        // p(1) = p(3) = e^2 / (2e^2 + e) = 0.4223, p(2) = 0.1554
        XCTAssertEqual(Double(counts[2]) / 4000, 0.1554, accuracy: 0.02)
        XCTAssertEqual(Double(counts[1]) / 4000, 0.4223, accuracy: 0.03)
    }

    func testPromptErrors() throws {
        let sampler = Sampler(model: try randomModel(context: 8))
        let settings = SamplingSettings(maxNewTokens: 4)
        XCTAssertThrowsError(try sampler.generate(prompts: [[1, 2], Array(repeating: 7, count: 9)], settings: settings)) {
            XCTAssertEqual("\($0)", "prompt 2 has 9 tokens; the context holds 1...8")
        }
        XCTAssertThrowsError(try sampler.generate(prompts: [[1, 200]], settings: settings)) {
            XCTAssertEqual("\($0)", "prompt 1 holds token 200, outside the vocabulary of 101")
        }
        // A prompt that fills the context still gets its one token.
        let full = try sampler.generate(prompts: [Array(repeating: 7, count: 8)], settings: settings)
        XCTAssertEqual(full[0][0].tokens.count + (full[0][0].finished ? 1 : 0), 1)
    }
}
