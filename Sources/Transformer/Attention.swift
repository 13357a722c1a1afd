import COpenBLAS

/// Causal multi-head self-attention on the fused qkv activations, one (batch, head) pair per task, each product
/// an sgemm. Rows are processed in blocks so that a block of queries only multiplies the keys it can see.
public enum Attention {
    /// Query rows per sgemm block: big enough for sgemm to be efficient, small enough to skip most of the
    /// masked upper triangle.
    static let block = 32

    /// Forward. qkv[B*T, 3C] (q | k | v, head h at channels h*hs ..< (h+1)*hs of each), att[B, H, T, T] the
    /// softmax probabilities (row t valid for columns ≤ t; later columns of the row's block are zero),
    /// out[B*T, C] the heads' outputs side by side.
    public static func forward(
        out: UnsafeMutablePointer<Float>, att: UnsafeMutablePointer<Float>, qkv: UnsafePointer<Float>,
        batch B: Int, length T: Int, channels C: Int, heads H: Int
    ) {
        let hs = C / H, C3 = 3 * C
        let scale = 1 / Float(hs).squareRoot()
        Threads.split(B * H) { _, pairs in
            for bh in pairs {
                let (b, h) = (bh / H, bh % H)
                let q = qkv + b * T * C3 + h * hs, k = q + C, v = q + 2 * C
                let a = att + bh * T * T
                let y = out + b * T * C + h * hs
                var r0 = 0
                while r0 < T {
                    let r1 = min(r0 + block, T), rb = r1 - r0
                    // a[r0..<r1, 0..<r1] = scale · q[r0..<r1] · k[0..<r1]ᵀ
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rb), Int32(r1), Int32(hs),
                                scale, q + r0 * C3, Int32(C3), k, Int32(C3), 0, a + r0 * T, Int32(T))
                    for t in r0..<r1 { causalSoftmax(a + t * T, valid: t + 1, width: r1) }
                    // y[r0..<r1] = a[r0..<r1, 0..<r1] · v[0..<r1]
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rb), Int32(hs), Int32(r1),
                                1, a + r0 * T, Int32(T), v, Int32(C3), 0, y + r0 * C, Int32(C))
                    r0 = r1
                }
            }
        }
    }

    /// Backward. dout[B*T, C] in; dqkv[B*T, 3C] overwritten. `scratch` holds Threads.maximum × T × T floats.
    public static func backward(
        dqkv: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, qkv: UnsafePointer<Float>, att: UnsafePointer<Float>,
        scratch: UnsafeMutablePointer<Float>, batch B: Int, length T: Int, channels C: Int, heads H: Int
    ) {
        let hs = C / H, C3 = 3 * C
        let scale = 1 / Float(hs).squareRoot()
        Threads.split(B * H) { worker, pairs in
            let datt = scratch + worker * T * T
            for bh in pairs {
                let (b, h) = (bh / H, bh % H)
                let q = qkv + b * T * C3 + h * hs, k = q + C, v = q + 2 * C
                let dq = dqkv + b * T * C3 + h * hs, dk = dq + C, dv = dq + 2 * C
                let a = att + bh * T * T
                let dy = dout + b * T * C + h * hs
                // Blocks from the last: it touches every key row, so it initialises dk and dv (beta 0).
                var r1 = T
                var beta: Float = 0
                while r1 > 0 {
                    let r0 = ((r1 - 1) / block) * block, rb = r1 - r0
                    // datt[r0..<r1, 0..<r1] = dy[r0..<r1] · v[0..<r1]ᵀ
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rb), Int32(r1), Int32(hs),
                                1, dy + r0 * C, Int32(C), v, Int32(C3), 0, datt + r0 * T, Int32(T))
                    // dv[0..<r1] += a[r0..<r1, 0..<r1]ᵀ · dy[r0..<r1]
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(r1), Int32(hs), Int32(rb),
                                1, a + r0 * T, Int32(T), dy + r0 * C, Int32(C), beta, dv, Int32(C3))
                    // Softmax backward (scale folded in): dpre = scale · a ⊙ (datt − Σ a·datt), in place in datt.
                    for t in r0..<r1 {
                        let ar = a + t * T, dr = datt + t * T
                        var dot: Float = 0
                        for j in 0...t { dot += ar[j] * dr[j] }
                        for j in 0..<r1 { dr[j] = scale * ar[j] * (dr[j] - dot) }
                    }
                    // dq[r0..<r1] = dpre · k[0..<r1];  dk[0..<r1] += dpreᵀ · q[r0..<r1]
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rb), Int32(hs), Int32(r1),
                                1, datt + r0 * T, Int32(T), k, Int32(C3), 0, dq + r0 * C3, Int32(C3))
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(r1), Int32(hs), Int32(rb),
                                1, datt + r0 * T, Int32(T), q + r0 * C3, Int32(C3), beta, dk, Int32(C3))
                    beta = 1
                    r1 = r0
                }
            }
        }
    }

    /// In place: row[0..<valid] = softmax(row[0..<valid]); row[valid..<width] = 0.
    @inline(__always)
    public static func causalSoftmax(_ row: UnsafeMutablePointer<Float>, valid: Int, width: Int) {
        let maxValue = Vector.max(row, valid)
        let sum = Vector.expSum(row, valid, shift: maxValue)
        Vector.scale(row, valid, by: 1 / sum)
        (row + valid).update(repeating: 0, count: width - valid)
    }
}
