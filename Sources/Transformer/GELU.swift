import Foundation

/// GELU with the tanh approximation (PyTorch `approximate='tanh'`):
/// gelu(x) = 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))).
public enum GELU {
    static let scale: Float = (2 / Float.pi).squareRoot()

    /// out[i] = gelu(inp[i]) for i < n (out may alias inp).
    public static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, count n: Int) {
        Threads.split(n, grain: 4096) { _, range in
            for i in range {
                let x = inp[i]
                let t = tanhf(scale * (x + 0.044715 * x * x * x))
                out[i] = 0.5 * x * (1 + t)
            }
        }
    }

    /// dinp[i] = gelu'(inp[i]) * dout[i] (overwritten; dinp may alias dout).
    public static func backward(dinp: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, dout: UnsafePointer<Float>, count n: Int) {
        Threads.split(n, grain: 4096) { _, range in
            for i in range {
                let x = inp[i]
                let u = scale * (x + 0.044715 * x * x * x)
                let t = tanhf(u)
                let sech2 = 1 - t * t
                let local = 0.5 * (1 + t) + 0.5 * x * sech2 * scale * (1 + 3 * 0.044715 * x * x)
                dinp[i] = local * dout[i]
            }
        }
    }
}
