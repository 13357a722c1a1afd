import XCTest
@testable import Transformer

/// Each layer's backward against finite differences of the scalar Σ out ⊙ R, for a fixed random R.
final class LayerGradientTests: XCTestCase {
    /// A perturbable input: finite differences write into it while the loss closure reads it.
    func tensor(_ values: [Float]) -> FloatBuffer {
        let buffer = FloatBuffer(count: values.count)
        buffer.copy(from: values)
        return buffer
    }

    /// Σ out[i] · r[i] in Double.
    func dot(_ out: [Float], _ r: [Float]) -> Double { zip(out, r).reduce(0) { $0 + Double($1.0) * Double($1.1) } }

    func testMatmul() { forEachKernelPath { _ in checkMatmul() } }

    func checkMatmul() {
        let (N, C, OC) = (6, 5, 7)
        let inp = tensor(randomFloats(N * C, seed: 1)), weight = tensor(randomFloats(OC * C, seed: 2)), bias = tensor(randomFloats(OC, seed: 3))
        let residual = randomFloats(N * OC, seed: 4), r = randomFloats(N * OC, seed: 5)
        func loss() -> Double {
            var out = [Float](repeating: 0, count: N * OC)
            Matmul.forward(out: &out, inp: inp.base, weight: weight.base, bias: bias.base, residual: residual, rows: N, inChannels: C, outChannels: OC)
            return dot(out, r)
        }
        var dinp = [Float](repeating: 0, count: N * C), dweight = [Float](repeating: 0.5, count: OC * C)
        var dbias = [Float](repeating: 0.25, count: OC)
        Matmul.backward(dinp: &dinp, dweight: &dweight, dbias: &dbias, dout: r, inp: inp.base, weight: weight.base, rows: N, inChannels: C, outChannels: OC)
        // Parameter gradients accumulate onto what was there.
        assertGradientMatches("inp", parameter: inp.base, count: inp.count, analytic: dinp, loss: loss)
        assertGradientMatches("weight", parameter: weight.base, count: weight.count, analytic: dweight.map { $0 - 0.5 }, loss: loss)
        assertGradientMatches("bias", parameter: bias.base, count: bias.count, analytic: dbias.map { $0 - 0.25 }, loss: loss)
    }

    func testLayerNorm() { forEachKernelPath { _ in checkLayerNorm() } }

    func checkLayerNorm() {
        let (N, C) = (5, 9)
        let inp = tensor(randomFloats(N * C, seed: 1, scale: 2)), weight = tensor(randomFloats(C, seed: 2).map { 1 + $0 })
        let bias = tensor(randomFloats(C, seed: 3))
        let r = randomFloats(N * C, seed: 4)
        var mean = [Float](repeating: 0, count: N), rstd = [Float](repeating: 0, count: N)
        func loss() -> Double {
            var out = [Float](repeating: 0, count: N * C)
            LayerNorm.forward(out: &out, mean: &mean, rstd: &rstd, inp: inp.base, weight: weight.base, bias: bias.base, rows: N, channels: C)
            return dot(out, r)
        }
        _ = loss()
        // dinp accumulates (the residual stream's gradient): start from a known offset.
        var dinp = [Float](repeating: 1, count: N * C), dweight = [Float](repeating: 0, count: C), dbias = [Float](repeating: 0, count: C)
        LayerNorm.backward(dinp: &dinp, dweight: &dweight, dbias: &dbias, dout: r, inp: inp.base, weight: weight.base,
                           mean: mean, rstd: rstd, rows: N, channels: C)
        assertGradientMatches("inp", parameter: inp.base, count: inp.count, analytic: dinp.map { $0 - 1 }, loss: loss)
        assertGradientMatches("weight", parameter: weight.base, count: C, analytic: dweight, loss: loss)
        assertGradientMatches("bias", parameter: bias.base, count: C, analytic: dbias, loss: loss)
    }

    func testGELU() { forEachKernelPath { _ in checkGELU() } }

    func checkGELU() {
        let n = 50
        let inp = tensor(randomFloats(n, seed: 1, scale: 4))
        let r = randomFloats(n, seed: 2)
        func loss() -> Double {
            var out = [Float](repeating: 0, count: n)
            GELU.forward(out: &out, inp: inp.base, count: n)
            return dot(out, r)
        }
        var dinp = [Float](repeating: 0, count: n)
        GELU.backward(dinp: &dinp, inp: inp.base, dout: r, count: n)
        assertGradientMatches("inp", parameter: inp.base, count: n, analytic: dinp, epsilon: 1e-3, loss: loss)
        // Known values of the tanh approximation (PyTorch F.gelu(x, approximate='tanh')).
        var out = [Float](repeating: 0, count: 3)
        GELU.forward(out: &out, inp: [-1, 0.5, 2], count: 3)
        XCTAssertEqual(out[0], -0.158808, accuracy: 1e-5)
        XCTAssertEqual(out[1], 0.345714, accuracy: 1e-5)
        XCTAssertEqual(out[2], 1.954598, accuracy: 1e-5)
    }

    /// T = 37 spans two query blocks with a partial last one; B = 2, H = 2. Every attention kernel.
    func testAttention() { forEachKernelPath { _ in forEachAttentionKernel { _ in checkAttention() } } }

    func checkAttention() {
        let (B, T, C, H) = (2, 37, 8, 2)
        let qkv = tensor(randomFloats(B * T * 3 * C, seed: 1, scale: 1.5))
        let r = randomFloats(B * T * C, seed: 2)
        var att = [Float](repeating: 0, count: B * H * T * T)
        func loss() -> Double {
            var out = [Float](repeating: 0, count: B * T * C)
            Attention.forward(out: &out, att: &att, qkv: qkv.base, layout: .uniform(batch: B, length: T), channels: C, heads: H)
            return dot(out, r)
        }
        _ = loss()
        for row in 0..<(B * H * T) where Attention.kernel != .fused {   // fused keeps log-sum-exp rows instead
            let t = row % T
            let probabilities = att[(row * T)...(row * T + t)]
            XCTAssertEqual(probabilities.reduce(0, +), 1, accuracy: 1e-5)
        }
        var dqkv = [Float](repeating: .nan, count: B * T * 3 * C)
        var scratch = [Float](repeating: 0, count: Threads.maximum * T * T)
        var out = [Float](repeating: 0, count: B * T * C)
        Attention.forward(out: &out, att: &att, qkv: qkv.base, layout: .uniform(batch: B, length: T), channels: C, heads: H)
        Attention.backward(dqkv: &dqkv, dout: r, out: out, qkv: qkv.base, att: att, scratch: &scratch,
                           layout: .uniform(batch: B, length: T), channels: C, heads: H)
        assertGradientMatches("qkv", parameter: qkv.base, count: qkv.count, analytic: dqkv, loss: loss)
    }

    func testEncoder() { forEachKernelPath { _ in checkEncoder() } }

    func checkEncoder() {
        // Two sequences of 3 and 2 tokens: positions 0 1 2 0 1.
        let (N, T, C, V) = (5, 3, 4, 5)
        let tokens: [Int32] = [1, 4, 1, 0, 4], positions = SequenceLayout(lengths: [3, 2]).positions
        let wte = tensor(randomFloats(V * C, seed: 1)), wpe = tensor(randomFloats(T * C, seed: 2))
        let r = randomFloats(N * C, seed: 3)
        func loss() -> Double {
            var out = [Float](repeating: 0, count: N * C)
            Encoder.forward(out: &out, tokens: tokens, positions: positions, wte: wte.base, wpe: wpe.base, rows: N, channels: C)
            return dot(out, r)
        }
        var dwte = [Float](repeating: 0, count: V * C), dwpe = [Float](repeating: 0, count: T * C)
        Encoder.backward(dwte: &dwte, dwpe: &dwpe, dout: r, tokens: tokens, positions: positions, rows: N, channels: C)
        assertGradientMatches("wte", parameter: wte.base, count: wte.count, analytic: dwte, loss: loss)
        assertGradientMatches("wpe", parameter: wpe.base, count: wpe.count, analytic: dwpe, loss: loss)
        XCTAssertEqual(Array(dwte[(2 * C)..<(4 * C)]), [Float](repeating: 0, count: 2 * C), "unused tokens get no gradient")
    }

    func testCrossEntropyWithMask() { forEachKernelPath { _ in checkCrossEntropyWithMask() } }

    func checkCrossEntropyWithMask() {
        let (N, V) = (4, 6)
        let logits = tensor(randomFloats(N * V, seed: 1, scale: 3))
        let targets: [Int32] = [2, 5, 0, 2], mask: [Float] = [1, 0, 0.5, 1]
        func loss() -> Double {
            var probs = logits.array, losses = [Float](repeating: 0, count: N)
            CrossEntropy.forward(probs: &probs, losses: &losses, targets: targets, rows: N, vocab: V)
            return Double(CrossEntropy.meanLoss(losses: losses, mask: mask, rows: N))
        }
        var probs = logits.array, losses = [Float](repeating: 0, count: N)
        CrossEntropy.forward(probs: &probs, losses: &losses, targets: targets, rows: N, vocab: V)
        // Hand check of row 0: −log softmax(logits[0])[2].
        let row0 = logits.array[0..<V].map { exp(Double($0)) }
        XCTAssertEqual(Double(losses[0]), -log(row0[2] / row0.reduce(0, +)), accuracy: 1e-5)
        CrossEntropy.backward(dlogits: &probs, targets: targets, mask: mask, rows: N, vocab: V)
        assertGradientMatches("logits", parameter: logits.base, count: logits.count, analytic: probs, loss: loss)
        XCTAssertEqual(Array(probs[V..<(2 * V)]), [Float](repeating: 0, count: V), "masked rows get no gradient")
    }
}
