import DataFiles
import MathTasks
import Transformer

/// The checks a study config must pass before anything runs, beyond what parsing checks field by field: every
/// size against what its generator can make, the pretraining context against the probe's prompts and the
/// longest document of every data set, and each model's memory against the machine's. A study that would fail
/// an hour in (a probe prompt longer than the context after pretraining, an endless draw for a test set, the
/// kernel killing a model too large for memory) fails here, with the field to change.
extension StudyConfig {
    /// Throws the first problem as a one-line `InputError` naming `file` and the field.
    /// - Parameter availableMemory: bytes the runs may use (default: this machine's available memory; nil skips
    ///   the memory check).
    public func validate(file: String, availableMemory: Double? = MemoryEstimate.availableBytes()) throws {
        let tokenizer = Tokenizer()
        // Every base excludes the test chains of both domains, so both test sets are always made.
        let testPerSteps = eval.testSize / StudyData.steps.count
        for domain in Domain.allCases {
            for s in StudyData.steps {
                let available = ProblemSets.capacity(domain: domain, steps: s)
                if testPerSteps > available {
                    throw InputError(file: file, field: "eval.test_size", "\(eval.testSize) asks for \(grouped(testPerSteps)) distinct "
                                     + "\(s)-step \(domain.rawValue) problems; only \(grouped(available)) exist")
                }
                // The corpus and the pool draw from the chains the test set leaves.
                if pretrain.domains.contains(domain), available - testPerSteps < 1 {
                    throw InputError(file: file, field: "eval.test_size", "the test set uses every \(s)-step \(domain.rawValue) chain; "
                                     + "none is left for pretraining")
                }
            }
        }
        let arms = experiments.flatMap(\.arms)
        let sftDomains = Set(arms.filter { !$0.sizes.allSatisfy { $0 == 0 } }.flatMap(\.domain.domains))
        for domain in sftDomains.sorted(by: Domain.byName) {
            for s in StudyData.steps {
                // The pool cycles through the step counts: step count s gets every 4th problem.
                let asked = (data.poolSize + StudyData.steps.count - s) / StudyData.steps.count
                let available = ProblemSets.capacity(domain: domain, steps: s) - testPerSteps
                if asked > available {
                    throw InputError(file: file, field: "data.pool_size", "\(data.poolSize) asks for \(grouped(asked)) distinct \(s)-step "
                                     + "\(domain.rawValue) problems; only \(grouped(available)) exist besides the test set's")
                }
            }
        }
        try checkContext(file: file, tokenizer: tokenizer, sftDomains: sftDomains, synthetic: arms.contains { $0.data == .synthetic })
        if let availableMemory { try checkMemory(file: file, tokenizer: tokenizer, available: availableMemory) }
    }

    /// The pretraining context (every model's T) must hold the probe's prompts, every test question with room to
    /// answer, and every SFT document: `<begin> question <sep> solution <end>` may be at most T + 1 tokens.
    private func checkContext(file: String, tokenizer: Tokenizer, sftDomains: Set<Domain>, synthetic: Bool) throws {
        var longest = (tokens: 0, what: "")
        func consider(_ tokens: Int, _ what: @autoclosure () -> String) {
            if tokens > longest.tokens { longest = (tokens, what()) }
        }
        for (i, item) in try Probe.items(tokenizer: tokenizer).enumerated() { consider(item.0.count + 1, "probe prompt \(i + 1)") }
        let seed = UInt64(self.seed)
        for domain in Domain.allCases {
            let test = try ProblemSets.testSet(domain: domain, steps: StudyData.steps, perSteps: eval.testSize / StudyData.steps.count, seed: seed)
            for (i, p) in test.enumerated() {
                consider(try tokenizer.encodeDocument(question: p.question, solution: p.answer).count, "\(domain.rawValue) test question \(i)")
            }
            if sftDomains.contains(domain) {
                let pool = try ProblemSets.pool(domain: domain, size: data.poolSize, steps: StudyData.steps, seed: seed,
                                                excluding: Set(test.map(\.chainKey)))
                for (i, p) in pool.enumerated() {
                    consider(try tokenizer.encodeDocument(question: p.question, solution: p.answer).count, "\(domain.rawValue) pool question \(i)")
                }
            }
        }
        // Synthetic documents are only kept when they fit the chain format's limit (<begin> and <end> replace the
        // two newlines, <sep> is one more token).
        if synthetic { consider(ChainFormat.maxCharacters(steps: StudyData.steps.upperBound) + 1, "the longest synthetic document allowed") }
        if longest.tokens > pretrain.context + 1 {
            throw InputError(file: file, field: "pretrain.context", "\(pretrain.context) is too short: \(longest.what) has \(longest.tokens) tokens "
                             + "(question and answer), so the context must be at least \(longest.tokens - 1)")
        }
    }

    /// Each model shape must fit in memory while training (the larger of the pretraining and SFT batches, with the
    /// pretraining corpus held as tokens) and sampling.
    private func checkMemory(file: String, tokenizer: Tokenizer, available: Double) throws {
        let shapes = Set(experiments.flatMap(\.arms).flatMap(\.models)).sorted()
        // The corpus is tokenized in full before pretraining: Int32 tokens in documents, then packed (~9 bytes each).
        let corpusBytes = 9 * (Double(pretrain.tokens) + Double(pretrain.context))
        for shape in shapes {
            let config = try GPTConfig(vocabSize: tokenizer.vocabularySize, contextLength: pretrain.context, width: shape.width,
                                       layers: shape.layers, heads: shape.heads)
            var estimate = MemoryEstimate(config, batch: max(pretrain.batch, sft.batch, 16), sampling: true)
            estimate.dataBytes = corpusBytes
            do {
                try estimate.check("model \(shape.name) with pretrain.batch \(pretrain.batch), pretrain.context \(pretrain.context) and "
                                   + "pretrain.tokens \(pretrain.tokens)", available: available)
            } catch let error as ToolError {
                throw InputError(file: file, field: "models", error.message)
            }
        }
    }
}
