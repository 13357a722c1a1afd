/// LayerNorm over the last dimension (eps 1e-5, as nn.LayerNorm), with the per-row mean and 1/std kept for backward.
/// Rows are vectorised eight channels at a time, with a scalar tail when C is not a multiple of 8.
public enum LayerNorm {
    public static let epsilon: Float = 1e-5

    /// out[N, C] = (inp − mean) · rstd · weight + bias; mean[N], rstd[N] saved (either may be nil at inference).
    public static func forward(
        out: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>?, rstd: UnsafeMutablePointer<Float>?,
        inp: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, rows N: Int, channels C: Int
    ) {
        let C8 = C & ~7
        Threads.split(N, grain: 16) { _, rows in
            for r in rows {
                let x = inp + r * C, o = out + r * C
                let m = Vector.sum(x, C) / Float(C)
                var sq8 = Float8()
                var i = 0
                while i < C8 { let d = load8(x + i) - m; sq8 += d * d; i += 8 }
                var sq = sq8.sum()
                while i < C { let d = x[i] - m; sq += d * d; i += 1 }
                let s = 1 / (sq / Float(C) + epsilon).squareRoot()
                i = 0
                while i < C8 { store8((load8(x + i) - m) * s * load8(weight + i) + load8(bias + i), o + i); i += 8 }
                while i < C { o[i] = (x[i] - m) * s * weight[i] + bias[i]; i += 1 }
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
        let C8 = C & ~7
        // dinp per row: rstd · (g − mean(g) − x̂ · mean(g·x̂)), with g = dout · weight.
        Threads.split(N, grain: 16) { _, rows in
            for r in rows {
                let x = inp + r * C, dy = dout + r * C, dx = dinp + r * C
                let m = mean[r], s = rstd[r]
                var g8 = Float8(), gx8 = Float8()
                var i = 0
                while i < C8 {
                    let g = load8(dy + i) * load8(weight + i)
                    g8 += g
                    gx8 += g * (load8(x + i) - m)
                    i += 8
                }
                var gSum = g8.sum(), gxSum = gx8.sum()
                while i < C { let g = dy[i] * weight[i]; gSum += g; gxSum += g * (x[i] - m); i += 1 }
                let gMean = gSum / Float(C), gxMean = gxSum * s / Float(C)
                i = 0
                while i < C8 {
                    let xhat = (load8(x + i) - m) * s
                    store8(load8(dx + i) + s * (load8(dy + i) * load8(weight + i) - gMean - xhat * gxMean), dx + i)
                    i += 8
                }
                while i < C { dx[i] += s * (dy[i] * weight[i] - gMean - (x[i] - m) * s * gxMean); i += 1 }
            }
        }
        // Parameter gradients, split over channel ranges so workers never share an output.
        Threads.split(C / 8 + (C % 8 == 0 ? 0 : 1), grain: 2) { _, blocks in
            let start = blocks.lowerBound * 8, end = min(blocks.upperBound * 8, C)
            let end8 = start + ((end - start) & ~7)
            for r in 0..<N {
                let x = inp + r * C, dy = dout + r * C
                let m = mean[r], s = rstd[r]
                var i = start
                while i < end8 {
                    let g = load8(dy + i)
                    store8(load8(dweight + i) + g * (load8(x + i) - m) * s, dweight + i)
                    store8(load8(dbias + i) + g, dbias + i)
                    i += 8
                }
                while i < end {
                    dweight[i] += dy[i] * (x[i] - m) * s
                    dbias[i] += dy[i]
                    i += 1
                }
            }
        }
    }
}
