import XCTest
@testable import Transformer

final class GPTTests: XCTestCase {
    let tiny = try! GPTConfig(vocabSize: 7, contextLength: 5, width: 8, layers: 2, heads: 2)

    func testInitialisationIsGPT2StyleAndDeterministic() throws {
        let config = try GPTConfig(vocabSize: 50, contextLength: 16, width: 64, layers: 4, heads: 4)
        let a = GPT(config: config, maxBatch: 1, seed: 7), b = GPT(config: config, maxBatch: 1, seed: 7)
        let c = GPT(config: config, maxBatch: 1, seed: 8)
        XCTAssertEqual(a.parameters.array, b.parameters.array)
        XCTAssertNotEqual(a.parameters.array, c.parameters.array)
        let params = a.parameters.array
        func std(_ t: ParameterLayout.Tensor) -> Double {
            let v = params[a.layout.range(of: t)].map(Double.init)
            let m = v.reduce(0, +) / Double(v.count)
            return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)).squareRoot()
        }
        XCTAssertEqual(std(.tokenEmbedding), 0.02, accuracy: 0.001)
        XCTAssertEqual(std(.fc1Weight), 0.02, accuracy: 0.001)
        XCTAssertEqual(std(.fc2Weight), 0.02 / 8.0.squareRoot(), accuracy: 0.0005)
        XCTAssertEqual(std(.attnProjWeight), 0.02 / 8.0.squareRoot(), accuracy: 0.0005)
        XCTAssertEqual(Set(params[a.layout.range(of: .ln1Weight)]), [1])
        XCTAssertEqual(Set(params[a.layout.range(of: .qkvBias)]), [0])
        XCTAssertEqual(config.parameterCount, 50 * 64 + 16 * 64 + 4 * (12 * 64 * 64 + 13 * 64) + 2 * 64)
    }

    func testInitialLossIsLogVocabulary() throws {
        let config = try GPTConfig(vocabSize: 40, contextLength: 12, width: 32, layers: 2, heads: 4)
        let model = GPT(config: config, maxBatch: 3, seed: 1)
        let inputs = (0..<36).map { Int32($0 * 7 % 40) }, targets = (0..<36).map { Int32($0 * 5 % 40) }
        let loss = model.forward(inputs: inputs, targets: targets, mask: nil, batch: 3, length: 12)
        XCTAssertEqual(loss, log(40), accuracy: 0.05)
    }

    /// A model with larger-than-init weights, so every gradient is well above finite-difference noise.
    func perturbedModel(batch: Int) -> GPT {
        let model = GPT(config: tiny, maxBatch: batch, seed: 3)
        let noise = randomFloats(model.parameters.count, seed: 11, scale: 0.3)
        for i in 0..<model.parameters.count { model.parameters.base[i] += noise[i] }
        return model
    }

    func testWholeModelGradientMatchesFiniteDifferences() {
        forEachKernelPath { _ in forEachAttentionKernel { _ in wholeModelGradientCheck() } }
    }

    func wholeModelGradientCheck() {
        let (B, T) = (2, 5)
        let model = perturbedModel(batch: B)
        let inputs: [Int32] = [1, 4, 2, 6, 0, 3, 3, 5, 1, 2], targets: [Int32] = [4, 2, 6, 0, 5, 3, 5, 1, 2, 6]
        let mask: [Float] = [0, 1, 1, 1, 1, 0, 0, 1, 1, 0.5]
        model.zeroGrad()
        model.forward(inputs: inputs, targets: targets, mask: mask, batch: B, length: T)
        model.backward()
        let analytic = model.gradients.array
        for tensor in ParameterLayout.Tensor.allCases {
            let range = model.layout.range(of: tensor)
            // fp32 round-off through the whole network limits this check to ~3e-4; the PyTorch reference
            // test and the per-layer checks are the tight ones.
            assertGradientMatches("\(tensor)", parameter: model.parameters.base + range.lowerBound, count: range.count,
                                  analytic: Array(analytic[range]), tolerance: 1.5e-3) {
                Double(model.forward(inputs: inputs, targets: targets, mask: mask, batch: B, length: T))
            }
        }
    }
}
