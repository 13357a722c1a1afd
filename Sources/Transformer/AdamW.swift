/// AdamW hyper-parameters other than the learning rate (which the caller's schedule gives per step).
public struct AdamWSettings: Sendable, Equatable, Codable {
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    /// Decoupled weight decay, applied to the tensors `ParameterLayout.decays` selects (matrices and embeddings).
    public var weightDecay: Float

    public init(beta1: Float = 0.9, beta2: Float = 0.95, epsilon: Float = 1e-8, weightDecay: Float = 0.1) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }
}

/// AdamW (Loshchilov & Hutter) with global-norm gradient clipping, computed exactly as torch.optim.AdamW and
/// torch.nn.utils.clip_grad_norm_ do. The moments m and v are flat buffers laid out like the parameters.
public final class AdamW {
    public var settings: AdamWSettings
    public let layout: ParameterLayout
    /// First and second moment estimates [N].
    public let m: FloatBuffer
    public let v: FloatBuffer
    /// Number of updates taken so far (the bias corrections use it); restore it together with m and v on resume.
    public var stepCount = 0
    /// Sums of squares of each fixed block of `normBlock` gradients, for the gradient norm.
    private let partials: UnsafeMutablePointer<Double>
    private let blocks: Int
    /// The gradient norm sums blocks of this many values, then the blocks in order: the same additions whatever the
    /// thread count, so training is bit-identical at any thread count (per-worker sums would follow the split).
    static let normBlock = 1 << 14

    public init(layout: ParameterLayout, settings: AdamWSettings = AdamWSettings()) {
        self.layout = layout
        self.settings = settings
        m = FloatBuffer(count: layout.count)
        v = FloatBuffer(count: layout.count)
        blocks = max(1, (layout.count + AdamW.normBlock - 1) / AdamW.normBlock)
        partials = .allocate(capacity: blocks)
        partials.initialize(repeating: 0, count: blocks)
    }

    deinit { partials.deallocate() }

    /// The L2 norm of the whole gradient vector.
    public func gradientNorm(_ gradients: FloatBuffer) -> Float {
        precondition(gradients.count == layout.count, "AdamW.gradientNorm: \(gradients.count) gradients for \(layout.count) parameters")
        let g = gradients.base, partials = self.partials, n = gradients.count, block = AdamW.normBlock
        Threads.split(blocks) { _, range in
            for b in range {
                var sum: Double = 0
                for i in (b * block)..<min(n, (b + 1) * block) { sum += Double(g[i]) * Double(g[i]) }
                partials[b] = sum
            }
        }
        var total: Double = 0
        for b in 0..<blocks { total += partials[b] }
        return Float(total.squareRoot())
    }

    /// One update of `model.parameters` from `model.gradients` at learning rate `lr`. With `clipNorm`, gradients
    /// are first scaled by clipNorm / (norm + 1e-6) when that is below 1. Returns the gradient norm before clipping.
    @discardableResult
    public func update(_ model: GPT, learningRate lr: Float, clipNorm: Float? = nil) -> Float {
        precondition(model.layout == layout, "AdamW: the model's parameter layout differs from the optimizer's")
        let norm = gradientNorm(model.gradients)
        var clip: Float = 1
        if let clipNorm {
            let coefficient = clipNorm / (norm + 1e-6)
            if coefficient < 1 { clip = coefficient }
        }
        stepCount += 1
        let (b1, b2, eps) = (settings.beta1, settings.beta2, settings.epsilon)
        let t = Double(stepCount)
        let stepSize = lr / Float(1 - Double(b1).power(t))
        let bc2Sqrt = Float((1 - Double(b2).power(t)).squareRoot())
        let p = model.parameters.base, g = model.gradients.base, m = self.m.base, v = self.v.base
        // One parallel region over the whole parameter vector (a region per tensor cost more in thread wake-ups
        // than the update itself at d64); each worker walks the tensors its chunk overlaps.
        let tensors = ParameterLayout.Tensor.allCases.map { tensor in
            (range: layout.range(of: tensor), keep: ParameterLayout.decays(tensor) ? 1 - lr * settings.weightDecay : Float(1))
        }
        Threads.split(layout.count, grain: 1 << 14) { _, chunk in
            for tensor in tensors {
                let lower = max(chunk.lowerBound, tensor.range.lowerBound), upper = min(chunk.upperBound, tensor.range.upperBound)
                let keep = tensor.keep
                for i in lower ..< max(lower, upper) {
                    let grad = g[i] * clip
                    m[i] = b1 * m[i] + (1 - b1) * grad
                    v[i] = b2 * v[i] + (1 - b2) * grad * grad
                    p[i] = p[i] * keep - stepSize * m[i] / (v[i].squareRoot() / bc2Sqrt + eps)
                }
            }
        }
        return norm
    }
}

extension Double {
    /// self raised to `exponent` (Foundation-free pow for bias corrections).
    fileprivate func power(_ exponent: Double) -> Double {
        var result = 1.0, base = self, n = Int(exponent)
        while n > 0 {
            if n & 1 == 1 { result *= base }
            base *= base
            n >>= 1
        }
        return result
    }
}
