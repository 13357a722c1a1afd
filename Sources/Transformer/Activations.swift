/// One block's saved forward activations (views into `Activations.buffer`), for N token rows in S sequences.
public struct LayerActivations {
    public let ln1: UnsafeMutablePointer<Float>       // [N, C]
    public let ln1Mean: UnsafeMutablePointer<Float>   // [N]
    public let ln1Rstd: UnsafeMutablePointer<Float>   // [N]
    public let qkv: UnsafeMutablePointer<Float>       // [N, 3C]
    public let att: UnsafeMutablePointer<Float>       // [S, H, Tm, Tm] attention's saved state (Attention.forward)
    public let atty: UnsafeMutablePointer<Float>      // [N, C] attention output before the projection
    public let residual2: UnsafeMutablePointer<Float> // [N, C] residual + attention projection
    public let ln2: UnsafeMutablePointer<Float>       // [N, C]
    public let ln2Mean: UnsafeMutablePointer<Float>   // [N]
    public let ln2Rstd: UnsafeMutablePointer<Float>   // [N]
    public let fch: UnsafeMutablePointer<Float>       // [N, 4C] fc1 output
    public let fchGelu: UnsafeMutablePointer<Float>   // [N, 4C]
    public let residual3: UnsafeMutablePointer<Float> // [N, C] block output
}

/// All activations of a forward pass plus the backward pass's scratch, in ONE flat buffer sized for the maximum
/// batch B and context T. Per-layer blocks are sized for the maximum; a smaller batch uses each block's start.
public final class Activations {
    public let config: GPTConfig
    public let maxBatch: Int
    public let buffer: FloatBuffer
    /// Input tokens, their positions within their sequences, and targets of the last forward pass, [N] each.
    public let tokens: UnsafeMutablePointer<Int32>
    public let positions: UnsafeMutablePointer<Int32>
    public let targets: UnsafeMutablePointer<Int32>

    /// Per-layer activation floats for the maximum batch.
    let perLayer: Int
    let offsets: [String: Int]

    public init(config: GPTConfig, maxBatch: Int) {
        self.config = config
        self.maxBatch = maxBatch
        let (V, T, C, L, H) = (config.vocabSize, config.contextLength, config.width, config.layers, config.heads)
        let N = maxBatch * T
        perLayer = N * (C + 1 + 1 + 3 * C + C + C + C + 1 + 1 + 4 * C + 4 * C + C) + maxBatch * H * T * T
        let sections: [(String, Int)] = [
            ("encoded", N * C),             // [N, C] embeddings = residual stream into block 0
            ("layers", L * perLayer),       // L × LayerActivations
            ("lnf", N * C), ("lnfMean", N), ("lnfRstd", N),
            ("logits", N * V),              // [N, V] logits, then probabilities, then dlogits (in place)
            ("losses", N),                  // [N] per-position loss
            ("mask", N),                    // [N] loss weight per position
            // Backward scratch: the residual stream's gradient, a wide and a narrow per-layer gradient,
            // and one T×T attention-gradient tile per worker.
            ("dresidual", N * C), ("dwide", N * 4 * C), ("dnarrow", N * C),
            ("dattention", Threads.maximum * T * T),
        ]
        var offsets: [String: Int] = [:]
        var next = 0
        for (name, size) in sections {
            offsets[name] = next
            next += size
        }
        self.offsets = offsets
        buffer = FloatBuffer(count: next)
        tokens = .allocate(capacity: N)
        tokens.initialize(repeating: 0, count: N)
        positions = .allocate(capacity: N)
        positions.initialize(repeating: 0, count: N)
        targets = .allocate(capacity: N)
        targets.initialize(repeating: 0, count: N)
    }

    /// Bytes held: the float buffer plus the token, position and target arrays.
    public var byteCount: Int { buffer.byteCount + 3 * maxBatch * config.contextLength * MemoryLayout<Int32>.stride }

    deinit {
        tokens.deallocate()
        positions.deallocate()
        targets.deallocate()
    }

    func section(_ name: String) -> UnsafeMutablePointer<Float> { buffer.base + offsets[name]! }

    public var encoded: UnsafeMutablePointer<Float> { section("encoded") }
    public var lnf: UnsafeMutablePointer<Float> { section("lnf") }
    public var lnfMean: UnsafeMutablePointer<Float> { section("lnfMean") }
    public var lnfRstd: UnsafeMutablePointer<Float> { section("lnfRstd") }
    /// [N, V]: logits after `forward(inputs:)`, probabilities after the loss forward, dlogits after backward.
    public var logits: UnsafeMutablePointer<Float> { section("logits") }
    public var losses: UnsafeMutablePointer<Float> { section("losses") }
    public var mask: UnsafeMutablePointer<Float> { section("mask") }
    var dresidual: UnsafeMutablePointer<Float> { section("dresidual") }
    var dwide: UnsafeMutablePointer<Float> { section("dwide") }
    var dnarrow: UnsafeMutablePointer<Float> { section("dnarrow") }
    var dattention: UnsafeMutablePointer<Float> { section("dattention") }

    /// Block `l`'s activations for the sequences of `layout` (at most maxBatch sequences, maxBatch × context rows).
    public func layer(_ l: Int, layout: SequenceLayout) -> LayerActivations {
        let C = config.width, H = config.heads, N = layout.tokens, Tm = layout.longest
        var p = section("layers") + l * perLayer
        func take(_ n: Int) -> UnsafeMutablePointer<Float> {
            defer { p += n }
            return p
        }
        // Sizes use the actual layout; the block's tail stays unused for smaller batches.
        return LayerActivations(
            ln1: take(N * C), ln1Mean: take(N), ln1Rstd: take(N), qkv: take(N * 3 * C), att: take(layout.count * H * Tm * Tm),
            atty: take(N * C), residual2: take(N * C), ln2: take(N * C), ln2Mean: take(N), ln2Rstd: take(N),
            fch: take(N * 4 * C), fchGelu: take(N * 4 * C), residual3: take(N * C))
    }
}
