import DataFiles
import Foundation

/// The GPT-2-shaped model: parameters and gradients in flat buffers (see `ParameterLayout`), activations in
/// `Activations`, every layer a forward/backward pair of kernels.
///
/// Use: `let loss = model.forward(inputs:targets:mask:layout:)` (or `batch:length:` for B rows of T), then
/// `model.zeroGrad()` (or accumulate), `model.backward()`, then an optimizer step (`AdamW.step`). Not thread-safe;
/// kernels use `Threads.count` workers.
public final class GPT {
    public let config: GPTConfig
    public let layout: ParameterLayout
    /// Most sequences that `forward` accepts (each up to `config.contextLength` tokens).
    public let maxBatch: Int
    /// Parameters [N] and their gradients [N], both laid out by `layout`.
    public let parameters: FloatBuffer
    public let gradients: FloatBuffer
    public let activations: Activations

    /// Sequences of the last forward pass, and whether it computed a loss that backward can differentiate.
    public private(set) var sequences = SequenceLayout(lengths: [1])
    private var hasLoss = false
    private var usesMask = false

    /// Allocates everything a training step needs for batches up to `maxBatch` × `config.contextLength`, and
    /// initialises the parameters GPT-2 style from `seed`.
    public init(config: GPTConfig, maxBatch: Int, seed: UInt64) {
        precondition(maxBatch >= 1, "GPT: maxBatch must be at least 1")
        self.config = config
        self.layout = ParameterLayout(config)
        self.maxBatch = maxBatch
        parameters = FloatBuffer(count: layout.count)
        gradients = FloatBuffer(count: layout.count)
        activations = Activations(config: config, maxBatch: maxBatch)
        initialize(seed: seed)
    }

    /// Named views of the parameters and of the gradients.
    public var weights: ParameterTensors { ParameterTensors(layout: layout, base: parameters.base) }
    public var gradientTensors: ParameterTensors { ParameterTensors(layout: layout, base: gradients.base) }

    /// GPT-2 initialisation: matrices and embeddings N(0, 0.02), residual output projections N(0, 0.02/√(2L)),
    /// biases 0, LayerNorm weights 1. Deterministic: tensors are filled in storage order from one SplitMix64 stream.
    public func initialize(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let residualStd = 0.02 / (2 * Double(config.layers)).squareRoot()
        for tensor in ParameterLayout.Tensor.allCases {
            let p = parameters.base + layout.offset(of: tensor)
            let n = layout.size(of: tensor)
            switch tensor {
            case .ln1Weight, .ln2Weight, .lnfWeight:
                p.update(repeating: 1, count: n)
            case .qkvBias, .attnProjBias, .fc1Bias, .fc2Bias, .ln1Bias, .ln2Bias, .lnfBias:
                p.update(repeating: 0, count: n)
            default:
                let std = ParameterLayout.isResidualProjection(tensor) ? residualStd : 0.02
                for i in 0..<n { p[i] = Float(std * rng.nextNormal()) }
            }
        }
    }

    /// Sets all parameter gradients to zero (backward accumulates into them).
    public func zeroGrad() { gradients.zero() }

    /// Forward pass to the logits only (no loss): `activations.logits` holds [B*T, V] afterwards.
    /// inputs: B rows of T tokens, row-major; B ≤ maxBatch, T ≤ contextLength.
    public func forward(inputs: [Int32], batch B: Int, length T: Int) {
        forward(inputs: inputs, layout: .uniform(batch: B, length: T))
    }

    /// Forward pass to the logits only (no loss) of the sequences of `layout`, inputs[N] one after another:
    /// `activations.logits` holds [N, V] afterwards.
    public func forward(inputs: [Int32], layout: SequenceLayout) {
        forwardToLogits(inputs: inputs, layout: layout)
        hasLoss = false
    }

    /// Forward pass with next-token cross-entropy for B rows of T tokens (see `forward(inputs:targets:mask:layout:)`).
    @discardableResult
    public func forward(inputs: [Int32], targets: [Int32], mask: [Float]?, batch B: Int, length T: Int) -> Float {
        forward(inputs: inputs, targets: targets, mask: mask, layout: .uniform(batch: B, length: T))
    }

    /// Forward pass with next-token cross-entropy. targets[N] are the tokens to predict at each position;
    /// mask[N] weighs each position's loss (1 counts, 0 ignores, e.g. question tokens or padding); nil counts all.
    /// Returns Σ mask·loss / Σ mask (0 when nothing counts). Per-position losses stay in `activations.losses`.
    @discardableResult
    public func forward(inputs: [Int32], targets: [Int32], mask: [Float]?, layout: SequenceLayout) -> Float {
        forwardToLogits(inputs: inputs, layout: layout)
        let N = layout.tokens, V = config.vocabSize
        precondition(targets.count == N, "GPT.forward: \(targets.count) targets for \(N) tokens")
        let acts = activations
        for (i, t) in targets.enumerated() {
            precondition(t >= 0 && Int(t) < V, "GPT.forward: target token \(t) outside vocabulary 0..<\(V)")
            acts.targets[i] = t
        }
        if let mask {
            precondition(mask.count == N, "GPT.forward: \(mask.count) mask values for \(N) tokens")
            mask.withUnsafeBufferPointer { acts.mask.update(from: $0.baseAddress!, count: N) }
        }
        usesMask = mask != nil
        CrossEntropy.forward(probs: acts.logits, losses: acts.losses, targets: acts.targets, rows: N, vocab: V)
        hasLoss = true
        return CrossEntropy.meanLoss(losses: acts.losses, mask: usesMask ? acts.mask : nil, rows: N)
    }

    private func forwardToLogits(inputs: [Int32], layout: SequenceLayout) {
        let (V, C, L, H) = (config.vocabSize, config.width, config.layers, config.heads)
        precondition(layout.count <= maxBatch, "GPT.forward: \(layout.count) sequences, more than \(maxBatch)")
        precondition(layout.longest <= config.contextLength,
                     "GPT.forward: a sequence of \(layout.longest) tokens, longer than the context \(config.contextLength)")
        let N = layout.tokens
        precondition(inputs.count == N, "GPT.forward: \(inputs.count) tokens for a layout of \(N)")
        let acts = activations, w = weights
        for (i, t) in inputs.enumerated() {
            precondition(t >= 0 && Int(t) < V, "GPT.forward: token \(t) outside vocabulary 0..<\(V)")
            acts.tokens[i] = t
        }
        for (i, t) in layout.positions.enumerated() { acts.positions[i] = t }
        sequences = layout

        Encoder.forward(out: acts.encoded, tokens: acts.tokens, positions: acts.positions, wte: w.tokenEmbedding,
                        wpe: w.positionEmbedding, rows: N, channels: C)
        var residual = UnsafePointer(acts.encoded)
        for l in 0..<L {
            let p = w.layer(l), a = acts.layer(l, layout: layout)
            LayerNorm.forward(out: a.ln1, mean: a.ln1Mean, rstd: a.ln1Rstd, inp: residual,
                              weight: p.ln1Weight, bias: p.ln1Bias, rows: N, channels: C)
            Matmul.forward(out: a.qkv, inp: a.ln1, weight: p.qkvWeight, bias: p.qkvBias, rows: N, inChannels: C, outChannels: 3 * C)
            Attention.forward(out: a.atty, att: a.att, qkv: a.qkv, layout: layout, channels: C, heads: H)
            Matmul.forward(out: a.residual2, inp: a.atty, weight: p.attnProjWeight, bias: p.attnProjBias,
                           residual: residual, rows: N, inChannels: C, outChannels: C)
            LayerNorm.forward(out: a.ln2, mean: a.ln2Mean, rstd: a.ln2Rstd, inp: a.residual2,
                              weight: p.ln2Weight, bias: p.ln2Bias, rows: N, channels: C)
            Matmul.forward(out: a.fch, inp: a.ln2, weight: p.fc1Weight, bias: p.fc1Bias, rows: N, inChannels: C, outChannels: 4 * C)
            GELU.forward(out: a.fchGelu, inp: a.fch, count: N * 4 * C)
            Matmul.forward(out: a.residual3, inp: a.fchGelu, weight: p.fc2Weight, bias: p.fc2Bias,
                           residual: a.residual2, rows: N, inChannels: 4 * C, outChannels: C)
            residual = UnsafePointer(a.residual3)
        }
        LayerNorm.forward(out: acts.lnf, mean: acts.lnfMean, rstd: acts.lnfRstd, inp: residual,
                          weight: w.lnfWeight, bias: w.lnfBias, rows: N, channels: C)
        // Tied LM head: logits = lnf · wteᵀ.
        Matmul.forward(out: acts.logits, inp: acts.lnf, weight: w.tokenEmbedding, bias: nil, rows: N, inChannels: C, outChannels: V)
    }

    /// Backward pass of the last `forward(inputs:targets:mask:...)`: adds ∂loss/∂parameters into `gradients`.
    /// Overwrites the probabilities in `activations.logits` with dlogits.
    public func backward() {
        precondition(hasLoss, "GPT.backward: call forward(inputs:targets:mask:...) first")
        hasLoss = false   // dlogits overwrite the probabilities: a second backward would be wrong
        let (V, C, L, H) = (config.vocabSize, config.width, config.layers, config.heads)
        let layout = sequences, N = layout.tokens
        let acts = activations, w = weights, g = gradientTensors
        let dres = acts.dresidual, dwide = acts.dwide, dnarrow = acts.dnarrow

        CrossEntropy.backward(dlogits: acts.logits, targets: acts.targets, mask: usesMask ? acts.mask : nil, rows: N, vocab: V)
        Matmul.backward(dinp: dnarrow, dweight: g.tokenEmbedding, dbias: nil, dout: acts.logits, inp: acts.lnf,
                        weight: w.tokenEmbedding, rows: N, inChannels: C, outChannels: V)
        dres.update(repeating: 0, count: N * C)
        let lastResidual = L > 0 ? UnsafePointer(acts.layer(L - 1, layout: layout).residual3) : UnsafePointer(acts.encoded)
        LayerNorm.backward(dinp: dres, dweight: g.lnfWeight, dbias: g.lnfBias, dout: dnarrow, inp: lastResidual,
                           weight: w.lnfWeight, mean: acts.lnfMean, rstd: acts.lnfRstd, rows: N, channels: C)
        // dres is now ∂loss/∂(block output); each block turns it into ∂loss/∂(block input).
        for l in stride(from: L - 1, through: 0, by: -1) {
            let p = w.layer(l), dp = g.layer(l), a = acts.layer(l, layout: layout)
            let residual = l > 0 ? UnsafePointer(acts.layer(l - 1, layout: layout).residual3) : UnsafePointer(acts.encoded)
            // MLP: residual3 = residual2 + fc2(gelu(fc1(ln2))).
            Matmul.backward(dinp: dwide, dweight: dp.fc2Weight, dbias: dp.fc2Bias, dout: dres, inp: a.fchGelu,
                            weight: p.fc2Weight, rows: N, inChannels: 4 * C, outChannels: C)
            GELU.backward(dinp: dwide, inp: a.fch, dout: dwide, count: N * 4 * C)
            Matmul.backward(dinp: dnarrow, dweight: dp.fc1Weight, dbias: dp.fc1Bias, dout: dwide, inp: a.ln2,
                            weight: p.fc1Weight, rows: N, inChannels: C, outChannels: 4 * C)
            LayerNorm.backward(dinp: dres, dweight: dp.ln2Weight, dbias: dp.ln2Bias, dout: dnarrow, inp: a.residual2,
                               weight: p.ln2Weight, mean: a.ln2Mean, rstd: a.ln2Rstd, rows: N, channels: C)
            // Attention: residual2 = residual + proj(attention(qkv(ln1))).
            Matmul.backward(dinp: dnarrow, dweight: dp.attnProjWeight, dbias: dp.attnProjBias, dout: dres, inp: a.atty,
                            weight: p.attnProjWeight, rows: N, inChannels: C, outChannels: C)
            Attention.backward(dqkv: dwide, dout: dnarrow, out: a.atty, qkv: a.qkv, att: a.att, scratch: acts.dattention,
                               layout: layout, channels: C, heads: H)
            Matmul.backward(dinp: dnarrow, dweight: dp.qkvWeight, dbias: dp.qkvBias, dout: dwide, inp: a.ln1,
                            weight: p.qkvWeight, rows: N, inChannels: C, outChannels: 3 * C)
            LayerNorm.backward(dinp: dres, dweight: dp.ln1Weight, dbias: dp.ln1Bias, dout: dnarrow, inp: residual,
                               weight: p.ln1Weight, mean: a.ln1Mean, rstd: a.ln1Rstd, rows: N, channels: C)
        }
        Encoder.backward(dwte: g.tokenEmbedding, dwpe: g.positionEmbedding, dout: dres, tokens: acts.tokens,
                         positions: acts.positions, rows: N, channels: C)
    }
}
