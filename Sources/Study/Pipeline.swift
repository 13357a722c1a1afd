import DataFiles
import Foundation
import Grading
import MathTasks
import ResultsSchema
import Transformer

/// The science of one unit: pretraining a base, and fine-tuning plus evaluating a run. Kept apart from the
/// bookkeeping in RunRunner (locks, records) so each reads top to bottom.
enum Pipeline {
    struct Outcome {
        var metrics: [MetricValue]
        var params: Int
        var timings: [String: Double]
        var extra: [String: Any]
    }

    typealias Report = (RunProgress) -> Void

    static func modelConfig(_ shape: ModelShape, context: Int, tokenizer: Tokenizer) throws -> GPTConfig {
        try GPTConfig(vocabSize: tokenizer.vocabularySize, contextLength: context, width: shape.width, layers: shape.layers, heads: shape.heads)
    }

    // MARK: - Pretraining

    /// Pretrains `base` on the streaming corpus (packed windows, one pass) and writes its checkpoint to `path`
    /// (the caller seals it with its sidecar, then removes the saved state: `PartialPretraining.remove`);
    /// returns the sidecar's fields: final loss, the units-digit probe, speed. Saves its state every `saveEvery`
    /// seconds and resumes from it (see `PartialPretraining`); `stopAfter` steps, it saves and stops (for tests).
    static func pretrain(_ base: BaseSpec, to path: String, threads: Int, saveEvery: TimeInterval = PartialPretraining.interval,
                         stopAfter: Int? = nil, report: Report) throws -> [String: Any] {
        Threads.set(threads)
        let p = base.pretrain
        let tokenizer = Tokenizer()
        let config = try modelConfig(base.model, context: p.context, tokenizer: tokenizer)
        // Test questions use held-out templates and backgrounds; their chains are excluded from the corpus too.
        let excluded = Set(try Domain.allCases.flatMap { d in
            try StudyData.testSet(d, size: base.testSize, seed: base.testSeed).map(\.chainKey)
        })
        var corpus = try PretrainingCorpus(config: try CorpusConfig(domainWeights: Dictionary(uniqueKeysWithValues: p.domains.map { ($0, 1.0) })),
                                       seed: UInt64(p.seed), excluding: excluded)
        var documents: [[Tokenizer.Token]] = []
        var tokens = 0
        while tokens < p.tokens + p.context + 1 {
            let doc = try corpus.nextDocument()
            let encoded = try tokenizer.encodeDocument(question: doc.problem.question, solution: doc.solution)
            tokens += encoded.count
            documents.append(encoded)
        }
        let source = try PackedWindows(documents: documents, context: p.context, rowsPerBatch: p.batch, seed: UInt64(p.seed))
        documents = []
        var settings = TrainingSettings(steps: max(1, p.tokens / (p.batch * p.context)))
        settings.learningRate = p.learningRate
        settings.warmupSteps = p.warmupSteps
        settings.floorFraction = p.finalLRFraction
        settings.optimizer.weightDecay = Float(p.weightDecay)
        settings.seed = UInt64(p.seed)
        let model = GPT(config: config, maxBatch: p.batch, seed: UInt64(p.seed))
        let trainer = Trainer(model: model, source: source, settings: settings)
        let partial = PartialPretraining(checkpoint: path)
        let resumed = partial.resume(trainer, tokenizer: tokenizer)
        let curve = try train(trainer, phase: "pretrain", label: "pretrain \(base.model.name)", until: stopAfter, resuming: resumed,
                              saveEvery: saveEvery, save: { try partial.save(trainer, curve: $0, tokenizer: tokenizer) },
                              report: report)
        if trainer.step < settings.steps {
            try partial.save(trainer, curve: curve, tokenizer: tokenizer)
            throw RunFailure("pretraining stopped at step \(trainer.step) of \(settings.steps); saved to \(partial.statePath)")
        }
        // The probe runs before the checkpoint is written, so a failing probe leaves no checkpoint; the saved state
        // stays until the caller has sealed the checkpoint with its sidecar (a crash in between resumes from it).
        let probe = try Probe.unitsDigitAccuracy(model: model, tokenizer: tokenizer)
        let checkpoint = trainer.checkpoint(tokenizer: tokenizer, note: "base \(base.hash) \(base.model.name)", weightsOnly: true)
        try checkpoint.write(to: path)
        var info = curve.summary
        if resumed.seconds > 0 { info["resumed_seconds"] = resumed.seconds }   // spent by earlier processes
        info["probe_units_digit"] = probe
        info["params"] = config.parameterCount
        return info
    }

    // MARK: - Fine-tuning and evaluation

    /// Rows of the fine-tuned and evaluated model: SFT batches and the sampler's prefill batches.
    static func modelBatch(_ sft: SFTConfig) -> Int { max(sft.batch, 16) }

    static func fineTuneAndEvaluate(_ run: RunSpec, study: StudyDirectory, baseCheckpoint: String, threads: Int,
                                    report: Report) throws -> Outcome {
        Threads.set(threads)
        let tokenizer = Tokenizer()
        let checkpoint = try Checkpoint.load(baseCheckpoint)
        let config = try modelConfig(run.base.model, context: run.base.pretrain.context, tokenizer: tokenizer)
        try checkpoint.verify(tokenizer: tokenizer, config: config, file: baseCheckpoint)
        let model = GPT(config: config, maxBatch: modelBatch(run.sft), seed: UInt64(run.seed))
        model.parameters.copy(from: checkpoint.parameters)
        let data = StudyData(study: study)
        var timings: [String: Double] = [:]
        var extra: [String: Any] = [:]

        if run.size > 0 {
            let start = Date()
            let examples = try SFTData.examples(run, data: data)
            let sequences = try examples.map { try MaskedSequence(question: $0.question, solution: $0.answer, maskQuestion: true, tokenizer: tokenizer) }
            let source = try SequenceBatches(sequences: sequences, context: config.contextLength, rowsPerBatch: run.sft.batch,
                                             shuffleSeed: SFTData.seed(run, .gsm, .batchOrder))
            var settings = TrainingSettings.sft(steps: TrainingSettings.steps(forEpochs: run.sft.epochs, of: source))
            settings.learningRate = run.sft.learningRate
            settings.warmupSteps = run.sft.warmupSteps
            settings.seed = UInt64(run.seed)
            let trainer = Trainer(model: model, source: source, settings: settings)
            let curve = try train(trainer, phase: "sft", label: run.label, report: report)
            extra["sft_loss"] = curve.summary
            extra["sft_examples"] = examples.count
            extra["sft_teacher_wrong"] = examples.filter { $0.method != "real" && !StepChecker.allCorrect($0.answer) }.count
            timings["sft"] = Date().timeIntervalSince(start)
        }

        let start = Date()
        var metrics: [MetricValue] = []
        var questions: [[String: Any]] = []
        for (i, evalDomain) in run.evalDomains.enumerated() {
            let tasks = ProblemSets.records(try data.testSet(evalDomain), kind: "test")
            let (greedy, samples) = try sample(model: model, tokenizer: tokenizer, questions: tasks.map(\.question), run: run,
                                               seed: SFTData.seed(run, evalDomain, .evaluationSampling)) { fraction in
                report(RunProgress(run: run.label, phase: "eval \(evalDomain.rawValue)", fraction: (Double(i) + fraction) / Double(run.evalDomains.count)))
            }
            let evaluation = RunEvaluation(domain: evalDomain.rawValue, tasks: tasks, rule: run.eval.grading,
                                        passAtK: run.eval.passAtK)
            let result = try evaluation.evaluate(greedy: greedy, samples: samples, seed: 0)
            metrics += result.metrics
            questions += result.questions
        }
        if run.lmLoss {
            report(RunProgress(run: run.label, phase: "lm loss", fraction: 0))
            metrics += try contaminationLosses(model: model, tokenizer: tokenizer, run: run, data: data)
        }
        timings["eval"] = Date().timeIntervalSince(start)
        extra["grading_rule"] = run.eval.grading.rawValue
        try FileIO.writeAtomically(try questions.map { try JSONLines.line($0) + "\n" }.joined(), to: study.questionsPath(run.hash))
        return Outcome(metrics: metrics, params: config.parameterCount, timings: timings, extra: extra)
    }

    /// Greedy completions and N samples per question, decoded to text (the solution after the question).
    static func sample(model: GPT, tokenizer: Tokenizer, questions: [String], run: RunSpec, seed: UInt64,
                       progress: (Double) -> Void) throws -> ([String], [[String]]) {
        let prompts = try questions.map { try tokenizer.encodePrompt(question: $0) }
        let sampler = Sampler(model: model)
        let maxNew = model.config.contextLength
        progress(0)
        let greedy = try sampler.generate(prompts: prompts, settings: SamplingSettings(samplesPerPrompt: 1, temperature: 0, maxNewTokens: maxNew))
        progress(1 / Double(1 + run.eval.samples))
        let sampled = try sampler.generate(prompts: prompts, settings: SamplingSettings(
            samplesPerPrompt: run.eval.samples, temperature: Float(run.eval.temperature), maxNewTokens: maxNew, seed: seed))
        progress(1)
        return (greedy.map { tokenizer.decode($0[0].tokens) }, sampled.map { $0.map { tokenizer.decode($0.tokens) } })
    }

    /// Added to the study seed for E9's regenerated questions (the test set's regenerations; the pool's take one more).
    static let contaminationSeedOffset: UInt64 = 0xE9

    /// E9: LM loss per solution token on test questions (reference), on the same questions regenerated by the
    /// synthesizer, and on regenerated training-pool questions; Delta1 = regen - ref (paired by question),
    /// Delta2 = test regen - train regen. Intervals: 1.96 SE over questions.
    static func contaminationLosses(model: GPT, tokenizer: Tokenizer, run: RunSpec, data: StudyData) throws -> [MetricValue] {
        let domain = run.domain.primary
        let n = min(run.eval.regenSize, run.eval.testSize)
        let test = Array(try data.testSet(domain).prefix(n))
        let seed = UInt64(run.studySeed) &+ contaminationSeedOffset
        let testRegen = Regenerator.regenerate(test, split: .train, seed: seed)
        let trainRegen = Regenerator.regenerate(Array(try data.pool(domain).prefix(n)), split: .train, seed: seed &+ 1)
        func losses(_ problems: [ChainProblem]) throws -> [Double] {
            try LanguageModelLoss(model: model, tokenizer: tokenizer, documents: problems.map { ($0.question, $0.answer) },
                                  solutionOnly: true).perDocument
        }
        let ref = try losses(test), regen = try losses(testRegen), train = try losses(trainRegen)
        let name = domain.rawValue
        func metric(_ metric: MetricName, _ values: [Double]) -> MetricValue {
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(values.count - 1, 1))
            let half = 1.96 * (variance / Double(values.count)).squareRoot()
            return MetricValue(evalDomain: name, metric: metric.rawValue, value: mean, ciLow: mean - half, ciHigh: mean + half, n: values.count)
        }
        let r = metric(.lmLossTestRegenerated, regen), t = metric(.lmLossTrainRegenerated, train)
        // Delta2 compares different questions: independent errors add in quadrature.
        let half = (pow(r.ciHigh! - r.value, 2) + pow(t.ciHigh! - t.value, 2)).squareRoot()
        let d2 = r.value - t.value
        return [metric(.lmLossTestReference, ref), r, t, metric(.delta1, zip(regen, ref).map { $0 - $1 }),
                MetricValue(evalDomain: name, metric: MetricName.delta2.rawValue, value: d2, ciLow: d2 - half, ciHigh: d2 + half, n: n)]
    }

    // MARK: - The training loop with progress and divergence checks

    struct Curve {
        var points: [(step: Int, loss: Double)] = []
        var tokens = 0
        var seconds = 0.0

        /// First and final loss (mean of the last 10 steps), minimum, and ~20 points of the curve.
        var summary: [String: Any] {
            let losses = points.map(\.loss)
            let tail = losses.suffix(10)
            let stride = max(1, points.count / 20)
            return ["steps": points.count, "tokens": tokens, "seconds": seconds,
                    "tokens_per_s": seconds > 0 ? Double(tokens) / seconds : 0,
                    "first_loss": losses.first ?? 0, "final_loss": tail.isEmpty ? 0 : tail.reduce(0, +) / Double(tail.count),
                    "min_loss": losses.min() ?? 0,
                    "curve": Swift.stride(from: 0, to: points.count, by: stride).map { [points[$0].step, points[$0].loss] as [Any] }
                        + (points.last.map { [[$0.step, $0.loss] as [Any]] } ?? [])]
        }
    }

    /// Runs the trainer to its end (or to step `stop`), continuing `resuming` (the curve of a resumed run) and calling `save` every
    /// `saveEvery` seconds. A non-finite or exploding loss stops the run as a `RunFailure`.
    static func train(_ trainer: Trainer, phase: String, label: String, until stop: Int? = nil, resuming: Curve = Curve(),
                      saveEvery: TimeInterval = .infinity, save: (Curve) throws -> Void = { _ in },
                      report: Report) throws -> Curve {
        var curve = resuming
        let start = Date().addingTimeInterval(-resuming.seconds)
        var lastSave = Date()
        var smoothed: Double? = nil
        let total = trainer.settings.steps
        let startFraction = Double(resuming.points.last?.step ?? 0) / Double(max(1, total))
        try trainer.run(until: stop) { point in
            let loss = Double(point.loss)
            guard loss.isFinite, loss < 100 else {
                throw RunFailure("\(phase) loss diverged (\(loss) at step \(point.step) of \(total))")
            }
            curve.points.append((point.step, loss))
            curve.tokens += point.countedTokens
            smoothed = smoothed.map { 0.9 * $0 + 0.1 * loss } ?? loss
            let seconds = Date().timeIntervalSince(start)
            report(RunProgress(run: label, phase: phase, fraction: Double(point.step) / Double(total), loss: smoothed,
                               tokensPerSecond: seconds > 0 ? Double(curve.tokens) / seconds : nil, startFraction: startFraction))
            if Date().timeIntervalSince(lastSave) >= saveEvery && point.step < total {
                curve.seconds = seconds
                try save(curve)
                lastSave = Date()
            }
        }
        curve.seconds = Date().timeIntervalSince(start)
        return curve
    }
}
