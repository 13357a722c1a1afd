/// Where each parameter tensor lives in the one flat parameter buffer (and, identically, in the gradient and
/// Adam buffers). Like llm.c, tensors are grouped by kind across layers: all L qkv weights are one [L, 3d, d] block.
/// Matrices are stored [out, in] (PyTorch's `nn.Linear.weight`), row-major.
public struct ParameterLayout: Sendable, Equatable {
    /// The parameter tensors in storage order, with their shapes in `shape(of:)`.
    public enum Tensor: Int, CaseIterable, Sendable {
        case tokenEmbedding      // wte  [V, d]  (also the tied LM head)
        case positionEmbedding   // wpe  [T, d]
        case ln1Weight           // [L, d]
        case ln1Bias             // [L, d]
        case qkvWeight           // [L, 3d, d]  rows: q (d), k (d), v (d); within each, head h owns rows h*hs ..< (h+1)*hs
        case qkvBias             // [L, 3d]
        case attnProjWeight      // [L, d, d]
        case attnProjBias        // [L, d]
        case ln2Weight           // [L, d]
        case ln2Bias             // [L, d]
        case fc1Weight           // [L, 4d, d]
        case fc1Bias             // [L, 4d]
        case fc2Weight           // [L, d, 4d]
        case fc2Bias             // [L, d]
        case lnfWeight           // [d]
        case lnfBias             // [d]
    }

    public let config: GPTConfig
    /// Start of each tensor in the flat buffer, indexed by `Tensor.rawValue`.
    public let offsets: [Int]
    /// Total number of Floats (= parameter count N).
    public let count: Int

    public init(_ config: GPTConfig) {
        self.config = config
        var offsets: [Int] = []
        var next = 0
        for tensor in Tensor.allCases {
            offsets.append(next)
            next += Self.shape(of: tensor, config).reduce(1, *)
        }
        self.offsets = offsets
        self.count = next
    }

    /// The shape of a tensor, outermost first (per-layer tensors lead with L).
    public static func shape(of tensor: Tensor, _ c: GPTConfig) -> [Int] {
        let (V, T, d, L) = (c.vocabSize, c.contextLength, c.width, c.layers)
        switch tensor {
        case .tokenEmbedding: return [V, d]
        case .positionEmbedding: return [T, d]
        case .ln1Weight, .ln1Bias, .attnProjBias, .ln2Weight, .ln2Bias, .fc2Bias: return [L, d]
        case .qkvWeight: return [L, 3 * d, d]
        case .qkvBias: return [L, 3 * d]
        case .attnProjWeight: return [L, d, d]
        case .fc1Weight: return [L, 4 * d, d]
        case .fc1Bias: return [L, 4 * d]
        case .fc2Weight: return [L, d, 4 * d]
        case .lnfWeight, .lnfBias: return [d]
        }
    }

    public func shape(of tensor: Tensor) -> [Int] { Self.shape(of: tensor, config) }
    public func size(of tensor: Tensor) -> Int { shape(of: tensor).reduce(1, *) }
    public func offset(of tensor: Tensor) -> Int { offsets[tensor.rawValue] }
    public func range(of tensor: Tensor) -> Range<Int> { offset(of: tensor) ..< offset(of: tensor) + size(of: tensor) }

    /// Whether AdamW applies weight decay: to every matrix (the embeddings and the linear weights, as nanoGPT
    /// does for all 2-D tensors), never to LayerNorm parameters or biases.
    public static func decays(_ tensor: Tensor) -> Bool {
        switch tensor {
        case .tokenEmbedding, .positionEmbedding, .qkvWeight, .attnProjWeight, .fc1Weight, .fc2Weight: return true
        default: return false
        }
    }

    /// Whether the tensor is a residual-stream output projection (GPT-2 init scales it by 1/sqrt(2L)).
    public static func isResidualProjection(_ tensor: Tensor) -> Bool {
        tensor == .attnProjWeight || tensor == .fc2Weight
    }
}

/// Named views of one block's tensors inside a flat buffer (parameters or their gradients).
public struct LayerTensors {
    public let ln1Weight: UnsafeMutablePointer<Float>       // [d]
    public let ln1Bias: UnsafeMutablePointer<Float>         // [d]
    public let qkvWeight: UnsafeMutablePointer<Float>       // [3d, d]
    public let qkvBias: UnsafeMutablePointer<Float>         // [3d]
    public let attnProjWeight: UnsafeMutablePointer<Float>  // [d, d]
    public let attnProjBias: UnsafeMutablePointer<Float>    // [d]
    public let ln2Weight: UnsafeMutablePointer<Float>       // [d]
    public let ln2Bias: UnsafeMutablePointer<Float>         // [d]
    public let fc1Weight: UnsafeMutablePointer<Float>       // [4d, d]
    public let fc1Bias: UnsafeMutablePointer<Float>         // [4d]
    public let fc2Weight: UnsafeMutablePointer<Float>       // [d, 4d]
    public let fc2Bias: UnsafeMutablePointer<Float>         // [d]
}

/// Named views of all parameter tensors inside a flat buffer laid out by `ParameterLayout`.
public struct ParameterTensors {
    public let layout: ParameterLayout
    public let base: UnsafeMutablePointer<Float>

    public init(layout: ParameterLayout, base: UnsafeMutablePointer<Float>) {
        self.layout = layout
        self.base = base
    }

    /// The start of a whole tensor (all layers for per-layer tensors).
    public func pointer(_ tensor: ParameterLayout.Tensor) -> UnsafeMutablePointer<Float> { base + layout.offset(of: tensor) }

    public var tokenEmbedding: UnsafeMutablePointer<Float> { pointer(.tokenEmbedding) }        // [V, d]
    public var positionEmbedding: UnsafeMutablePointer<Float> { pointer(.positionEmbedding) }  // [T, d]
    public var lnfWeight: UnsafeMutablePointer<Float> { pointer(.lnfWeight) }                  // [d]
    public var lnfBias: UnsafeMutablePointer<Float> { pointer(.lnfBias) }                      // [d]

    /// Block `l`'s tensors.
    public func layer(_ l: Int) -> LayerTensors {
        func at(_ t: ParameterLayout.Tensor) -> UnsafeMutablePointer<Float> {
            pointer(t) + l * layout.size(of: t) / layout.config.layers
        }
        return LayerTensors(
            ln1Weight: at(.ln1Weight), ln1Bias: at(.ln1Bias), qkvWeight: at(.qkvWeight), qkvBias: at(.qkvBias),
            attnProjWeight: at(.attnProjWeight), attnProjBias: at(.attnProjBias),
            ln2Weight: at(.ln2Weight), ln2Bias: at(.ln2Bias), fc1Weight: at(.fc1Weight), fc1Bias: at(.fc1Bias),
            fc2Weight: at(.fc2Weight), fc2Bias: at(.fc2Bias))
    }
}
