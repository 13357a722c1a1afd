/// The model's linear-layer weights transposed to [in, out], and the tied token embedding to [d, V] for the LM
/// head, made once per `Sampler.generate` call. The decode step's products have few rows (the live samples of a
/// chunk), and the GEMM repacked each [out, in] weight on every call: 8.6% of d128 evaluation sampling (perf).
/// In the [in, out] layout it reads them in place, with the same arithmetic (results are unchanged bit for bit).
final class TransposedWeights {
    struct Layer {
        let qkv: UnsafeMutablePointer<Float>    // [d, 3d]
        let proj: UnsafeMutablePointer<Float>   // [d, d]
        let fc1: UnsafeMutablePointer<Float>    // [d, 4d]
        let fc2: UnsafeMutablePointer<Float>    // [4d, d]
    }
    private let buffer: FloatBuffer
    let layers: [Layer]
    let lmHead: UnsafeMutablePointer<Float>     // [d, V]

    init(_ w: ParameterTensors, config: GPTConfig) {
        let (C, V) = (config.width, config.vocabSize)
        buffer = FloatBuffer(count: config.layers * 12 * C * C + C * V)
        var next = buffer.base
        /// Copies source [rows, columns] into the next free space as [columns, rows].
        func transposed(_ source: UnsafePointer<Float>, rows: Int, columns: Int) -> UnsafeMutablePointer<Float> {
            let out = next
            Attention.transpose(source, stride: columns, rows: rows, columns: columns, into: out)
            next += rows * columns
            return out
        }
        layers = (0..<config.layers).map { l in
            let p = w.layer(l)
            return Layer(qkv: transposed(p.qkvWeight, rows: 3 * C, columns: C),
                         proj: transposed(p.attnProjWeight, rows: C, columns: C),
                         fc1: transposed(p.fc1Weight, rows: 4 * C, columns: C),
                         fc2: transposed(p.fc2Weight, rows: C, columns: 4 * C))
        }
        lmHead = transposed(w.tokenEmbedding, rows: V, columns: C)
    }
}
