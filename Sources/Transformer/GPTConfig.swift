import DataFiles

/// The shape of a GPT-2-style decoder: vocabulary V, context T, width d, layers L, heads H.
///
/// The architecture is exactly that of `shared/peers/gpt_torch.py`: token + learned positional embeddings;
/// L pre-LayerNorm blocks of causal multi-head attention (fused qkv with bias, output projection with bias) and a
/// 4x tanh-GELU MLP, each added to the residual stream; a final LayerNorm; the LM head tied to the token embedding.
public struct GPTConfig: Sendable, Equatable, Hashable, Codable {
    /// Vocabulary size V.
    public var vocabSize: Int
    /// Maximum sequence length T (rows of the positional embedding).
    public var contextLength: Int
    /// Model width d (channels C).
    public var width: Int
    /// Number of transformer blocks L.
    public var layers: Int
    /// Number of attention heads H; `width` must be a multiple of it.
    public var heads: Int

    /// Validates the shape; throws a one-line `ToolError` naming the bad field.
    public init(vocabSize: Int, contextLength: Int, width: Int, layers: Int, heads: Int) throws {
        for (name, value) in [("vocab", vocabSize), ("ctx", contextLength), ("d", width), ("layers", layers), ("heads", heads)] {
            guard value >= 1 else { throw ToolError("model config: '\(name)' must be at least 1, got \(value)") }
        }
        guard width % heads == 0 else {
            throw ToolError("model config: width d=\(width) is not a multiple of heads=\(heads)")
        }
        self.vocabSize = vocabSize
        self.contextLength = contextLength
        self.width = width
        self.layers = layers
        self.heads = heads
    }

    /// Channels per head, d / H.
    public var headSize: Int { width / heads }

    /// Number of trainable parameters N (the tied embedding counted once).
    public var parameterCount: Int { ParameterLayout(self).count }

    /// nanoGPT's training FLOPs per token: 6N + 12 L d T.
    public var trainingFlopsPerToken: Double {
        6 * Double(parameterCount) + 12 * Double(layers * width * contextLength)
    }
}
