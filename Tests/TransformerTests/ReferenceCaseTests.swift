import Foundation
import XCTest
@testable import Transformer

/// Two AdamW training steps of a tiny model against the PyTorch reference (benchmarks/make_reference_case.py,
/// float64): loss, every gradient, the clipped-gradient norm and every updated parameter.
final class ReferenceCaseTests: XCTestCase {
    struct Case: Decodable {
        struct Config: Decodable { let vocab, ctx, d, layers, heads, batch: Int }
        struct Optimizer: Decodable { let lr, beta1, beta2, eps, weight_decay, clip: Float }
        struct Step: Decodable {
            let inputs, targets: [Int32]
            let mask: [Float]?
            let loss, grad_norm: Double
            let grads, params: [Double]
        }
        let config: Config
        let adamw: Optimizer
        let params0: [Float]
        let steps: [Step]
    }

    /// max |ours − reference| / max |reference| over each tensor of the layout, so a wrong tensor is named.
    /// Entries in `skip` are left out.
    func assertClose(_ ours: [Float], _ reference: [Double], layout: ParameterLayout, what: String,
                     skip: Set<Int> = [], tolerance: Double = 2e-5) {
        XCTAssertEqual(ours.count, reference.count)
        for tensor in ParameterLayout.Tensor.allCases {
            let range = layout.range(of: tensor).filter { !skip.contains($0) }
            let scale = max(range.map { abs(reference[$0]) }.max()!, 1e-12)
            let worst = range.map { abs(Double(ours[$0]) - reference[$0]) }.max()!
            XCTAssertLessThan(worst / scale, tolerance, "\(what) \(tensor): max error \(worst) at scale \(scale)")
        }
    }

    func testTwoStepsMatchPyTorch() throws {
        try forEachKernelPath { _ in try forEachAttentionKernel { _ in try twoStepsMatchPyTorch() } }
    }

    func twoStepsMatchPyTorch() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "reference_case", withExtension: "json", subdirectory: "Data"))
        let reference = try JSONDecoder().decode(Case.self, from: Data(contentsOf: url))
        let c = reference.config, o = reference.adamw
        let config = try GPTConfig(vocabSize: c.vocab, contextLength: c.ctx, width: c.d, layers: c.layers, heads: c.heads)
        let model = GPT(config: config, maxBatch: c.batch, seed: 0)
        model.parameters.copy(from: reference.params0)
        let optimizer = AdamW(layout: model.layout, settings: AdamWSettings(beta1: o.beta1, beta2: o.beta2, epsilon: o.eps, weightDecay: o.weight_decay))
        for (i, step) in reference.steps.enumerated() {
            model.zeroGrad()
            let loss = model.forward(inputs: step.inputs, targets: step.targets, mask: step.mask, batch: c.batch, length: c.ctx)
            XCTAssertEqual(Double(loss), step.loss, accuracy: 1e-5 * step.loss, "step \(i) loss")
            model.backward()
            let gradients = model.gradients.array
            assertClose(gradients, step.grads, layout: model.layout, what: "step \(i) gradient")
            // The key bias has an exactly zero gradient (softmax ignores a shift shared by all keys); ours is
            // round-off, which Adam's normalisation turns into an arbitrary step, so those entries are only
            // checked to be round-off.
            let zeroGradient = Set(step.grads.indices.filter { abs(step.grads[$0]) < 1e-12 })
            XCTAssertEqual(zeroGradient.count, c.layers * c.d, "expected exactly the key biases to have zero gradient")
            for j in zeroGradient { XCTAssertLessThan(abs(gradients[j]), 1e-6) }
            let norm = optimizer.update(model, learningRate: o.lr, clipNorm: o.clip)
            XCTAssertEqual(Double(norm), step.grad_norm, accuracy: 1e-5 * step.grad_norm, "step \(i) gradient norm")
            assertClose(model.parameters.array, step.params, layout: model.layout, what: "step \(i) parameters", skip: zeroGradient)
        }
    }
}
