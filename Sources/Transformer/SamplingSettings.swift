/// How to sample: greedy (temperature 0) or temperature sampling with optional top-k, N samples per prompt.
public struct SamplingSettings: Sendable, Equatable {
    /// Samples drawn per prompt (N of Pass@N); use 1 for greedy decoding.
    public var samplesPerPrompt: Int
    /// 0 picks the most likely token (ties: the lowest id); otherwise logits are divided by it before softmax.
    public var temperature: Float
    /// Sample only among the k most likely tokens (nil: all).
    public var topK: Int?
    /// Generated tokens per sample at most (the `<end>` token included); the context length also limits it.
    public var maxNewTokens: Int
    /// Sample j of prompt p draws from its own stream of this seed, so results do not depend on batching.
    public var seed: UInt64
    /// Memory for the KV cache of one chunk of samples; more prompts are processed chunk by chunk.
    public var cacheBudgetBytes: Int
    /// Whether a sample ends at `<end>` (true, what evaluation needs). False keeps generating to the length limit,
    /// `<end>` included as an ordinary token, so that every sample does the same work: benchmarks compare
    /// samplers on a fixed number of tokens.
    public var stopAtEnd: Bool

    public init(samplesPerPrompt: Int = 1, temperature: Float = 0, topK: Int? = nil, maxNewTokens: Int,
                seed: UInt64 = 0, cacheBudgetBytes: Int = 256 << 20, stopAtEnd: Bool = true) {
        self.samplesPerPrompt = samplesPerPrompt
        self.temperature = temperature
        self.topK = topK
        self.maxNewTokens = maxNewTokens
        self.seed = seed
        self.cacheBudgetBytes = cacheBudgetBytes
        self.stopAtEnd = stopAtEnd
    }
}

/// One generated continuation: its tokens (without the final `<end>`), and whether it ended with `<end>`
/// (false: stopped by the length limit).
public struct Sample: Sendable, Equatable {
    public var tokens: [Tokenizer.Token]
    public var finished: Bool
}
