/// Eight-lane Float vectors for the elementwise kernels: loads/stores through raw pointers, and a vectorised
/// exp (Cephes' expf polynomial, about 1 ulp), since scalar expf/tanhf calls dominated softmax and GELU.
typealias Float8 = SIMD8<Float>

@inline(__always) func load8(_ p: UnsafePointer<Float>) -> Float8 {
    UnsafeRawPointer(p).loadUnaligned(as: Float8.self)
}

@inline(__always) func store8(_ v: Float8, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Float8.self)
}

enum Vector {
    /// e^x per lane; inputs are clamped to [-87.3, 88.376] (outputs ~1e-38 ... ~2.4e38; above 88.376 2^n would overflow).
    @inline(__always) static func exp(_ input: Float8) -> Float8 {
        // (replacing(with:where:) inlines to compare-and-select; pointwiseMin/Max compile to calls.)
        let x0 = input.replacing(with: 88.376_26, where: input .> 88.376_26).replacing(with: -87.3, where: input .< -87.3)
        // n = round(x / ln 2) via the 1.5·2²³ trick, which also leaves n in the low mantissa bits.
        let shifted = x0 * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        let x = x0 - n * 0.693_359_375 + n * 2.121_944_4e-4   // x − n·ln 2 in two parts
        var y: Float8 = Float8(repeating: 1.987_569_15e-4)
        y = y * x + 1.398_199_95e-3
        y = y * x + 8.333_451_9e-3
        y = y * x + 4.166_579_59e-2
        y = y * x + 1.666_666_55e-1
        y = y * x + 5.000_000_12e-1
        y = y * (x * x) + x + 1
        // 2ⁿ from the integer in shifted's low bits: exponent field n + 127.
        let bits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127
        return y * unsafeBitCast(bits &<< 23, to: Float8.self)
    }

    /// Scalar e^x with the same polynomial (for tails shorter than 8).
    @inline(__always) static func exp(_ x: Float) -> Float { exp(Float8(repeating: x))[0] }

    /// Σ p[i] for i < n.
    @inline(__always) static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = Float8(), i = 0
        while i + 8 <= n { acc += load8(p + i); i += 8 }
        var s = acc.sum()
        while i < n { s += p[i]; i += 1 }
        return s
    }

    /// max p[i] for i < n (n ≥ 1).
    @inline(__always) static func max(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = Float8(repeating: -.infinity), i = 0
        while i + 8 <= n { let v = load8(p + i); acc.replace(with: v, where: v .> acc); i += 8 }
        var m = acc.max()
        while i < n { m = Swift.max(m, p[i]); i += 1 }
        return m
    }

    /// In place p[i] = e^(p[i] − shift); returns Σ of the results.
    @inline(__always) static func expSum(_ p: UnsafeMutablePointer<Float>, _ n: Int, shift: Float) -> Float {
        var acc = Float8(), i = 0
        while i + 8 <= n {
            let e = exp(load8(p + i) - shift)
            store8(e, p + i)
            acc += e
            i += 8
        }
        var s = acc.sum()
        while i < n { let e = exp(p[i] - shift); p[i] = e; s += e; i += 1 }
        return s
    }

    /// dst[i] = a[i] + b[i] (dst may alias a or b).
    @inline(__always) static func add(_ dst: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n { store8(load8(a + i) + load8(b + i), dst + i); i += 8 }
        while i < n { dst[i] = a[i] + b[i]; i += 1 }
    }

    /// In place p[i] *= factor.
    @inline(__always) static func scale(_ p: UnsafeMutablePointer<Float>, _ n: Int, by factor: Float) {
        var i = 0
        while i + 8 <= n { store8(load8(p + i) * factor, p + i); i += 8 }
        while i < n { p[i] *= factor; i += 1 }
    }
}
