/// LayerNorm over the last dimension (eps 1e-5, as nn.LayerNorm), with the per-row mean and 1/std kept for backward.
public enum LayerNorm {
    public static let epsilon: Float = 1e-5

    /// out[N, C] = (inp - mean) * rstd * weight + bias; mean[N], rstd[N] saved (either may be nil at inference).
    public static func forward(
        out: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>?, rstd: UnsafeMutablePointer<Float>?,
        inp: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, rows N: Int, channels C: Int
    ) {
        Threads.split(N, grain: 16) { _, rows in
            for r in rows {
                let x = inp + r * C
                var sum: Float = 0
                for i in 0..<C { sum += x[i] }
                let m = sum / Float(C)
                var sq: Float = 0
                for i in 0..<C { let dx = x[i] - m; sq += dx * dx }
                let s = 1 / (sq / Float(C) + epsilon).squareRoot()
                let o = out + r * C
                for i in 0..<C { o[i] = (x[i] - m) * s * weight[i] + bias[i] }
                mean?[r] = m
                rstd?[r] = s
            }
        }
    }

    /// Backward: dinp[N, C] += ∂loss/∂inp (accumulated, since inp is the residual stream), dweight += Σ dout·x̂,
    /// dbias += Σ dout.
    public static func backward(
        dinp: UnsafeMutablePointer<Float>, dweight: UnsafeMutablePointer<Float>, dbias: UnsafeMutablePointer<Float>,
        dout: UnsafePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>, rows N: Int, channels C: Int
    ) {
        // dinp per row: rstd * (g - mean(g) - x̂ * mean(g·x̂)), with g = dout * weight.
        Threads.split(N, grain: 16) { _, rows in
            for r in rows {
                let x = inp + r * C, dy = dout + r * C, dx = dinp + r * C
                let m = mean[r], s = rstd[r]
                var gMean: Float = 0, gxMean: Float = 0
                for i in 0..<C {
                    let g = dy[i] * weight[i]
                    gMean += g
                    gxMean += g * (x[i] - m) * s
                }
                gMean /= Float(C)
                gxMean /= Float(C)
                for i in 0..<C {
                    let xhat = (x[i] - m) * s
                    dx[i] += s * (dy[i] * weight[i] - gMean - xhat * gxMean)
                }
            }
        }
        // Parameter gradients, split over channel ranges so workers never share an output.
        Threads.split(C, grain: 16) { _, cols in
            for r in 0..<N {
                let x = inp + r * C, dy = dout + r * C
                let m = mean[r], s = rstd[r]
                for i in cols {
                    dweight[i] += dy[i] * (x[i] - m) * s
                    dbias[i] += dy[i]
                }
            }
        }
    }
}
