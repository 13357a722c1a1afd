/// The language-model loss of a list of documents under a model: the mean next-token cross-entropy (nats) over
/// the counted tokens, overall and per document. With the question masked it is the loss on the solutions;
/// without, on the whole text after `<begin>`. The study's contamination check (E9) compares these.
public struct LanguageModelLoss: Sendable, Equatable {
    /// Σ loss / Σ counted tokens over all documents (each token weighs the same).
    public var meanPerToken: Double
    /// Each document's own mean loss per counted token.
    public var perDocument: [Double]
    /// Counted tokens over all documents.
    public var countedTokens: Int

    /// Evaluates `sequences` in order, `model.maxBatch` at a time (no training state is touched besides the
    /// model's activations).
    public init(model: GPT, sequences: [MaskedSequence]) throws {
        var source = try SequenceBatches(sequences: sequences, context: model.config.contextLength,
                                         rowsPerBatch: model.maxBatch, shuffleSeed: nil)
        var batch = TokenBatch(rows: model.maxBatch, length: model.config.contextLength)
        var total = 0.0
        perDocument = []
        countedTokens = 0
        for index in 0..<source.batchesPerEpoch {
            source.fill(&batch, epoch: 0, index: index)
            model.forward(inputs: batch.inputs, targets: batch.targets, mask: batch.mask, layout: batch.layout)
            let losses = model.activations.losses
            for row in 0..<batch.rows {
                var sum = 0.0, count = 0
                let first = batch.layout.offsets[row]
                for t in first ..< first + batch.layout.lengths[row] where batch.mask[t] > 0 {
                    sum += Double(losses[t])
                    count += 1
                }
                perDocument.append(count > 0 ? sum / Double(count) : 0)
                total += sum
                countedTokens += count
            }
        }
        meanPerToken = countedTokens > 0 ? total / Double(countedTokens) : 0
    }

    /// The loss of (question, solution) documents `<begin> question <sep> solution <end>`: on the solution and
    /// `<end>` only (`solutionOnly`), or on the whole document.
    public init(model: GPT, tokenizer: Tokenizer, documents: [(question: String, solution: String)], solutionOnly: Bool,
                unknown: Tokenizer.Unknown = .error) throws {
        let sequences = try documents.map {
            try MaskedSequence(question: $0.question, solution: $0.solution, maskQuestion: solutionOnly,
                               tokenizer: tokenizer, unknown: unknown)
        }
        try self.init(model: model, sequences: sequences)
    }
}
