import CKernels
import Foundation

/// Causal multi-head self-attention on the fused qkv activations, one (batch, head) pair per task, by one of three
/// kernels (`Kernel`, docs/engine.md). A backward pass needs the forward of the same kernel, except that `fusedKept`
/// and `blocked` share their probability layout and so accept each other's.
public enum Attention {
    /// Which attention kernel runs.
    public enum Kernel: String, CaseIterable, Sendable {
        /// One C call per head (sk_attention_forward/backward): scores, mask, softmax and the product with v per tile
        /// of query rows. The forward keeps only each row's log-sum-exp (in the first T floats of the head's block
        /// of `att`); the backward recomputes the probabilities tile by tile, so nothing of size T² goes to memory.
        case fused
        /// The same kernels, but the forward writes the probabilities to `att` and the backward reads them.
        case fusedKept = "fused-kept"
        /// Every product a `GEMM`: rows in blocks of 36 so that a block of queries only multiplies the keys it can
        /// see; the products whose right operand would be transposed (q·kᵀ, dy·vᵀ) use a copy of k or v transposed
        /// once per (batch, head); softmax rows by sk_softmax_row.
        case blocked

        /// The kernel named by SCALING_ATTENTION in the environment (nil when unset; an unknown name throws).
        public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Kernel? {
            guard let name = environment["SCALING_ATTENTION"] else { return nil }
            guard let kernel = Kernel(rawValue: name) else {
                throw AttentionKernelError(name: name)
            }
            return kernel
        }
    }

    /// The kernel in use (process-wide): the one chosen by SCALING_ATTENTION or `use(_:)`, otherwise the fastest
    /// measured for the kernel path: `fused` on avx512 and avx2 (CPU time per d64 step x0.81 and x0.85 of
    /// `blocked`), `blocked` on portable, where the blocked kernel's products run on OpenBLAS's own vector code and
    /// the fused kernel on 4-lane C without FMA (x1.30). docs/engine.md has the measurements.
    public static var kernel: Kernel { chosenKernel ?? (KernelPath.current == .portable ? .blocked : .fused) }

    /// The explicit choice, if any (nil: the path's default).
    nonisolated(unsafe) private(set) static var chosenKernel: Kernel? = try? Kernel.fromEnvironment()

    /// Switches every later attention call to `kernel`, or back to the path's default with nil (tests, benchmarks).
    public static func use(_ kernel: Kernel?) { chosenKernel = kernel }

    /// Query rows per block: a multiple of every kernel path's tile height (12, 6, 4), big enough for the
    /// products to be efficient, small enough to skip most of the masked upper triangle.
    static let block = 36

    /// dst[d, j] = src[j, d] for j < T, d < hs (src rows `stride` apart, dst rows T apart).
    @inline(__always)
    static func transpose(_ src: UnsafePointer<Float>, stride: Int, rows T: Int, columns hs: Int, into dst: UnsafeMutablePointer<Float>) {
        for j in 0..<T {
            let row = src + j * stride
            for d in 0..<hs { dst[d * T + j] = row[d] }
        }
    }

    /// Forward. qkv[N, 3C] (q | k | v, head h at channels h*hs ..< (h+1)*hs of each), out[N, C] the heads'
    /// outputs side by side, for the sequences of `layout` (each attends only within itself). att holds what the
    /// backward needs in one block of Tm² floats per (sequence, head), Tm = `layout.longest`: the softmax
    /// probabilities (`blocked`, `fusedKept`: rows T_s apart for a sequence of T_s tokens, row t valid for columns
    /// ≤ t, zeros to the end of its block of 36) or each row's log-sum-exp (`fused`: T_s floats at the block's start).
    public static func forward(
        out: UnsafeMutablePointer<Float>, att: UnsafeMutablePointer<Float>, qkv: UnsafePointer<Float>,
        layout: SequenceLayout, channels C: Int, heads H: Int
    ) {
        let hs = C / H, C3 = 3 * C, Tm = layout.longest
        let scale = 1 / Float(hs).squareRoot()
        if kernel != .blocked {
            let keep = kernel == .fusedKept
            splitPairs(layout, heads: H) { _, pairs in
                for sh in pairs {
                    let (s, h) = (sh / H, sh % H)
                    let (o, T) = (layout.offsets[s], layout.lengths[s])
                    let q = qkv + o * C3 + h * hs
                    let a = att + sh * Tm * Tm
                    sk_attention_forward(Int32(T), Int32(hs), scale, q, q + C, q + 2 * C, Int32(C3),
                                         out + o * C + h * hs, Int32(C), keep ? a : nil, keep ? nil : a)
                }
            }
            return
        }
        splitPairs(layout, heads: H) { _, pairs in
            let kT = UnsafeMutablePointer<Float>.allocate(capacity: hs * Tm)
            defer { kT.deallocate() }
            for sh in pairs {
                let (s, h) = (sh / H, sh % H)
                let (o, T) = (layout.offsets[s], layout.lengths[s])
                let q = qkv + o * C3 + h * hs, k = q + C, v = q + 2 * C
                let a = att + sh * Tm * Tm
                let y = out + o * C + h * hs
                transpose(k, stride: C3, rows: T, columns: hs, into: kT)
                var r0 = 0
                while r0 < T {
                    let r1 = min(r0 + block, T), rb = r1 - r0
                    // a[r0..<r1, 0..<r1] = scale · q[r0..<r1] · kT[:, 0..<r1]
                    GEMM.multiply(transA: false, transB: false, rb, r1, hs, alpha: scale, q + r0 * C3, C3, kT, T,
                                  beta: 0, a + r0 * T, T)
                    for t in r0..<r1 { causalSoftmax(a + t * T, valid: t + 1, width: r1) }
                    // y[r0..<r1] = a[r0..<r1, 0..<r1] · v[0..<r1]
                    GEMM.multiply(transA: false, transB: false, rb, hs, r1, alpha: 1, a + r0 * T, T, v, C3,
                                  beta: 0, y + r0 * C, C)
                    r0 = r1
                }
            }
        }
    }

    /// Backward. dout[N, C] in; dqkv[N, 3C] overwritten. `out` and `att` are the forward's output and
    /// probabilities for the same `layout`; `scratch` holds Threads.maximum × Tm × Tm floats (the blocked kernel's;
    /// the fused one keeps its own per thread).
    public static func backward(
        dqkv: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, out: UnsafePointer<Float>, qkv: UnsafePointer<Float>,
        att: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>, layout: SequenceLayout, channels C: Int, heads H: Int
    ) {
        let hs = C / H, C3 = 3 * C, Tm = layout.longest
        let scale = 1 / Float(hs).squareRoot()
        if kernel != .blocked {
            let keep = kernel == .fusedKept
            splitPairs(layout, heads: H) { _, pairs in
                for sh in pairs {
                    let (s, h) = (sh / H, sh % H)
                    let (o, T) = (layout.offsets[s], layout.lengths[s])
                    let q = qkv + o * C3 + h * hs, dq = dqkv + o * C3 + h * hs
                    let y = o * C + h * hs, a = att + sh * Tm * Tm
                    sk_attention_backward(Int32(T), Int32(hs), scale, q, q + C, q + 2 * C, Int32(C3), out + y, dout + y,
                                          Int32(C), keep ? a : nil, keep ? nil : a, dq, dq + C, dq + 2 * C)
                }
            }
            return
        }
        splitPairs(layout, heads: H) { worker, pairs in
            let datt = scratch + worker * Tm * Tm
            let vT = UnsafeMutablePointer<Float>.allocate(capacity: hs * Tm)
            defer { vT.deallocate() }
            for sh in pairs {
                let (s, h) = (sh / H, sh % H)
                let (o, T) = (layout.offsets[s], layout.lengths[s])
                let q = qkv + o * C3 + h * hs, k = q + C, v = q + 2 * C
                let dq = dqkv + o * C3 + h * hs, dk = dq + C, dv = dq + 2 * C
                let a = att + sh * Tm * Tm
                let dy = dout + o * C + h * hs
                transpose(v, stride: C3, rows: T, columns: hs, into: vT)
                // Blocks from the last: it touches every key row, so it initialises dk and dv (beta 0).
                var r1 = T
                var beta: Float = 0
                while r1 > 0 {
                    let r0 = ((r1 - 1) / block) * block, rb = r1 - r0
                    // datt[r0..<r1, 0..<r1] = dy[r0..<r1] · vT[:, 0..<r1]
                    GEMM.multiply(transA: false, transB: false, rb, r1, hs, alpha: 1, dy + r0 * C, C, vT, T,
                                  beta: 0, datt + r0 * T, T)
                    // dv[0..<r1] += a[r0..<r1, 0..<r1]ᵀ · dy[r0..<r1]
                    GEMM.multiply(transA: true, transB: false, r1, hs, rb, alpha: 1, a + r0 * T, T, dy + r0 * C, C,
                                  beta: beta, dv, C3)
                    // Softmax backward (scale folded in): dpre = scale · a ⊙ (datt − Σ a·datt), in place in datt.
                    for t in r0..<r1 { sk_softmax_backward_row(datt + t * T, a + t * T, Int32(t + 1), Int32(r1), scale) }
                    // dq[r0..<r1] = dpre · k[0..<r1];  dk[0..<r1] += dpreᵀ · q[r0..<r1]
                    GEMM.multiply(transA: false, transB: false, rb, hs, r1, alpha: 1, datt + r0 * T, T, k, C3,
                                  beta: 0, dq + r0 * C3, C3)
                    GEMM.multiply(transA: true, transB: false, r1, hs, rb, alpha: 1, datt + r0 * T, T, q + r0 * C3, C3,
                                  beta: beta, dk, C3)
                    beta = 1
                    r1 = r0
                }
            }
        }
    }

    /// Calls `body(worker, pairs)` on the (sequence, head) pairs s·H + h, split over the workers: in equal
    /// contiguous ranges when the sequences are equally long, else balanced by each pair's work (T_s²; on SFT
    /// batches equal counts per worker left one worker with up to twice the other's attention work). A pair's
    /// result does not depend on its worker.
    @inline(__always)
    static func splitPairs(_ layout: SequenceLayout, heads H: Int, _ body: (_ worker: Int, _ pairs: [Int]) -> Void) {
        if layout.isUniform {
            Threads.split(layout.count * H) { worker, pairs in body(worker, Array(pairs)) }
        } else {
            Threads.split(costs: (0 ..< layout.count * H).map { layout.lengths[$0 / H] * layout.lengths[$0 / H] }, body)
        }
    }

    /// In place: row[0..<valid] = softmax(row[0..<valid]); row[valid..<width] = 0.
    @inline(__always)
    public static func causalSoftmax(_ row: UnsafeMutablePointer<Float>, valid: Int, width: Int) {
        sk_softmax_row(row, Int32(valid), Int32(width), 1)
    }
}

/// SCALING_ATTENTION holds a name that is not a kernel.
public struct AttentionKernelError: Error, CustomStringConvertible {
    public let name: String
    public var description: String {
        "SCALING_ATTENTION=\(name) is not an attention kernel; use " + Attention.Kernel.allCases.map(\.rawValue).joined(separator: " or ")
    }
}
