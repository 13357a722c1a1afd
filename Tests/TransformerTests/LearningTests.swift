import Foundation
import XCTest
import DataFiles
@testable import Transformer

/// Tiny models learn a task end to end. These train real models: run them in release mode (`make test`).
final class LearningTests: XCTestCase {
    let tokenizer = Tokenizer()
    typealias Pair = (question: String, solution: String)

    /// All "a+b=" -> "a+b" pairs with a, b in 10...99, split into training and held-out pairs by a fixed shuffle.
    func additionPairs(heldOut: Int) -> (train: [Pair], test: [Pair]) {
        var pairs: [Pair] = []
        for a in 10...99 { for b in 10...99 { pairs.append(("\(a)+\(b)=", "\(a + b)")) } }
        var random = SplitMix64(seed: 2024)
        let shuffled = random.permutation(pairs.count).map { pairs[$0] }
        return (Array(shuffled[heldOut...]), Array(shuffled[..<heldOut]))
    }

    func greedyExactMatch(_ model: GPT, _ test: [Pair]) throws -> Double {
        let prompts = try test.map { try tokenizer.encodePrompt(question: $0.question) }
        let outputs = try Sampler(model: model).generate(prompts: prompts, settings: SamplingSettings(maxNewTokens: 6))
        let correct = zip(outputs, test).filter { $0[0].finished && tokenizer.decode($0[0].tokens) == $1.solution }.count
        return Double(correct) / Double(test.count)
    }

    /// Mean loss on the question targets (after `<begin>`, up to and including `<sep>`), from the whole-document and
    /// solution-only losses.
    func questionLoss(_ model: GPT, _ pairs: [Pair]) throws -> Double {
        let whole = try LanguageModelLoss(model: model, tokenizer: tokenizer, documents: pairs, solutionOnly: false)
        let solution = try LanguageModelLoss(model: model, tokenizer: tokenizer, documents: pairs, solutionOnly: true)
        let questionTokens = whole.countedTokens - solution.countedTokens
        return (whole.meanPerToken * Double(whole.countedTokens) - solution.meanPerToken * Double(solution.countedTokens))
            / Double(questionTokens)
    }

    func sftTrainer(_ pairs: [Pair], maskQuestion: Bool, steps: Int) throws -> Trainer {
        let sequences = try pairs.map {
            try MaskedSequence(question: $0.question, solution: $0.solution, maskQuestion: maskQuestion, tokenizer: tokenizer)
        }
        let config = try GPTConfig(vocabSize: tokenizer.vocabularySize, contextLength: 12, width: 48, layers: 2, heads: 4)
        let source = try SequenceBatches(sequences: sequences, context: 12, rowsPerBatch: 48, shuffleSeed: 1)
        var settings = TrainingSettings.sft(steps: steps)
        settings.learningRate = 1e-2
        settings.warmupSteps = 30
        settings.floorFraction = 0.1
        return Trainer(model: GPT(config: config, maxBatch: 48, seed: 1), source: source, settings: settings)
    }

    /// SFT with the question masked: greedy exact match >= 99% on 400 held-out sums within 1200 steps of batch 48,
    /// while the loss on the question tokens, which it never trains on, stays far above what training on them
    /// reaches in a third of the steps.
    func testMaskedSFTLearnsTwoDigitAdditionWithoutLearningTheQuestions() throws {
        let (train, test) = additionPairs(heldOut: 400)
        let trainer = try sftTrainer(train, maskQuestion: true, steps: 1200)
        var accuracy = 0.0
        while trainer.step < trainer.settings.steps && accuracy < 0.99 {
            try trainer.run(until: trainer.step + 100)
            accuracy = try greedyExactMatch(trainer.model, test)
        }
        XCTAssertGreaterThanOrEqual(accuracy, 0.99, "after \(trainer.step) steps")

        let unmasked = try sftTrainer(train, maskQuestion: false, steps: 300)
        try unmasked.run()
        let sample = Array(test.prefix(200))
        let (maskedLoss, unmaskedLoss) = (try questionLoss(trainer.model, sample), try questionLoss(unmasked.model, sample))
        // Digits of the operands are random: ~9/7 nats per question target is the best a model can do on them.
        XCTAssertLessThan(unmaskedLoss, 1.6)
        XCTAssertGreaterThan(maskedLoss, unmaskedLoss + 1, "masked \(maskedLoss) vs unmasked \(unmaskedLoss)")
        print("learning: \(trainer.step) steps, held-out accuracy \(accuracy), question loss masked \(maskedLoss) unmasked \(unmaskedLoss)")
    }

    /// The masked loss takes no gradient from question positions: their dlogits are exactly 0, and changing their
    /// targets changes neither the loss nor any parameter gradient.
    func testMaskedPositionsContributeNoGradient() throws {
        let (train, _) = additionPairs(heldOut: 0)
        let trainer = try sftTrainer(Array(train.prefix(48)), maskQuestion: true, steps: 1)
        let model = trainer.model
        var source = try SequenceBatches(sequences: try train.prefix(48).map {
            try MaskedSequence(question: $0.question, solution: $0.solution, maskQuestion: true, tokenizer: tokenizer)
        }, context: 12, rowsPerBatch: 48, shuffleSeed: nil)
        var batch = TokenBatch(rows: 48, length: 12)
        source.fill(&batch, epoch: 0, index: 0)
        func gradients(targets: [Tokenizer.Token]) -> (loss: Float, gradients: [Float], dlogits: [Float]) {
            model.zeroGrad()
            let loss = model.forward(inputs: batch.inputs, targets: targets, mask: batch.mask, layout: batch.layout)
            model.backward()
            let n = batch.layout.tokens * model.config.vocabSize
            return (loss, model.gradients.array, Array(UnsafeBufferPointer(start: model.activations.logits, count: n)))
        }
        let reference = gradients(targets: batch.targets)
        var scrambled = batch.targets
        var random = SplitMix64(seed: 4)
        for i in scrambled.indices where batch.mask[i] == 0 { scrambled[i] = Tokenizer.Token(5 + random.nextInt(below: 96)) }
        XCTAssertNotEqual(scrambled, batch.targets)
        let other = gradients(targets: scrambled)
        XCTAssertEqual(other.loss, reference.loss)
        XCTAssertEqual(other.gradients, reference.gradients)
        XCTAssertTrue(reference.gradients.contains { $0 != 0 })
        let V = model.config.vocabSize
        for position in 0 ..< batch.layout.tokens where batch.mask[position] == 0 {
            XCTAssertTrue(reference.dlogits[position * V ..< (position + 1) * V].allSatisfy { $0 == 0 })
        }
    }
}
