import DataFiles
import Foundation

/// Everything a training run needs besides the model and the data. The defaults are the prototype's
/// pretraining recipe (PAPER.md); `TrainingSettings.sft` gives its fine-tuning recipe.
public struct TrainingSettings: Sendable, Equatable {
    /// Peak learning rate, reached after the warm-up.
    public var learningRate: Double = 3e-3
    public var warmupSteps: Int = 100
    /// The cosine decay ends at learningRate * floorFraction.
    public var floorFraction: Double = 0.1
    public var optimizer = AdamWSettings(beta1: 0.9, beta2: 0.95, weightDecay: 0.1)
    /// Global gradient-norm clipping threshold (nil: no clipping).
    public var clipNorm: Float? = 1
    /// Total optimizer steps of the run (see `steps(forEpochs:of:)`).
    public var steps: Int
    /// Seeds the data order (and, through the caller, the initial weights).
    public var seed: UInt64 = 0

    public init(steps: Int) { self.steps = steps }

    /// The prototype's SFT recipe: lr 5e-4, 10 warm-up steps, cosine to 0, no weight decay, clip 1.
    public static func sft(steps: Int) -> TrainingSettings {
        var s = TrainingSettings(steps: steps)
        s.learningRate = 5e-4
        s.warmupSteps = 10
        s.floorFraction = 0
        s.optimizer.weightDecay = 0
        return s
    }

    public var schedule: LRSchedule {
        LRSchedule(peak: learningRate, warmupSteps: warmupSteps, totalSteps: steps, floorFraction: floorFraction)
    }

    /// Steps for whole epochs over a batch source.
    public static func steps(forEpochs epochs: Int, of source: some BatchSource) -> Int { epochs * source.batchesPerEpoch }

    /// A hash of the settings that shape the loss curve, combined with the data's fingerprint: a checkpoint is
    /// resumed only by the run that wrote it.
    func fingerprint(data: UInt64) -> UInt64 {
        var hash = FNV1a64()
        let o = optimizer
        let text = "\(learningRate) \(warmupSteps) \(floorFraction) \(o.beta1) \(o.beta2) \(o.epsilon) \(o.weightDecay) "
            + "\(clipNorm.map { "\($0)" } ?? "none") \(steps) \(seed) \(data)"
        hash.add(Array(text.utf8))
        return hash.value
    }
}

/// One optimizer step of the loss curve.
public struct LossPoint: Sendable, Equatable {
    /// 1-based number of the step (the step count after it).
    public var step: Int
    public var epoch: Int
    public var learningRate: Double
    /// Mean cross-entropy over the batch's counted targets, before the update.
    public var loss: Float
    /// Global gradient norm before clipping.
    public var gradientNorm: Float
    /// Counted (loss-bearing) targets in the batch.
    public var countedTokens: Int
    /// Token positions the model processed (the batch's rows, each at its own length).
    public var processedTokens: Int

    /// The loss-curve CSV's header and one row.
    public static let csvHeader = ["step", "epoch", "lr", "loss", "grad_norm", "counted_tokens", "processed_tokens"]
    public var csvRow: [String] {
        [String(step), String(epoch), String(learningRate), String(loss), String(gradientNorm), String(countedTokens),
         String(processedTokens)]
    }
}

/// The training loop: batches from a `BatchSource`, forward with the masked loss, backward, AdamW with clipping at
/// the scheduled learning rate. Deterministic: the batch of step i is a function of (seed, i), so a run resumed
/// from a checkpoint with its AdamW moments continues exactly as an uninterrupted one.
public final class Trainer {
    public let model: GPT
    public let optimizer: AdamW
    public let settings: TrainingSettings
    public private(set) var source: any BatchSource
    /// Optimizer steps taken so far in this run.
    public var step: Int { optimizer.stepCount }
    private var batch: TokenBatch

    /// A trainer for `model` (already initialised or loaded) on `source`; `source` must batch at most
    /// `model.maxBatch` rows.
    public init(model: GPT, source: some BatchSource, settings: TrainingSettings) {
        self.model = model
        self.source = source
        self.settings = settings
        optimizer = AdamW(layout: model.layout, settings: settings.optimizer)
        batch = TokenBatch(rows: model.maxBatch, length: model.config.contextLength)
    }

    /// The run's identity for resuming: settings plus data.
    public var runFingerprint: UInt64 { settings.fingerprint(data: source.fingerprint) }

    /// Runs one optimizer step (the next one) and returns its loss-curve point.
    @discardableResult
    public func trainStep() -> LossPoint {
        let i = step
        let epoch = i / source.batchesPerEpoch
        source.fill(&batch, epoch: epoch, index: i % source.batchesPerEpoch)
        let loss = model.forward(inputs: batch.inputs, targets: batch.targets, mask: batch.mask, layout: batch.layout)
        model.zeroGrad()
        model.backward()
        let rate = settings.schedule.rate(at: i)
        let norm = optimizer.update(model, learningRate: Float(rate), clipNorm: settings.clipNorm)
        return LossPoint(step: i + 1, epoch: epoch, learningRate: rate, loss: loss, gradientNorm: norm,
                         countedTokens: batch.countedTargets, processedTokens: batch.layout.tokens)
    }

    /// Trains until `settings.steps` (or `stop` steps, if smaller), calling `after` with every point.
    public func run(until stop: Int? = nil, after: (LossPoint) throws -> Void = { _ in }) rethrows {
        let end = min(stop ?? settings.steps, settings.steps)
        while step < end { try after(trainStep()) }
    }

    /// The state to save: weights, and the AdamW moments unless `weightsOnly`.
    public func checkpoint(tokenizer: Tokenizer, note: String = "", weightsOnly: Bool = false) -> Checkpoint {
        Checkpoint(config: model.config, tokenizerFingerprint: tokenizer.fingerprint, step: step,
                   runFingerprint: runFingerprint, note: note, parameters: model.parameters.array,
                   moments: weightsOnly ? nil : (optimizer.m.array, optimizer.v.array))
    }

    /// Continues a run from its checkpoint: weights, moments and step. The checkpoint must come from this run
    /// (same model, data and settings) and hold the moments; `file` names it in errors.
    public func resume(from checkpoint: Checkpoint, file: String) throws {
        guard checkpoint.config == model.config else {
            throw InputError(file: file, "cannot resume: checkpoint model \(checkpoint.config.summary) differs from \(model.config.summary)")
        }
        guard checkpoint.runFingerprint == runFingerprint else {
            throw InputError(file: file, "cannot resume: the checkpoint was written by a run with other data or settings")
        }
        guard let moments = checkpoint.moments else {
            throw InputError(file: file, "cannot resume: the checkpoint holds no optimizer state (a finished run's weights)")
        }
        model.parameters.copy(from: checkpoint.parameters)
        optimizer.m.copy(from: moments.m)
        optimizer.v.copy(from: moments.v)
        optimizer.stepCount = checkpoint.step
    }
}

/// A progress line on standard error at most every `interval` seconds: step, epoch, loss, learning rate,
/// tokens/s (positions processed) and the estimated time left.
public struct ProgressReporter {
    let totalSteps: Int
    /// Seconds between lines; nil never prints (the counts are still kept).
    let interval: TimeInterval?
    let start = Date()
    let firstStep: Int
    var lastPrint = Date.distantPast
    var processed = 0
    var lossSum = 0.0, lossCount = 0

    public init(totalSteps: Int, firstStep: Int = 0, interval: TimeInterval? = 2) {
        self.totalSteps = totalSteps
        self.firstStep = firstStep
        self.interval = interval
    }

    /// Tokens per second so far.
    public var tokensPerSecond: Double { Double(processed) / max(Date().timeIntervalSince(start), 1e-9) }
    public var elapsed: TimeInterval { Date().timeIntervalSince(start) }

    /// Records a step; prints when the interval has passed or at the last step. The loss shown is the mean since
    /// the previous line.
    public mutating func record(_ point: LossPoint) {
        processed += point.processedTokens
        lossSum += Double(point.loss)
        lossCount += 1
        let now = Date()
        guard let interval, now.timeIntervalSince(lastPrint) >= interval || point.step == totalSteps else { return }
        lastPrint = now
        let seconds = now.timeIntervalSince(start)
        let done = point.step - firstStep
        let eta = done > 0 ? seconds / Double(done) * Double(totalSteps - point.step) : 0
        let line = "step \(point.step)/\(totalSteps)  epoch \(point.epoch)  loss \(fixed(lossSum / Double(lossCount), 4))"
            + "  lr \(scientific(point.learningRate))  \(Int(tokensPerSecond)) tok/s  ETA \(duration(eta))\n"
        StandardError.write(line)
        lossSum = 0
        lossCount = 0
    }
}

func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
func scientific(_ x: Double) -> String { String(format: "%.2e", x) }

/// `1h02m`, `3m05s`, `42s`.
func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
    if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
    return "\(s)s"
}
