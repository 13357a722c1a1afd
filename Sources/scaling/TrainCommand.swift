import Arguments
import DataFiles
import Foundation
import Grading
import MathTasks
import Metrics
import Transformer

/// `scaling train`: Train or fine-tune a small GPT on JSONL problems.
enum TrainCommand: Command {
    static let spec = CommandSpec(
        name: "train", abstract: "Train or fine-tune a small GPT on JSONL problems.",
        discussion: """
        Each record (GSM8K schema: question, answer) becomes the document <begin> question <sep> answer <end>
        (character tokens). Without --mask-prompt (pretraining) the documents are packed into windows of --ctx
        tokens and every token is a target; with --mask-prompt (SFT) each document is one row at its own length and only
        the answer and <end> are targets. Defaults follow the prototype's recipes: pretraining lr 3e-3, 100
        warm-up steps, cosine to 10%, weight decay 0.1; SFT lr 5e-4, 10 warm-up steps, cosine to 0, no weight
        decay, 3 epochs; both AdamW betas 0.9/0.95, clip 1.0, batch 16.

        Writes OUT (the final weights; intermediate saves every --save-every steps also hold the AdamW moments)
        and OUT's stem + .loss.csv (step, epoch, lr, loss, grad_norm, counted_tokens, processed_tokens).
        --resume continues from OUT when it exists, exactly as if never interrupted. With --eval, the model
        then answers the eval questions greedily (and --samples N times at --temperature) and the accuracy is
        printed, graded by --rule exactly as 'scaling eval' grades.
        """,
        options: [
            .option("data", "FILE", "training problems (JSONL, GSM8K schema)"),
            .option("out", "CKPT", "checkpoint to write"),
            .option("init", "CKPT", "start from these weights (e.g. a pretrained base for SFT); the model shape is theirs"),
            .option("d", "N", "model width (default: 64)"),
            .option("layers", "N", "transformer blocks (default: 2)"),
            .option("heads", "N", "attention heads (default: 4)"),
            .option("ctx", "N", "context length T (default: 352)"),
            .option("batch", "N", "sequences per step", default: "16"),
            .option("lr", "X", "peak learning rate (default: 3e-3, SFT 5e-4)"),
            .option("epochs", "N", "passes over the data (default: 1, SFT 3)"),
            .option("steps", "N", "optimizer steps (instead of --epochs)"),
            .option("warmup", "N", "linear warm-up steps (default: 100, SFT 10)"),
            .option("min-lr", "F", "cosine floor as a fraction of --lr (default: 0.1, SFT 0)"),
            .option("weight-decay", "X", "AdamW decoupled weight decay on matrices (default: 0.1, SFT 0)"),
            .option("clip", "X", "global gradient-norm clip, 0 for none", default: "1"),
            .option("seed", "N", "seed of the initial weights and the data order", default: "0"),
            .flag("mask-prompt", "SFT: loss on the answer only, one document per row (not padded)"),
            .option("save-every", "N", "also save a resumable checkpoint every N steps (0: only at the end)", default: "500"),
            .flag("resume", "continue from --out if it exists"),
            .option("stop-after", "N", "stop after step N with a resumable checkpoint (continue with --resume)"),
            .flag("unknown-to-unk", "map characters outside the vocabulary to <unk> instead of failing"),
            .option("threads", "N", "threads for OpenBLAS and the kernels", default: "2"),
            .option("eval", "FILE", "after training, answer these problems (JSONL) and print the accuracy"),
            .option("samples", "N", "with --eval: also draw N samples per question (Pass@N, PassRatio@N)", default: "0"),
            .option("temperature", "T", "with --samples: sampling temperature", default: "0.7"),
            .option("top-k", "K", "with --samples: sample among the K most likely tokens"),
            .option("rule", "standard|strict", "with --eval: how answers are read (as in 'scaling eval')", default: "standard"),
            .flag("quiet", "no progress line"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let usage = { (message: String) in UsageError(message, commandPath: arguments.commandPath) }
        func dimension(_ name: String) throws -> Int? { try arguments.int(name, in: OptionRange.dimension) }
        func count(_ name: String) throws -> Int? { try arguments.int(name, in: OptionRange.count) }
        let dataFile = try arguments.required("data"), output = try arguments.required("out")
        let sft = arguments.flag("mask-prompt")
        Threads.set(try arguments.int("threads", in: OptionRange.threads)!)

        let initial = try arguments.string("init").map { path in (checkpoint: try Checkpoint.load(path), file: path) }
        var config = try GPTConfig(vocabSize: Tokenizer().vocabularySize, contextLength: try dimension("ctx") ?? 352,
                                   width: try dimension("d") ?? 64, layers: try dimension("layers") ?? 2, heads: try dimension("heads") ?? 4)
        if let initial {
            let c = initial.checkpoint.config
            for (name, saved) in [("d", c.width), ("layers", c.layers), ("heads", c.heads), ("ctx", c.contextLength)] {
                if let value = try arguments.int(name), value != saved {
                    throw usage("option '--\(name) \(value)' differs from the --init checkpoint's \(saved)")
                }
            }
            config = c
        }

        var settings = sft ? TrainingSettings.sft(steps: 0) : TrainingSettings(steps: 0)
        // The same ranges as a study config's pretrain and sft fields.
        if let lr = try arguments.double("lr", in: 0...1, openLow: true) { settings.learningRate = lr }
        if let warmup = try arguments.int("warmup", in: 0...OptionRange.count.upperBound) { settings.warmupSteps = warmup }
        if let floor = try arguments.double("min-lr", in: 0...1) { settings.floorFraction = floor }
        if let decay = try arguments.double("weight-decay", in: 0...1) { settings.optimizer.weightDecay = Float(decay) }
        let clip = try arguments.double("clip", in: 0...1e6)!
        settings.clipNorm = clip > 0 ? Float(clip) : nil
        let seed = try arguments.seed("seed")!
        settings.seed = seed
        let length: TrainingJob.Length
        switch (try count("steps"), try count("epochs")) {
        case (.some, .some): throw usage("give --steps or --epochs, not both")
        case (let steps?, nil): length = .steps(steps)
        case (nil, let epochs?): length = .epochs(epochs)
        case (nil, nil): length = .epochs(sft ? 3 : 1)
        }

        // The evaluation's options and file are checked before training, so a bad one fails in a second, not after it.
        let samples = try arguments.int("samples", in: OptionRange.samples)!
        let temperature = try arguments.double("temperature", in: 0...100)!
        guard temperature > 0 || samples == 0 else { throw usage("option '--temperature' must be above 0 for sampling") }
        let topK = try arguments.int("top-k", in: OptionRange.dimension)
        let rule = try arguments.choice("rule", as: GradingRule.self)!
        let unknown: Tokenizer.Unknown = arguments.flag("unknown-to-unk") ? .mapToUnknown : .error
        let evalSet = try arguments.string("eval").map { try EvalSet(file: $0, unknown: unknown, context: config.contextLength) }

        let records = try loadRecords(dataFile)
        var job = TrainingJob(documents: records.map { .init(question: $0.record.question, solution: $0.record.answer, line: $0.line) },
                              dataFile: dataFile, maskQuestion: sft, config: config, batchRows: try dimension("batch")!,
                              length: length, settings: settings, output: output)
        job.initial = initial
        job.resume = arguments.flag("resume")
        job.saveEvery = try arguments.int("save-every", in: 0...OptionRange.count.upperBound)!
        job.stopAfter = try count("stop-after")
        job.unknown = unknown
        job.showProgress = !arguments.flag("quiet")
        job.samplesAfterwards = arguments.string("eval") != nil
        job.note = try JSONLines.line(["command": (["scaling"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                                       "tool": "scaling \(toolVersion)", "data": dataFile, "records": records.count])
        let report = try job.run()
        if report.stepsTaken == 0 {
            print("\(output): already trained (\(report.steps) steps); final loss \(format(report.finalLoss, 4))")
        } else {
            print("trained \(report.stepsTaken) steps (now at step \(report.step) of \(report.steps)) in \(format(report.seconds, 1)) s, "
                  + "\(Int(report.tokensPerSecond)) tokens/s; final loss \(format(report.finalLoss, 4)); wrote \(output), \(report.lossCurve)")
        }

        if let evalSet {
            try evaluate(report.model, set: evalSet, samples: samples, temperature: Float(temperature), topK: topK, seed: seed, rule: rule)
        }
    }

    /// Records with their JSONL line numbers.
    static func loadRecords(_ path: String) throws -> [(record: TaskRecord, line: Int)] {
        let lines = try JSONLines(parsing: try FileIO.readText(path), file: path)
        return try lines.records.map { (try TaskRecord(record: $0, file: path), $0.line) }
    }

    /// Greedy accuracy (and Pass@N, PassRatio@N with samples) on a JSONL file, graded by `rule` (the grading of
    /// `scaling eval` and the study) and summarised by `MetricsSummary`. An empty file or a reference without
    /// `#### N` is an error naming the file and line.
    /// The problems of an `--eval` file, read and checked before training starts.
    struct EvalSet {
        var file: String
        var references: [Reference]
        var prompts: [[Tokenizer.Token]]

        init(file: String, unknown: Tokenizer.Unknown, context: Int) throws {
            self.file = file
            let tokenizer = Tokenizer()
            let records = try loadRecords(file)
            guard !records.isEmpty else { throw InputError(file: file, "no problems to evaluate") }
            references = try records.map { r in
                do { return try Reference(r.record) } catch { throw InputError(file: file, line: r.line, "\(error)") }
            }
            prompts = try records.map { r in
                let prompt: [Tokenizer.Token]
                do { prompt = try tokenizer.encodePrompt(question: r.record.question, unknown: unknown) } catch let error as TokenizerError {
                    throw InputError(file: file, line: r.line, field: "question", "\(error)")
                }
                guard prompt.count < context else {
                    throw InputError(file: file, line: r.line, field: "question", "\(prompt.count) tokens leave no room to answer in the context of \(context)")
                }
                return prompt
            }
        }
    }

    static func evaluate(_ model: GPT, set: EvalSet, samples: Int, temperature: Float, topK: Int?, seed: UInt64, rule: GradingRule) throws {
        let tokenizer = Tokenizer()
        let (file, references, prompts) = (set.file, set.references, set.prompts)
        let sampler = Sampler(model: model)
        let maxNew = model.config.contextLength
        func graded(_ settings: SamplingSettings) throws -> [[GradedSample]] {
            let outputs = try sampler.generate(prompts: prompts, settings: settings)
            return zip(outputs, references).map { samples, reference in
                samples.map { grade(completion: tokenizer.decode($0.tokens), reference: reference, rule: rule) }
            }
        }
        let greedy = try graded(SamplingSettings(maxNewTokens: maxNew)).map(\.[0])
        let greedySpeed = Int(Double(sampler.generatedTokens) / max(sampler.seconds, 1e-9))
        let sampled = samples > 0 ? try graded(SamplingSettings(samplesPerPrompt: samples, temperature: temperature, topK: topK,
                                                                maxNewTokens: maxNew, seed: seed)) : references.map { _ in [] }
        let results = references.indices.map { i in
            QuestionResult(id: String(i), reference: references[i], samples: sampled[i], greedy: greedy[i])
        }
        let summary = MetricsSummary(results, bootstrapResamples: 0)
        let right = greedy.filter(\.correct).count
        print("eval \(file): greedy accuracy \(format(summary.greedyAccuracy?.value ?? 0, 3)) (\(right)/\(references.count), \(rule.rawValue) grading); "
              + "\(greedySpeed) tokens/s")
        if samples > 0, let pass = summary.passAtN, let ratio = summary.passRatio {
            print("eval \(file): pass@\(samples) \(format(pass.value, 3)), passratio@\(samples) \(format(ratio.value, 3)) at temperature \(temperature); "
                  + "\(Int(Double(sampler.generatedTokens) / max(sampler.seconds, 1e-9))) tokens/s")
        }
    }

    static func format(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}
