/// Token + positional embedding: out[r, :] = wte[tokens[r]] + wpe[positions[r]].
public enum Encoder {
    /// out[N, C]; tokens[N] must lie in 0..<V and positions[N] in 0..<contextLength (checked by the caller).
    public static func forward(
        out: UnsafeMutablePointer<Float>, tokens: UnsafePointer<Int32>, positions: UnsafePointer<Int32>,
        wte: UnsafePointer<Float>, wpe: UnsafePointer<Float>, rows N: Int, channels C: Int
    ) {
        Threads.split(N, grain: 16) { _, rows in
            for r in rows {
                let o = out + r * C, e = wte + Int(tokens[r]) * C, p = wpe + Int(positions[r]) * C
                for i in 0..<C { o[i] = e[i] + p[i] }
            }
        }
    }

    /// dwte[token] += dout, dwpe[position] += dout; split over channel ranges so workers never share an output.
    public static func backward(
        dwte: UnsafeMutablePointer<Float>, dwpe: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
        tokens: UnsafePointer<Int32>, positions: UnsafePointer<Int32>, rows N: Int, channels C: Int
    ) {
        Threads.split(C, grain: 16) { _, cols in
            for r in 0..<N {
                let g = dout + r * C, e = dwte + Int(tokens[r]) * C, p = dwpe + Int(positions[r]) * C
                for i in cols {
                    e[i] += g[i]
                    p[i] += g[i]
                }
            }
        }
    }
}
