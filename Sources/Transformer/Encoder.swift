/// Token + positional embedding: out[b, t, :] = wte[token[b, t]] + wpe[t].
public enum Encoder {
    /// out[B*T, C]; tokens[B*T] must lie in 0..<V (checked by the caller).
    public static func forward(
        out: UnsafeMutablePointer<Float>, tokens: UnsafePointer<Int32>, wte: UnsafePointer<Float>, wpe: UnsafePointer<Float>,
        batch B: Int, length T: Int, channels C: Int
    ) {
        Threads.split(B * T, grain: 16) { _, rows in
            for r in rows {
                let o = out + r * C, e = wte + Int(tokens[r]) * C, p = wpe + (r % T) * C
                for i in 0..<C { o[i] = e[i] + p[i] }
            }
        }
    }

    /// dwte[token] += dout, dwpe[t] += dout; split over channel ranges so workers never share an output.
    public static func backward(
        dwte: UnsafeMutablePointer<Float>, dwpe: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
        tokens: UnsafePointer<Int32>, batch B: Int, length T: Int, channels C: Int
    ) {
        Threads.split(C, grain: 16) { _, cols in
            for r in 0..<(B * T) {
                let g = dout + r * C, e = dwte + Int(tokens[r]) * C, p = dwpe + (r % T) * C
                for i in cols {
                    e[i] += g[i]
                    p[i] += g[i]
                }
            }
        }
    }
}
