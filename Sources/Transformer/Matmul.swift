/// Linear layers as whole-batch sgemm: out[N, OC] = inp[N, C] · W[OC, C]ᵀ + b[OC] (W stored like nn.Linear).
/// Each worker runs one single-threaded sgemm (`GEMM`) on its block of rows (see `Threads`).
public enum Matmul {
    /// Rows per worker below which splitting an sgemm costs more than it saves.
    static let grain = 64

    /// How a weight is stored: `outByIn` [OC, C] like nn.Linear (the model's own layout), or `inByOut` [C, OC], a
    /// transposed copy that the GEMM reads in place where it would otherwise repack the weight on every call
    /// (the sampler's few-row products keep one, `TransposedWeights`).
    public enum WeightLayout: Sendable { case outByIn, inByOut }

    /// out[N, OC] = (residual[N, OC] or 0) + inp[N, C] · W + (bias[OC] or 0), with W = weight[OC, C]ᵀ (or weight
    /// itself when `layout` is `inByOut`). With `residual`, the residual add is fused into the output write (out may
    /// alias residual).
    public static func forward(
        out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>? = nil, rows N: Int, inChannels C: Int, outChannels OC: Int,
        layout: WeightLayout = .outByIn
    ) {
        Threads.split(N, grain: grain) { _, rows in
            GEMM.multiply(transA: false, transB: layout == .outByIn, rows.count, OC, C, inp + rows.lowerBound * C, C,
                          weight, layout == .outByIn ? C : OC, bias: bias, residual: residual.map { $0 + rows.lowerBound * OC },
                          OC, out + rows.lowerBound * OC, OC)
        }
    }

    /// Backward of `forward`: dinp[N, C] = dout · W (overwritten), dweight[OC, C] += doutᵀ · inp, dbias[OC] += Σ_rows dout.
    /// `dinp` may be nil when the input needs no gradient. Workers split dinp by rows and dweight, dbias by
    /// output channels, so no two write the same element.
    public static func backward(
        dinp: UnsafeMutablePointer<Float>?, dweight: UnsafeMutablePointer<Float>, dbias: UnsafeMutablePointer<Float>?,
        dout: UnsafePointer<Float>, inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        rows N: Int, inChannels C: Int, outChannels OC: Int
    ) {
        Threads.parallel(maxWorkers: min(N, OC) / 8) { worker, workers in
            if let dinp {
                let rows = Range.part(worker, of: workers, splitting: N)
                GEMM.multiply(transA: false, transB: false, rows.count, C, OC, alpha: 1, dout + rows.lowerBound * OC, OC,
                              weight, C, beta: 0, dinp + rows.lowerBound * C, C)
            }
            let outs = Range.part(worker, of: workers, splitting: OC)
            GEMM.multiply(transA: true, transB: false, outs.count, C, N, alpha: 1, dout + outs.lowerBound, OC,
                          inp, C, beta: 1, dweight + outs.lowerBound * C, C)
            if let dbias { addColumnSums(into: dbias, of: dout, rows: N, columns: OC, range: outs) }
        }
    }

    /// sums[j] += Σ_r m[r, j] for j in `range` (columns of m[rows, columns]).
    @inline(__always)
    static func addColumnSums(into sums: UnsafeMutablePointer<Float>, of m: UnsafePointer<Float>, rows: Int, columns: Int, range: Range<Int>) {
        let start = range.lowerBound
        for r in 0..<rows { Vector.add(sums + start, sums + start, m + r * columns + start, range.count) }
    }
}
