import CKernels
import XCTest
@testable import Transformer

/// The C kernels on every instruction-set path this machine supports, against plain Double references, at
/// awkward sizes (not multiples of any tile or vector width, beyond the K and N blocks, single rows).
final class KernelTests: XCTestCase {
    /// C = alpha · op(A) · op(B) + beta · C in Double, row-major with leading dimensions.
    func referenceGEMM(transA: Bool, transB: Bool, _ M: Int, _ N: Int, _ K: Int, alpha: Float, _ A: [Float], _ lda: Int,
                       _ B: [Float], _ ldb: Int, beta: Float, _ C: [Float], _ ldc: Int) -> [Float] {
        var out = C
        for i in 0..<M {
            for j in 0..<N {
                var sum = 0.0
                for k in 0..<K {
                    let a = transA ? A[k * lda + i] : A[i * lda + k]
                    let b = transB ? B[j * ldb + k] : B[k * ldb + j]
                    sum += Double(a) * Double(b)
                }
                let old = beta == 0 ? 0 : Double(beta) * Double(C[i * ldc + j])
                out[i * ldc + j] = Float(Double(alpha) * sum + old)
            }
        }
        return out
    }

    func testGEMMMatchesTheReferenceOnEveryPathAndShape() {
        // (M, N, K): single rows and columns, tails under one vector, over the 256-deep K block and 512-wide N block.
        let shapes = [(1, 1, 1), (5, 7, 3), (13, 17, 16), (37, 33, 300), (12, 101, 64), (25, 16, 352), (3, 600, 5),
                      (50, 48, 20)]
        forEachKernelPath { path in
            for (M, N, K) in shapes {
                for (transA, transB) in [(false, false), (false, true), (true, false), (true, true)] {
                    for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (1, 0.7)] {
                        // Leading dimensions wider than the matrices, so strides are exercised.
                        let lda = (transA ? M : K) + 3, ldb = (transB ? K : N) + 2, ldc = N + 1
                        let A = randomFloats((transA ? K : M) * lda, seed: 1), B = randomFloats((transB ? N : K) * ldb, seed: 2)
                        var C = beta == 0 ? [Float](repeating: .nan, count: M * ldc) : randomFloats(M * ldc, seed: 3)
                        let expected = referenceGEMM(transA: transA, transB: transB, M, N, K, alpha: alpha, A, lda, B, ldb,
                                                     beta: beta, beta == 0 ? [Float](repeating: 0, count: M * ldc) : C, ldc)
                        GEMM.multiply(transA: transA, transB: transB, M, N, K, alpha: alpha, A, lda, B, ldb, beta: beta,
                                      &C, ldc, engine: .kernels)
                        var worst: Float = 0
                        for i in 0..<M { for j in 0..<N { worst = max(worst, abs(C[i * ldc + j] - expected[i * ldc + j])) } }
                        XCTAssertLessThan(worst, 1e-5 * Float(K).squareRoot() * 4,
                                          "\(path) M\(M) N\(N) K\(K) tA \(transA) tB \(transB) alpha \(alpha) beta \(beta)")
                        // Padding columns past N are never written.
                        if ldc > N, beta == 0 { XCTAssertTrue(C[N].isNaN, "\(path): wrote past N") }
                    }
                }
            }
        }
    }

    /// The product with a bias and/or residual start (Matmul.forward's): on every path and awkward shape, bit for bit
    /// what writing the start into C and adding the product with beta 1 gives (the rounding the trainer always had),
    /// also with the residual in C itself; OpenBLAS's route through GEMM.multiply agrees to rounding.
    func testGEMMWithBiasAndResidualEqualsPrefilledC() {
        let shapes = [(1, 1, 1), (5, 7, 3), (13, 17, 16), (37, 33, 300), (12, 101, 64), (25, 16, 352), (3, 600, 5),
                      (50, 48, 20), (26, 192, 64)]
        forEachKernelPath { path in
            for (M, N, K) in shapes {
                for transB in [false, true] {
                    for (useBias, useResidual, inPlace) in [(true, false, false), (false, true, false), (true, true, false),
                                                            (true, true, true), (false, true, true)] {
                        let lda = K + 3, ldb = (transB ? K : N) + 2, ldc = N + 1
                        let A = randomFloats(M * lda, seed: 1), B = randomFloats((transB ? N : K) * ldb, seed: 2)
                        let bias = [-0.0] + randomFloats(N - 1, seed: 4), residual = randomFloats(M * ldc, seed: 5)
                        // Expected: the start written into C (as Matmul.forward did), then C += A·B.
                        var expected = [Float](repeating: .nan, count: M * ldc)
                        for i in 0..<M {
                            for j in 0..<N {
                                let r = residual[i * ldc + j], b = bias[j]
                                expected[i * ldc + j] = useBias && useResidual ? r + b : useResidual ? r : b
                            }
                        }
                        sk_sgemm(0, transB ? 1 : 0, Int32(M), Int32(N), Int32(K), 1, A, Int32(lda), B, Int32(ldb), 1,
                                 &expected, Int32(ldc))
                        var C = inPlace ? residual : [Float](repeating: .nan, count: M * ldc)
                        let label = "\(path) M\(M) N\(N) K\(K) tB \(transB) bias \(useBias) residual \(useResidual) in place \(inPlace)"
                        bias.withUnsafeBufferPointer { bias in
                            residual.withUnsafeBufferPointer { residual in
                                C.withUnsafeMutableBufferPointer { c in
                                    let res = useResidual ? (inPlace ? UnsafePointer(c.baseAddress!) : residual.baseAddress!) : nil
                                    sk_sgemm_add(0, transB ? 1 : 0, Int32(M), Int32(N), Int32(K), A, Int32(lda), B, Int32(ldb),
                                                 useBias ? bias.baseAddress! : nil, res, Int32(ldc), c.baseAddress!, Int32(ldc))
                                }
                            }
                        }
                        for i in 0..<M {
                            for j in 0..<N where C[i * ldc + j].bitPattern != expected[i * ldc + j].bitPattern {
                                XCTFail("\(label): C[\(i), \(j)] \(C[i * ldc + j]) != \(expected[i * ldc + j])")
                                return
                            }
                        }
                        if !inPlace { XCTAssertTrue(C[N].isNaN, "\(label): wrote past N") }
                        var viaOpenBLAS = [Float](repeating: .nan, count: M * ldc)
                        GEMM.use(.openBLAS)
                        GEMM.multiply(transA: false, transB: transB, M, N, K, A, lda, B, ldb, bias: useBias ? bias : nil,
                                      residual: useResidual ? residual : nil, ldc, &viaOpenBLAS, ldc)
                        GEMM.use(nil)
                        var worst: Float = 0
                        for i in 0..<M { for j in 0..<N { worst = max(worst, abs(viaOpenBLAS[i * ldc + j] - expected[i * ldc + j])) } }
                        XCTAssertLessThan(worst, 1e-5 * Float(K).squareRoot() * 4, "OpenBLAS route: \(label)")
                    }
                }
            }
        }
    }

    func testExpGELUAndSoftmaxMatchTheReferences() {
        let x = randomFloats(203, seed: 4, scale: 30) + [-100, 100, 0, -0.0]
        forEachKernelPath { path in
            var e = [Float](repeating: 0, count: x.count)
            sk_exp(&e, x, x.count)
            for (i, v) in x.enumerated() {
                let clamped = Double(min(max(v, -87.3), 88.376_262_664_794_9))
                XCTAssertEqual(Double(e[i]), Foundation.exp(clamped), accuracy: 3e-7 * Foundation.exp(clamped), "\(path) exp(\(v))")
            }
            // GELU and its derivative against the formula in Double (tanh form).
            let g = randomFloats(101, seed: 5, scale: 6)
            var out = [Float](repeating: 0, count: g.count), dinp = out
            GELU.forward(out: &out, inp: g, count: g.count)
            GELU.backward(dinp: &dinp, inp: g, dout: [Float](repeating: 2, count: g.count), count: g.count)
            for (i, v) in g.enumerated() {
                let xd = Double(v), c = (2 / Double.pi).squareRoot()
                let u = c * (xd + 0.044715 * xd * xd * xd), t = tanh(u)
                let value = 0.5 * xd * (1 + t)
                let derivative = 0.5 * (1 + t) + 0.5 * xd * (1 - t * t) * c * (1 + 3 * 0.044715 * xd * xd)
                XCTAssertEqual(Double(out[i]), value, accuracy: 1e-5 * max(1, abs(value)), "\(path) gelu(\(v))")
                XCTAssertEqual(Double(dinp[i]), 2 * derivative, accuracy: 2e-5, "\(path) gelu'(\(v))")
            }
            // Softmax of a causal row: `valid` entries, zeros up to `width`.
            for valid in [1, 7, 16, 17, 45] {
                var row = randomFloats(valid + 5, seed: UInt64(valid), scale: 20)
                let input = row
                sk_softmax_row(&row, Int32(valid), Int32(valid + 5), 0.5)
                let m = input[0..<valid].map { Double($0) * 0.5 }.max()!
                let sum = input[0..<valid].reduce(0.0) { $0 + Foundation.exp(Double($1) * 0.5 - m) }
                for j in 0..<valid {
                    XCTAssertEqual(Double(row[j]), Foundation.exp(Double(input[j]) * 0.5 - m) / sum, accuracy: 1e-6, "\(path) softmax")
                }
                XCTAssertEqual(row[valid...], [Float](repeating: 0, count: 5)[...], "\(path): masked entries")
            }
        }
    }

    /// The same training steps twice on each path, with each attention kernel, give the same bits (the threads split
    /// work deterministically).
    func testTrainingIsBitIdenticalOnEachPath() throws {
        let config = try GPTConfig(vocabSize: 23, contextLength: 19, width: 24, layers: 2, heads: 3)
        func train() -> [Float] {
            let model = GPT(config: config, maxBatch: 3, seed: 7)
            let optimizer = AdamW(layout: model.layout)
            let tokens = randomFloats(3 * 19 * 2, seed: 8).map { Int32(abs($0) * 22) }
            for step in 0..<2 {
                let inputs = Array(tokens[(step * 57)..<(step * 57 + 57)])
                model.zeroGrad()
                model.forward(inputs: inputs, targets: inputs.map { ($0 + 1) % 23 }, mask: nil, batch: 3, length: 19)
                model.backward()
                optimizer.update(model, learningRate: 1e-2)
            }
            return model.parameters.array
        }
        forEachKernelPath { path in
            forEachAttentionKernel { kernel in
                let first = train(), second = train()
                XCTAssertEqual(first.map(\.bitPattern), second.map(\.bitPattern), "\(path) \(kernel)")
            }
        }
    }

    /// Causal attention of one (batch, head) in Double: the output [T, hs], and with `dy` the gradients of
    /// Σ out ⊙ dy with respect to q, k and v ([T, hs] each).
    struct ReferenceHead {
        var y: [[Double]], dq: [[Double]], dk: [[Double]], dv: [[Double]]

        init(qkv: [Float], dy: [Float], b: Int, h: Int, T: Int, C: Int, H: Int) {
            let hs = C / H, scale = 1 / Double(hs).squareRoot()
            func row(_ part: Int, _ t: Int) -> [Double] {
                (0..<hs).map { Double(qkv[b * T * 3 * C + t * 3 * C + part * C + h * hs + $0]) }
            }
            let q = (0..<T).map { row(0, $0) }, k = (0..<T).map { row(1, $0) }, v = (0..<T).map { row(2, $0) }
            let g = (0..<T).map { t in (0..<hs).map { Double(dy[b * T * C + t * C + h * hs + $0]) } }
            func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
            let zero = [[Double]](repeating: [Double](repeating: 0, count: hs), count: T)
            (y, dq, dk, dv) = (zero, zero, zero, zero)
            for t in 0..<T {
                let scores = (0...t).map { dot(q[t], k[$0]) * scale }
                let m = scores.max()!
                let e = scores.map { Foundation.exp($0 - m) }, sum = e.reduce(0, +)
                let p = e.map { $0 / sum }
                for j in 0...t { for d in 0..<hs { y[t][d] += p[j] * v[j][d] } }
                // dscore_j = p_j (dp_j − Σ p·dp) with dp_j = dy·v_j; scores = scale · q·k.
                let dp = (0...t).map { dot(g[t], v[$0]) }
                let mean = zip(p, dp).reduce(0) { $0 + $1.0 * $1.1 }
                for j in 0...t {
                    let ds = p[j] * (dp[j] - mean) * scale
                    for d in 0..<hs {
                        dq[t][d] += ds * k[j][d]
                        dk[j][d] += ds * q[t][d]
                        dv[j][d] += p[j] * g[t][d]
                    }
                }
            }
        }
    }

    /// Causal attention, forward and backward, against a Double reference at head sizes 8 to 64, T not a multiple
    /// of the query block or of any tile, batch 1 and 2, on every path with every kernel; and the backward of
    /// fused-kept and of blocked on each other's probabilities (their shared layout).
    func testAttentionAtManyHeadSizesMatchesTheReference() {
        // (B, T, C, H): head sizes 8, 64, 32, 24, 16, 16, 4.
        let shapes = [(1, 75, 48, 6), (2, 40, 64, 1), (1, 37, 96, 3), (2, 41, 48, 2), (1, 73, 64, 4), (1, 5, 32, 2),
                      (1, 13, 8, 2)]
        let original = Attention.chosenKernel
        defer { Attention.use(original) }
        forEachKernelPath { path in
            for (B, T, C, H) in shapes {
                let hs = C / H
                let qkv = randomFloats(B * T * 3 * C, seed: 11, scale: 1.5), dy = randomFloats(B * T * C, seed: 12)
                let reference = (0..<B * H).map { ReferenceHead(qkv: qkv, dy: dy, b: $0 / H, h: $0 % H, T: T, C: C, H: H) }
                var results: [Attention.Kernel: (out: [Float], att: [Float], dqkv: [Float])] = [:]
                forEachAttentionKernel { kernel in
                    var out = [Float](repeating: .nan, count: B * T * C), att = [Float](repeating: .nan, count: B * H * T * T)
                    Attention.forward(out: &out, att: &att, qkv: qkv, layout: .uniform(batch: B, length: T), channels: C, heads: H)
                    var dqkv = [Float](repeating: .nan, count: B * T * 3 * C)
                    var scratch = [Float](repeating: .nan, count: Threads.maximum * T * T)
                    Attention.backward(dqkv: &dqkv, dout: dy, out: out, qkv: qkv, att: att, scratch: &scratch,
                                       layout: .uniform(batch: B, length: T), channels: C, heads: H)
                    var worst = (y: 0.0, dq: 0.0, dk: 0.0, dv: 0.0)
                    for b in 0..<B {
                        for h in 0..<H {
                            let ref = reference[b * H + h]
                            for t in 0..<T {
                                for d in 0..<hs {
                                    let o = b * T * C + t * C + h * hs + d, g = b * T * 3 * C + t * 3 * C + h * hs + d
                                    worst.y = max(worst.y, abs(ref.y[t][d] - Double(out[o])))
                                    worst.dq = max(worst.dq, abs(ref.dq[t][d] - Double(dqkv[g])))
                                    worst.dk = max(worst.dk, abs(ref.dk[t][d] - Double(dqkv[g + C])))
                                    worst.dv = max(worst.dv, abs(ref.dv[t][d] - Double(dqkv[g + 2 * C])))
                                }
                            }
                        }
                    }
                    let name = "\(path) \(kernel) B\(B) T\(T) C\(C) H\(H)"
                    XCTAssertLessThan(worst.y, 2e-5, name + " y")
                    XCTAssertLessThan(max(worst.dq, worst.dk, worst.dv), 1e-4, name + " gradients \(worst)")
                    results[kernel] = (out, att, dqkv)
                }
                // fused-kept and blocked share the probability layout: each backward on the other's forward gives its
                // own gradients.
                guard let kept = results[.fusedKept], let blocked = results[.blocked] else { return XCTFail("\(path)") }
                for (kernel, other) in [(Attention.Kernel.fusedKept, blocked), (.blocked, kept)] {
                    Attention.use(kernel)
                    var dqkv = [Float](repeating: .nan, count: B * T * 3 * C)
                    var scratch = [Float](repeating: .nan, count: Threads.maximum * T * T)
                    Attention.backward(dqkv: &dqkv, dout: dy, out: other.out, qkv: qkv, att: other.att, scratch: &scratch,
                                       layout: .uniform(batch: B, length: T), channels: C, heads: H)
                    let own = results[kernel]!.dqkv
                    let worst = zip(dqkv, own).map { abs($0 - $1) }.max()!
                    XCTAssertLessThan(worst, 1e-4, "\(path) \(kernel) backward on the other forward")
                }
            }
        }
    }

    /// Sequences of different lengths one after another (37 spans two query blocks; 1 and 5 are shorter than any
    /// tile; 73 is the longest and sets the att block size): each sequence's output and gradients match the Double
    /// reference of that sequence alone, on every path with every kernel, so attention never crosses sequences.
    func testAttentionOverSequencesOfDifferentLengthsMatchesEachAlone() {
        let layout = SequenceLayout(lengths: [37, 1, 73, 5])
        let (C, H, N) = (48, 3, layout.tokens), hs = C / H
        let qkv = randomFloats(N * 3 * C, seed: 21, scale: 1.5), dy = randomFloats(N * C, seed: 22)
        let reference = (0..<layout.count).map { s in
            let (o, T) = (layout.offsets[s], layout.lengths[s])
            return (0..<H).map { h in
                ReferenceHead(qkv: Array(qkv[o * 3 * C ..< (o + T) * 3 * C]), dy: Array(dy[o * C ..< (o + T) * C]),
                              b: 0, h: h, T: T, C: C, H: H)
            }
        }
        forEachKernelPath { path in
            forEachAttentionKernel { kernel in
                let Tm = layout.longest
                var out = [Float](repeating: .nan, count: N * C)
                var att = [Float](repeating: .nan, count: layout.count * H * Tm * Tm)
                Attention.forward(out: &out, att: &att, qkv: qkv, layout: layout, channels: C, heads: H)
                var dqkv = [Float](repeating: .nan, count: N * 3 * C)
                var scratch = [Float](repeating: .nan, count: Threads.maximum * Tm * Tm)
                Attention.backward(dqkv: &dqkv, dout: dy, out: out, qkv: qkv, att: att, scratch: &scratch,
                                   layout: layout, channels: C, heads: H)
                var worst = (y: 0.0, gradients: 0.0)
                for s in 0..<layout.count {
                    for h in 0..<H {
                        let ref = reference[s][h]
                        for t in 0..<layout.lengths[s] {
                            let row = layout.offsets[s] + t
                            for d in 0..<hs {
                                let o = row * C + h * hs + d, g = row * 3 * C + h * hs + d
                                worst.y = max(worst.y, abs(ref.y[t][d] - Double(out[o])))
                                worst.gradients = max(worst.gradients, abs(ref.dq[t][d] - Double(dqkv[g])),
                                                      abs(ref.dk[t][d] - Double(dqkv[g + C])),
                                                      abs(ref.dv[t][d] - Double(dqkv[g + 2 * C])))
                            }
                        }
                    }
                }
                XCTAssertLessThan(worst.y, 2e-5, "\(path) \(kernel) y")
                XCTAssertLessThan(worst.gradients, 1e-4, "\(path) \(kernel) gradients")
            }
        }
    }

    func testAttentionKernelNamesFromTheEnvironment() throws {
        XCTAssertNil(try Attention.Kernel.fromEnvironment([:]))
        XCTAssertEqual(try Attention.Kernel.fromEnvironment(["SCALING_ATTENTION": "blocked"]), .blocked)
        XCTAssertEqual(try Attention.Kernel.fromEnvironment(["SCALING_ATTENTION": "fused-kept"]), .fusedKept)
        XCTAssertThrowsError(try Attention.Kernel.fromEnvironment(["SCALING_ATTENTION": "Fused"]))
        // Without a choice the kernel follows the path: fused where our vector code wins, blocked on portable.
        let (originalKernel, originalPath) = (Attention.chosenKernel, KernelPath.current)
        defer { Attention.use(originalKernel); KernelPath.use(originalPath) }
        Attention.use(nil)
        for path in KernelPath.supported {
            KernelPath.use(path)
            XCTAssertEqual(Attention.kernel, path == .portable ? .blocked : .fused, "\(path)")
        }
        Attention.use(.blocked)
        XCTAssertEqual(Attention.kernel, .blocked)
    }

    /// A linear layer with its weight transposed to [in, out] (the sampler's copy) gives the same output as with
    /// the model's [out, in] weight: bit for bit where our GEMM runs (same multiply-adds in the same order, the
    /// weight read in place instead of repacked), within rounding where OpenBLAS does. Rows 1-37, odd widths.
    func testLinearLayerWithTransposedWeightMatches() {
        forEachKernelPath { path in
            for (N, C, OC) in [(1, 16, 48), (7, 24, 101), (37, 64, 256), (20, 256, 64)] {
                let inp = randomFloats(N * C, seed: 41), weight = randomFloats(OC * C, seed: 42)
                let bias = randomFloats(OC, seed: 43), residual = randomFloats(N * OC, seed: 44)
                var transposed = [Float](repeating: 0, count: C * OC)
                for o in 0..<OC { for c in 0..<C { transposed[c * OC + o] = weight[o * C + c] } }
                var plain = [Float](repeating: .nan, count: N * OC), viaCopy = plain
                Matmul.forward(out: &plain, inp: inp, weight: weight, bias: bias, residual: residual,
                               rows: N, inChannels: C, outChannels: OC)
                Matmul.forward(out: &viaCopy, inp: inp, weight: transposed, bias: bias, residual: residual,
                               rows: N, inChannels: C, outChannels: OC, layout: .inByOut)
                if GEMM.engine == .kernels {
                    XCTAssertEqual(plain, viaCopy, "\(path) \(N)x\(C)x\(OC)")
                } else {
                    let worst = zip(plain, viaCopy).map { abs($0 - $1) }.max()!
                    XCTAssertLessThan(worst, 1e-4, "\(path) \(N)x\(C)x\(OC)")
                }
            }
        }
    }

    /// The sampler's decode-step attention against a Double reference on every path: head sizes 8 to 64 (not all
    /// multiples of a vector), prompt and own lengths not multiples of 16, sample rows out of order in the cache.
    func testDecodeAttentionMatchesTheReference() {
        forEachKernelPath { path in
            for (n, P, own, hs) in [(3, 37, 5, 16), (1, 16, 16, 32), (4, 9, 1, 8), (2, 50, 21, 24), (2, 130, 70, 64),
                                    (9, 181, 40, 32), (6, 77, 2, 16), (5, 20, 33, 48)] {
                let block = Int(SK_KEY_BLOCK)
                let promptStride = (P + block - 1) / block * block, sampleStride = (own + block - 1) / block * block
                let cacheRows = 10, rows = [4, 1, 3, 0, 9, 7, 2, 8, 5][..<n].map { $0 }
                let rowStride = hs * sampleStride   // one head per row block here
                let ldq = hs + 3, ldy = hs + 2, scale: Float = 0.3
                let q = randomFloats(n * ldq, seed: 31, scale: 2)
                let pk = randomFloats(hs * promptStride, seed: 32), pv = randomFloats(P * hs, seed: 33)
                let sk = randomFloats(cacheRows * rowStride, seed: 34), sv = randomFloats(cacheRows * rowStride, seed: 35)
                var y = [Float](repeating: .nan, count: n * ldy)
                var scratch = [Float](repeating: .nan, count: sk_decode_attention_scratch(Int32(P), Int32(own), Int32(hs)))
                sk_decode_attention(Int32(n), Int32(P), Int32(own), Int32(hs), scale, q, Int32(ldq), pk,
                                    pv, sk, sv, rows, rowStride, &y, Int32(ldy), &scratch)
                // Queries go in blocks; each row alone must give the same bits as in its block.
                for i in 0..<n {
                    var alone = [Float](repeating: .nan, count: hs)
                    q.withUnsafeBufferPointer { qp in
                        rows.withUnsafeBufferPointer { rp in
                            sk_decode_attention(1, Int32(P), Int32(own), Int32(hs), scale, qp.baseAddress! + i * ldq, Int32(ldq), pk,
                                                pv, sk, sv, rp.baseAddress! + i, rowStride, &alone, Int32(hs), &scratch)
                        }
                    }
                    XCTAssertEqual(alone, Array(y[i * ldy ..< i * ldy + hs]), "\(path) row \(i) of n\(n) hs\(hs): blocking changed its bits")
                }
                var worst = 0.0
                for i in 0..<n {
                    let base = rows[i] * rowStride
                    func dot(_ key: (Int) -> Float) -> Double {
                        (0..<hs).reduce(0.0) { $0 + Double(q[i * ldq + $1]) * Double(key($1)) } * Double(scale)
                    }
                    // Key j's dimension d: block j / 16, row d of the block, lane j % 16 (ckernels.h).
                    func key(_ j: Int, _ d: Int) -> Int { j / block * block * hs + d * block + j % block }
                    let scores = (0..<P).map { j in dot { pk[key(j, $0)] } } + (0..<own).map { j in dot { sk[base + key(j, $0)] } }
                    let m = scores.max()!, e = scores.map { Foundation.exp($0 - m) }, sum = e.reduce(0, +)
                    for d in 0..<hs {
                        var out = 0.0
                        for j in 0..<P { out += e[j] * Double(pv[j * hs + d]) }
                        for j in 0..<own { out += e[P + j] * Double(sv[base + j * hs + d]) }
                        worst = max(worst, abs(out / sum - Double(y[i * ldy + d])))
                    }
                    XCTAssertTrue(y[i * ldy + hs].isNaN, "\(path): wrote past the head")
                }
                XCTAssertLessThan(worst, 2e-5, "\(path) n\(n) P\(P) own\(own) hs\(hs)")
            }
        }
    }
}

/// Which engine runs a product: the studies' shapes (d <= 128) keep the path's engine whatever OpenBLAS's core, so
/// their results stay; large products go to OpenBLAS only on avx512 where OpenBLAS has AVX-512 kernels; SCALING_GEMM
/// and `use` override both, and an unknown name is an error naming the variable.
final class GEMMEngineTests: XCTestCase {
    func testStudyShapesKeepThePathsEngineAndLargeOnesFollowOpenBLASsCore() throws {
        defer { KernelPath.use(KernelPath.supported.last!); GEMM.use(nil) }
        // Every product of a d128 L2 H4 step at T 352, B 16, split over up to 2 workers.
        let rows = [5632, 2816], d = 128
        var studyShapes: [(Int, Int, Int)] = []
        for m in rows {
            for (n, k) in [(3 * d, d), (d, d), (4 * d, d), (d, 4 * d), (101, d)] {
                studyShapes += [(m, n, k), (m, k, n), (n, k, m), (n / 2, k, m)]
            }
        }
        for path in KernelPath.supported {
            KernelPath.use(path)
            for (M, N, K) in studyShapes {
                XCTAssertEqual(GEMM.engine(M, N, K), GEMM.engine, "\(path) \(M)x\(N)x\(K)")
            }
            let large = GEMM.engine(1024, 1024, 256)
            XCTAssertEqual(large, path == .avx512 && GEMM.openBLASHasAVX512 ? .openBLAS : GEMM.engine, "\(path) (\(GEMM.openBLASCore))")
            GEMM.use(.kernels)
            XCTAssertEqual(GEMM.engine(1024, 1024, 1024), .kernels)
            GEMM.use(nil)
        }
        XCTAssertEqual(try GEMM.fromEnvironment(["SCALING_GEMM": "openblas"]), .openBLAS)
        XCTAssertNil(try GEMM.fromEnvironment([:]))
        XCTAssertThrowsError(try GEMM.fromEnvironment(["SCALING_GEMM": "mkl"])) { error in
            XCTAssertTrue("\(error)".hasPrefix("SCALING_GEMM=mkl: not a GEMM engine"), "\(error)")
        }
    }

    /// Both engines agree with each other on a large product (the reference check of every path is above).
    func testBothEnginesAgreeOnALargeProduct() {
        let (M, N, K) = (300, 260, 270)
        let A = randomFloats(M * K, seed: 7), B = randomFloats(N * K, seed: 8)
        var ours = [Float](repeating: 0, count: M * N), theirs = ours
        GEMM.multiply(transA: false, transB: true, M, N, K, alpha: 1, A, K, B, K, beta: 0, &ours, N, engine: .kernels)
        GEMM.multiply(transA: false, transB: true, M, N, K, alpha: 1, A, K, B, K, beta: 0, &theirs, N, engine: .openBLAS)
        let worst = zip(ours, theirs).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(worst, 1e-4)
    }
}
