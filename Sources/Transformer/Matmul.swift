import COpenBLAS

/// Linear layers as whole-batch sgemm: out[N, OC] = inp[N, C] · W[OC, C]ᵀ + b[OC] (W stored like nn.Linear).
public enum Matmul {
    /// out[N, OC] = (residual[N, OC] or 0) + inp[N, C] · weight[OC, C]ᵀ + (bias[OC] or 0).
    /// With `residual`, the residual add is fused into the output write (out may alias residual).
    public static func forward(
        out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>? = nil, rows N: Int, inChannels C: Int, outChannels OC: Int
    ) {
        var beta: Float = 0
        if bias != nil || residual != nil {
            // Pre-fill the output with residual + bias so that sgemm accumulates onto it (beta = 1).
            Threads.split(N, grain: 16) { _, rows in
                for r in rows {
                    let o = out + r * OC
                    if let residual {
                        let res = residual + r * OC
                        if let bias { for j in 0..<OC { o[j] = res[j] + bias[j] } } else if res != UnsafePointer(o) { o.update(from: res, count: OC) }
                    } else if let bias {
                        o.update(from: bias, count: OC)
                    }
                }
            }
            beta = 1
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(N), Int32(OC), Int32(C),
                    1, inp, Int32(C), weight, Int32(C), beta, out, Int32(OC))
    }

    /// Backward of `forward`: dinp[N, C] = dout · W (overwritten), dweight[OC, C] += doutᵀ · inp, dbias[OC] += Σ_rows dout.
    /// `dinp` may be nil when the input needs no gradient.
    public static func backward(
        dinp: UnsafeMutablePointer<Float>?, dweight: UnsafeMutablePointer<Float>, dbias: UnsafeMutablePointer<Float>?,
        dout: UnsafePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        rows N: Int, inChannels C: Int, outChannels OC: Int
    ) {
        if let dinp {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(N), Int32(C), Int32(OC),
                        1, dout, Int32(OC), weight, Int32(C), 0, dinp, Int32(C))
        }
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(OC), Int32(C), Int32(N),
                    1, dout, Int32(OC), inp, Int32(C), 1, dweight, Int32(C))
        if let dbias { addColumnSums(into: dbias, of: dout, rows: N, columns: OC) }
    }

    /// sums[j] += Σ_r m[r, j], split over column ranges so workers never share an output.
    public static func addColumnSums(into sums: UnsafeMutablePointer<Float>, of m: UnsafePointer<Float>, rows: Int, columns: Int) {
        Threads.split(columns, grain: 32) { _, cols in
            for r in 0..<rows {
                let row = m + r * columns
                for j in cols { sums[j] += row[j] }
            }
        }
    }
}
