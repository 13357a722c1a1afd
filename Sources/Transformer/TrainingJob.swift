import DataFiles
import Foundation

/// One training run from documents to a checkpoint and its loss curve: what `scaling train` and the study
/// runner call. Pretraining packs the documents into windows with the loss on every token; SFT
/// (`maskQuestion`) pads one document per row with the loss on the solution only.
public struct TrainingJob {
    /// One training document, with the input line it came from (for error messages).
    public struct Document {
        public var question: String
        public var solution: String
        public var line: Int

        public init(question: String, solution: String, line: Int) {
            self.question = question
            self.solution = solution
            self.line = line
        }
    }

    /// How long to train.
    public enum Length: Equatable, Sendable {
        case steps(Int)
        case epochs(Int)
    }

    public var documents: [Document]
    /// The file the documents came from, named in errors.
    public var dataFile: String
    public var maskQuestion: Bool
    /// The model shape for a fresh model (ignored with `initial`, whose shape is used).
    public var config: GPTConfig
    /// Weights to start from (a pretrained base for SFT) and the file they came from.
    public var initial: (checkpoint: Checkpoint, file: String)?
    public var batchRows: Int
    public var length: Length
    /// Learning rate, schedule, AdamW, clipping and seed; `steps` is filled in from `length`.
    public var settings: TrainingSettings
    /// The checkpoint to write; the loss curve goes next to it (`lossCurvePath`).
    public var output: String
    /// Continue from `output` when it exists (a checkpoint of this same run).
    public var resume = false
    /// Also save (with the AdamW moments, for resuming) every this many steps; 0: only at the end.
    public var saveEvery = 0
    public var unknown: Tokenizer.Unknown = .error
    /// Free text stored in the checkpoint (by convention JSON: the command and settings).
    public var note = ""
    /// Print a progress line on standard error.
    public var showProgress = true
    /// The model will sample afterwards (`scaling train --eval`): its KV cache counts in the memory check.
    public var samplesAfterwards = false

    public init(documents: [Document], dataFile: String, maskQuestion: Bool, config: GPTConfig, batchRows: Int,
                length: Length, settings: TrainingSettings, output: String) {
        self.documents = documents
        self.dataFile = dataFile
        self.maskQuestion = maskQuestion
        self.config = config
        self.batchRows = batchRows
        self.length = length
        self.settings = settings
        self.output = output
    }

    /// Stop after this step with a resumable checkpoint (the schedule stays that of the whole run).
    public var stopAfter: Int?

    /// `model.ckpt` -> `model.loss.csv`.
    public static func lossCurvePath(for checkpoint: String) -> String {
        (checkpoint as NSString).deletingPathExtension + ".loss.csv"
    }

    /// What a finished run reports.
    public struct Report {
        public var model: GPT
        /// The step reached, the steps of the whole run, and the steps taken by this call.
        public var step: Int
        public var steps: Int
        public var stepsTaken: Int
        public var seconds: Double
        /// Token positions processed per second by this call.
        public var tokensPerSecond: Double
        /// Mean loss of the last (up to) 20 steps of the run.
        public var finalLoss: Double
        public var lossCurve: String
    }

    /// Trains, saves the final checkpoint (weights only) and the loss curve CSV, and returns the model.
    public func run() throws -> Report {
        let tokenizer = Tokenizer()
        let modelConfig = initial?.checkpoint.config ?? config
        if let initial { try initial.checkpoint.verify(tokenizer: tokenizer, file: initial.file) }
        let context = modelConfig.contextLength
        guard !documents.isEmpty else { throw InputError(file: dataFile, "no training documents") }
        guard batchRows >= 1 else { throw ToolError("batch size must be at least 1, got \(batchRows)") }
        // Before tokenizing or allocating anything: a model that cannot fit fails now, not in the allocator.
        var estimate = MemoryEstimate(modelConfig, batch: batchRows, sampling: samplesAfterwards)
        estimate.dataBytes = 8 * Double(documents.reduce(0) { $0 + $1.question.utf8.count + $1.solution.utf8.count + 3 })
        try estimate.check("a model of width \(modelConfig.width), \(modelConfig.layers) layers, context \(context) with batches of \(batchRows)")

        var sequences: [MaskedSequence] = []
        for d in documents {
            let sequence: MaskedSequence
            do {
                sequence = try MaskedSequence(question: d.question, solution: d.solution, maskQuestion: maskQuestion,
                                              tokenizer: tokenizer, unknown: unknown)
            } catch let error as TokenizerError {
                throw InputError(file: dataFile, line: d.line, "\(error) (use --unknown-to-unk to map it to <unk>)")
            }
            if maskQuestion && sequence.tokens.count > context + 1 {
                throw InputError(file: dataFile, line: d.line,
                                 "document has \(sequence.tokens.count) tokens, more than the context of \(context) holds (\(context + 1))")
            }
            sequences.append(sequence)
        }
        let source: any BatchSource = maskQuestion
            ? try SequenceBatches(sequences: sequences, context: context, rowsPerBatch: batchRows, shuffleSeed: settings.seed)
            : try PackedWindows(documents: sequences.map(\.tokens), context: context, rowsPerBatch: batchRows, seed: settings.seed)
        var settings = self.settings
        switch length {
        case .steps(let n): settings.steps = n
        case .epochs(let n): settings.steps = n * source.batchesPerEpoch
        }
        guard settings.steps >= 1 else { throw ToolError("the run has no steps (steps and epochs must be at least 1)") }

        let model = GPT(config: modelConfig, maxBatch: batchRows, seed: settings.seed)
        if let initial { model.parameters.copy(from: initial.checkpoint.parameters) }
        let trainer = Trainer(model: model, source: source, settings: settings)
        let curvePath = TrainingJob.lossCurvePath(for: output)
        var curve: [[String]] = []

        if resume, FileManager.default.fileExists(atPath: output) {
            let saved = try Checkpoint.load(output)
            try saved.verify(tokenizer: tokenizer, config: modelConfig, file: output)
            if saved.step == settings.steps && saved.runFingerprint == trainer.runFingerprint && saved.moments == nil {
                // A finished run: its weights are the result.
                model.parameters.copy(from: saved.parameters)
                curve = try TrainingJob.readCurve(curvePath, through: saved.step)
                return Report(model: model, step: saved.step, steps: settings.steps, stepsTaken: 0, seconds: 0, tokensPerSecond: 0,
                              finalLoss: TrainingJob.recentMean(curve), lossCurve: curvePath)
            }
            try trainer.resume(from: saved, file: output)
            curve = try TrainingJob.readCurve(curvePath, through: saved.step)
        }

        func save(final: Bool) throws {
            try trainer.checkpoint(tokenizer: tokenizer, note: note, weightsOnly: final).write(to: output)
            try FileIO.writeAtomically(CSVWriter.document(header: LossPoint.csvHeader, rows: curve), to: curvePath)
        }
        let firstStep = trainer.step
        var progress = ProgressReporter(totalSteps: settings.steps, firstStep: firstStep, interval: showProgress ? 2 : nil)
        try trainer.run(until: stopAfter) { point in
            curve.append(point.csvRow)
            progress.record(point)
            if saveEvery > 0 && point.step % saveEvery == 0 && point.step < settings.steps { try save(final: false) }
        }
        try save(final: trainer.step == settings.steps)
        return Report(model: model, step: trainer.step, steps: settings.steps, stepsTaken: trainer.step - firstStep, seconds: progress.elapsed,
                      tokensPerSecond: progress.tokensPerSecond, finalLoss: TrainingJob.recentMean(curve), lossCurve: curvePath)
    }

    /// The rows of an existing loss curve up to step `step` (a resumed run rewrites the rest).
    static func readCurve(_ path: String, through step: Int) throws -> [[String]] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let table = try CSVTable(parsing: try FileIO.readText(path), file: path)
        let column = try table.columnIndex("step")
        return table.rows.map(\.fields).filter { Int($0[column]).map { $0 <= step } ?? false }
    }

    /// Mean of the loss column over the last 20 rows.
    static func recentMean(_ curve: [[String]]) -> Double {
        let index = LossPoint.csvHeader.firstIndex(of: "loss")!
        let losses = curve.suffix(20).compactMap { Double($0[index]) }
        return losses.isEmpty ? .nan : losses.reduce(0, +) / Double(losses.count)
    }
}
