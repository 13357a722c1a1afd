import DataFiles
import Foundation

/// A fixed amount of sampling work, described so that `benchmarks/torch_sample.py` can do exactly the same:
/// for every prompt length, one greedy continuation, then `samplesPerPrompt` sampled ones at `temperature`,
/// each exactly `newTokens` long. Nothing stops at `<end>` (`SamplingSettings.stopAtEnd` false): an untrained
/// model would end its samples at random, so both samplers would do different work.
public struct SamplingWorkload: Sendable, Equatable {
    /// Tokens of each prompt (the prompts themselves are random tokens of these lengths).
    public var promptLengths: [Int]
    /// Samples per prompt at `temperature`, after one greedy pass over all prompts.
    public var samplesPerPrompt: Int
    public var temperature: Float
    /// Tokens generated per sample and per greedy continuation.
    public var newTokens: Int
    /// Prompts per prefill forward pass (the model's batch size in the study: `GPT.maxBatch`).
    public var prefillBatch: Int

    public init(promptLengths: [Int], samplesPerPrompt: Int, temperature: Float, newTokens: Int, prefillBatch: Int) {
        self.promptLengths = promptLengths
        self.samplesPerPrompt = samplesPerPrompt
        self.temperature = temperature
        self.newTokens = newTokens
        self.prefillBatch = prefillBatch
    }

    /// Tokens the workload generates: (1 greedy + N samples) × prompts × new tokens.
    public var generatedTokens: Int { (1 + samplesPerPrompt) * promptLengths.count * newTokens }

    /// The first `prompts` prompts and `newTokens` new tokens (each only when given): a smaller workload for a
    /// smoke run.
    public func truncated(prompts: Int?, newTokens: Int?) -> SamplingWorkload {
        var w = self
        if let prompts { w.promptLengths = Array(promptLengths.prefix(prompts)) }
        if let newTokens { w.newTokens = newTokens }
        return w
    }

    /// Throws unless every prompt and its `newTokens` fit the context (the last generated token is not fed back,
    /// so a prompt of P tokens leaves room for T + 1 - P) and the counts are positive.
    public func check(contextLength T: Int) throws {
        guard !promptLengths.isEmpty, samplesPerPrompt >= 1, newTokens >= 1, prefillBatch >= 1 else {
            throw ToolError("the sampling workload needs at least 1 prompt, sample, new token and prefill row")
        }
        if let p = promptLengths.firstIndex(where: { $0 < 1 || $0 + newTokens > T + 1 }) {
            throw ToolError("prompt \(p + 1) of the sampling workload has \(promptLengths[p]) tokens: with "
                            + "\(newTokens) new tokens it does not fit the context of \(T)")
        }
    }

    /// The JSON object `benchmarks/torch_sample.py --workload` reads.
    public var json: [String: Any] {
        ["prompt_lengths": promptLengths, "samples": samplesPerPrompt, "greedy": 1,
         "temperature": (Double(temperature) * 1e6).rounded() / 1e6, "new_tokens": newTokens, "prefill_batch": prefillBatch,
         "generated_tokens": generatedTokens]
    }
}

extension Bench {
    /// Sampling throughput on a fixed workload.
    public struct Sampling: Sendable {
        /// Generated tokens / wall-clock seconds of both passes (greedy, then sampled), prefill included.
        public var tokensPerSecond: Double
        public var generatedTokens: Int
        public var seconds: Double
        public var peakResidentBytes: Int
    }

    /// Times `workload` on a randomly initialised model of `config` with our KV-cache `Sampler`, exactly as the
    /// study's evaluation calls it (Study's `Pipeline.sample`: a greedy pass over all prompts, then the sampled
    /// pass) but with `stopAtEnd` false. Prompts are random tokens; a tiny untimed generation warms up first.
    public static func sampling(config: GPTConfig, workload w: SamplingWorkload, threads: Int) throws -> Sampling {
        try w.check(contextLength: config.contextLength)
        Threads.set(threads)
        let model = GPT(config: config, maxBatch: w.prefillBatch, seed: 0)
        var rng = SplitMix64(seed: 2)
        let prompts = w.promptLengths.map { n in (0..<n).map { _ in Tokenizer.Token(rng.nextInt(below: config.vocabSize)) } }
        let sampler = Sampler(model: model)
        let greedy = SamplingSettings(samplesPerPrompt: 1, temperature: 0, maxNewTokens: w.newTokens, stopAtEnd: false)
        let sampled = SamplingSettings(samplesPerPrompt: w.samplesPerPrompt, temperature: w.temperature,
                                       maxNewTokens: w.newTokens, seed: 3, stopAtEnd: false)
        var warmup = greedy
        warmup.maxNewTokens = min(2, w.newTokens)
        _ = try sampler.generate(prompts: [prompts[0]], settings: warmup)
        var tokens = 0
        let seconds = try Bench.time {
            _ = try sampler.generate(prompts: prompts, settings: greedy)
            tokens += sampler.generatedTokens
            _ = try sampler.generate(prompts: prompts, settings: sampled)
            tokens += sampler.generatedTokens
        }
        return Sampling(tokensPerSecond: Double(tokens) / seconds, generatedTokens: tokens, seconds: seconds,
                        peakResidentBytes: peakResidentBytes())
    }
}
