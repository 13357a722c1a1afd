import CKernels

/// GELU with the tanh approximation (PyTorch `approximate='tanh'`):
/// gelu(x) = 0.5 x (1 + tanh(u)), u = √(2/π) (x + 0.044715 x³), computed as x · σ(2u) since
/// 0.5 (1 + tanh u) = σ(2u) = 1 / (1 + e^(−2u)): one vectorised exp instead of a scalar tanhf.
public enum GELU {
    /// out[i] = gelu(inp[i]) for i < n (out may alias inp).
    /// (sk_gelu_forward in CKernels, at the path's vector width.)
    public static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, count n: Int) {
        Threads.split((n + 15) / 16, grain: 256) { _, chunks in
            let start = chunks.lowerBound * 16, end = min(chunks.upperBound * 16, n)
            sk_gelu_forward(out + start, inp + start, end - start)
        }
    }

    /// dinp[i] = gelu'(inp[i]) · dout[i] (dinp may alias dout).
    public static func backward(dinp: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, dout: UnsafePointer<Float>, count n: Int) {
        Threads.split((n + 15) / 16, grain: 256) { _, chunks in
            let start = chunks.lowerBound * 16, end = min(chunks.upperBound * 16, n)
            sk_gelu_backward(dinp + start, inp + start, dout + start, end - start)
        }
    }
}
