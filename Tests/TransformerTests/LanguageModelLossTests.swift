import XCTest
@testable import Transformer

final class LanguageModelLossTests: XCTestCase {
    func testLossPerDocumentAndPerTokenMatchSingleDocumentForwardPasses() throws {
        let tokenizer = Tokenizer()
        let config = try GPTConfig(vocabSize: tokenizer.vocabularySize, contextLength: 24, width: 16, layers: 1, heads: 2)
        let model = GPT(config: config, maxBatch: 2, seed: 3)   // 3 documents: two batches, the second padded less
        let documents: [(question: String, solution: String)] = [("1+2=", "3"), ("12+30=", "42 ok"), ("7*8=", "56")]
        for solutionOnly in [true, false] {
            let result = try LanguageModelLoss(model: model, tokenizer: tokenizer, documents: documents, solutionOnly: solutionOnly)
            var total = 0.0, count = 0
            for (i, d) in documents.enumerated() {
                let s = try MaskedSequence(question: d.question, solution: d.solution, maskQuestion: solutionOnly, tokenizer: tokenizer)
                let n = s.tokens.count - 1
                let mask = (0..<n).map { $0 + 1 >= s.lossStart ? Float(1) : 0 }
                let loss = model.forward(inputs: Array(s.tokens.dropLast()), targets: Array(s.tokens.dropFirst()), mask: mask, batch: 1, length: n)
                XCTAssertEqual(result.perDocument[i], Double(loss), accuracy: 1e-5)
                let counted = Int(mask.reduce(0, +))
                XCTAssertEqual(counted, solutionOnly ? d.solution.count + 1 : n)
                total += Double(loss) * Double(counted)
                count += counted
            }
            XCTAssertEqual(result.countedTokens, count)
            XCTAssertEqual(result.meanPerToken, total / Double(count), accuracy: 1e-5)
        }
    }
}
